"""IdentityKey.identifier_hashes: one foreign call for the whole batch."""

import pytest
from conftest import IDENTIFIER, SAMPLE_HASH, SECRET, reference

from chatwoot_identity import EmptyIdentifierError, IdentityKey

TOKEN = b"7Zd3VqYtF9xPa2kLmN4bRcHs"


@pytest.fixture(scope="module")
def key():
    with IdentityKey(TOKEN) as k:
        yield k


def test_batch_equals_one_by_one_for_100000(key):
    identifiers = [f"user-{i}@example.com" for i in range(100_000)]
    batch = key.identifier_hashes(identifiers)
    assert len(batch) == 100_000
    assert batch == [key.identifier_hash(i) for i in identifiers]
    # and not merely self-consistent: spot-check against hmac
    for i in range(0, 100_000, 997):
        assert batch[i] == reference(TOKEN, identifiers[i].encode())


def test_mixed_types_and_non_ascii(key):
    values = ["é-user", 42, b"\x00\xff", bytearray(b"b"), "用户", "plain", -1]
    data = ["é-user".encode(), b"42", b"\x00\xff", b"b", "用户".encode(), b"plain", b"-1"]
    assert key.identifier_hashes(values) == [reference(TOKEN, d) for d in data]
    assert key.identifier_hashes(["é", "用户"]) == [reference(TOKEN, s.encode()) for s in ["é", "用户"]]


def test_any_iterable(key):
    expected = [reference(TOKEN, str(i).encode()) for i in range(50)]
    assert key.identifier_hashes(range(50)) == expected
    assert key.identifier_hashes(str(i) for i in range(50)) == expected
    assert key.identifier_hashes(tuple(str(i) for i in range(50))) == expected


def test_empty_batch(key):
    assert key.identifier_hashes([]) == []
    assert key.identifier_hashes(iter(())) == []


def test_documented_sample():
    assert IdentityKey(SECRET).identifier_hashes([IDENTIFIER]) == [SAMPLE_HASH]


@pytest.mark.parametrize("values, index", [
    (["", "a"], 0), (["a", "b", ""], 2), (["a", b"", "c", ""], 1), ([1, 2, 3, "x", ""], 4),
])
def test_empty_identifier_reports_its_index(key, values, index):
    with pytest.raises(EmptyIdentifierError, match=rf"\(identifier at index {index}\)$") as info:
        key.identifier_hashes(values)
    assert info.value.index == index and info.value.status == -4


@pytest.mark.parametrize("values, index, type_name", [
    (["a", None], 1, "NoneType"), ([True, "a"], 0, "bool"), (["a", "b", 1.5], 2, "float"),
    ([b"a", "x", [1]], 2, "list"),
])
def test_wrong_type_reports_its_index(key, values, index, type_name):
    with pytest.raises(TypeError, match=rf"^identifier at index {index} must be .* not {type_name}$"):
        key.identifier_hashes(values)


def test_lone_surrogate_reports_its_index(key):
    with pytest.raises(ValueError, match=r"^identifier at index 1 is a str that cannot be encoded"):
        key.identifier_hashes(["a", "b\ud800"])


@pytest.mark.parametrize("single", ["user-1", b"user-1", bytearray(b"u"), memoryview(b"u")])
def test_a_single_identifier_is_not_an_iterable_of_identifiers(key, single):
    with pytest.raises(TypeError, match="iterable of identifiers"):
        key.identifier_hashes(single)


@pytest.mark.parametrize("value", [5, None])
def test_not_iterable(key, value):
    with pytest.raises(TypeError):
        key.identifier_hashes(value)


def test_bytes_like_elements_use_their_byte_length(key):
    from array import array
    wide = memoryview(array("I", [1, 2]))  # len() is 2 items, but 8 bytes
    strided = memoryview(b"abcdef")[::2]   # not contiguous
    values = [b"x", wide, strided, bytearray(b"yz")]
    data = [b"x", wide.tobytes(), b"ace", b"yz"]
    assert key.identifier_hashes(values) == [reference(TOKEN, d) for d in data]
    assert key.identifier_hashes([b"a", b"bc"]) == [reference(TOKEN, b"a"), reference(TOKEN, b"bc")]
