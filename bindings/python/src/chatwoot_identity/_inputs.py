"""Turns what users pass (str, bytes, int) into the exact bytes the library hashes.

The hot paths inline the ``str`` case and call these only for other types, so these
functions also own every error message about types. No message quotes the value: it
may be a secret.
"""

from __future__ import annotations

from typing import Union

from .errors import NotUnicodeError

Secret = Union[str, bytes, bytearray, memoryview]
Identifier = Union[str, bytes, bytearray, memoryview, int]
IdentifierHash = Union[str, bytes]


def not_utf8(what: str) -> NotUnicodeError:
    """The error for a str with a lone surrogate. Raise it outside any ``except`` block:
    the original UnicodeEncodeError quotes the offending character, which could be part
    of a secret, and would otherwise travel along as ``__context__``."""
    return NotUnicodeError(
        f"{what} is a str that cannot be encoded as UTF-8 (it contains a lone surrogate); "
        "pass valid text or bytes"
    )


def unencodable(secret: object, identifier: object) -> NotUnicodeError:
    """Which of the two arguments could not be encoded (for the inlined hot paths)."""
    if issubclass(type(secret), str):
        try:
            str.encode(secret, "utf-8")  # type: ignore[arg-type]
        except UnicodeEncodeError:
            return not_utf8("secret")
    return not_utf8("identifier")


# Every check below looks at type(value), never isinstance(): isinstance() also believes an
# object's __class__ attribute, which any object can set. Subclasses are read through the
# base type's own methods (str.encode, int.__repr__), so an overridden encode(), __len__ or
# __class__ never decides what is hashed.

def _utf8(value: str, what: str) -> bytes:
    try:
        return str.encode(value, "utf-8")
    except UnicodeEncodeError:
        pass
    del value
    raise not_utf8(what)


def _bytes_like(value: object) -> bytes | None:
    kind = type(value)
    if kind is bytes:
        return value  # type: ignore[return-value]
    if issubclass(kind, (bytes, bytearray)):
        return bytes(memoryview(value))  # type: ignore[arg-type]  # the real bytes, once
    if kind is memoryview:
        return value.tobytes()  # type: ignore[attr-defined,no-any-return]
    return None


def secret_bytes(secret: object, what: str = "secret") -> bytes:
    """The secret's bytes: a str is UTF-8 encoded, bytes-like objects are taken as they are."""
    if issubclass(type(secret), str):
        return _utf8(secret, what)  # type: ignore[arg-type]
    data = _bytes_like(secret)
    if data is not None:
        return data
    kind = type(secret).__name__
    del secret  # not in this frame's locals when a traceback is formatted with them
    raise TypeError(f"{what} must be str or bytes (the inbox's HMAC token), not {kind}")


def scrubbed(exc: BaseException) -> BaseException:
    """``exc`` without its traceback and chained exceptions, for re-raising from a function
    that received a secret: the frames it passed through hold the secret in their locals,
    which ``traceback`` shows with ``capture_locals=True`` (and debuggers, Sentry, ...).
    The caller clears its own locals before raising it again."""
    exc.__traceback__ = None
    exc.__context__ = None
    exc.__cause__ = None
    exc.__suppress_context__ = True
    return exc


def identifier_bytes(identifier: object, what: str = "identifier") -> bytes:
    """The identifier's bytes: str as UTF-8, bytes as is, int as its decimal digits.

    An int is hashed as its decimal string, exactly like Chatwoot's server does with
    ``identifier.to_s``. bool is refused even though it is an int: True would become "True"
    or "1" depending on the language, and is almost certainly a bug in the caller.
    Other buffers (array.array, ctypes arrays, mmap) are refused: their items need not be
    bytes; wrap one in memoryview() to hash its raw bytes on purpose.
    """
    kind = type(identifier)
    if issubclass(kind, str):
        return _utf8(identifier, what)  # type: ignore[arg-type]
    data = _bytes_like(identifier)
    if data is not None:
        return data
    if issubclass(kind, int) and not issubclass(kind, bool):
        return int.__repr__(identifier).encode("ascii")  # type: ignore[arg-type]  # plain digits, also for IntEnum
    raise TypeError(
        f"{what} must be str, bytes or int (the user's id as Chatwoot stores it), "
        f"not {kind.__name__}"
    )


def hash_bytes(identifier_hash: object) -> bytes | None:
    """The candidate hash's bytes, or None when it cannot be a hash (verify then says False).

    A request field that is missing (None) or of the wrong type is untrusted input, so
    verify fails closed instead of raising.
    """
    if issubclass(type(identifier_hash), str):
        # surrogatepass never raises; such bytes simply do not match.
        return str.encode(identifier_hash, "utf-8", "surrogatepass")  # type: ignore[arg-type]
    return _bytes_like(identifier_hash)
