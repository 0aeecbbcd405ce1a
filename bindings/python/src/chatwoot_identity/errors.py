"""One exception class per library status, all under :class:`IdentityError` (a ValueError).

The message is the library's own sentence for the status (``cw_status_message``); it
never contains the secret or the identifier.
"""

from __future__ import annotations

from ._library import fast_lib


class IdentityError(ValueError):
    """Base class: the library refused the input. ``status`` is the ``cw_status`` code."""

    status: int = 0
    status_name: str = ""

    def __init__(self, message: str | None = None) -> None:
        if message is None:
            message = status_message(self.status)
        super().__init__(message)


class NullPointerError(IdentityError):
    """A NULL pointer reached the library (a bug in the binding, never the caller's input)."""

    status, status_name = -1, "NULL_POINTER"


class EmptySecretError(IdentityError):
    """The secret is empty."""

    status, status_name = -2, "EMPTY_SECRET"


class SecretWhitespaceError(IdentityError):
    """The secret starts or ends with a space, tab, CR or LF (e.g. a newline from a file)."""

    status, status_name = -3, "SECRET_WHITESPACE"


class EmptyIdentifierError(IdentityError):
    """The identifier is empty. In a batch, ``index`` is the position of the first one."""

    status, status_name = -4, "EMPTY_IDENTIFIER"

    def __init__(self, message: str | None = None, index: int | None = None) -> None:
        self.index = index
        if message is None and index is not None:
            message = f"{status_message(self.status)} (identifier at index {index})"
        super().__init__(message)


class BufferTooSmallError(IdentityError):
    """The output buffer was too small (a bug in the binding)."""

    status, status_name = -5, "BUFFER_TOO_SMALL"


class InvalidOffsetsError(IdentityError):
    """Batch offsets were inconsistent (a bug in the binding)."""

    status, status_name = -6, "INVALID_OFFSETS"


class InternalError(IdentityError):
    """A bug inside the library (a panic caught at its boundary)."""

    status, status_name = -7, "INTERNAL_ERROR"


class NotUnicodeError(ValueError):
    """A str that is not valid Unicode (it holds a lone surrogate, e.g. from a
    ``surrogateescape`` decode), so it has no UTF-8 form to hash. Pass valid text, or the
    original bytes. A ValueError, as before this class existed; verify() returns False."""


_BY_STATUS: dict[int, type[IdentityError]] = {
    cls.status: cls
    for cls in (NullPointerError, EmptySecretError, SecretWhitespaceError, EmptyIdentifierError,
                BufferTooSmallError, InvalidOffsetsError, InternalError)
}


def status_message(status: int) -> str:
    """The library's English sentence for ``status``."""
    message: bytes = fast_lib.cw_status_message(status)
    return message.decode("utf-8", "replace")


def error_for(status: int) -> IdentityError:
    """The exception to raise for a non-OK status (unknown codes become a plain IdentityError)."""
    cls = _BY_STATUS.get(status)
    if cls is not None:
        return cls()
    err = IdentityError(status_message(status))
    err.status = status
    return err
