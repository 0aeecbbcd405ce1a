"""set_user_script, set_user_payload and reset_script: hostile users, every bad input class,
and the output read back with Python's json (identifier as the exact string, fields intact)."""

import json
import re

import pytest
from conftest import IDENTIFIER, SAMPLE_HASH, SECRET, reference

import chatwoot_identity as ci
from chatwoot_identity import IdentityKey, Script

BREAKOUT = "</script><script>window.__pwned=1</script>"
HOSTILE = [
    BREAKOUT,
    "O'Brien \"the\" & <b>co</b>",
    "line\u2028sep\u2029end",
    "\U0001d518ser \U0001f389 \u00e9",
    "<!-- ]]> -->",
]


@pytest.fixture
def key():
    with IdentityKey(SECRET) as k:
        yield k


def script_values(script):
    """(identifier, user) as the browser evaluates them, read with Python's json."""
    match = re.fullmatch(r'<script( nonce="[A-Za-z0-9+/=_-]+")?>(.*)</script>', script, re.DOTALL)
    assert match, script
    body = match.group(2)
    decoder = json.JSONDecoder()
    start = body.index("var identifier = ") + len("var identifier = ")
    identifier, end = decoder.raw_decode(body, start)
    assert body[end:end + len(", user = ")] == ", user = "
    json_start = end + len(", user = ")
    user, end = decoder.raw_decode(body, json_start)
    assert_json_escaped(body[start:json_start] + body[json_start:end])
    assert "w.$chatwoot.setUser(identifier, user)" in body[end:]
    assert 'addEventListener("chatwoot:ready"' in body[end:]
    return identifier, user


def assert_html_safe(text):
    # Nothing can close the script, open a comment or end a JS line early.
    inner = re.sub(r'^<script( nonce="[^"]*")?>|</script>$', "", text)
    for bad in ("<", "\u2028", "\u2029", "\0"):
        assert bad not in inner, bad


def assert_json_escaped(raw):
    # The JSON values escape every character HTML or XHTML could read as markup.
    for bad in ("<", ">", "&", "'", "\u2028", "\u2029"):
        assert bad not in raw, bad


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_identifier_name_and_email(key, value):
    script = key.set_user_script(value, name=value, email=value)
    assert_html_safe(script)
    identifier, user = script_values(script)
    assert identifier == value  # the exact string, byte for byte
    assert user == {"identifier_hash": reference(SECRET.encode(), value.encode()),
                    "name": value, "email": value}
    payload = json.loads(key.set_user_payload(value, name=value, email=value))
    assert payload == {"identifier": value, **user}
    assert list(payload) == ["identifier", "identifier_hash", "name", "email"]
    assert_json_escaped(key.set_user_payload(value, name=value))


def test_an_integer_above_2_53_is_sent_as_its_digits(key):
    big = 9007199254740993  # 2**53 + 1: a JS number would round it to ...992
    identifier, user = script_values(key.set_user_script(big, name="Big"))
    assert identifier == "9007199254740993" and type(identifier) is str
    assert user["identifier_hash"] == reference(SECRET.encode(), b"9007199254740993")
    payload = json.loads(key.set_user_payload(big, email="big@example.com"))
    assert payload["identifier"] == "9007199254740993"
    assert payload["identifier_hash"] == key.identifier_hash(big)
    assert json.loads(key.set_user_payload(-(2**70), name="n"))["identifier"] == str(-(2**70))


def test_the_documented_sample_and_every_field(key):
    attributes = {"plan": "pro", "seats": 12, "ratio": 0.5, "trial": False}
    fields = {"name": "Jane", "email": "jane@example.com", "avatar_url": "https://x.test/a.png",
              "phone_number": "+15550100", "description": "d", "company_name": "ACME & Co",
              "country_code": "US", "city": "Berlin", "custom_attributes": attributes}
    payload = json.loads(key.set_user_payload(IDENTIFIER, **fields))
    assert payload == {"identifier": IDENTIFIER, "identifier_hash": SAMPLE_HASH, **fields}
    identifier, user = script_values(key.set_user_script(IDENTIFIER, **fields))
    assert (identifier, user) == (IDENTIFIER, {"identifier_hash": SAMPLE_HASH, **fields})
    # None means "not set": left out
    assert json.loads(key.set_user_payload(IDENTIFIER, name="Jane", email=None, city=None)) == \
        {"identifier": IDENTIFIER, "identifier_hash": SAMPLE_HASH, "name": "Jane"}
    # bytes identifiers are their UTF-8 text
    assert key.set_user_payload("jos\u00e9".encode(), name="J") == \
        key.set_user_payload("jos\u00e9", name="J")


def test_nonce_and_script_type(key):
    script = key.set_user_script(IDENTIFIER, nonce="rAnd0m+/_-=", name="n")
    assert script.startswith('<script nonce="rAnd0m+/_-=">') and script.endswith("</script>")
    assert type(script) is Script and isinstance(script, str)
    assert script.__html__() == script  # Jinja2/MarkupSafe and Django keep it as is
    assert key.set_user_script(IDENTIFIER, nonce="", name="n").startswith("<script>")
    assert key.set_user_script(IDENTIFIER, name="n").startswith("<script>")


def test_reset_script():
    for reset in (ci.reset_script(), IdentityKey.reset_script(), ci.reset_script(None)):
        assert reset.startswith("<script>") and "w.$chatwoot.reset()" in reset
        assert type(reset) is Script
    assert ci.reset_script("abc").startswith('<script nonce="abc">')
    with pytest.raises(ci.InvalidNonceError):
        ci.reset_script('x" onload="alert(1)')


