"""explain(): names the most likely reason a hash does or does not match (a debugging aid).

Never decide a login with it: it is not constant-time. verify() is the production check.
"""

from __future__ import annotations

import enum
from ctypes import byref
from dataclasses import dataclass
from typing import Iterable

from ._abi import CANDIDATE_KINDS, VERDICTS
from ._inputs import Identifier, IdentifierHash, Secret, hash_bytes, identifier_bytes, secret_bytes
from ._library import fast_lib, slow_lib
from ._structs import Candidates, CExplanation, bytes_array
from .errors import error_for

_explain = slow_lib.cw_explain  # tries many candidate mistakes: not worth holding the GIL
_message = fast_lib.cw_verdict_message

# INT32_MIN is never a cw_verdict: the library answers it with its "unknown" sentence.
_UNKNOWN_CODE = -(2**31)


class Verdict(enum.Enum):
    """What :func:`explain` found. The value is the library's stable snake_case name
    (``cw_verdict_name``), so a logged verdict reads back with ``Verdict("uppercase_hex")``.
    The codes come from the generated ABI table (``_abi.py``).
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
    BLANK_HASH = "blank_hash"
    PADDED_SECRET = "padded_secret"
    NOT_HMAC = "not_hmac"
    TOKEN_AS_HASH = "token_as_hash"
    JS_ROUNDED_NUMBER = "js_rounded_number"
    OTHER_CANDIDATE = "other_candidate"
    #: A code this package does not know (from a newer library); Explanation.code keeps it.
    UNKNOWN = "unknown"

    @classmethod
    def from_code(cls, code: int) -> Verdict:
        """The member for a ``cw_verdict`` value; UNKNOWN for one this package does not know."""
        return _BY_CODE.get(code, cls.UNKNOWN)

    @property
    def code(self) -> int | None:
        """The library's ``cw_verdict`` value (fixed forever); None for UNKNOWN."""
        return VERDICTS.get(self.value)

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


# Only the header's verdicts get a code; a member missing from the header stays UNKNOWN's.
_BY_CODE = {code: Verdict(name) for name, code in VERDICTS.items()}


class CandidateKind(enum.Enum):
    """Which list held the candidate that reproduced the hash (``cw_candidate_kind``)."""

    NONE = "none"
    SECRET = "secret"
    IDENTIFIER = "identifier"


_KIND_BY_CODE = {code: CandidateKind(name) for name, code in CANDIDATE_KINDS.items()}


@dataclass(frozen=True)
class Explanation:
    """The answer of :func:`explain`: ``verdict`` (a :class:`Verdict`), ``code`` (the
    library's value, kept as returned, also for Verdict.UNKNOWN), ``message`` (the library's
    sentence), and for Verdict.OTHER_CANDIDATE which candidate matched: ``candidate_kind``
    (CandidateKind.SECRET or IDENTIFIER) and ``candidate_index`` (its position in
    ``other_secrets`` or ``other_identifiers``; None otherwise). Immutable; safe to log: it
    holds no secret, identifier, hash or candidate value.
    """

    verdict: Verdict
    code: int
    message: str
    candidate_kind: CandidateKind = CandidateKind.NONE
    candidate_index: int | None = None

    @classmethod
    def from_code(cls, code: int, kind: int = 0, index: int = 0) -> Explanation:
        """The library's explanation of a ``cw_verdict`` value, known to this package or not."""
        candidate_kind = _KIND_BY_CODE.get(kind, CandidateKind.NONE)
        return cls(Verdict.from_code(code), code, verdict_message(code), candidate_kind,
                   None if candidate_kind is CandidateKind.NONE else index)

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


def _list_of(values: Iterable[object], what: str) -> list[object]:
    if isinstance(values, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"{what} takes a list (or any iterable) of values, not a single value")
    return list(values)  # our own copy, read once


def explain(secret: Secret, identifier: Identifier, identifier_hash: IdentifierHash, *,
            other_secrets: Iterable[Secret] = (),
            other_identifiers: Iterable[Identifier] = ()) -> Explanation:
    """Why ``identifier_hash`` does or does not match ``identifier`` under ``secret``: the most
    likely mistake (uppercase hex, whitespace, a secret read with a newline, swapped
    arguments, base64, raw bytes, plain SHA-256, a token passed as the hash, a number rounded
    by JavaScript, another algorithm, a differently written identifier, ...).

    A debugging aid for logs and support: NOT constant-time, so never use it to decide a
    login; :func:`verify` is the only decision call.

    ``secret`` and ``identifier`` as for :func:`identifier_hash`; ``identifier_hash`` is
    hex text (str) or bytes (32 raw bytes give Verdict.RAW_DIGEST). ``other_secrets`` (the
    token before a rotation, another inbox's token) and ``other_identifiers`` (the user's
    email when the identifier is the id, or the reverse) are tried last; when one reproduces
    the hash the verdict is OTHER_CANDIDATE and the result says which (by position only).

    Raises EmptySecretError (empty or only whitespace) and EmptyIdentifierError; a secret
    with whitespace around it is the verdict SECRET_WHITESPACE, a malformed hash a verdict
    too. A wrong type raises TypeError (a None hash included), a str with a lone surrogate
    in a secret or identifier NotUnicodeError.
    """
    key = secret_bytes(secret)
    ident = identifier_bytes(identifier)
    candidate = hash_bytes(identifier_hash)  # a str with a surrogate is simply not hex
    if candidate is None:
        raise TypeError(
            "identifier_hash must be str (hex) or bytes, "
            f"not {type(identifier_hash).__name__}"
        )
    secrets = [secret_bytes(s) for s in _list_of(other_secrets, "other_secrets")]
    idents = [identifier_bytes(i, "other identifier")
              for i in _list_of(other_identifiers, "other_identifiers")]
    candidates = None
    if secrets or idents:
        candidates = Candidates(*bytes_array(secrets), *bytes_array(idents))
    out = CExplanation()
    status: int = _explain(key, len(key), ident, len(ident), candidate, len(candidate),
                           None if candidates is None else byref(candidates), byref(out))
    if status:
        raise error_for(status)
    return Explanation.from_code(out.verdict, out.candidate_kind, out.candidate_index)
