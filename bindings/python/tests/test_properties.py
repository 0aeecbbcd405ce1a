"""Property suite (Hypothesis): random and hostile values through every entry point, compared
with Python's own hmac. `make test` runs the short, derandomized "ci" profile; `make fuzz`
runs the "fuzz" profile (random, FUZZ_EXAMPLES examples per property)."""

import array
import ctypes
import enum
import hashlib
import hmac
import os

import pytest
from conftest import INVISIBLES, invisible_edge
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import chatwoot_identity as ci
from chatwoot_identity import (
    EmptyIdentifierError,
    EmptySecretError,
    IdentityKey,
    NotUnicodeError,
    SecretInvisibleError,
    SecretWhitespaceError,
)

settings.register_profile("ci", max_examples=60, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "5000")),
                          deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

WHITESPACE = b" \t\r\n"
CLOSED = "this IdentityKey is closed"


def hexdigest(secret: bytes, identifier: bytes) -> str:
    return hmac.new(secret, identifier, hashlib.sha256).hexdigest()


class Text(str):
    """A str subclass whose len() and encode() lie: the binding must hash the real text."""

    def __len__(self):
        return 3

    def encode(self, *args, **kwargs):
        return b"lie"


class Raw(bytes):
    def __len__(self):
        return 0


class UserId(enum.IntEnum):
    A = 12345


# Valid text: any code point but a surrogate (those have no UTF-8 form).
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=80)
blobs = st.binary(max_size=300)


@st.composite
def identifiers(draw):
    """(value to pass, the bytes Chatwoot hashes for it)."""
    kind = draw(st.sampled_from(["str", "bytes", "int", "bytearray", "view", "subclass"]))
    if kind == "str":
        value = draw(text)
        return value, value.encode()
    if kind == "subclass":
        value = draw(text)
        return draw(st.sampled_from([Text(value), Raw(value.encode())])), value.encode()
    if kind == "int":
        value = draw(st.one_of(st.integers(), st.integers(min_value=2**63, max_value=2**200),
                               st.just(UserId.A)))
        return value, str(int(value)).encode()
    data = draw(blobs)
    if kind == "bytes":
        return data, data
    if kind == "bytearray":
        return bytearray(data), data
    # a view with an offset, an end and a step
    start = draw(st.integers(0, len(data)))
    stop = draw(st.integers(start, len(data)))
    step = draw(st.integers(1, 3))
    return memoryview(data)[start:stop:step], data[start:stop:step]


@st.composite
def secrets(draw):
    """(value, bytes). Mostly valid secrets; sometimes empty or padded with whitespace or an invisible character."""
    data = draw(st.one_of(blobs.filter(bool), text.map(str.encode).filter(bool),
                          st.just(b""), blobs.map(lambda b: b + b"\n"),
                          st.tuples(st.sampled_from(INVISIBLES), text).map(
                              lambda pair: (pair[1] + pair[0]).encode())))
    kind = draw(st.sampled_from(["bytes", "str", "bytearray"]))
    if kind == "str":
        try:
            return data.decode(), data
        except UnicodeDecodeError:
            pass
    return (bytearray(data) if kind == "bytearray" else data), data


def expected_error(secret: bytes, identifier: bytes):
    if not secret:
        return EmptySecretError
    if secret[:1] in (b" ", b"\t", b"\r", b"\n") or secret[-1:] in (b" ", b"\t", b"\r", b"\n"):
        return SecretWhitespaceError
    if invisible_edge(secret):
        return SecretInvisibleError
    if not identifier:
        return EmptyIdentifierError
    return None


@given(secrets(), identifiers())
def test_every_entry_point_matches_hmac(secret, identifier):
    secret, secret_data = secret
    value, data = identifier
    error = expected_error(secret_data, data)
    if error in (EmptySecretError, SecretWhitespaceError, SecretInvisibleError):
        with pytest.raises(error):
            ci.identifier_hash(secret, value)
        with pytest.raises(error):
            IdentityKey(secret)
        assert ci.verify(secret, value, hexdigest(secret_data or b"x", data)) is False
        return
    expected = hexdigest(secret_data, data)
    key = IdentityKey(secret)
    if error is EmptyIdentifierError:
        for call in (lambda: ci.identifier_hash(secret, value), lambda: key.identifier_hash(value),
                     lambda: key.identifier_hashes([value])):
            with pytest.raises(EmptyIdentifierError):
                call()
        assert ci.verify(secret, value, expected) is False
        return
    assert ci.identifier_hash(secret, value) == expected
    assert key.identifier_hash(value) == expected
    assert key.identifier_hashes([value]) == [expected]
    assert ci.verify(secret, value, expected) is True
    assert key.verify(value, expected) is True
    assert ci.explain(secret, value, expected).is_match
    wrong = expected[:-1] + ("0" if expected[-1] != "0" else "1")
    assert ci.verify(secret, value, wrong) is False
    assert key.verify(value, expected.upper()) is (expected == expected.upper())


