"""The C ABI's structs (include/chatwoot_identity.h), field for field."""

from __future__ import annotations

from ctypes import POINTER, Structure, c_char_p, c_int32, c_size_t


class Bytes(Structure):
    """``cw_bytes``: a pointer and a length (not NUL-terminated)."""

    _fields_ = (("ptr", c_char_p), ("len", c_size_t))


class Candidates(Structure):
    """``cw_candidates``: other secrets and identifiers for explain to try."""

    _fields_ = (
        ("secrets", POINTER(Bytes)),
        ("secrets_count", c_size_t),
        ("identifiers", POINTER(Bytes)),
        ("identifiers_count", c_size_t),
    )


class CExplanation(Structure):
    """``cw_explanation``: what explain found."""

    _fields_ = (("verdict", c_int32), ("candidate_kind", c_int32), ("candidate_index", c_size_t))


def bytes_array(items: list[bytes]) -> tuple[object, int]:
    """A ``cw_bytes`` array over ``items`` (the bytes objects must outlive the call)."""
    array = (Bytes * len(items))(*(Bytes(item, len(item)) for item in items))
    return array, len(items)
