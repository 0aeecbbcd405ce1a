"""A shop's settings: chatwoot_identity.django configured the Django way (the HMAC token
from the environment, never logged)."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or os.urandom(32).hex()
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "chatwoot_identity.django",
    "shop",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "shop.csp.NonceMiddleware",
    "chatwoot_identity.django.middleware.ChatwootMiddleware",
]
ROOT_URLCONF = "shop.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                         "NAME": os.environ.get("SHOP_DATABASE", BASE_DIR / "shop.sqlite3")}}
AUTH_USER_MODEL = "shop.Member"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True

CHATWOOT = {
    "BASE_URL": os.environ["CHATWOOT_BASE_URL"],
    "WEBSITE_TOKEN": os.environ["CHATWOOT_WEBSITE_TOKEN"],
    "HMAC_TOKEN": os.environ["CHATWOOT_HMAC_TOKEN"],
    # The members' ids are external: the documented way to map a user to setUser's data.
    "USER_MAPPING": "shop.models.chatwoot_user",
    # A second widget (another inbox) for the help pages: {% chatwoot_widget "support" %}.
    "INBOXES": {"support": {
        "WEBSITE_TOKEN": os.environ.get("CHATWOOT_SUPPORT_WEBSITE_TOKEN", "support"),
        "HMAC_TOKEN": os.environ.get("CHATWOOT_SUPPORT_HMAC_TOKEN", os.environ["CHATWOOT_HMAC_TOKEN"]),
        "SETTINGS": {"position": "left", "launcherTitle": "Help"},
    }},
}

LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}}}