@given(st.lists(identifiers(), max_size=40), st.binary(min_size=1, max_size=64))
def test_batches_match_hmac_element_by_element(items, secret):
    assume(secret[:1] not in (b" ", b"\t", b"\r", b"\n") and secret[-1:] not in (b" ", b"\t", b"\r", b"\n"))
    key = IdentityKey(secret)
    values = [v for v, _ in items]
    empties = [i for i, (_, d) in enumerate(items) if not d]
    if empties:
        with pytest.raises(EmptyIdentifierError) as info:
            key.identifier_hashes(values)
        assert info.value.index == empties[0]
    else:
        expected = [hexdigest(secret, d) for _, d in items]
        assert key.identifier_hashes(values) == expected
        assert key.identifier_hashes(iter(values)) == expected
        assert key.identifier_hashes(tuple(values)) == expected


class Pretender:
    __class__ = str  # type: ignore[assignment]  # isinstance(x, str) believes it


hostile = st.one_of(
    st.none(), st.booleans(), st.floats(allow_nan=True), st.complex_numbers(),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.builds(lambda n: (ctypes.c_char * n)(), st.integers(1, 8)),
    st.builds(lambda n: ((ctypes.c_char * 2) * n)(), st.integers(1, 4)),
    st.builds(lambda xs: array.array("I", xs), st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=4)),
    st.builds(lambda xs: array.array("B", xs), st.lists(st.integers(0, 255), min_size=1, max_size=4)),
    st.builds(Pretender), st.builds(object), st.just(b"x".decode), st.just(IdentityKey),
)


@given(hostile, st.lists(identifiers(), max_size=5), st.data())
def test_hostile_types_are_type_errors_everywhere(value, others, data):
    key = IdentityKey(b"secret")
    for call in (lambda: ci.identifier_hash(b"secret", value), lambda: key.identifier_hash(value),
                 lambda: ci.verify(b"secret", value, "0" * 64), lambda: key.verify(value, "0" * 64),
                 lambda: ci.identifier_hash(value, "user"), lambda: IdentityKey(value)):
        with pytest.raises(TypeError):
            call()
    batch = [v for v, _ in others]
    index = data.draw(st.integers(0, len(batch)))
    batch.insert(index, value)
    with pytest.raises(TypeError, match=rf"^identifier at index {index} must be"):
        key.identifier_hashes(batch)
    # an untrusted hash of any type: verify fails closed
    assert ci.verify(b"secret", "user", value) is False
    assert key.verify("user", value) is False


@given(st.text(min_size=1, max_size=20), st.lists(st.characters(categories=["Cs"]), min_size=1, max_size=3), st.data())
def test_text_with_lone_surrogates_is_refused_or_false(base, surrogates, data):
    chars = list(base)
    for s in surrogates:
        chars.insert(data.draw(st.integers(0, len(chars))), s)
    value = "".join(chars)
    key = IdentityKey(b"secret")
    for call in (lambda: ci.identifier_hash(b"secret", value), lambda: key.identifier_hash(value),
                 lambda: key.identifier_hashes(["ok", value]), lambda: IdentityKey(value),
                 lambda: ci.identifier_hash(value, "user")):
        with pytest.raises(NotUnicodeError):
            call()
    lossy = hexdigest(b"secret", value.encode("utf-8", "surrogatepass"))
    assert ci.verify(b"secret", value, lossy) is False
    assert key.verify(value, lossy) is False


@given(st.lists(identifiers(), min_size=1, max_size=30), st.data())
def test_an_iterator_closing_the_key_gets_the_closed_error(items, data):
    key = IdentityKey(b"secret")
    at = data.draw(st.integers(0, len(items)))

    def values():
        for i, (value, _) in enumerate(items):
            if i == at:
                key.close()
                IdentityKey(b"attacker")  # would take the freed memory
            yield value
        if at == len(items):
            key.close()

    with pytest.raises(ValueError, match=f"^{CLOSED}$"):
        key.identifier_hashes(values())


# The core takes numbers the browser keeps exact: integers and doubles below 2**53 in magnitude.
json_scalars = st.one_of(text, st.integers(-(2**53) + 1, 2**53 - 1), st.booleans(),
                         st.floats(allow_nan=False, allow_infinity=False, min_value=-(2.0**53),
                                   max_value=2.0**53, exclude_min=True, exclude_max=True))


@given(st.one_of(text.filter(bool), st.integers()), text.filter(bool), st.one_of(st.none(), text),
       st.dictionaries(text, json_scalars, max_size=5))
def test_rendered_users_round_trip_through_json(identifier, name, email, attributes):
    import json
    import re

    key = IdentityKey(b"render-secret")
    expected_id = str(identifier)
    fields = {"name": name, "email": email, "custom_attributes": attributes}
    payload = json.loads(key.set_user_payload(identifier, **fields))
    assert payload["identifier"] == expected_id
    assert payload["identifier_hash"] == hexdigest(b"render-secret", expected_id.encode())
    assert payload["name"] == name and payload.get("email") == email
    got = payload.get("custom_attributes", {})  # an empty object is left out
    assert got.keys() == attributes.keys()
    for name_, value in attributes.items():
        if type(value) is float:
            assert float(got[name_]) == value  # exactly: 1.563650061959924e-153 stays itself
        else:
            assert got[name_] == value and type(got[name_]) is type(value)
    script = key.set_user_script(identifier, nonce="n0nce", **fields)
    inner = script[len('<script nonce="n0nce">'):-len("</script>")]
    assert not re.search("[<\u2028\u2029]", inner)
    assert payload["identifier_hash"] in inner
