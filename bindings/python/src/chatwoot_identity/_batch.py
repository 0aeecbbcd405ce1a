"""Packs many identifiers into the batch call's layout: their bytes back to back, plus
``count + 1`` offsets (a size_t array), built with C-speed loops where possible."""

from __future__ import annotations

from array import array
from ctypes import Array, c_char, c_size_t, sizeof
from itertools import accumulate, repeat
from operator import getitem
from typing import Iterable, Sequence

from ._args import HASH_LEN
from ._inputs import Identifier, identifier_bytes

_CHUNK = 4096
_SLICES = tuple(slice(i, i + HASH_LEN) for i in range(0, _CHUNK * HASH_LEN, HASH_LEN))

# The array typecode whose items are exactly a size_t, so the library reads it in place.
_SIZE_T_CODE = next(code for code in "LQI" if array(code).itemsize == sizeof(c_size_t))


def encode_batch(identifiers: Iterable[Identifier]) -> tuple[bytes, array[int], int]:
    """(all identifiers' bytes back to back, count + 1 offsets, count)."""
    # Our own list, read once: the caller's iterator or list may change while we encode.
    items = list(identifiers)
    joined, offsets = _fast_join(items)
    if offsets is None:
        parts = _encode_each(items)
        joined, offsets = _join_bytes(parts), _offsets(parts)
    return joined, offsets, len(items)


def _join_bytes(parts: list[bytes]) -> bytes:
    # b"".join first allocates a buffer descriptor (~80 bytes) per element: 80 MB for a
    # million. Joining slices of 4096 reuses a small one and runs twice as fast.
    join = b"".join
    if len(parts) <= _CHUNK:
        return join(parts)
    return join([join(parts[i:i + _CHUNK]) for i in range(0, len(parts), _CHUNK)])


def _offsets(parts: Sequence[Identifier]) -> array[int]:
    return array(_SIZE_T_CODE, accumulate(map(len, parts), initial=0))  # type: ignore[arg-type]


def _fast_join(items: list[Identifier]) -> tuple[bytes, array[int] | None]:
    """C-speed joins for the common lists: all exactly str and ASCII, or all exactly bytes.

    Exact types only: a subclass's len() may lie, and other buffers (a ctypes array of
    arrays, array('I')) have fewer items than bytes, so their offsets would split the
    joined bytes in the wrong places. Anything else goes through identifier_bytes, like a
    single call.
    """
    kinds = set(map(type, items))
    if kinds == {str}:
        # User ids, emails, UUIDs: one join, one encode, and for ASCII the byte lengths are
        # the str lengths. isascii() is O(1) on a str.
        text = "".join(items)  # type: ignore[arg-type]
        if text.isascii():
            return text.encode("ascii"), _offsets(items)
    elif kinds == {bytes}:
        return _join_bytes(items), _offsets(items)  # type: ignore[arg-type]
    return b"", None


def _encode_each(items: list[Identifier]) -> list[bytes]:
    parts: list[bytes] = []
    append = parts.append
    try:
        for item in items:
            append(item.encode() if type(item) is str else identifier_bytes(item))
    except (TypeError, ValueError):
        pass  # re-raised below with the index, outside this block (nothing chained)
    else:
        return parts
    index = len(parts)
    identifier_bytes(items[index], f"identifier at index {index}")  # raises the error
    raise AssertionError("unreachable")  # pragma: no cover


def split_hashes(out: Array[c_char]) -> list[str]:
    """The batch output (64 hex characters per hash, back to back) as a list of str.

    Decoded a slice at a time: each slice's str stays in the CPU cache while it is cut
    into hashes, instead of a 64 MB str for a million hashes that is written then read.
    """
    hashes: list[str] = []
    view = memoryview(out)
    step = _CHUNK * HASH_LEN
    for start in range(0, len(out), step):
        text = str(view[start:start + step], "ascii")
        # map() cuts in C with slice objects made once, at import: one new object per hash.
        hashes += map(getitem, repeat(text, len(text) // HASH_LEN), _SLICES)
    return hashes
