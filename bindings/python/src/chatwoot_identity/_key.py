"""IdentityKey: an inbox secret prepared once, for hashing and verifying many identifiers."""

from __future__ import annotations

from ctypes import byref, c_char, c_size_t, c_void_p
from typing import Any, Iterable, NoReturn

from ._args import HASH_LEN, OUT_LEN, SIZES, SMALL, HashBuffer
from ._batch import encode_batch, split_hashes
from ._inputs import (
    Identifier,
    Secret,
    hash_bytes,
    identifier_bytes,
    not_utf8,
    scrubbed,
    secret_bytes,
)
from ._library import fast_lib, slow_lib
from ._render import Script, fields_json, identifier_utf8, nonce_bytes, render, reset_script
from .errors import EmptyIdentifierError, KeyClosedError, NotUnicodeError, error_for

_new = fast_lib.cw_key_new
_hash = fast_lib.cw_key_identifier_hash
_verify = fast_lib.cw_key_verify
_batch = slow_lib.cw_key_identifier_hash_batch
_script = fast_lib.cw_key_set_user_script
_payload = fast_lib.cw_key_set_user_payload


class _KeyHandle(c_void_p):
    """Owns one ``cw_key``; ``cw_key_free`` runs when the last reference to it goes.

    The reference count is the key's use count: IdentityKey holds one reference, and every
    call in flight holds another (a local and the ctypes argument tuple, taken after the
    call's inputs are read). So close(), from another thread or from a signal handler that
    interrupts a call in this thread, only drops IdentityKey's reference; the free happens
    when the last call using the key returns. Counting needs no lock, so a handler that
    closes or uses a key can never deadlock against the call it interrupted.
    """

    _free = fast_lib.cw_key_free  # a class attribute: still reachable at interpreter exit

    def __del__(self) -> None:
        if self.value:
            self._free(self)
            self.value = None

    def __reduce__(self) -> NoReturn:
        raise TypeError("a chatwoot_identity key cannot be pickled or copied")


