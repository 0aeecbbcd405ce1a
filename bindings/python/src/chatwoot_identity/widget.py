"""The whole Chatwoot widget for a page: the loader, ``window.chatwootSDK.run(...)`` and, for a
signed-in user, the verified ``setUser`` (or, after a logout, ``reset()``).

Framework-neutral; ``chatwoot_identity.django`` and ``chatwoot_identity.flask`` (also usable
from FastAPI's Jinja templates) configure it the framework's way. Imports no framework.

>>> inbox = Inbox("https://chat.example.com", "WEBSITE_TOKEN", os.environ["CHATWOOT_HMAC_TOKEN"])
>>> inbox.widget(user, nonce=request_nonce)          # a Script: put it in the page as it is
>>> inbox.payload(user)                              # JSON text for a single-page app
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Dict, Mapping, Tuple

from ._inputs import scrubbed
from ._key import IdentityKey
from ._render import Script, reset_script
from .errors import InvalidNonceError

#: (identifier, fields) for one user: what ``setUser`` receives.
UserData = Tuple[Any, Dict[str, Any]]
UserMapping = Callable[[Any], "UserData | None"]

# What window.chatwootSettings takes (Chatwoot's sdk.js); other keys are refused, so a typo
# does not disappear silently.
WIDGET_SETTINGS = frozenset({
    "locale", "position", "type", "launcherTitle", "darkMode", "hideMessageBubble",
    "showPopoutButton", "showUnreadMessagesDialog", "widgetStyle", "useBrowserLanguage",
    "baseDomain",
})
_NONCE = re.compile(r"[A-Za-z0-9+/_=-]+")
# Fields of setUser the default mapping reads from a user object, by attribute name.
_PLAIN_FIELDS = ("email", "avatar_url", "phone_number", "company_name", "description",
                 "country_code", "city")


def _js(value: object) -> str:
    """JSON that cannot end its <script> or a line in a JS string (< > & U+2028 U+2029)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _attr(nonce: str | None) -> str:
    if nonce is None or nonce == "":
        return ""
    if not isinstance(nonce, str):
        raise TypeError(f"nonce must be str or None, not {type(nonce).__name__}")
    if not _NONCE.fullmatch(nonce):
        raise InvalidNonceError()
    return f' nonce="{nonce}"'


def _text(value: object) -> str | None:
    """A non-empty str attribute value, a callable's result, or None."""
    if callable(value):
        value = value()
    return value if isinstance(value, str) and value.strip() else None


def default_user_mapping(user: Any) -> UserData | None:
    """(identifier, fields) for a user object of Django, Flask-Login and most ORMs; None for
    an anonymous user.

    identifier: ``pk`` (Django), else ``id``, else ``get_id()`` (Flask-Login); an int stays
    an int and is sent as its digits. name: ``get_full_name()``, else ``name``, else
    ``get_username()``/``username``. email, avatar_url, phone_number, company_name,
    description, country_code, city: the attribute of that name when it is a non-empty str.
    """
    if user is None or getattr(user, "is_anonymous", False) is True:
        return None
    if getattr(user, "is_authenticated", True) is False:
        return None
    identifier = getattr(user, "pk", None)
    if identifier is None:
        identifier = getattr(user, "id", None)
    if identifier is None and callable(getattr(user, "get_id", None)):
        identifier = user.get_id()
    if identifier is None:
        raise TypeError(f"{type(user).__name__} has no pk, id or get_id(): give the integration a "
                        "user mapping (see the docs)")
    fields: dict[str, Any] = {}
    for source in ("get_full_name", "name", "full_name", "get_username", "username"):
        name = _text(getattr(user, source, None))
        if name:
            fields["name"] = name
            break
    for field in _PLAIN_FIELDS:
        value = _text(getattr(user, field, None))
        if value:
            fields[field] = value
    return identifier, fields


