"""identifier_hash() and verify(): one call each, for code that hashes now and then.

For many hashes under one secret, IdentityKey is faster (the secret is prepared once).
"""

from __future__ import annotations

from ._args import OUT_LEN, SIZES, SMALL, HashBuffer
from ._inputs import (
    Identifier,
    Secret,
    hash_bytes,
    identifier_bytes,
    scrubbed,
    secret_bytes,
    unencodable,
)
from ._library import fast_lib
from .errors import NotUnicodeError, error_for

_hash = fast_lib.cw_identifier_hash
_verify = fast_lib.cw_verify


def identifier_hash(secret: Secret, identifier: Identifier) -> str:
    """The ``identifier_hash`` Chatwoot expects: lowercase hex HMAC-SHA256(secret, identifier).

    ``secret`` is the inbox's HMAC token (str or bytes); ``identifier`` is the user's id
    (str as UTF-8, bytes as is, int as its decimal digits). Raises TypeError for other
    types and an IdentityError subclass for values the library refuses (an empty or
    whitespace-padded secret, an empty identifier).
    """
    # str and bytes are inlined (what almost every caller passes); try/else costs nothing.
    try:
        try:
            key = (secret.encode() if type(secret) is str else secret if type(secret) is bytes
                   else secret_bytes(secret))
            ident = (identifier.encode() if type(identifier) is str
                     else identifier if type(identifier) is bytes else identifier_bytes(identifier))
        except UnicodeEncodeError:
            pass  # raised below, outside this block, so the offending character is not chained
        else:
            out = HashBuffer()
            n, m = len(key), len(ident)
            status = _hash(key, SIZES[n] if n < SMALL else n, ident, SIZES[m] if m < SMALL else m,
                           out, OUT_LEN)
            if status:
                raise error_for(status)
            result: str = out.raw.decode()
            return result
        raise unencodable(secret, identifier)
    except BaseException as exc:  # noqa: BLE001  (re-raised, without the frames)
        secret = key = None  # type: ignore[assignment]  # out of the traceback's frame locals
        raise scrubbed(exc) from None


def verify(secret: Secret, identifier: Identifier, identifier_hash: object) -> bool:
    """Whether ``identifier_hash`` is exactly the hash for ``identifier`` under ``secret``.

    Compared in constant time by the library. Fails closed: False for a wrong, malformed,
    uppercase or missing (None) hash, an empty or whitespace-padded secret, an empty
    identifier and text that is not valid UTF-8. A secret or identifier of the wrong type
    still raises TypeError (a bug in the caller's code, not bad input).
    """
    try:
        try:
            key = (secret.encode() if type(secret) is str else secret if type(secret) is bytes
                   else secret_bytes(secret))
            ident = (identifier.encode() if type(identifier) is str
                     else identifier if type(identifier) is bytes else identifier_bytes(identifier))
        except (UnicodeEncodeError, NotUnicodeError):  # a lone surrogate: it matches nothing
            # (Only these: an exception raised by a signal handler running here is the caller's.)
            return False
        candidate = (identifier_hash.encode("utf-8", "surrogatepass")
                     if type(identifier_hash) is str else hash_bytes(identifier_hash))
        if candidate is None:
            return False
        n, m, h = len(key), len(ident), len(candidate)
        ok: bool = _verify(key, SIZES[n] if n < SMALL else n, ident, SIZES[m] if m < SMALL else m,
                           candidate, SIZES[h] if h < SMALL else h)
        return ok
    except BaseException as exc:  # noqa: BLE001  (re-raised, without the frames)
        secret = key = None  # type: ignore[assignment]  # out of the traceback's frame locals
        raise scrubbed(exc) from None
