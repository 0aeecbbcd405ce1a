"""The JSON payload for single-page apps: ``path("chatwoot/payload", payload)``."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, JsonResponse

from .conf import inboxes


def payload(request: Any, inbox: str | None = None) -> HttpResponse:
    """``{"identifier", "identifier_hash", ...fields}`` for the signed-in user (the app calls
    ``window.$chatwoot.setUser(p.identifier, p)``); 401 when nobody is signed in."""
    user = getattr(request, "user", None)
    text = inboxes()[inbox].payload(user) if user is not None else None
    if text is None:
        return JsonResponse({"error": "not signed in"}, status=401)
    response = HttpResponse(text, content_type="application/json")
    response["Cache-Control"] = "no-store"  # per user
    return response
