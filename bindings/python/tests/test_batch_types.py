"""The batch accepts exactly what the one-at-a-time call accepts, and hashes the same bytes.

No element is measured with len() or split by it: a subclass can make len() lie, and a
buffer of wide items (a ctypes array of arrays) has fewer items than bytes.
"""

import ctypes
import enum
from array import array

import pytest
from conftest import SECRET, reference

from chatwoot_identity import IdentityKey

TOKEN = SECRET.encode()


class LyingStr(str):
    def __len__(self):
        return 1

    def encode(self, *args, **kwargs):  # never consulted: the binding encodes the real text
        return b"not-what-was-passed"


class LyingBytes(bytes):
    def __len__(self):
        return 100


class LyingBytearray(bytearray):
    def __len__(self):
        return 0


class UserId(enum.IntEnum):
    ADMIN = 7


class Pretender:
    """Claims to be a str through __class__ (isinstance() believes it)."""

    __class__ = str  # type: ignore[assignment]


def hostile_values():
    char5 = (ctypes.c_char * 5)(*b"abcde")
    return [
        ("ctypes c_char array", char5),
        ("ctypes uint8 array", (ctypes.c_uint8 * 3)(1, 2, 3)),
        ("ctypes array of arrays", ((ctypes.c_char * 2) * 3)()),
        ("ctypes uint32 array", (ctypes.c_uint32 * 2)(1, 2)),
        ("array('B')", array("B", b"ab")),
        ("array('I')", array("I", [1, 2])),
        ("memoryview of ctypes arrays", memoryview(((ctypes.c_char * 2) * 3)(*[(ctypes.c_char * 2)(*b"xy")] * 3))),
        ("memoryview slice", memoryview(b"abcdef")[1:4]),
        ("str with a lying len", LyingStr("abc")),
        ("bytes with a lying len", LyingBytes(b"abc")),
        ("bytearray with a lying len", LyingBytearray(b"abc")),
        ("IntEnum", UserId.ADMIN),
        ("pretender", Pretender()),
        ("float", 1.5),
        ("bool", True),
        ("None", None),
        ("lone surrogate", "a\udcff"),
    ]


def outcome(call):
    try:
        return ("hash", call())
    except (TypeError, ValueError) as exc:
        return ("error", type(exc), str(exc).replace("identifier at index 0", "identifier"))


# The bytes a caller means by each accepted value (computed without the binding).
MEANT = {
    "memoryview of ctypes arrays": b"xyxyxy",
    "memoryview slice": b"bcd",
    "str with a lying len": b"abc",
    "bytes with a lying len": b"abc",
    "bytearray with a lying len": b"abc",
    "IntEnum": b"7",
}


@pytest.mark.parametrize(("name", "value"), hostile_values(), ids=[n for n, _ in hostile_values()])
def test_batch_and_single_calls_agree_on_every_type(name, value):
    key = IdentityKey(SECRET)
    single = outcome(lambda: key.identifier_hash(value))
    assert outcome(lambda: key.identifier_hashes([value])[0]) == single
    for batch in ([value, value], [value, "x"], [b"x", value], ["x", value]):
        result = outcome(lambda batch=batch: key.identifier_hashes(batch))
        if single[0] == "hash":
            assert result[0] == "hash"
            hashes = result[1]
            for item, got in zip(batch, hashes):
                if item is value:
                    assert got == single[1]
        else:
            assert result[0] == "error" and result[1] is single[1], (batch, result)
    if name in MEANT:
        assert single == ("hash", reference(TOKEN, MEANT[name]))
    else:
        assert single[0] == "error", f"{name} was hashed: {single}"
