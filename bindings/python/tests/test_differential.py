"""At least 10,000 random (secret, identifier) pairs compared with Python's own hmac, and every
listed invisible character at each edge of a secret."""

import random

import pytest
from conftest import IDENTIFIER, INVISIBLES, SAMPLE_HASH, SECRET, invisible_edge, reference

import chatwoot_identity as ci
from chatwoot_identity import (
    EmptyIdentifierError,
    EmptySecretError,
    IdentityKey,
    SecretInvisibleError,
    SecretWhitespaceError,
    Verdict,
)

PAIRS = 10_000
SPACES = b" \t\r\n"
# Code points from several scripts (no surrogates): ASCII, Latin-1, Greek, CJK, emoji.
ALPHABET = [chr(c) for c in (*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x391, 0x3CA),
                             *range(0x4E00, 0x4E40), *range(0x1F600, 0x1F640))]


def random_secret(rng):
    size = rng.choice([1, 2, 16, 24, 32, 63, 64, 65, 100, 150])
    secret = bytearray(rng.randbytes(size))
    for end in (0, -1):  # the library refuses surrounding whitespace: avoid it here
        while secret[end] in SPACES:
            secret[end] = rng.randrange(0x21, 0x7F)
    return bytes(secret)


def random_identifier(rng):
    """(value as a user would pass it, its exact bytes); sizes 0 to 300 bytes."""
    kind = rng.random()
    if kind < 0.4:
        value = rng.randbytes(rng.randint(0, 300))
        return value, value
    if kind < 0.85:
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 80)))
        data = text.encode("utf-8")
        if len(data) > 300:
            text = data[:300].decode("utf-8", "ignore")
            data = text.encode("utf-8")
        return text, data
    number = rng.randint(-10**30, 10**30)
    return number, str(number).encode("ascii")


@pytest.fixture(scope="module")
def pairs():
    rng = random.Random(20240603)  # fixed: a failure is reproducible
    return [(random_secret(rng), *random_identifier(rng)) for _ in range(PAIRS)]


def test_pairs_cover_the_edges(pairs):
    sizes = {len(data) for _, _, data in pairs}
    assert 0 in sizes and max(sizes) >= 290
    assert any(isinstance(v, str) and not v.isascii() for _, v, _ in pairs)
    assert any(isinstance(v, int) for _, v, _ in pairs)
    assert any(len(s) > 64 for s, _, _ in pairs)


def test_one_shot_and_keyed_match_hmac(pairs):
    compared = refused = 0
    for secret, value, data in pairs:
        if invisible_edge(secret):  # random bytes that happen to be UTF-8 for one
            with pytest.raises(SecretInvisibleError):
                ci.identifier_hash(secret, value)
            with pytest.raises(SecretInvisibleError):
                IdentityKey(secret)
            assert ci.verify(secret, value, reference(secret, data)) is False
            refused += 1
            continue
        if not data:
            with pytest.raises(EmptyIdentifierError):
                ci.identifier_hash(secret, value)
            continue
        expected = reference(secret, data)
        assert ci.identifier_hash(secret, value) == expected, (secret.hex(), data.hex())
        assert IdentityKey(secret).identifier_hash(value) == expected
        assert ci.verify(secret, value, expected)
        compared += 1
    assert compared > PAIRS * 0.95
    assert refused < PAIRS * 0.01


def test_pairs_hit_invisible_edges_rarely(pairs):
    # The predicate agrees with the core on the rows it flags (above) and on a few by hand.
    assert invisible_edge("\ufeffabc".encode()) and invisible_edge("abc\u00a0".encode())
    assert invisible_edge("\U000e0020".encode()) and invisible_edge(b"a\xc2\x85")
    assert not invisible_edge("a\u200bb".encode()) and not invisible_edge(b"\xef\xbb")
    assert not invisible_edge(b"\x0b\x0c") and not invisible_edge("\u00e9t\u00e9".encode())
    assert sum(invisible_edge(s) for s, _, _ in pairs) < PAIRS * 0.01


