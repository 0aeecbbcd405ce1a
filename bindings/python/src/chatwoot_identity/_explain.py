"""explain(): names the most likely reason a hash does or does not match (a debugging aid).

Never decide a login with it: it is not constant-time. verify() is the production check.
"""

from __future__ import annotations

from ctypes import byref
from dataclasses import dataclass
from typing import Iterable

from ._abi import CANDIDATE_KINDS
from ._enumbase import verdict_message
from ._enums import CandidateKind, Verdict
from ._inputs import (
    Identifier,
    IdentifierHash,
    Secret,
    hash_bytes,
    identifier_bytes,
    scrubbed,
    secret_bytes,
)
from ._library import slow_lib
from ._structs import Bytes, Candidates, CExplanation
from .errors import error_for

_explain = slow_lib.cw_explain  # tries many candidate mistakes: not worth holding the GIL

_KIND_BY_CODE = {code: CandidateKind(name) for name, code in CANDIDATE_KINDS.items()}


def bytes_array(items: list[bytes]) -> tuple[object, int]:
    """A ``cw_bytes`` array over ``items`` (the bytes objects must outlive the call)."""
    array = (Bytes * len(items))(*(Bytes(item, len(item)) for item in items))
    return array, len(items)


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
    try:
        key = secret_bytes(secret)
        ident = identifier_bytes(identifier)
        candidate = hash_bytes(identifier_hash)  # a str with a surrogate is simply not hex
        if candidate is None:
            raise TypeError(
                "identifier_hash must be str (hex) or bytes, "
                f"not {type(identifier_hash).__name__}"
            )
        # Bad entries are named by their position only: the value may be a secret.
        secrets = [secret_bytes(s, f"other_secrets[{i}]")
                   for i, s in enumerate(_list_of(other_secrets, "other_secrets"))]
        idents = [identifier_bytes(v, f"other_identifiers[{i}]")
                  for i, v in enumerate(_list_of(other_identifiers, "other_identifiers"))]
        candidates = None
        if secrets or idents:
            candidates = Candidates(*bytes_array(secrets), *bytes_array(idents))
        out = CExplanation()
        status: int = _explain(key, len(key), ident, len(ident), candidate, len(candidate),
                               None if candidates is None else byref(candidates), byref(out))
        if status:
            raise error_for(status)
        return Explanation.from_code(out.verdict, out.candidate_kind, out.candidate_index)
    except BaseException as exc:  # noqa: BLE001  (re-raised, without the frames)
        # Out of the traceback's frame locals: every secret this call received.
        secret = key = other_secrets = secrets = candidates = None  # type: ignore[assignment]  # out of the frame locals
        identifier_hash = candidate = None  # type: ignore[assignment]  # a hash made from the secret
        raise scrubbed(exc) from None
