"""The page snippets: the set-user ``<script>``, the SPA payload and the logout script.

Thin over the library's renderer: the fields travel as one JSON object (Python's json), the
identifier as UTF-8 bytes; the library validates, hashes, escapes and writes the output.
"""

from __future__ import annotations

import json
from ctypes import byref, c_size_t, create_string_buffer
from typing import Any, Callable

from ._inputs import not_utf8
from ._library import fast_lib
from .errors import BufferTooSmallError, EmptyIdentifierError, InvalidFieldValueError, error_for

_reset = fast_lib.cw_reset_script

# Enough for a typical script (about 600 bytes plus the fields), so one call usually does.
_FIRST_CAP = 1024


class Script(str):
    """Ready-to-embed HTML (a ``str``). ``__html__`` tells Jinja2/MarkupSafe and Django not
    to escape it again: the library escaped every value inside it."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


def identifier_utf8(identifier: object) -> bytes:
    """The identifier as the renderer takes it: non-empty UTF-8 (an int as its digits)."""
    kind = type(identifier)
    if issubclass(kind, str):
        try:
            data = str.encode(identifier, "utf-8")  # type: ignore[arg-type]
        except UnicodeEncodeError:
            data = None
        if data is None:
            raise not_utf8("identifier")  # outside the except: nothing chained
    elif issubclass(kind, int) and not issubclass(kind, bool):
        data = int.__repr__(identifier).encode("ascii")
    elif issubclass(kind, (bytes, bytearray)):
        data = bytes(memoryview(identifier))  # type: ignore[arg-type]
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            data = None
        if data is None:
            raise not_utf8("identifier")
    else:
        raise TypeError(
            "identifier must be str or int (the user's id as Chatwoot stores it), or UTF-8 "
            f"bytes, not {kind.__name__}"
        )
    if not data:
        raise EmptyIdentifierError()
    return data


def _check_keys(value: object, where: str, path: frozenset[int] = frozenset()) -> None:
    """Every dict key in ``value`` must be a str: json.dumps would turn 1, True and None
    into "1", "true" and "null" silently, a different attribute than the caller wrote.
    (A container inside itself is left to json.dumps, which refuses it.)"""
    if id(value) in path:
        return
    if isinstance(value, (dict, list, tuple)):
        path = path | {id(value)}
    if isinstance(value, dict):
        for key, item in value.items():
            if not issubclass(type(key), str):
                raise TypeError(
                    f"{where} has a key of type {type(key).__name__}: attribute names must be "
                    "str (convert it yourself, e.g. str(key), if that is the name you mean)")
            _check_keys(item, f"{where}[{key!r}]", path)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _check_keys(item, f"{where}[{index}]", path)


def fields_json(fields: dict[str, Any]) -> bytes:
    """The user's fields as one JSON object in UTF-8; None values mean "not set"."""
    for name, value in fields.items():
        _check_keys(value, name)
    try:
        text = json.dumps(fields, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except TypeError as exc:
        error: Exception = TypeError(
            "the user's fields must be JSON values (str, int, float, bool, None, a dict for "
            f"custom_attributes): {exc}")
    except ValueError:  # NaN, infinity, a dict that contains itself
        error = InvalidFieldValueError()
    else:
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:
            pass
        error = not_utf8("a field")
    raise error  # outside the except blocks: nothing chained


def nonce_bytes(nonce: object) -> bytes:
    """The CSP nonce's bytes; None or "" for no nonce attribute."""
    if nonce is None:
        return b""
    if issubclass(type(nonce), str):
        # surrogatepass: such a nonce is simply not base64, which the library says.
        return str.encode(nonce, "utf-8", "surrogatepass")  # type: ignore[arg-type]
    raise TypeError(f"nonce must be str or None, not {type(nonce).__name__}")


def render(call: Callable[..., int], *args: object) -> str:
    """Runs a render call under the required-size protocol: one retry with the size asked."""
    cap = _FIRST_CAP
    for _ in range(2):
        out = create_string_buffer(cap)
        out_len = c_size_t()
        status = call(*args, out, cap, byref(out_len))
        if status == 0:
            return out.raw[:out_len.value].decode("utf-8")
        if status != BufferTooSmallError.status:
            raise error_for(status)
        cap = out_len.value
    raise BufferTooSmallError()  # the size asked for did not fit: a library bug


def reset_script(nonce: str | None = None) -> Script:
    """The logout ``<script>``: ``window.$chatwoot.reset()`` (once the widget is ready), so
    the next person on this browser does not inherit the signed-in contact. ``nonce``: the
    page's CSP nonce (base64/base64url characters), or None. Raises InvalidNonceError."""
    data = nonce_bytes(nonce)
    return Script(render(_reset, data, len(data)))
