"""explain(): names the most likely reason a hash does or does not match (a debugging aid).

Never decide a login with it: it is not constant-time. verify() is the production check.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ._inputs import Identifier, IdentifierHash, Secret, hash_bytes, identifier_bytes, secret_bytes
from ._library import fast_lib, slow_lib

_explain = slow_lib.cw_explain  # tries many candidate mistakes: not worth holding the GIL
_message = fast_lib.cw_verdict_message

# INT32_MIN is never a cw_verdict: the library answers it with its "unknown" sentence.
_UNKNOWN_CODE = -(2**31)


class Verdict(enum.Enum):
    """What :func:`explain` found. The value is the library's stable snake_case name
    (``cw_verdict_name``), so a logged verdict reads back with ``Verdict("uppercase_hex")``.
    Negative codes are inputs explain cannot use.
    """

    MATCH = "match"
    UPPERCASE_HEX = "uppercase_hex"
    HASH_WHITESPACE = "hash_whitespace"
    SECRET_WHITESPACE = "secret_whitespace"
    SWAPPED_ARGUMENTS = "swapped_arguments"
    HASH_IS_IDENTIFIER = "hash_is_identifier"
    IDENTIFIER_IS_HASH = "identifier_is_hash"
    BASE64 = "base64"
    RAW_DIGEST = "raw_digest"
    IDENTIFIER_FORMAT = "identifier_format"
    OTHER_ALGORITHM = "other_algorithm"
    NOT_HEX = "not_hex"
    WRONG_LENGTH = "wrong_length"
    MISMATCH = "mismatch"
    NULL_POINTER = "null_pointer"
    INVALID_SECRET = "invalid_secret"
    EMPTY_IDENTIFIER = "empty_identifier"
    INTERNAL_ERROR = "internal_error"
    #: A code this package does not know (from a newer library); Explanation.code keeps it.
    UNKNOWN = "unknown"

    @classmethod
    def from_code(cls, code: int) -> Verdict:
        """The member for a ``cw_verdict`` value; UNKNOWN for one this package does not know."""
        return _BY_CODE.get(code, cls.UNKNOWN)

    @property
    def code(self) -> int | None:
        """The library's ``cw_verdict`` value (fixed forever); None for UNKNOWN."""
        return _CODES.get(self.value)

    @property
    def message(self) -> str:
        """The library's English sentence: what happened and what to do."""
        code = self.code
        return verdict_message(_UNKNOWN_CODE if code is None else code)

    @property
    def is_match(self) -> bool:
        return self is Verdict.MATCH

    def __str__(self) -> str:
        return self.value


# The cw_verdict values of include/chatwoot_identity.h (fixed forever by the C ABI).
_CODES = {
    "match": 0, "uppercase_hex": 1, "hash_whitespace": 2, "secret_whitespace": 3,
    "swapped_arguments": 4, "hash_is_identifier": 5, "identifier_is_hash": 6, "base64": 7,
    "raw_digest": 8, "identifier_format": 9, "other_algorithm": 10, "not_hex": 11,
    "wrong_length": 12, "mismatch": 13,
    "null_pointer": -1, "invalid_secret": -2, "empty_identifier": -3, "internal_error": -4,
}
_BY_CODE = {code: Verdict(name) for name, code in _CODES.items()}


@dataclass(frozen=True)
class Explanation:
    """The answer of :func:`explain`: ``verdict`` (a :class:`Verdict`), ``code`` (the
    library's value, kept as returned, also for Verdict.UNKNOWN) and ``message`` (the
    library's sentence). Immutable; safe to log: it holds no secret, identifier or hash.
    """

    verdict: Verdict
    code: int
    message: str

    @classmethod
    def from_code(cls, code: int) -> Explanation:
        """The library's explanation of a ``cw_verdict`` value, known to this package or not."""
        return cls(Verdict.from_code(code), code, verdict_message(code))

    @property
    def is_match(self) -> bool:
        """Whether the hash matches (the only verdict under which Chatwoot accepts it)."""
        return self.verdict is Verdict.MATCH

    def __str__(self) -> str:
        return f"{self.verdict.value}: {self.message}"


def verdict_message(code: int) -> str:
    """The library's English sentence for a ``cw_verdict`` value (any value)."""
    message: bytes = _message(code)
    return message.decode("utf-8", "replace")


def explain(secret: Secret, identifier: Identifier, identifier_hash: IdentifierHash) -> Explanation:
    """Why ``identifier_hash`` does or does not match ``identifier`` under ``secret``: the most
    likely mistake (uppercase hex, whitespace, swapped arguments, base64, raw bytes, another
    algorithm, a differently written identifier, ...).

    A debugging aid for logs and support: NOT constant-time, so never use it to decide a
    login; :func:`verify` is the production check.

    ``secret`` and ``identifier`` as for :func:`identifier_hash`; ``identifier_hash`` is
    hex text (str) or bytes (32 raw bytes give Verdict.RAW_DIGEST). Bad values are verdicts,
    not errors (INVALID_SECRET, SECRET_WHITESPACE, EMPTY_IDENTIFIER, NOT_HEX, ...); only a
    wrong type raises TypeError (a None hash included), and a str with a lone surrogate in
    the secret or identifier raises ValueError, as identifier_hash does.
    """
    key = secret_bytes(secret)
    ident = identifier_bytes(identifier)
    candidate = hash_bytes(identifier_hash)  # a str with a surrogate is simply not hex
    if candidate is None:
        raise TypeError(
            "identifier_hash must be str (hex) or bytes, "
            f"not {type(identifier_hash).__name__}"
        )
    code: int = _explain(key, len(key), ident, len(ident), candidate, len(candidate))
    return Explanation.from_code(code)
