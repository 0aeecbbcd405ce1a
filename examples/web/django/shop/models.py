from django.contrib.auth.models import AbstractBaseUser
from django.db import models


class Member(AbstractBaseUser):
    """A shop member, known by the id of an external system (text, or digits for an integer id)."""

    external_id = models.CharField(max_length=2000, unique=True)
    numeric = models.BooleanField(default=False)
    name = models.CharField(max_length=2000, blank=True)
    email = models.CharField(max_length=2000, blank=True)
    USERNAME_FIELD = "external_id"


def chatwoot_user(member):
    """CHATWOOT["USER_MAPPING"]: (identifier, fields) for setUser, None for nobody."""
    if not member.is_authenticated:
        return None
    identifier = int(member.external_id) if member.numeric else member.external_id
    return identifier, {"name": member.name or None, "email": member.email or None}
