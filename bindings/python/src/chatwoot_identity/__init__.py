"""Chatwoot identity validation: ``identifier_hash`` = lowercase hex HMAC-SHA256(secret,
identifier), computed by libchatwoot_identity through ctypes.

>>> import chatwoot_identity
>>> chatwoot_identity.identifier_hash("your-secret-token-for-hmac", "unique-identifier-of-the-user")
'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c'
"""

from . import errors
from ._enums import CandidateKind, Verdict
from ._explain import Explanation, explain
from ._key import IdentityKey
from ._library import fast_lib as _lib
from ._library import library_path
from ._oneshot import identifier_hash, verify
from ._render import Script, reset_script
from .errors import *

__version__ = "0.1.0"


def library_version() -> str:
    """The version of the loaded libchatwoot_identity, e.g. "0.1.0"."""
    version: bytes = _lib.cw_version()
    return version.decode("ascii")


__all__ = [
    "CandidateKind",
    "Explanation",
    "IdentityKey",
    "Script",
    "Verdict",
    "explain",
    "identifier_hash",
    "library_path",
    "library_version",
    "reset_script",
    "verify",
]
__all__ += errors.__all__
