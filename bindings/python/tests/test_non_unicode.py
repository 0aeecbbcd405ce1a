"""A str that is not valid Unicode (lone surrogates, e.g. from a surrogateescape decode) has
no UTF-8 form: every entry point raises NotUnicodeError (a ValueError) and verify says False.
Never a guess (no replacement character, no surrogatepass bytes)."""

import pytest
from conftest import IDENTIFIER, SAMPLE_HASH, SECRET, reference

import chatwoot_identity as ci
from chatwoot_identity import IdentityKey, NotUnicodeError


class Text(str):
    pass


NOT_UNICODE = [
    b"user-\xff".decode("utf-8", "surrogateescape"),  # what os.fsdecode gives for a bad name
    "a\ud800",  # lone high surrogate
    "a\udfff",  # lone low surrogate
    "\udcff" + IDENTIFIER,
    Text("b\ud83d"),  # half an emoji, in a str subclass
]
SAFE_REPLACEMENTS = ["a\ufffd", "user-\ufffd", "user-?"]


def assert_clean(info, what):
    exc = info.value
    assert isinstance(exc, ValueError)
    assert str(exc).startswith(f"{what} is a str that cannot be encoded as UTF-8")
    # the offending text is neither quoted nor chained (it may be a secret)
    assert exc.__context__ is None and exc.__cause__ is None


@pytest.mark.parametrize("text", NOT_UNICODE, ids=range(len(NOT_UNICODE)))
def test_every_entry_point_refuses_a_str_that_is_not_unicode(text):
    key = IdentityKey(SECRET)
    for call, what in (
        (lambda: ci.identifier_hash(SECRET, text), "identifier"),
        (lambda: ci.identifier_hash(text, IDENTIFIER), "secret"),
        (lambda: IdentityKey(text), "secret"),
        (lambda: key.identifier_hash(text), "identifier"),
        (lambda: key.identifier_hashes(["ok", text]), "identifier at index 1"),
        (lambda: key.identifier_hashes(iter([text])), "identifier at index 0"),
        (lambda: ci.explain(SECRET, text, SAMPLE_HASH), "identifier"),
        (lambda: ci.explain(text, IDENTIFIER, SAMPLE_HASH), "secret"),
    ):
        with pytest.raises(NotUnicodeError) as info:
            call()
        assert_clean(info, what)


@pytest.mark.parametrize("text", NOT_UNICODE, ids=range(len(NOT_UNICODE)))
def test_verify_is_false_for_a_str_that_is_not_unicode(text):
    key = IdentityKey(SECRET)
    # not even the hash of what a lossy encoder would have made of it
    guesses = [reference(SECRET.encode(), text.encode("utf-8", mode))
               for mode in ("replace", "surrogatepass", "ignore", "surrogateescape")
               if _encodes(text, mode)]
    for candidate in [SAMPLE_HASH, *guesses]:
        assert ci.verify(SECRET, text, candidate) is False
        assert ci.verify(text, IDENTIFIER, candidate) is False
        assert key.verify(text, candidate) is False
    # a surrogate in the hash itself is simply not hex
    assert ci.verify(SECRET, IDENTIFIER, SAMPLE_HASH[:-1] + "\udcff") is False
    assert key.verify(IDENTIFIER, SAMPLE_HASH[:-1] + "\ud800") is False
    assert ci.explain(SECRET, IDENTIFIER, SAMPLE_HASH[:-1] + "\udcff").verdict is ci.Verdict.NOT_HEX


def _encodes(text, mode):
    try:
        text.encode("utf-8", mode)
    except UnicodeEncodeError:
        return False
    return True


def test_the_bytes_behind_a_surrogateescape_str_are_hashed_as_bytes():
    raw = b"user-\xff"
    assert ci.identifier_hash(SECRET, raw) == reference(SECRET.encode(), raw)
    text = raw.decode("utf-8", "surrogateescape")
    assert ci.identifier_hash(SECRET, text.encode("utf-8", "surrogateescape")) == \
        reference(SECRET.encode(), raw)
