"""Flask integration: an extension and a Jinja global, ``{{ chatwoot_widget() }}``.

    app.config["CHATWOOT_BASE_URL"] = "https://chat.example.com"
    app.config["CHATWOOT_WEBSITE_TOKEN"] = "..."
    app.config["CHATWOOT_HMAC_TOKEN"] = os.environ["CHATWOOT_HMAC_TOKEN"]
    chatwoot = Chatwoot(app)            # or Chatwoot() ... chatwoot.init_app(app)

The current user is Flask-Login's ``current_user`` when Flask-Login is installed, else
``g.user``; Flask-Login's ``user_logged_out`` resets the widget on the next page (call
:meth:`Chatwoot.logged_out` yourself without Flask-Login). The CSP nonce is
``request.csp_nonce`` (Flask-Talisman) or ``g.csp_nonce``. Imports Flask only when used.
FastAPI and other Jinja users take :class:`chatwoot_identity.widget.Inbox` directly.
"""

from __future__ import annotations

from typing import Any, Callable

from flask import Flask, Response, current_app, g, request, session

from ._inputs import scrubbed
from .widget import Inboxes, UserMapping, inboxes_from

EXTENSION = "chatwoot"
RESET_FLAG = "_chatwoot_reset"


class Chatwoot:
    """``Chatwoot(app, user_mapping=..., current_user=..., nonce=...)``; every argument
    is optional. ``user_mapping(user)`` gives ``(identifier, fields)`` (default:
    :func:`chatwoot_identity.widget.default_user_mapping`); ``current_user()`` and
    ``nonce()`` replace the defaults above."""

    def __init__(self, app: Flask | None = None, *, user_mapping: UserMapping | None = None,
                 current_user: Callable[[], Any] | None = None,
                 nonce: Callable[[], str | None] | None = None) -> None:
        self.user_mapping = user_mapping
        self.current_user = current_user or _current_user
        self.nonce = nonce or _nonce
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        """Reads CHATWOOT_BASE_URL, CHATWOOT_WEBSITE_TOKEN, CHATWOOT_HMAC_TOKEN,
        CHATWOOT_SETTINGS and CHATWOOT_INBOXES (``{name: {"WEBSITE_TOKEN": ..., ...}}``)."""
        config = {key[len("CHATWOOT_"):]: value for key, value in app.config.items()
                  if key.startswith("CHATWOOT_")}
        try:
            app.extensions[EXTENSION] = inboxes_from(config, user_mapping=self.user_mapping)
        except (TypeError, ValueError) as exc:
            config = None  # type: ignore[assignment]  # holds the HMAC token: out of the frame locals
            raise scrubbed(exc) from None
        app.jinja_env.globals["chatwoot_widget"] = self.widget
        try:
            from flask_login import user_logged_out
        except ImportError:
            return
        user_logged_out.connect(self._on_logout, app, weak=False)

    @staticmethod
    def inboxes() -> Inboxes:
        return current_app.extensions[EXTENSION]  # type: ignore[no-any-return]

    def widget(self, inbox: str | None = None, user: Any = None, nonce: str | None = None) -> Any:
        """The loader, run() and the verified setUser for the current user (or reset() on
        the first page after a logout): ``{{ chatwoot_widget() }}``,
        ``{{ chatwoot_widget("support") }}`` for another inbox."""
        if user is None:
            user = self.current_user()
        if nonce is None:
            nonce = self.nonce()
        reset = bool(g.pop(RESET_FLAG, False))
        if RESET_FLAG in session:  # only then: popping marks the session modified
            reset = bool(session.pop(RESET_FLAG)) or reset
        return self.inboxes()[inbox].widget(user, nonce=nonce, reset=reset)

    def payload(self, inbox: str | None = None, user: Any = None) -> Response:
        """A JSON response with the current user's payload for single-page apps; 401 when
        nobody is signed in. Route it yourself, e.g.
        ``app.add_url_rule("/chatwoot/payload", view_func=chatwoot.payload)``."""
        text = self.inboxes()[inbox].payload(self.current_user() if user is None else user)
        if text is None:
            return Response('{"error":"not signed in"}', 401, mimetype="application/json")
        response = Response(text, mimetype="application/json")
        response.headers["Cache-Control"] = "no-store"
        return response

    def logged_out(self) -> None:
        """Resets the widget on this response's page and the next one (after a redirect)."""
        g.setdefault(RESET_FLAG, True)
        session[RESET_FLAG] = True

    def _on_logout(self, sender: Any, **kwargs: Any) -> None:
        self.logged_out()


def _current_user() -> Any:
    try:
        from flask_login import current_user
    except ImportError:
        return g.get("user")
    if not hasattr(current_app, "login_manager"):  # installed, not used by this app
        return g.get("user")
    return current_user._get_current_object()


def _nonce() -> str | None:
    nonce = getattr(request, "csp_nonce", None) or g.get("csp_nonce")
    return None if nonce is None else str(nonce)
