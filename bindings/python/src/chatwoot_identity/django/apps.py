from __future__ import annotations

from django.apps import AppConfig


class ChatwootConfig(AppConfig):
    name = "chatwoot_identity.django"
    label = "chatwoot_identity"
    verbose_name = "Chatwoot identity"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out

        from .conf import on_logout

        # The widget keeps the signed-in contact in the browser: the next page resets it.
        user_logged_out.connect(on_logout, dispatch_uid="chatwoot_identity.reset_on_logout")
