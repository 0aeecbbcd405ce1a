"""Shared fixtures: the repository's vectors and Python's own HMAC as the reference."""

import hashlib
import hmac
import json
import unicodedata
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


# Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties.txt) beyond category Cf, and Cf
# characters newer than some Pythons' tables:
# written out here, not taken from the package, so the tests judge the core independently.
_IGNORABLE = ((0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
              (0x2065, 0x2065), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0),
              (0xFFF0, 0xFFF8), (0xE0000, 0xE0FFF),
              # Egyptian hieroglyph format controls made Cf in Unicode 15, newer than the
              # unicodedata of Python 3.11
              (0x13439, 0x1343F))


def is_invisible(c: str) -> bool:
    """A non-ASCII Unicode whitespace, format (Cf) or default-ignorable character."""
    code = ord(c)
    return code > 0x7F and (c.isspace() or unicodedata.category(c) == "Cf"
                            or any(lo <= code <= hi for lo, hi in _IGNORABLE))


def _edge(data: bytes, last: bool):
    """The first (or last) character when the 1 to 4 bytes at that edge are UTF-8."""
    for n in range(1, min(len(data), 4) + 1):
        try:
            text = (data[-n:] if last else data[:n]).decode("utf-8")
        except UnicodeDecodeError:
            continue
        return text[-1] if last else text[0]
    return None


def invisible_edge(secret: bytes) -> bool:
    """True when the core refuses `secret` with SECRET_INVISIBLE (its edges are otherwise
    valid): an invisible character, as UTF-8, at either end. Bytes that are not UTF-8 are
    raw key bytes."""
    return any(c is not None and is_invisible(c) for c in (_edge(secret, False), _edge(secret, True)))


# Characters that must be refused at either end of a secret (and hashed inside one).
INVISIBLES = ("\ufeff", "\u00a0", "\u200b", "\u200c", "\u200d", "\u2060", "\u3000", "\u2028",
              "\u2029", "\u1680", "\u2000", "\u2005", "\u200a", "\u202f", "\u205f", "\u0085",
              "\u00ad", "\u200e", "\u202e", "\u180e", "\ufe0f", "\U000e0020", "\U000e0001")
