"""Django integration: a verified Chatwoot widget on every page with one template tag.

    INSTALLED_APPS = [..., "chatwoot_identity.django"]
    MIDDLEWARE = [..., "django.contrib.sessions.middleware.SessionMiddleware", ...,
                  "chatwoot_identity.django.middleware.ChatwootMiddleware"]
    CHATWOOT = {
        "BASE_URL": "https://chat.example.com",
        "WEBSITE_TOKEN": "...",
        "HMAC_TOKEN": os.environ["CHATWOOT_HMAC_TOKEN"],
    }

    {% load chatwoot %}{% chatwoot_widget %}

Imports Django only when used; see docs/django.md in the package's source for every setting.
"""
