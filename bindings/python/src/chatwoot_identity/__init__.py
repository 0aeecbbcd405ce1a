"""Chatwoot identity validation: ``identifier_hash`` = lowercase hex HMAC-SHA256(secret,
identifier), computed by libchatwoot_identity through ctypes.

>>> import chatwoot_identity
>>> chatwoot_identity.identifier_hash("your-secret-token-for-hmac", "unique-identifier-of-the-user")
'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c'
"""

from ._explain import CandidateKind, Explanation, Verdict, explain
from ._key import IdentityKey
from ._library import fast_lib as _lib
from ._library import library_path
from ._oneshot import identifier_hash, verify
from ._render import Script, reset_script
from .errors import (
    BufferTooSmallError,
    EmptyIdentifierError,
    EmptySecretError,
    IdentityError,
    InternalError,
    InvalidFieldValueError,
    InvalidIdentifierError,
    InvalidJsonError,
    InvalidNonceError,
    InvalidOffsetsError,
    KeyClosedError,
    MissingContactFieldError,
    NotUnicodeError,
    NullPointerError,
    SecretWhitespaceError,
    UnknownFieldError,
)

__version__ = "0.1.0"


def library_version() -> str:
    """The version of the loaded libchatwoot_identity, e.g. "0.1.0"."""
    version: bytes = _lib.cw_version()
    return version.decode("ascii")


__all__ = [
    "BufferTooSmallError",
    "CandidateKind",
    "EmptyIdentifierError",
    "EmptySecretError",
    "Explanation",
    "IdentityError",
    "IdentityKey",
    "InternalError",
    "InvalidFieldValueError",
    "InvalidIdentifierError",
    "InvalidJsonError",
    "InvalidNonceError",
    "InvalidOffsetsError",
    "KeyClosedError",
    "MissingContactFieldError",
    "NotUnicodeError",
    "NullPointerError",
    "Script",
    "SecretWhitespaceError",
    "UnknownFieldError",
    "Verdict",
    "explain",
    "identifier_hash",
    "library_path",
    "library_version",
    "reset_script",
    "verify",
]