def test_batch_under_one_key_matches_hmac(pairs):
    secret = pairs[0][0]
    values = [value for _, value, data in pairs if data]
    expected = [reference(secret, data) for _, _, data in pairs if data]
    assert IdentityKey(secret).identifier_hashes(values) == expected


def test_text_secrets_match_hmac():
    rng = random.Random(7)
    hashed = refused = 0
    for _ in range(1000):
        secret = "".join(rng.choice(ALPHABET[1:]) for _ in range(rng.randint(1, 40))).strip()
        if not secret:
            continue
        if invisible_edge(secret.encode()):  # a soft hyphen (U+00AD) at an end
            with pytest.raises(SecretInvisibleError):
                ci.identifier_hash(secret, "user-1")
            refused += 1
            continue
        assert ci.identifier_hash(secret, "user-1") == reference(secret.encode(), b"user-1")
        hashed += 1
    assert refused > 0 and hashed > 900


def test_random_bad_secrets_are_refused():
    rng = random.Random(11)
    for _ in range(200):
        core = random_secret(rng)
        bad = rng.choice([b"", rng.choice(SPACES).to_bytes(1, "big") + core,
                          core + rng.choice(SPACES).to_bytes(1, "big")])
        with pytest.raises(EmptySecretError if not bad else SecretWhitespaceError):
            ci.identifier_hash(bad, b"user")
        assert ci.verify(bad, b"user", reference(bad or b"x", b"user")) is False


def test_every_code_point_at_an_edge_is_judged_like_the_predicate():
    # Both rules, Unicode's tables through unicodedata and the core's, over all code points.
    disagree = []
    for code in range(0x80, 0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        secret = ("k" + chr(code)).encode()
        try:
            ci.identifier_hash(secret, b"u")
            refused = False
        except SecretInvisibleError:
            refused = True
        if refused != invisible_edge(secret):
            disagree.append(f"U+{code:04X}")
    assert not disagree



@pytest.mark.parametrize("mark", INVISIBLES)
def test_invisible_edge_raises_secret_invisible_error(mark):
    # Every listed character, at either end and both, as str, bytes and bytearray.
    for padded in (mark + SECRET, SECRET + mark, mark + SECRET + mark):
        for value in (padded, padded.encode(), bytearray(padded.encode())):
            with pytest.raises(SecretInvisibleError) as info:
                ci.identifier_hash(value, IDENTIFIER)
            assert info.value.status == -14 and info.value.status_name == "SECRET_INVISIBLE"
            with pytest.raises(SecretInvisibleError):
                IdentityKey(value)
        assert ci.verify(padded, IDENTIFIER, reference(padded.encode(), IDENTIFIER.encode())) is False
        assert ci.explain(padded, IDENTIFIER, SAMPLE_HASH).verdict is Verdict.SECRET_WHITESPACE
    # inside a secret it is key material, hashed like any other byte
    inside = SECRET[:4] + mark + SECRET[4:]
    assert ci.identifier_hash(inside, IDENTIFIER) == reference(inside.encode(), IDENTIFIER.encode())

def test_random_invisible_edges_are_refused_and_hashed_inside():
    rng = random.Random(13)
    for _ in range(300):
        core = random_secret(rng)
        mark = rng.choice(INVISIBLES).encode()
        bad = rng.choice([mark + core, core + mark, mark + core + mark])
        assert invisible_edge(bad)
        with pytest.raises(SecretInvisibleError) as info:
            ci.identifier_hash(bad, b"user")
        assert info.value.status == -14
        with pytest.raises(SecretInvisibleError):
            IdentityKey(bad)
        assert ci.verify(bad, b"user", reference(bad, b"user")) is False
        inside = b"k" + mark + b"k"  # inside a secret the character is key material
        assert ci.identifier_hash(inside, b"user") == reference(inside, b"user")
