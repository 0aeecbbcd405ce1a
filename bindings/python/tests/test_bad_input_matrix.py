"""One test per row of the bad-input matrix (docs/bad-input-matrix.md): what a Python caller
gets for each bad input, through every entry point. The `matrix: <row-id>` comments are
read by scripts/check-matrix."""

import json
import re

import pytest
from conftest import IDENTIFIER, INVISIBLES, SAMPLE_HASH, SECRET, reference

import chatwoot_identity as ci
from chatwoot_identity import (
    EmptyIdentifierError,
    EmptySecretError,
    IdentityKey,
    SecretInvisibleError,
    SecretWhitespaceError,
    Verdict,
)

SECRET_B = SECRET.encode()


@pytest.fixture
def key():
    with IdentityKey(SECRET) as k:
        yield k


# matrix: null-with-length
def test_none_is_a_type_error_and_a_none_hash_is_false(key):
    for call in (lambda: ci.identifier_hash(None, IDENTIFIER),
                 lambda: ci.identifier_hash(SECRET, None),
                 lambda: ci.verify(None, IDENTIFIER, SAMPLE_HASH),
                 lambda: ci.verify(SECRET, None, SAMPLE_HASH),
                 lambda: IdentityKey(None),
                 lambda: key.identifier_hash(None),
                 lambda: key.identifier_hashes(None),
                 lambda: ci.explain(SECRET, IDENTIFIER, None)):
        with pytest.raises(TypeError):
            call()
    # a missing hash is untrusted input: verify fails closed
    assert ci.verify(SECRET, IDENTIFIER, None) is False
    assert key.verify(IDENTIFIER, None) is False


# matrix: null-zero-length
def test_empty_str_and_bytes_are_the_empty_values(key):
    for empty in ("", b""):
        with pytest.raises(EmptySecretError):
            ci.identifier_hash(empty, IDENTIFIER)
        with pytest.raises(EmptySecretError):
            IdentityKey(empty)
        with pytest.raises(EmptyIdentifierError):
            ci.identifier_hash(SECRET, empty)
        with pytest.raises(EmptyIdentifierError):
            key.identifier_hash(empty)
        assert ci.verify(empty, IDENTIFIER, SAMPLE_HASH) is False
        assert ci.verify(SECRET, empty, SAMPLE_HASH) is False
        assert ci.verify(SECRET, IDENTIFIER, empty) is False
        assert key.verify(IDENTIFIER, empty) is False
        assert ci.explain(SECRET, IDENTIFIER, empty).verdict is Verdict.BLANK_HASH
        with pytest.raises(EmptySecretError):
            ci.explain(empty, IDENTIFIER, SAMPLE_HASH)
        with pytest.raises(EmptyIdentifierError):
            ci.explain(SECRET, empty, SAMPLE_HASH)
        with pytest.raises(EmptyIdentifierError):
            key.set_user_script(empty, name="n")
        with pytest.raises(EmptyIdentifierError):
            key.set_user_payload(empty, name="n")


# matrix: empty-secret
def test_empty_secret_raises_empty_secret_error():
    with pytest.raises(EmptySecretError) as info:
        ci.identifier_hash("", IDENTIFIER)
    assert info.value.status == -2 and isinstance(info.value, ValueError)
    with pytest.raises(EmptySecretError):
        IdentityKey(b"")
    assert ci.verify("", IDENTIFIER, SAMPLE_HASH) is False
    with pytest.raises(EmptySecretError):  # explain: also a secret of only whitespace
        ci.explain(" \t", IDENTIFIER, SAMPLE_HASH)


# matrix: secret-whitespace
@pytest.mark.parametrize("padded", [SECRET + "\n", SECRET + "\r\n", " " + SECRET, SECRET + "\t"])
def test_padded_secret_raises_secret_whitespace_error(padded):
    with pytest.raises(SecretWhitespaceError) as info:
        ci.identifier_hash(padded, IDENTIFIER)
    assert info.value.status == -3
    with pytest.raises(SecretWhitespaceError):
        IdentityKey(padded.encode())
    # fails closed even with the hash of the padded bytes
    assert ci.verify(padded, IDENTIFIER, reference(padded.encode(), IDENTIFIER.encode())) is False
    assert ci.explain(padded, IDENTIFIER, SAMPLE_HASH).verdict is Verdict.SECRET_WHITESPACE


# matrix: secret-invisible
@pytest.mark.parametrize("mark", INVISIBLES)
def test_invisible_edge_raises_secret_invisible_error(mark):
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


def test_invisible_edge_that_is_not_utf8_is_hashed():
    # half a byte-order mark at each end is raw key bytes, not a character
    raw = b"\xbb\xbf" + SECRET_B + b"\xef\xbb"
    assert ci.identifier_hash(raw, IDENTIFIER) == reference(raw, IDENTIFIER.encode())


def test_hash_made_with_a_bom_padded_secret_is_explained_as_padded_secret():
    padded_hash = reference(("\ufeff" + SECRET).encode(), IDENTIFIER.encode())
    assert ci.explain(SECRET, IDENTIFIER, padded_hash).verdict is Verdict.PADDED_SECRET


# matrix: empty-identifier
def test_empty_identifier_raises_empty_identifier_error(key):
    for call in (lambda: ci.identifier_hash(SECRET, ""), lambda: key.identifier_hash(b"")):
        with pytest.raises(EmptyIdentifierError) as info:
            call()
        assert info.value.status == -4 and info.value.index is None
    assert ci.verify(SECRET, "", SAMPLE_HASH) is False
    assert key.verify("", SAMPLE_HASH) is False
    with pytest.raises(EmptyIdentifierError):
        ci.explain(SECRET, "", SAMPLE_HASH)
    with pytest.raises(EmptyIdentifierError):
        key.set_user_script("", name="n")


