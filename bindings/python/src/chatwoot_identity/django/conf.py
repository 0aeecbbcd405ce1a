"""settings.CHATWOOT read once (the HMAC token becomes a prepared key, never logged)."""

from __future__ import annotations

import functools
from typing import Any, Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.utils.module_loading import import_string

from ..widget import Inboxes, inboxes_from

RESET_FLAG = "_chatwoot_reset"


def _callable(value: Any, name: str) -> Callable[..., Any] | None:
    if value is None or callable(value):
        return value  # type: ignore[no-any-return]
    if isinstance(value, str):
        return import_string(value)  # type: ignore[no-any-return,unused-ignore]
    raise ImproperlyConfigured(f"CHATWOOT['{name}'] must be a callable or its dotted path")


@functools.lru_cache(maxsize=None)
def inboxes() -> Inboxes:
    config = getattr(settings, "CHATWOOT", None)
    if not config:
        raise ImproperlyConfigured("chatwoot_identity.django needs settings.CHATWOOT "
                                   "(BASE_URL, WEBSITE_TOKEN, HMAC_TOKEN)")
    try:
        return inboxes_from(config, user_mapping=_callable(config.get("USER_MAPPING"), "USER_MAPPING"))
    except (TypeError, ValueError) as exc:
        error = ImproperlyConfigured(f"settings.CHATWOOT: {exc}")
    config = None  # holds the HMAC token: out of the frame locals
    raise error


@functools.lru_cache(maxsize=None)
def nonce_getter() -> Callable[[Any], Any] | None:
    return _callable(getattr(settings, "CHATWOOT", {}).get("NONCE"), "NONCE")


def nonce_for(request: Any) -> str | None:
    """CHATWOOT['NONCE'](request) when set, else django-csp's ``request.csp_nonce``."""
    getter = nonce_getter()
    nonce = getter(request) if getter else getattr(request, "csp_nonce", None)
    return None if nonce is None else str(nonce)


def on_logout(sender: Any, request: Any = None, **kwargs: Any) -> None:
    if request is not None:
        request.chatwoot_reset = True  # this response; the middleware carries it to the next


def take_reset(request: Any) -> bool:
    """Whether this page must reset the widget (a logout in this request or the last one)."""
    if getattr(request, "chatwoot_reset", False) and not getattr(request, "chatwoot_reset_sent", False):
        request.chatwoot_reset_sent = True
        return True
    session = getattr(request, "session", None)
    if session is not None and session.pop(RESET_FLAG, False):
        request.chatwoot_reset_sent = True
        return True
    return False


def _clear(**kwargs: Any) -> None:
    if kwargs.get("setting") == "CHATWOOT":
        inboxes.cache_clear()
        nonce_getter.cache_clear()


setting_changed.connect(_clear)
