"""Carries "reset the widget" from the logout's response to the next page: Django's logout()
empties the session after its signal, so the flag is written once the view has returned.
Place it after SessionMiddleware."""

from __future__ import annotations

from typing import Any, Callable

from .conf import RESET_FLAG


class ChatwootMiddleware:
    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        response = self.get_response(request)
        if (getattr(request, "chatwoot_reset", False)
                and not getattr(request, "chatwoot_reset_sent", False)
                and hasattr(request, "session")):
            request.session[RESET_FLAG] = True
        return response