# matrix: identifier-1mib
def test_one_mib_identifier_matches_hmac(key):
    identifier = bytes(range(256)) * 4096
    assert len(identifier) == 1 << 20
    expected = reference(SECRET_B, identifier)
    assert ci.identifier_hash(SECRET, identifier) == expected
    assert key.identifier_hash(identifier) == expected
    assert key.identifier_hashes([identifier, b"x"]) == [expected, reference(SECRET_B, b"x")]
    assert ci.verify(SECRET, identifier, expected) is True
    assert key.verify(identifier, expected) is True
    text = "é" * (1 << 19)  # 1 MiB of UTF-8
    assert ci.identifier_hash(SECRET, text) == reference(SECRET_B, text.encode())


# matrix: non-utf8
def test_non_utf8_bytes_are_hashed_as_bytes(key):
    identifier = b"\xff\xfe\xc3\x28\x80user\x00"
    expected = reference(SECRET_B, identifier)
    assert ci.identifier_hash(SECRET, identifier) == expected
    assert key.identifier_hash(identifier) == expected
    assert key.identifier_hashes([identifier]) == [expected]
    assert ci.verify(SECRET, identifier, expected) is True
    # a str that has no UTF-8 form (a lone surrogate) is refused, never guessed
    with pytest.raises(ValueError, match="^identifier is a str that cannot be encoded"):
        ci.identifier_hash(SECRET, "user\udcff")
    assert ci.verify(SECRET, "user\udcff", expected) is False


# matrix: hash-wrong-length
def test_wrong_length_hash_is_false(key):
    for given in (SAMPLE_HASH[:-1], SAMPLE_HASH + "0", SAMPLE_HASH[:40]):
        assert ci.verify(SECRET, IDENTIFIER, given) is False
        assert key.verify(IDENTIFIER, given.encode()) is False
    assert ci.explain(SECRET, IDENTIFIER, SAMPLE_HASH[:-1]).verdict is Verdict.WRONG_LENGTH


# matrix: uppercase-hash
def test_uppercase_hash_is_false(key):
    assert ci.verify(SECRET, IDENTIFIER, SAMPLE_HASH.upper()) is False
    assert key.verify(IDENTIFIER, SAMPLE_HASH.upper()) is False
    assert ci.explain(SECRET, IDENTIFIER, SAMPLE_HASH.upper()).verdict is Verdict.UPPERCASE_HEX


# matrix: non-hex-hash
def test_non_hex_hash_is_false(key):
    for given in ("g" * 64, "z" + SAMPLE_HASH[1:], "é" * 32, b"\xff" * 64):
        assert ci.verify(SECRET, IDENTIFIER, given) is False
        assert key.verify(IDENTIFIER, given) is False
    assert ci.explain(SECRET, IDENTIFIER, "g" * 64).verdict is Verdict.NOT_HEX


# matrix: hash-whitespace
def test_hash_with_whitespace_is_false(key):
    for given in (SAMPLE_HASH + "\n", " " + SAMPLE_HASH, SAMPLE_HASH + "\r\n", "\t" + SAMPLE_HASH):
        assert ci.verify(SECRET, IDENTIFIER, given) is False
        assert key.verify(IDENTIFIER, given) is False
    assert ci.explain(SECRET, IDENTIFIER, SAMPLE_HASH + "\n").verdict is Verdict.HASH_WHITESPACE


# matrix: batch-bad-offsets
def test_batch_reports_the_index_of_a_bad_element(key):
    # The binding builds the offsets itself: what a caller can get wrong is an element.
    with pytest.raises(EmptyIdentifierError, match=r"\(identifier at index 2\)$") as info:
        key.identifier_hashes(["a", "b", "", "d"])
    assert info.value.index == 2
    with pytest.raises(TypeError, match=r"^identifier at index 1 must be str, bytes or int"):
        key.identifier_hashes(["a", 1.5, "c"])


# matrix: buffer-too-small
def test_results_are_always_exactly_64_lowercase_hex_chars(key):
    # The binding sizes every output buffer itself: a caller cannot pass one that is too small.
    hashes = [ci.identifier_hash(SECRET, IDENTIFIER), key.identifier_hash(b"x" * 1000),
              *key.identifier_hashes(["a", "bb", 7])]
    assert len(hashes) == 5
    assert all(type(h) is str and re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes)
    # The renderer's output grows with the fields: the size protocol's retry gives it all.
    for size in (0, 900, 1024, 5000, 100_000):
        name = "n" * max(size, 1)
        payload = json.loads(key.set_user_payload(IDENTIFIER, name=name))
        assert payload["name"] == name
        assert name in key.set_user_script(IDENTIFIER, name=name)


# matrix: key-double-free
def test_close_twice_is_a_no_op_and_use_after_close_raises():
    key = IdentityKey(SECRET)
    key.close()
    key.close()
    with key:  # leaving the block closes it a third time
        pass
    assert key.closed
    for call in (lambda: key.identifier_hash(IDENTIFIER), lambda: key.verify(IDENTIFIER, SAMPLE_HASH),
                 lambda: key.identifier_hashes([IDENTIFIER]),
                 lambda: key.set_user_script(IDENTIFIER, name="n"),
                 lambda: key.set_user_payload(IDENTIFIER, email="e@example.com")):
        with pytest.raises(ci.KeyClosedError, match="^this IdentityKey is closed$") as info:
            call()
        assert isinstance(info.value, ValueError) and not isinstance(info.value, ci.IdentityError)
    assert key.reset_script() == ci.reset_script()  # needs no key
