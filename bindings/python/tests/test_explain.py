"""explain(): every explain case of tests/vectors.json, the verdict table, and its types."""

import dataclasses

import pytest
from conftest import IDENTIFIER, SAMPLE_HASH, SECRET, reference

import chatwoot_identity as ci
from chatwoot_identity import CandidateKind, Explanation, IdentityError, Verdict
from chatwoot_identity._library import fast_lib

# Written out by hand (not derived from the package) so a renumbering is caught.
VERDICTS = {
    "match": 0, "uppercase_hex": 1, "hash_whitespace": 2, "secret_whitespace": 3,
    "swapped_arguments": 4, "hash_is_identifier": 5, "identifier_is_hash": 6, "base64": 7,
    "raw_digest": 8, "identifier_format": 9, "other_algorithm": 10, "not_hex": 11,
    "wrong_length": 12, "mismatch": 13, "blank_hash": 14, "padded_secret": 15,
    "not_hmac": 16, "token_as_hash": 17, "js_rounded_number": 18, "other_candidate": 19,
}


def test_verdict_table_is_pinned(vectors):
    assert vectors["verdicts"] == VERDICTS == ci._abi.VERDICTS
    assert [v.value for v in Verdict] == [*VERDICTS, "unknown"]
    for name, code in VERDICTS.items():
        verdict = Verdict(name)
        assert verdict is Verdict[name.upper()] is Verdict.from_code(code)
        assert verdict.code == code and str(verdict) == name
        assert fast_lib.cw_verdict_name(code).decode() == name  # the library agrees
        assert verdict.message == fast_lib.cw_verdict_message(code).decode() != ""
        assert verdict.is_match is (name == "match")
    assert vectors["candidate_kinds"] == {k.value: i for i, k in enumerate(CandidateKind)}


def _candidates(case):
    return ([bytes.fromhex(h) for h in case.get("other_secrets_hex", [])],
            [bytes.fromhex(h) for h in case.get("other_identifiers_hex", [])])


def test_every_explain_case(vectors):
    cases = vectors["explain"]
    assert {c["verdict"] for c in cases} == set(VERDICTS)  # every verdict is exercised
    for case in cases:
        secret, identifier = bytes.fromhex(case["secret_hex"]), bytes.fromhex(case["identifier_hex"])
        given = bytes.fromhex(case["hash_hex"])
        others, other_ids = _candidates(case)
        got = ci.explain(secret, identifier, given, other_secrets=others,
                         other_identifiers=other_ids)
        assert (got.verdict.value, got.code) == (case["verdict"], case["code"]), case["name"]
        assert got.message == Verdict(case["verdict"]).message, case["name"]
        assert got.is_match is (case["verdict"] == "match"), case["name"]
        expected = case.get("candidate")
        if expected is None:
            assert (got.candidate_kind, got.candidate_index) == (CandidateKind.NONE, None)
        else:
            assert (got.candidate_kind.value, got.candidate_index) == \
                (expected["kind"], expected["index"]), case["name"]
            # the matched candidate really reproduces the hash (Python's hmac)
            key, ident = ((others[expected["index"]], identifier) if expected["kind"] == "secret"
                          else (secret, other_ids[expected["index"]]))
            assert reference(key, ident).encode() == given
        # verify agrees: the match verdict, and only it, is accepted (and is Python's hmac)
        assert ci.verify(secret, identifier, given) is got.is_match, case["name"]
        if got.is_match:
            assert reference(secret, identifier).encode() == given
        try:
            text = given.decode("utf-8")
        except UnicodeDecodeError:
            assert case["verdict"] == "raw_digest"  # only raw bytes need the bytes form
            continue
        assert ci.explain(secret, identifier, text, other_secrets=iter(others),
                          other_identifiers=tuple(other_ids)) == got, case["name"]


def test_every_rejected_explain_case(vectors):
    cases = vectors["explain_rejected"]
    assert cases
    for case in cases:
        with pytest.raises(IdentityError) as info:
            ci.explain(bytes.fromhex(case["secret_hex"]), bytes.fromhex(case["identifier_hex"]),
                       bytes.fromhex(case["hash_hex"]))
        assert (info.value.status_name, info.value.status) == (case["status"], case["code"])
        assert type(info.value) is ci.errors.error_for(case["code"]).__class__, case["name"]


