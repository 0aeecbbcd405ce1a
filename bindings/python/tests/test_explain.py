"""explain(): every explain case of tests/vectors.json, the verdict table, and its types."""

import dataclasses

import pytest
from conftest import IDENTIFIER, SAMPLE_HASH, SECRET, reference

import chatwoot_identity as ci
from chatwoot_identity import Explanation, Verdict
from chatwoot_identity._library import fast_lib

# Written out by hand (not derived from the package) so a renumbering is caught.
VERDICTS = {
    "match": 0, "uppercase_hex": 1, "hash_whitespace": 2, "secret_whitespace": 3,
    "swapped_arguments": 4, "hash_is_identifier": 5, "identifier_is_hash": 6, "base64": 7,
    "raw_digest": 8, "identifier_format": 9, "other_algorithm": 10, "not_hex": 11,
    "wrong_length": 12, "mismatch": 13,
    "null_pointer": -1, "invalid_secret": -2, "empty_identifier": -3, "internal_error": -4,
}


def test_verdict_table_is_pinned(vectors):
    assert vectors["verdicts"] == VERDICTS
    assert [v.value for v in Verdict] == [*VERDICTS, "unknown"]
    for name, code in VERDICTS.items():
        verdict = Verdict(name)
        assert verdict is Verdict[name.upper()] is Verdict.from_code(code)
        assert verdict.code == code and str(verdict) == name
        assert fast_lib.cw_verdict_name(code).decode() == name  # the library agrees
        assert verdict.message == fast_lib.cw_verdict_message(code).decode() != ""
        assert verdict.is_match is (name == "match")


def test_every_explain_case(vectors):
    cases = vectors["explain"]
    assert {c["verdict"] for c in cases} == set(VERDICTS) - {"null_pointer", "internal_error"}
    for case in cases:
        secret, identifier = bytes.fromhex(case["secret_hex"]), bytes.fromhex(case["identifier_hex"])
        given = bytes.fromhex(case["hash_hex"])
        got = ci.explain(secret, identifier, given)
        assert (got.verdict.value, got.code) == (case["verdict"], case["code"]), case["name"]
        assert got.message == Verdict(case["verdict"]).message, case["name"]
        assert got.is_match is (case["verdict"] == "match"), case["name"]
        # verify agrees: the match verdict, and only it, is accepted (and is Python's hmac)
        assert ci.verify(secret, identifier, given) is got.is_match, case["name"]
        if got.is_match:
            assert reference(secret, identifier).encode() == given
        try:
            text = given.decode("utf-8")
        except UnicodeDecodeError:
            assert case["verdict"] == "raw_digest"  # only raw bytes need the bytes form
            continue
        assert ci.explain(secret, identifier, text) == got, case["name"]


def test_readme_example():
    got = ci.explain(SECRET, IDENTIFIER, SAMPLE_HASH.upper())
    assert got.verdict is Verdict.UPPERCASE_HEX and not got.is_match
    assert got.message.startswith("the hash is right but in uppercase hex")
    assert str(got) == f"uppercase_hex: {got.message}"
    assert ci.explain(SECRET, IDENTIFIER, SAMPLE_HASH).is_match


def test_identifiers_follow_identifier_hash_rules():
    # an int is its decimal digits; bytes-like and str as for identifier_hash
    for value, data in ((42, b"42"), (bytearray(b"u-1"), b"u-1"), ("josé", "josé".encode())):
        assert ci.explain(SECRET, value, reference(SECRET.encode(), data)).is_match
    # the hash of 42.0 for the identifier 42: "written differently"
    assert ci.explain(SECRET, 42, reference(SECRET.encode(), b"42.0")).verdict is \
        Verdict.IDENTIFIER_FORMAT
    assert ci.explain(SECRET.encode(), IDENTIFIER, memoryview(SAMPLE_HASH.encode())).is_match


def test_raw_digest_as_bytes():
    import hashlib
    import hmac
    digest = hmac.new(SECRET.encode(), IDENTIFIER.encode(), hashlib.sha256).digest()
    assert ci.explain(SECRET, IDENTIFIER, digest).verdict is Verdict.RAW_DIGEST


@pytest.mark.parametrize("secret, identifier, given, type_error", [
    (None, IDENTIFIER, SAMPLE_HASH, r"^secret must be str or bytes"),
    (1.5, IDENTIFIER, SAMPLE_HASH, r"^secret must be str or bytes"),
    (SECRET, None, SAMPLE_HASH, r"^identifier must be str, bytes or int"),
    (SECRET, True, SAMPLE_HASH, r"^identifier must be str, bytes or int"),
    (SECRET, IDENTIFIER, None, r"^identifier_hash must be str \(hex\) or bytes, not NoneType$"),
    (SECRET, IDENTIFIER, 0, r"^identifier_hash must be str \(hex\) or bytes, not int$"),
])
def test_wrong_types_raise_type_error(secret, identifier, given, type_error):
    with pytest.raises(TypeError, match=type_error):
        ci.explain(secret, identifier, given)


def test_bad_values_are_verdicts_not_errors():
    assert ci.explain("", IDENTIFIER, SAMPLE_HASH).verdict is Verdict.INVALID_SECRET
    assert ci.explain(SECRET + "\n", IDENTIFIER, SAMPLE_HASH).verdict is Verdict.SECRET_WHITESPACE
    assert ci.explain(SECRET, "", SAMPLE_HASH).verdict is Verdict.EMPTY_IDENTIFIER
    assert ci.explain(SECRET, IDENTIFIER, "\ud800" * 64).verdict is Verdict.NOT_HEX
    with pytest.raises(ValueError, match="^identifier is a str that cannot be encoded"):
        ci.explain(SECRET, "x\ud800", SAMPLE_HASH)  # as identifier_hash does


def test_unknown_codes_from_a_newer_library_do_not_crash():
    got = Explanation.from_code(99)
    assert got.verdict is Verdict.UNKNOWN and got.code == 99 and not got.is_match
    assert got.message == "unknown cw_verdict value" == Verdict.UNKNOWN.message
    assert Verdict.from_code(-99) is Verdict.UNKNOWN and Verdict.UNKNOWN.code is None


def test_explanation_is_immutable_and_safe_to_log():
    secret = "s3cr3t-t0ken-XYZ"
    got = ci.explain(secret, "user-7", SAMPLE_HASH)
    assert got.verdict is Verdict.MISMATCH
    with pytest.raises(dataclasses.FrozenInstanceError):
        got.code = 0  # type: ignore[misc]
    for text in (repr(got), str(got)):
        assert secret not in text and "user-7" not in text and SAMPLE_HASH not in text
