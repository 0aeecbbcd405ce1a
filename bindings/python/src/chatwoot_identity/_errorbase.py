"""The base classes of the package's errors, importable before the library is loaded."""

from __future__ import annotations


class IdentityError(ValueError):
    """Base class: the library refused the input. ``status`` is the ``cw_status`` code.

    The message is the library's own sentence for the status (``cw_status_message``); it
    never contains the secret or the identifier. ``index``, when set, is the position of
    the offending identifier in a batch.
    """

    status: int = 0
    status_name: str = ""

    def __init__(self, message: str | None = None, index: int | None = None) -> None:
        self.index = index
        if message is None:
            message = status_message(self.status)
            if index is not None:
                message = f"{message} (identifier at index {index})"
        super().__init__(message)


class LibraryLoadError(ImportError):
    """libchatwoot_identity could not be loaded: the message names each path tried, what
    is wrong with it and what to do. ``paths`` lists the paths tried, ``problems`` the
    reason for each."""

    def __init__(self, message: str, paths: tuple[str, ...] = (), problems: tuple[str, ...] = ()):
        super().__init__(message)
        self.paths = paths
        self.problems = problems


def status_message(status: int) -> str:
    """The library's English sentence for ``status``."""
    from ._library import fast_lib  # loaded by then: only raised after a library call

    message: bytes = fast_lib.cw_status_message(status)
    return message.decode("utf-8", "replace")
