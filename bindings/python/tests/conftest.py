"""Shared fixtures: the repository's vectors and Python's own HMAC as the reference."""

import hashlib
import hmac
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
BINDING = Path(__file__).resolve().parents[1]

SECRET = "your-secret-token-for-hmac"
IDENTIFIER = "unique-identifier-of-the-user"
# Chatwoot's documented sample, also recomputed below with hmac so a bug in the core
# cannot make both sides agree.
SAMPLE_HASH = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"


def reference(secret: bytes, identifier: bytes) -> str:
    """Chatwoot's documented Python snippet."""
    return hmac.new(secret, identifier, hashlib.sha256).hexdigest()


@pytest.fixture(scope="session")
def vectors():
    with open(REPO / "tests" / "vectors.json", encoding="utf-8") as f:
        return json.load(f)