class Inbox:
    """One Chatwoot website inbox: its base URL, website token, HMAC token (kept only as a
    prepared :class:`IdentityKey`, never shown) and widget settings (``window.chatwootSettings``).

    ``user_mapping(user)`` gives ``(identifier, fields)`` or None for nobody signed in; the
    default is :func:`default_user_mapping`.
    """

    def __init__(self, base_url: str, website_token: str, hmac_token: str | bytes, *,
                 settings: Mapping[str, Any] | None = None,
                 user_mapping: UserMapping | None = None) -> None:
        if not isinstance(base_url, str) or not re.match(r"https?://[^\s\"'<>]+$", base_url):
            raise ValueError("base_url must be the http(s) URL of the Chatwoot installation")
        if not isinstance(website_token, str) or not re.fullmatch(r"[A-Za-z0-9_-]+", website_token):
            raise ValueError("website_token must be the inbox's website token (letters, digits, _ and -)")
        unknown = sorted(set(settings or ()) - WIDGET_SETTINGS)
        if unknown:
            raise ValueError(f"unknown widget settings {', '.join(unknown)}; "
                             f"window.chatwootSettings takes {', '.join(sorted(WIDGET_SETTINGS))}")
        self.base_url = base_url.rstrip("/")
        self.website_token = website_token
        self.settings = dict(settings or {})
        self.user_mapping = user_mapping or default_user_mapping
        try:
            self._key = IdentityKey(hmac_token)
        except (TypeError, ValueError) as exc:
            error = type(exc)(f"the HMAC token of inbox {website_token}: {exc}")
        else:
            return
        hmac_token = None  # type: ignore[assignment]  # out of the frame locals
        raise error

    def __repr__(self) -> str:
        return f"<chatwoot_identity.widget.Inbox {self.website_token} at {self.base_url}>"

    def __reduce__(self) -> Any:
        raise TypeError("an Inbox holds the HMAC token: it cannot be pickled or copied")

    def user_data(self, user: Any) -> UserData | None:
        data = self.user_mapping(user)
        if data is None:
            return None
        identifier, fields = data
        return identifier, {k: v for k, v in dict(fields).items() if v is not None}

    def loader(self, nonce: str | None = None) -> Script:
        """The settings, the SDK's ``<script src>`` and ``window.chatwootSDK.run(...)``."""
        attr = _attr(nonce)
        parts = []
        if self.settings:
            parts.append(f"<script{attr}>window.chatwootSettings = {_js(self.settings)};</script>")
        src = (self.base_url + "/packs/js/sdk.js").replace("&", "&amp;").replace('"', "&quot;")
        parts.append(f'<script{attr} src="{src}"></script>')
        run = _js({"websiteToken": self.website_token, "baseUrl": self.base_url})
        parts.append(f"<script{attr}>window.chatwootSDK.run({run});</script>")
        return Script("\n".join(parts))

    def widget(self, user: Any = None, *, nonce: str | None = None, reset: bool = False) -> Script:
        """The whole widget for a page: :meth:`loader`, then ``reset()`` when ``reset`` (the
        first page after a logout), then the verified ``setUser`` for ``user`` when one is
        signed in (mapped by ``user_mapping``)."""
        parts = [self.loader(nonce)]
        if reset:
            parts.append(reset_script(nonce))
        data = self.user_data(user) if user is not None else None
        if data is not None:
            identifier, fields = data
            parts.append(self._key.set_user_script(identifier, nonce=nonce, **fields))
        return Script("\n".join(parts))

    def payload(self, user: Any) -> str | None:
        """The JSON text ``{"identifier", "identifier_hash", ...fields}`` for a single-page
        app (it calls ``window.$chatwoot.setUser(p.identifier, p)``), or None for nobody."""
        data = self.user_data(user)
        if data is None:
            return None
        identifier, fields = data
        return self._key.set_user_payload(identifier, **fields)

    def close(self) -> None:
        self._key.close()


class Inboxes:
    """Several inboxes by name; ``default`` is the one a tag without a name uses."""

    def __init__(self, inboxes: Mapping[str, Inbox], default: str = "default") -> None:
        if not inboxes:
            raise ValueError("configure at least one Chatwoot inbox")
        self._inboxes = dict(inboxes)
        self.default = default if default in self._inboxes else next(iter(self._inboxes))

    def __getitem__(self, name: str | None) -> Inbox:
        key = self.default if name is None else name
        try:
            return self._inboxes[key]
        except KeyError:
            pass
        raise KeyError(f"no Chatwoot inbox named {key!r}; configured: {', '.join(self._inboxes)}")

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._inboxes)

    def __repr__(self) -> str:
        return f"<chatwoot_identity.widget.Inboxes {', '.join(self._inboxes)}>"


def inboxes_from(config: Mapping[str, Any], key: Callable[[str], str] = str.upper,
                 user_mapping: UserMapping | None = None) -> Inboxes:
    """Inboxes from a settings mapping: ``BASE_URL``, ``WEBSITE_TOKEN``, ``HMAC_TOKEN``,
    ``SETTINGS`` for the default inbox, and ``INBOXES`` ``{name: {same keys}}`` for more
    (each inherits BASE_URL and SETTINGS unless it sets its own). ``key`` spells the names
    (Django and Flask: upper case)."""
    def get(source: Mapping[str, Any], name: str, default: Any = None) -> Any:
        return source.get(key(name), default)

    def make(source: Mapping[str, Any], where: str) -> Inbox:
        missing = [key(n) for n in ("base_url", "website_token", "hmac_token")
                   if not (get(source, n) or (n == "base_url" and get(config, n)))]
        if missing:
            raise ValueError(f"Chatwoot configuration {where}: {', '.join(missing)} missing")
        return Inbox(get(source, "base_url") or get(config, "base_url"), get(source, "website_token"),
                     get(source, "hmac_token"),
                     settings=get(source, "settings", get(config, "settings")),
                     user_mapping=user_mapping)

    try:
        inboxes: dict[str, Inbox] = {}
        if get(config, "website_token"):
            inboxes["default"] = make(config, "")
        for name, sub in (get(config, "inboxes") or {}).items():
            inboxes[name] = make(sub, f"of inbox {name!r}")
        return Inboxes(inboxes)
    except Exception as exc:  # noqa: BLE001  (re-raised, without the frames)
        config = sub = None  # type: ignore[assignment]  # they hold the HMAC tokens
        raise scrubbed(exc) from None
