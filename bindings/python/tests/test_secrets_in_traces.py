"""No error path puts a secret where tracebacks, error reporters and debuggers look: the
message, args, notes, chained exceptions, the frames' locals (traceback's capture_locals,
as Sentry and IDEs show them) and reprs. Every error is raised with a recognisable secret."""

import contextlib
import traceback

import pytest

import chatwoot_identity as ci
from chatwoot_identity import IdentityKey

MARK = "Sekr3tMark"
MARK_BYTES = MARK.encode()


def everything_about(exc):
    """Every text an error reporter could show for exc, with each frame's locals."""
    texts = [repr(exc), str(exc), repr(exc.args), repr(getattr(exc, "__notes__", None))]
    texts += traceback.TracebackException.from_exception(exc, capture_locals=True).format(chain=True)
    seen, pending = set(), [exc]
    while pending:
        e = pending.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        tb = e.__traceback__
        while tb is not None:
            for value in tb.tb_frame.f_locals.values():
                with contextlib.suppress(Exception):  # a repr that fails shows nothing
                    texts.append(repr(value))
            tb = tb.tb_next
        pending += [e.__context__, e.__cause__]
    return "\n".join(texts)


def assert_hidden(call, exc_type=Exception):
    with pytest.raises(exc_type) as info:
        call()
    text = everything_about(info.value)
    for needle in (MARK, repr(MARK_BYTES)[2:-1], MARK_BYTES.hex()):
        assert needle not in text, f"{type(info.value).__name__} shows the secret:\n{text}"
    return info.value


KEY = IdentityKey("ok-secret")

CASES = {
    # the secret refused by the library
    "hash: padded secret": (lambda: ci.identifier_hash(f" {MARK}\n", "user"), ci.SecretWhitespaceError),
    "hash: padded bytes secret": (lambda: ci.identifier_hash(b" " + MARK_BYTES, "user"), ci.SecretWhitespaceError),
    "key: padded secret": (lambda: IdentityKey(f"{MARK}\t"), ci.SecretWhitespaceError),
    "explain: padded-only secret": (lambda: ci.explain(" ", "u", "00"), ci.EmptySecretError),
    # the secret fine, something else wrong
    "hash: empty identifier": (lambda: ci.identifier_hash(MARK, ""), ci.EmptyIdentifierError),
    "hash: identifier of the wrong type": (lambda: ci.identifier_hash(MARK, 1.5), TypeError),
    "hash: identifier not unicode": (lambda: ci.identifier_hash(MARK, "u\udcff"), ci.NotUnicodeError),
    "hash: secret not unicode": (lambda: ci.identifier_hash(MARK + "\udcff", "u"), ci.NotUnicodeError),
    "hash: secret of the wrong type": (lambda: ci.identifier_hash([MARK], "u"), TypeError),
    "verify: identifier of the wrong type": (lambda: ci.verify(MARK, 1.5, "00"), TypeError),
    "key: secret not unicode": (lambda: IdentityKey(MARK + "\udcff"), ci.NotUnicodeError),
    "key: secret of the wrong type": (lambda: IdentityKey([MARK]), TypeError),
    "explain: empty identifier": (lambda: ci.explain(MARK, "", "00"), ci.EmptyIdentifierError),
    "explain: hash of the wrong type": (lambda: ci.explain(MARK, "u", None), TypeError),
    "explain: bad other secret": (lambda: ci.explain(MARK, "u", "00", other_secrets=[MARK, 7]), TypeError),
    "explain: other secret not unicode": (
        lambda: ci.explain("ok", "u", "00", other_secrets=["a", MARK + "\udcff"]), ci.NotUnicodeError),
    "explain: bad other identifier": (
        lambda: ci.explain(MARK, "u", "00", other_secrets=[MARK], other_identifiers=[None]), TypeError),
    "explain: candidates not a list": (lambda: ci.explain(MARK, "u", "00", other_secrets=MARK), TypeError),
}


@pytest.mark.parametrize("name", CASES)
def test_no_error_shows_the_secret(name):
    call, exc_type = CASES[name]
    assert_hidden(call, exc_type)


def test_an_interrupt_inside_a_call_does_not_carry_the_secret_either():
    class Boom(Exception):
        pass

    class Identifier(str):
        pass

    def raising_iter():
        yield MARK
        raise Boom("from the caller's iterator")

    assert_hidden(lambda: ci.explain(MARK, "u", "00", other_secrets=raising_iter()), Boom)


def test_the_key_repr_never_shows_the_secret():
    key = IdentityKey(MARK)
    assert MARK not in repr(key) and MARK not in str(key)
    assert MARK not in repr(key._handle)
