"""Every case of tests/vectors.json, through every entry point."""

import pytest
from conftest import reference

import chatwoot_identity as ci
from chatwoot_identity import (
    BufferTooSmallError,
    EmptyIdentifierError,
    EmptySecretError,
    IdentityError,
    IdentityKey,
    InternalError,
    InvalidOffsetsError,
    NullPointerError,
    SecretInvisibleError,
    SecretWhitespaceError,
)

# Written out by hand (not derived from the package) so a renumbering is caught.
EXCEPTIONS = {
    "NULL_POINTER": NullPointerError,
    "EMPTY_SECRET": EmptySecretError,
    "SECRET_WHITESPACE": SecretWhitespaceError,
    "EMPTY_IDENTIFIER": EmptyIdentifierError,
    "BUFFER_TOO_SMALL": BufferTooSmallError,
    "INVALID_OFFSETS": InvalidOffsetsError,
    "INTERNAL_ERROR": InternalError,
    "SECRET_INVISIBLE": SecretInvisibleError,
}


def raw(case):
    return bytes.fromhex(case["secret_hex"]), bytes.fromhex(case["identifier_hex"])


def test_every_status_has_its_exception(vectors):
    assert vectors["statuses"].pop("OK") == 0
    assert set(vectors["statuses"]) == set(EXCEPTIONS)
    for name, code in vectors["statuses"].items():
        cls = EXCEPTIONS[name]
        assert issubclass(cls, IdentityError) and issubclass(cls, ValueError)
        assert (cls.status, cls.status_name) == (code, name)


def test_hash_cases(vectors):
    assert len(vectors["hash"]) >= 30
    for case in vectors["hash"]:
        secret, identifier = raw(case)
        expected = case["identifier_hash"]
        assert reference(secret, identifier) == expected, case["name"]
        assert ci.identifier_hash(secret, identifier) == expected, case["name"]
        assert ci.verify(secret, identifier, expected), case["name"]
        with IdentityKey(secret) as key:
            assert key.identifier_hash(identifier) == expected, case["name"]
            assert key.verify(identifier, expected), case["name"]
            assert key.identifier_hashes([identifier, identifier]) == [expected, expected]


def test_hash_cases_given_as_text(vectors):
    # The same cases through the str API, where the bytes are UTF-8 text.
    checked = 0
    for case in vectors["hash"]:
        if "secret" in case and "identifier" in case:
            got = ci.identifier_hash(case["secret"], case["identifier"])
            assert got == case["identifier_hash"], case["name"]
            checked += 1
    assert checked >= 25


def test_rejected_cases(vectors):
    assert {c["status"] for c in vectors["rejected"]} == {
        "EMPTY_SECRET", "SECRET_WHITESPACE", "EMPTY_IDENTIFIER", "SECRET_INVISIBLE"}
    for case in vectors["rejected"]:
        secret, identifier = raw(case)
        cls = EXCEPTIONS[case["status"]]
        with pytest.raises(cls) as info:
            ci.identifier_hash(secret, identifier)
        assert info.value.status == case["code"], case["name"]
        assert str(info.value) == ci.errors.status_message(case["code"])
        assert ci.verify(secret, identifier, reference(b"k", identifier or b"x")) is False
        if case["status"] == "EMPTY_IDENTIFIER":
            key = IdentityKey(secret)
            with pytest.raises(EmptyIdentifierError):
                key.identifier_hash(identifier)
            assert key.verify(identifier, reference(secret, b"x")) is False
        else:
            with pytest.raises(cls):
                IdentityKey(secret)


def test_verify_cases(vectors):
    assert any(c["valid"] for c in vectors["verify"])
    assert any(not c["valid"] for c in vectors["verify"])
    for case in vectors["verify"]:
        secret, identifier = raw(case)
        given = case["identifier_hash"]
        assert ci.verify(secret, identifier, given) is case["valid"], case["name"]
        assert ci.verify(secret, identifier, given.encode("utf-8")) is case["valid"], case["name"]
        try:
            key = IdentityKey(secret)
        except (EmptySecretError, SecretWhitespaceError, SecretInvisibleError):
            assert not case["valid"], case["name"]  # refused up front: no key to verify with
            continue
        with key:
            assert key.verify(identifier, given) is case["valid"], case["name"]
