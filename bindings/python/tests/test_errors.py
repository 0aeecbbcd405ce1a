"""Typed errors carrying the library's own message, and no secret anywhere."""

import copy
import pickle

import pytest

import chatwoot_identity as ci
from chatwoot_identity import (
    EmptyIdentifierError,
    EmptySecretError,
    IdentityError,
    IdentityKey,
    SecretInvisibleError,
    SecretWhitespaceError,
)

SECRET_WITH_NEWLINE = "s3cr3t-t0ken-XYZ\n"


def test_hierarchy():
    for cls in (EmptySecretError, SecretWhitespaceError, EmptyIdentifierError,
                ci.NullPointerError, ci.BufferTooSmallError, ci.InvalidOffsetsError,
                ci.InternalError, SecretInvisibleError):
        assert issubclass(cls, IdentityError)
    assert issubclass(IdentityError, ValueError)


def test_messages_are_the_library_sentences():
    with pytest.raises(SecretWhitespaceError) as info:
        ci.identifier_hash(SECRET_WITH_NEWLINE, "user")
    assert str(info.value) == ci.errors.status_message(-3)
    assert "whitespace" in str(info.value)
    with pytest.raises(EmptySecretError) as info:
        ci.identifier_hash("", "user")
    assert "secret" in str(info.value) and str(info.value) == ci.errors.status_message(-2)
    with pytest.raises(EmptyIdentifierError) as info:
        ci.identifier_hash("k", "")
    assert info.value.index is None and "identifier" in str(info.value)
    with pytest.raises(SecretInvisibleError) as info:
        ci.identifier_hash("\ufeffs3cr3t", "user")
    assert str(info.value) == ci.errors.status_message(-14) and "s3cr3t" not in str(info.value)


def test_unknown_status_still_becomes_an_identity_error():
    err = ci.errors.error_for(-99)
    assert type(err) is IdentityError and err.status == -99 and str(err)


def test_no_error_shows_the_secret():
    secret = "s3cr3t-t0ken-XYZ"
    errors = []
    for call in (lambda: ci.identifier_hash(secret + "\n", "user"),
                 lambda: ci.identifier_hash(secret, ""),
                 lambda: ci.identifier_hash(secret, 1.5),
                 lambda: IdentityKey(" " + secret),
                 lambda: IdentityKey(secret).identifier_hashes(["a", ""]),
                 lambda: IdentityKey(secret).identifier_hashes(["a", None])):
        with pytest.raises((ValueError, TypeError)) as info:
            call()
        errors.append(info.value)
    for err in errors:
        assert secret not in str(err) and secret not in repr(err)


def test_key_repr_and_pickling_never_show_the_secret():
    secret = "s3cr3t-t0ken-XYZ"
    key = IdentityKey(secret)
    assert repr(key) == str(key) == "<IdentityKey open>"
    for attempt in (pickle.dumps, copy.copy, copy.deepcopy):
        with pytest.raises(TypeError, match="cannot be pickled or copied"):
            attempt(key)
    with pytest.raises(TypeError):
        pickle.dumps(key._handle)
    assert not hasattr(key, "__dict__")  # nothing stored besides the opaque handle
    key.close()
    assert repr(key) == "<IdentityKey closed>"
