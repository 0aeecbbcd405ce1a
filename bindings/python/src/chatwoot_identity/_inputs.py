"""Turns what users pass (str, bytes, int) into the exact bytes the library hashes.

The hot paths inline the ``str`` case and call these only for other types, so these
functions also own every error message about types. No message quotes the value: it
may be a secret.
"""

from __future__ import annotations

from typing import Union

Secret = Union[str, bytes, bytearray, memoryview]
Identifier = Union[str, bytes, bytearray, memoryview, int]
IdentifierHash = Union[str, bytes]

_BYTES_LIKE = (bytes, bytearray, memoryview)


def not_utf8(what: str) -> ValueError:
    """The error for a str with a lone surrogate. Raise it outside any ``except`` block:
    the original UnicodeEncodeError quotes the offending character, which could be part
    of a secret, and would otherwise travel along as ``__context__``."""
    return ValueError(
        f"{what} is a str that cannot be encoded as UTF-8 (it contains a lone surrogate); "
        "pass valid text or bytes"
    )


def unencodable(secret: object, identifier: object) -> ValueError:
    """Which of the two arguments could not be encoded (for the inlined hot paths)."""
    if isinstance(secret, str):
        try:
            secret.encode("utf-8")
        except UnicodeEncodeError:
            return not_utf8("secret")
    return not_utf8("identifier")


def _utf8(value: str, what: str) -> bytes:
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError:
        pass
    raise not_utf8(what)


def secret_bytes(secret: object) -> bytes:
    """The secret's bytes: a str is UTF-8 encoded, bytes-like objects are taken as they are."""
    if isinstance(secret, str):
        return _utf8(secret, "secret")
    if isinstance(secret, _BYTES_LIKE):
        return bytes(secret)
    raise TypeError(
        f"secret must be str or bytes (the inbox's HMAC token), not {type(secret).__name__}"
    )


def identifier_bytes(identifier: object, what: str = "identifier") -> bytes:
    """The identifier's bytes: str as UTF-8, bytes as is, int as its decimal digits.

    An int is hashed as its decimal string, exactly like Chatwoot's server does with
    ``identifier.to_s``. bool is refused even though it is an int: True would become "True"
    or "1" depending on the language, and is almost certainly a bug in the caller.
    """
    if isinstance(identifier, str):
        return _utf8(identifier, what)
    if isinstance(identifier, _BYTES_LIKE):
        return bytes(identifier)
    if isinstance(identifier, int) and not isinstance(identifier, bool):
        return int.__repr__(identifier).encode("ascii")  # plain digits, also for IntEnum
    raise TypeError(
        f"{what} must be str, bytes or int (the user's id as Chatwoot stores it), "
        f"not {type(identifier).__name__}"
    )


def hash_bytes(identifier_hash: object) -> bytes | None:
    """The candidate hash's bytes, or None when it cannot be a hash (verify then says False).

    A request field that is missing (None) or of the wrong type is untrusted input, so
    verify fails closed instead of raising.
    """
    if isinstance(identifier_hash, str):
        # surrogatepass never raises; such bytes simply do not match.
        return identifier_hash.encode("utf-8", "surrogatepass")
    if isinstance(identifier_hash, _BYTES_LIKE):
        return bytes(identifier_hash)
    return None
