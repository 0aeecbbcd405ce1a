"""What users pass: str, bytes and int identifiers; everything else is a clear TypeError."""

import enum
import re

import pytest
from conftest import IDENTIFIER, SAMPLE_HASH, SECRET, reference

import chatwoot_identity as ci
from chatwoot_identity import IdentityKey

TOKEN = b"7Zd3VqYtF9xPa2kLmN4bRcHs"


class Color(enum.IntEnum):
    RED = 7


class Name(str, enum.Enum):
    ALICE = "alice"


@pytest.fixture
def key():
    with IdentityKey(TOKEN) as k:
        yield k


@pytest.mark.parametrize("value, data", [
    ("josé.müller@example.com", "josé.müller@example.com".encode()),
    (b"\x00\xff\xfe", b"\x00\xff\xfe"),
    (bytearray(b"user-1"), b"user-1"),
    (memoryview(b"user-1"), b"user-1"),
    (42, b"42"),
    (-7, b"-7"),
    (0, b"0"),
    (12345678901234567890123, b"12345678901234567890123"),
    (Color.RED, b"7"),            # an IntEnum hashes as its number, like Ruby's to_s on the id
    (Name.ALICE, b"alice"),       # a str subclass hashes as its text
])
def test_accepted_identifiers(key, value, data):
    expected = reference(TOKEN, data)
    assert ci.identifier_hash(TOKEN, value) == expected
    assert ci.verify(TOKEN, value, expected) is True
    assert key.identifier_hash(value) == expected
    assert key.verify(value, expected) is True
    assert key.identifier_hashes([value]) == [expected]


@pytest.mark.parametrize("value, type_name", [
    (True, "bool"), (False, "bool"), (1.0, "float"), (None, "NoneType"),
    ([1], "list"), ({"id": 1}, "dict"), (object(), "object"), (2j, "complex"),
])
def test_refused_identifier_types(key, value, type_name):
    pattern = rf"^identifier must be str, bytes or int .* not {type_name}$"
    for call in (lambda: ci.identifier_hash(TOKEN, value),
                 lambda: ci.verify(TOKEN, value, SAMPLE_HASH),
                 lambda: key.identifier_hash(value),
                 lambda: key.verify(value, SAMPLE_HASH)):
        with pytest.raises(TypeError, match=pattern):
            call()


@pytest.mark.parametrize("secret", [SECRET, SECRET.encode(), bytearray(SECRET.encode()),
                                    memoryview(SECRET.encode())])
def test_accepted_secrets(secret):
    assert ci.identifier_hash(secret, IDENTIFIER) == SAMPLE_HASH
    assert IdentityKey(secret).identifier_hash(IDENTIFIER) == SAMPLE_HASH


@pytest.mark.parametrize("secret", [None, 123, 1.5, True, ["s"]])
def test_refused_secret_types(secret):
    pattern = r"^secret must be str or bytes \(the inbox's HMAC token\), not \w+$"
    with pytest.raises(TypeError, match=pattern):
        ci.identifier_hash(secret, IDENTIFIER)
    with pytest.raises(TypeError, match=pattern):
        ci.verify(secret, IDENTIFIER, SAMPLE_HASH)
    with pytest.raises(TypeError, match=pattern):
        IdentityKey(secret)


def test_lone_surrogates_are_refused_without_quoting_them(key):
    secret = SECRET + "\udcff"
    for call, what in ((lambda: ci.identifier_hash(secret, IDENTIFIER), "secret"),
                       (lambda: IdentityKey(secret), "secret"),
                       (lambda: ci.identifier_hash(SECRET, "x\ud800"), "identifier"),
                       (lambda: key.identifier_hash("x\ud800"), "identifier")):
        with pytest.raises(ValueError, match=rf"^{what} is a str that cannot be encoded") as info:
            call()
        assert "\\udcff" not in repr(info.value) and "\udcff" not in str(info.value)
        assert "\\ud800" not in repr(info.value)
        assert info.value.__context__ is None and info.value.__cause__ is None
    # verify fails closed instead
    assert ci.verify(secret, IDENTIFIER, SAMPLE_HASH) is False
    assert ci.verify(SECRET, "x\ud800", SAMPLE_HASH) is False
    assert key.verify("x\ud800", SAMPLE_HASH) is False


@pytest.mark.parametrize("candidate", [
    None, 0, 1.5, ["x"], SAMPLE_HASH.upper(), SAMPLE_HASH + "\n", " " + SAMPLE_HASH,
    SAMPLE_HASH[:-1], "", "é" * 64, "\ud800" * 64, SAMPLE_HASH.encode() + b"\0",
    SAMPLE_HASH[:-1].encode(), SAMPLE_HASH[:40].encode(), b"\xff" * 64,
])
def test_verify_fails_closed_on_bad_hashes(key, candidate):
    assert ci.verify(TOKEN, IDENTIFIER, candidate) is False
    assert ci.verify(SECRET, IDENTIFIER, candidate) is False
    assert key.verify(IDENTIFIER, candidate) is False


def test_verify_accepts_the_hash_as_str_or_bytes():
    assert ci.verify(SECRET, IDENTIFIER, SAMPLE_HASH) is True
    assert ci.verify(SECRET, IDENTIFIER, SAMPLE_HASH.encode()) is True
    assert ci.verify(SECRET, IDENTIFIER, bytearray(SAMPLE_HASH.encode())) is True


def test_results_are_lowercase_hex_str(key):
    # The binding sizes every output buffer itself: a caller cannot pass one that is too small.
    results = [ci.identifier_hash(SECRET, IDENTIFIER), key.identifier_hash(b"x" * 1000),
               *key.identifier_hashes(["a", "bb", 7])]
    assert len(results) == 5
    assert all(type(r) is str and re.fullmatch(r"[0-9a-f]{64}", r) for r in results)


@pytest.mark.parametrize("size", [1, 55, 56, 63, 64, 65, 254, 255, 256, 257, 1000, 100_000])
def test_every_length_around_the_prebuilt_size_arguments(size):
    # Lengths below 256 travel as prebuilt c_size_t instances, longer ones as ints.
    from chatwoot_identity._args import SIZES
    secret, identifier = b"s" * size, b"i" * size
    expected = reference(secret, identifier)
    assert ci.identifier_hash(secret, identifier) == expected
    assert ci.verify(secret, identifier, expected) is True
    assert ci.verify(secret, identifier, expected + "0" * (size % 7)) is (size % 7 == 0)
    key = IdentityKey(secret)
    assert key.identifier_hash(identifier) == expected
    assert key.verify(identifier, expected) is True
    assert key.identifier_hashes([identifier]) == [expected]
    assert [s.value for s in SIZES] == list(range(len(SIZES)))  # never modified
