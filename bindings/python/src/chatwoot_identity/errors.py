"""One exception class per library status, all under :class:`IdentityError` (a ValueError).

The message is the library's own sentence for the status (``cw_status_message``); it
never contains the secret or the identifier.
"""

from __future__ import annotations

from ._abi import STATUSES
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

    status_name = "NULL_POINTER"
    status = STATUSES[status_name.lower()]


class EmptySecretError(IdentityError):
    """The secret is empty (for explain: empty or only whitespace)."""

    status_name = "EMPTY_SECRET"
    status = STATUSES[status_name.lower()]


class SecretWhitespaceError(IdentityError):
    """The secret starts or ends with a space, tab, CR or LF (e.g. a newline from a file)."""

    status_name = "SECRET_WHITESPACE"
    status = STATUSES[status_name.lower()]


class EmptyIdentifierError(IdentityError):
    """The identifier is empty. In a batch, ``index`` is the position of the first one."""

    status_name = "EMPTY_IDENTIFIER"
    status = STATUSES[status_name.lower()]

    def __init__(self, message: str | None = None, index: int | None = None) -> None:
        self.index = index
        if message is None and index is not None:
            message = f"{status_message(self.status)} (identifier at index {index})"
        super().__init__(message)


class BufferTooSmallError(IdentityError):
    """The output buffer was too small (a bug in the binding)."""

    status_name = "BUFFER_TOO_SMALL"
    status = STATUSES[status_name.lower()]


class InvalidOffsetsError(IdentityError):
    """Batch offsets were inconsistent (a bug in the binding)."""

    status_name = "INVALID_OFFSETS"
    status = STATUSES[status_name.lower()]


class InternalError(IdentityError):
    """A bug inside the library (a panic caught at its boundary)."""

    status_name = "INTERNAL_ERROR"
    status = STATUSES[status_name.lower()]


class InvalidIdentifierError(IdentityError):
    """The identifier cannot be rendered (bytes that are not UTF-8)."""

    status_name = "INVALID_IDENTIFIER"
    status = STATUSES[status_name.lower()]


class InvalidJsonError(IdentityError):
    """The user's fields did not reach the library as one JSON object (a bug in the binding)."""

    status_name = "INVALID_JSON"
    status = STATUSES[status_name.lower()]


class UnknownFieldError(IdentityError):
    """A field Chatwoot does not accept for a contact (the message lists the allowed ones)."""

    status_name = "UNKNOWN_FIELD"
    status = STATUSES[status_name.lower()]


class InvalidFieldValueError(IdentityError):
    """A field of the wrong type, e.g. a number as ``name`` or a list in ``custom_attributes``."""

    status_name = "INVALID_FIELD_VALUE"
    status = STATUSES[status_name.lower()]


class MissingContactFieldError(IdentityError):
    """None of ``name``, ``email``, ``avatar_url``: the widget's setUser would throw."""

    status_name = "MISSING_CONTACT_FIELD"
    status = STATUSES[status_name.lower()]


class InvalidNonceError(IdentityError):
    """The CSP nonce holds characters other than base64 or base64url ones."""

    status_name = "INVALID_NONCE"
    status = STATUSES[status_name.lower()]


class KeyClosedError(ValueError):
    """The :class:`IdentityKey` was closed (by :meth:`IdentityKey.close` or its ``with``
    block) before or during this call. A ValueError, as closed files raise."""

    def __init__(self, message: str = "this IdentityKey is closed") -> None:
        super().__init__(message)


class NotUnicodeError(ValueError):
    """A str that is not valid Unicode (it holds a lone surrogate, e.g. from a
    ``surrogateescape`` decode), so it has no UTF-8 form to hash. Pass valid text, or the
    original bytes. A ValueError, as before this class existed; verify() returns False."""


_BY_STATUS: dict[int, type[IdentityError]] = {
    cls.status: cls
    for cls in (NullPointerError, EmptySecretError, SecretWhitespaceError, EmptyIdentifierError,
                BufferTooSmallError, InvalidOffsetsError, InternalError, InvalidIdentifierError,
                InvalidJsonError, UnknownFieldError, InvalidFieldValueError,
                MissingContactFieldError, InvalidNonceError)
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