def test_candidates_by_position_only():
    other = "previous-token-before-rotation"
    given = reference(other.encode(), IDENTIFIER.encode())
    got = ci.explain(SECRET, IDENTIFIER, given, other_secrets=["a", b"b", other])
    assert got.verdict is Verdict.OTHER_CANDIDATE and not got.is_match
    assert (got.candidate_kind, got.candidate_index) == (CandidateKind.SECRET, 2)
    assert other not in repr(got) and other not in str(got)
    email = "user@example.com"
    got = ci.explain(SECRET, 42, reference(SECRET.encode(), email.encode()),
                     other_identifiers=[7, email])
    assert (got.verdict, got.candidate_kind, got.candidate_index) == \
        (Verdict.OTHER_CANDIDATE, CandidateKind.IDENTIFIER, 1)
    # the right hash wins over a candidate that also matches
    assert ci.explain(SECRET, IDENTIFIER, SAMPLE_HASH, other_secrets=[SECRET]).is_match


@pytest.mark.parametrize("kwargs, message", [
    ({"other_secrets": "one-token"}, "^other_secrets takes a list"),
    ({"other_identifiers": b"one-id"}, "^other_identifiers takes a list"),
    ({"other_secrets": [None]}, r"^other_secrets\[0\] must be str or bytes"),
    ({"other_secrets": ["a", b"b", "c", 4]}, r"^other_secrets\[3\] must be str or bytes .*, not int$"),
    ({"other_identifiers": [1.5]}, r"^other_identifiers\[0\] must be str, bytes or int"),
    ({"other_identifiers": ["a", 2, None]}, r"^other_identifiers\[2\] must be str, bytes or int"),
    ({"other_secrets": 3}, "not iterable"),
])
def test_candidate_lists_wrong_types(kwargs, message):
    with pytest.raises(TypeError, match=message):
        ci.explain(SECRET, IDENTIFIER, SAMPLE_HASH, **kwargs)


def test_a_candidate_that_is_not_unicode_is_named_by_its_index():
    with pytest.raises(ci.NotUnicodeError, match=r"^other_secrets\[1\] is a str that cannot"):
        ci.explain(SECRET, IDENTIFIER, SAMPLE_HASH, other_secrets=["a", "b\udcff"])
    with pytest.raises(ci.NotUnicodeError, match=r"^other_identifiers\[0\] is a str that cannot"):
        ci.explain(SECRET, IDENTIFIER, SAMPLE_HASH, other_identifiers=["\udcff"])


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


def test_bad_values_are_verdicts_or_typed_errors():
    with pytest.raises(ci.EmptySecretError):
        ci.explain("", IDENTIFIER, SAMPLE_HASH)
    with pytest.raises(ci.EmptySecretError):
        ci.explain(" \n", IDENTIFIER, SAMPLE_HASH)
    with pytest.raises(ci.EmptyIdentifierError):
        ci.explain(SECRET, "", SAMPLE_HASH)
    assert ci.explain(SECRET + "\n", IDENTIFIER, SAMPLE_HASH).verdict is Verdict.SECRET_WHITESPACE
    assert ci.explain(SECRET, IDENTIFIER, "").verdict is Verdict.BLANK_HASH
    assert ci.explain(SECRET, IDENTIFIER, "\ud800" * 64).verdict is Verdict.NOT_HEX
    with pytest.raises(ValueError, match="^identifier is a str that cannot be encoded"):
        ci.explain(SECRET, "x\ud800", SAMPLE_HASH)  # as identifier_hash does


def test_unknown_codes_from_a_newer_library_do_not_crash():
    got = Explanation.from_code(99, 7, 3)
    assert got.verdict is Verdict.UNKNOWN and got.code == 99 and not got.is_match
    assert (got.candidate_kind, got.candidate_index) == (CandidateKind.NONE, None)
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
