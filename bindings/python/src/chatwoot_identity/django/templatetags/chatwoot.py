"""``{% load chatwoot %}{% chatwoot_widget %}``: the loader, run() and the verified setUser
for ``request.user`` (or reset() on the first page after a logout).

``{% chatwoot_widget "support" %}`` names another inbox of ``CHATWOOT["INBOXES"]``;
``user=some_user`` renders for another user; ``nonce=...`` overrides the CSP nonce."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import ImproperlyConfigured

from ..conf import inboxes, nonce_for, take_reset

register = template.Library()


@register.simple_tag(takes_context=True)
def chatwoot_widget(context: Any, inbox: str | None = None, user: Any = None,
                    nonce: str | None = None) -> Any:
    request = context.get("request")
    if request is None:
        raise ImproperlyConfigured("{% chatwoot_widget %} needs the request in the template "
                                   "context: add 'django.template.context_processors.request'")
    if user is None:
        user = getattr(request, "user", None)
    if nonce is None:
        nonce = nonce_for(request)
    return inboxes()[inbox].widget(user, nonce=nonce, reset=take_reset(request))
