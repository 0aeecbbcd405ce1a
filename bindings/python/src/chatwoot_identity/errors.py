"""One exception class per library status (generated from the header into ``_errors.py``),
all under :class:`IdentityError` (a ValueError), plus the binding's own errors.

The message is the library's own sentence for the status (``cw_status_message``); it
never contains the secret or the identifier.
"""

from __future__ import annotations

from . import _errors
from ._errorbase import IdentityError, LibraryLoadError, status_message
from ._errors import *
from ._errors import BY_STATUS


class KeyClosedError(ValueError):
    """The :class:`IdentityKey` was closed (by :meth:`IdentityKey.close` or its ``with``
    block) before or during this call. A ValueError, as closed files raise."""

    def __init__(self, message: str = "this IdentityKey is closed") -> None:
        super().__init__(message)


class NotUnicodeError(ValueError):
    """A str that is not valid Unicode (it holds a lone surrogate, e.g. from a
    ``surrogateescape`` decode), so it has no UTF-8 form to hash. Pass valid text, or the
    original bytes. A ValueError, as before this class existed; verify() returns False."""


# Tracebacks name them where users import them from.
for _cls in (IdentityError, LibraryLoadError, *BY_STATUS.values()):
    _cls.__module__ = __name__


def error_for(status: int) -> IdentityError:
    """The exception to raise for a non-OK status (unknown codes become a plain IdentityError)."""
    cls = BY_STATUS.get(status)
    if cls is not None:
        return cls()
    err = IdentityError(status_message(status))
    err.status = status
    return err


# What the package exports (error_for and status_message stay reachable as errors.*).
__all__ = ["IdentityError", "KeyClosedError", "LibraryLoadError", "NotUnicodeError"]
__all__ += _errors.__all__