class IdentityKey:
    """An inbox secret validated and prepared once (its HMAC midstates), for many hashes.

    Use it as a context manager or call :meth:`close` to release it at a known point; it
    is also released when garbage collected. One key may be shared by any number of
    threads. ``repr()`` never shows the secret, and the key cannot be pickled.
    """

    __slots__ = ("__weakref__", "_handle")

    def __init__(self, secret: Secret) -> None:
        try:
            key = secret_bytes(secret)
            handle = _KeyHandle()
            status = _new(key, len(key), byref(handle))
            if status:
                raise error_for(status)
        except BaseException as exc:  # noqa: BLE001  (re-raised, without the frames)
            secret = key = None  # type: ignore[assignment]  # out of the traceback's frame locals
            raise scrubbed(exc) from None
        self._handle: _KeyHandle | None = handle

    def identifier_hash(self, identifier: Identifier) -> str:
        """The ``identifier_hash`` of ``identifier`` (str as UTF-8, bytes, or int)."""
        try:
            ident = (identifier.encode() if type(identifier) is str
                     else identifier if type(identifier) is bytes else identifier_bytes(identifier))
        except UnicodeEncodeError:
            pass  # raised below, outside this block, so the character is not chained
        else:
            out = HashBuffer()
            n = len(ident)
            status = _hash(self._handle, ident, SIZES[n] if n < SMALL else n, out, OUT_LEN)
            if status:
                self._raise(status)
            result: str = out.raw.decode()
            return result
        raise not_utf8("identifier")

    def verify(self, identifier: Identifier, identifier_hash: object) -> bool:
        """Whether ``identifier_hash`` is exactly the hash of ``identifier`` (constant time).

        Fails closed: False for a wrong, malformed, uppercase or missing (None) hash, an
        empty identifier and text that is not valid UTF-8.
        """
        try:
            ident = (identifier.encode() if type(identifier) is str
                     else identifier if type(identifier) is bytes else identifier_bytes(identifier))
        except (UnicodeEncodeError, NotUnicodeError):  # a lone surrogate: it matches nothing
            # (Only these: an exception raised by a signal handler running here is the caller's.)
            return False
        candidate = (identifier_hash.encode("utf-8", "surrogatepass")
                     if type(identifier_hash) is str else hash_bytes(identifier_hash))
        if candidate is None:
            return False
        n, h = len(ident), len(candidate)
        ok: bool = _verify(self._handle, ident, SIZES[n] if n < SMALL else n,
                           candidate, SIZES[h] if h < SMALL else h)
        if not ok and self._handle is None:
            self._raise_closed()
        return ok

    def identifier_hashes(self, identifiers: Iterable[Identifier]) -> list[str]:
        """The ``identifier_hash`` of every identifier, in order, in one call to the library.

        Raises TypeError (naming the index) for an element of the wrong type, and
        EmptyIdentifierError with ``.index`` set for an empty one.
        """
        if isinstance(identifiers, (str, bytes, bytearray, memoryview)):
            raise TypeError(
                "identifier_hashes takes an iterable of identifiers (e.g. a list); "
                "for a single identifier call identifier_hash"
            )
        if self._handle is None:
            self._raise_closed()
        # Every input is read (the caller's iterator runs) before the handle is taken: code in
        # the iterator may close this key, and then the batch must say so.
        joined, offsets, count = encode_batch(identifiers)
        handle = self._handle
        if handle is None:
            self._raise_closed()
        if count == 0:
            return []
        out_len = count * HASH_LEN
        out = (c_char * out_len)()  # calloc: fresh pages come zeroed, no memset pass
        status = _batch(handle, joined, len(joined),
                        (c_size_t * (count + 1)).from_buffer(offsets), count, out, out_len)
        if status:
            if status == EmptyIdentifierError.status:
                # The library does not say which one: the first two equal offsets do.
                index = next(i for i in range(count) if offsets[i] == offsets[i + 1])
                raise EmptyIdentifierError(index=index)
            raise error_for(status)
        return split_hashes(out)

    def set_user_script(self, identifier: str | int | bytes, /, *, nonce: str | None = None,
                        **fields: Any) -> Script:
        """The ``<script>`` that signs the user in to Chatwoot's widget:
        ``window.$chatwoot.setUser(identifier, {identifier_hash, ...fields})``, run once the
        widget is ready. Put it in the page's body as it is (a :class:`Script`, which
        Jinja2 and Django do not escape again).

        ``identifier``: the user's id, a str, an int (sent as its digits: the browser
        would round a number above 2**53) or UTF-8 bytes. ``fields``: ``name``, ``email``,
        ``avatar_url``, ``phone_number``, ``description``, ``company_name``,
        ``country_code``, ``city`` (str; None = not set) and ``custom_attributes`` (a dict
        of str, number and bool); one of name, email, avatar_url is required. ``nonce``:
        the page's CSP nonce.

        Raises TypeError for a wrong type, NotUnicodeError, EmptyIdentifierError,
        UnknownFieldError, InvalidFieldValueError, MissingContactFieldError,
        InvalidNonceError, and KeyClosedError.
        """
        ident = identifier_utf8(identifier)
        data = fields_json(fields)
        nonce_data = nonce_bytes(nonce)
        handle = self._live_handle()
        return Script(render(_script, handle, ident, len(ident), data, len(data),
                             nonce_data, len(nonce_data)))

    def set_user_payload(self, identifier: str | int | bytes, /, **fields: Any) -> str:
        """The JSON text ``{"identifier": ..., "identifier_hash": ..., ...fields}`` for a
        single-page app's endpoint (the app calls ``window.$chatwoot.setUser`` with it); it
        is the widget's data, not a body for Chatwoot's public client API.
        Arguments and errors as for :meth:`set_user_script`."""
        ident = identifier_utf8(identifier)
        data = fields_json(fields)
        handle = self._live_handle()
        return render(_payload, handle, ident, len(ident), data, len(data))

    @staticmethod
    def reset_script(nonce: str | None = None) -> Script:
        """The logout ``<script>`` (``window.$chatwoot.reset()``); see :func:`reset_script`."""
        return reset_script(nonce)

    def close(self) -> None:
        """Releases the key now (idempotent). Later calls raise KeyClosedError."""
        self._handle = None  # the handle frees the key once no call holds it any more

    @property
    def closed(self) -> bool:
        return self._handle is None

    def __enter__(self) -> IdentityKey:  # noqa: PYI034 (no typing_extensions dependency)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        # getattr: also for a key whose __init__ refused the secret (a traceback shows it)
        return f"<IdentityKey {'closed' if getattr(self, '_handle', None) is None else 'open'}>"

    def __reduce__(self) -> NoReturn:
        raise TypeError(
            "IdentityKey cannot be pickled or copied (it would carry the secret): "
            "create one from the secret where it is needed"
        )

    def _live_handle(self) -> _KeyHandle:
        # Taken after every input is read: a conversion may close the key.
        handle = self._handle
        if handle is None:
            self._raise_closed()
        return handle

    def _raise(self, status: int) -> NoReturn:
        if self._handle is None:
            self._raise_closed()
        raise error_for(status)

    @staticmethod
    def _raise_closed() -> NoReturn:
        raise KeyClosedError()