@pytest.mark.parametrize("identifier", [1.5, True, False, None, [IDENTIFIER], object()])
def test_identifier_of_the_wrong_type(key, identifier):
    for call in (key.set_user_script, key.set_user_payload):
        with pytest.raises(TypeError, match="^identifier must be str or int"):
            call(identifier, name="n")



@pytest.mark.parametrize("identifier", ["", b""])
def test_an_empty_identifier_is_refused_by_both_renderers(key, identifier):
    for call in (key.set_user_script, key.set_user_payload):
        with pytest.raises(ci.EmptyIdentifierError):
            call(identifier, name="n")


def test_output_of_any_length_comes_back_whole(key):
    # The renderer's output grows with the fields: the size protocol's retry gives it all.
    for size in (1, 900, 1024, 5000, 100_000):
        name = "n" * size
        payload = json.loads(key.set_user_payload(IDENTIFIER, name=name))
        assert payload["name"] == name
        assert name in key.set_user_script(IDENTIFIER, name=name)

def test_identifiers_and_fields_that_are_not_unicode(key):
    surrogate = b"user-\xff".decode("utf-8", "surrogateescape")  # e.g. from os.environ
    for call in (key.set_user_script, key.set_user_payload):
        with pytest.raises(ci.NotUnicodeError, match="^identifier is a str that cannot"):
            call(surrogate, name="n")
        with pytest.raises(ci.NotUnicodeError, match="^identifier is a str that cannot"):
            call(b"user-\xff", name="n")
        with pytest.raises(ci.NotUnicodeError, match="^a field is a str that cannot") as info:
            call(IDENTIFIER, name=surrogate)
        assert info.value.__context__ is None and info.value.__cause__ is None


@pytest.mark.parametrize("fields, error", [
    ({"name": "n", "phone": "1"}, ci.UnknownFieldError),
    ({"name": "n", "identifier_hash": "x" * 64}, ci.UnknownFieldError),
    ({"name": "n", "identifier": "other"}, ci.UnknownFieldError),
    ({"name": 5}, ci.InvalidFieldValueError),
    ({"email": ["a@b.c"]}, ci.InvalidFieldValueError),
    ({"name": "n", "custom_attributes": {"a": [1]}}, ci.InvalidFieldValueError),
    ({"name": "n", "custom_attributes": "plan"}, ci.InvalidFieldValueError),
    ({"name": "n", "custom_attributes": {"r": float("nan")}}, ci.InvalidFieldValueError),
    ({}, ci.MissingContactFieldError),
    ({"name": "", "city": "Berlin"}, ci.MissingContactFieldError),
    ({"name": None, "email": None}, ci.MissingContactFieldError),
])
def test_fields_the_library_refuses(key, fields, error):
    for call in (key.set_user_script, key.set_user_payload):
        with pytest.raises(error) as info:
            call(IDENTIFIER, **fields)
        assert isinstance(info.value, ci.IdentityError) and str(info.value)
        if info.value.status:  # the library's own sentence
            assert str(info.value) == ci.errors.status_message(info.value.status)


def test_fields_without_a_json_form_are_type_errors(key):
    for value in (object(), b"bytes", {1, 2}):
        with pytest.raises(TypeError, match="^the user's fields must be JSON values"):
            key.set_user_payload(IDENTIFIER, name="n", custom_attributes={"x": value})


@pytest.mark.parametrize("nonce", ["bad nonce", '"><script>', "n\u00f6nce", "\ud800"])
def test_bad_nonces(key, nonce):
    with pytest.raises(ci.InvalidNonceError) as info:
        key.set_user_script(IDENTIFIER, nonce=nonce, name="n")
    assert str(info.value) == ci.errors.status_message(info.value.status)
    with pytest.raises(TypeError, match="^nonce must be str or None"):
        key.set_user_script(IDENTIFIER, nonce=b"abc", name="n")


def test_every_render_status_has_its_error():
    # The statuses Python's own checks pre-empt (a non-UTF-8 identifier, invalid JSON) too.
    expected = {"invalid_identifier": ci.InvalidIdentifierError, "invalid_json": ci.InvalidJsonError,
                "unknown_field": ci.UnknownFieldError,
                "invalid_field_value": ci.InvalidFieldValueError,
                "missing_contact_field": ci.MissingContactFieldError,
                "invalid_nonce": ci.InvalidNonceError}
    for name, cls in expected.items():
        err = ci.errors.error_for(ci._abi.STATUSES[name])
        assert type(err) is cls and err.status_name == name.upper()
        assert str(err) == ci.errors.status_message(err.status) != ""


def test_no_secret_in_errors_or_output(key):
    secret = "s3cr3t-t0ken-XYZ"
    with IdentityKey(secret) as k:
        out = k.set_user_script("u", name="n") + k.set_user_payload("u", name="n")
        assert secret not in out
        with pytest.raises(ci.MissingContactFieldError) as info:
            k.set_user_script("u")
        assert secret not in str(info.value)


@pytest.mark.parametrize(("key", "type_name"), [(1, "int"), (True, "bool"), (None, "NoneType"),
                                                (1.5, "float"), ((1, 2), "tuple")])
def test_custom_attribute_keys_that_are_not_str_are_refused_not_stringified(key, type_name):
    with IdentityKey(SECRET) as k:
        for render in (k.set_user_script, k.set_user_payload):
            with pytest.raises(TypeError, match=rf"^custom_attributes has a key of type {type_name}: "
                                                r"attribute names must be str"):
                render("u1", name="Jane", custom_attributes={"plan": "pro", key: "x"})


def test_a_str_subclass_key_is_a_str():
    class Name(str):
        pass

    with IdentityKey(SECRET) as k:
        assert '"plan":"pro"' in k.set_user_payload("u1", name="J", custom_attributes={Name("plan"): "pro"})
