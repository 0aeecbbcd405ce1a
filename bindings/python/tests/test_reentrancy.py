"""A signal handler that hashes in the middle of a call must not change that call's result.

Python runs a handler between two bytecodes of the interrupted thread, e.g. between the C
call that writes a hash and the line that reads it; a buffer shared by both calls would hand
the interrupted call the handler's hash.
"""

import signal

import pytest
from conftest import IDENTIFIER, SAMPLE_HASH, SECRET, reference

import chatwoot_identity as ci
from chatwoot_identity import IdentityKey

CALLS = 20_000
OTHER_SECRET = b"handler-secret"
OTHER_IDENTIFIER = b"handler-identifier"
OTHER_HASH = reference(OTHER_SECRET, OTHER_IDENTIFIER)


class Interrupter:
    """A 50 us interval timer whose handler hashes something else each time it fires."""

    def __init__(self, work):
        self.work = work
        self.fired = 0
        self.wrong_in_handler = 0

    def handler(self, signum, frame):
        self.fired += 1
        if self.work() != OTHER_HASH:
            self.wrong_in_handler += 1

    def __enter__(self):
        self.previous = signal.signal(signal.SIGALRM, self.handler)
        signal.setitimer(signal.ITIMER_REAL, 50e-6, 50e-6)
        return self

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)


@pytest.fixture(scope="module")
def other_key():
    with IdentityKey(OTHER_SECRET) as k:
        yield k


# matrix: reentrancy
@pytest.mark.parametrize("entry", ["one-shot", "key", "batch"])
@pytest.mark.parametrize("handler_entry", ["one-shot", "key"])
def test_a_handler_that_hashes_mid_call_never_changes_the_result(entry, handler_entry, other_key):
    key = IdentityKey(SECRET)
    call = {
        "one-shot": lambda: ci.identifier_hash(SECRET, IDENTIFIER),
        "key": lambda: key.identifier_hash(IDENTIFIER),
        "batch": lambda: key.identifier_hashes([IDENTIFIER])[0],
    }[entry]
    work = {
        "one-shot": lambda: ci.identifier_hash(OTHER_SECRET, OTHER_IDENTIFIER),
        "key": lambda: other_key.identifier_hash(OTHER_IDENTIFIER),
    }[handler_entry]
    wrong = 0
    with Interrupter(work) as timer:
        for _ in range(CALLS):
            if call() != SAMPLE_HASH:
                wrong += 1
    assert timer.fired > 100, f"the timer fired only {timer.fired} times: the test is blind"
    assert (wrong, timer.wrong_in_handler) == (0, 0)


def test_verify_in_a_handler_never_changes_the_interrupted_verdict(other_key):
    key = IdentityKey(SECRET)
    wrong = 0
    with Interrupter(lambda: (ci.verify(OTHER_SECRET, OTHER_IDENTIFIER, OTHER_HASH)
                              and other_key.identifier_hash(OTHER_IDENTIFIER))) as timer:
        for _ in range(CALLS // 2):
            if not key.verify(IDENTIFIER, SAMPLE_HASH) or ci.verify(SECRET, IDENTIFIER, OTHER_HASH):
                wrong += 1
    assert timer.fired > 50
    assert wrong == 0


# matrix: reentrancy
def test_rendering_in_a_handler_never_changes_the_interrupted_render(other_key):
    key = IdentityKey(SECRET)
    expected = key.set_user_payload(IDENTIFIER, name="Jane")
    other = other_key.set_user_script(OTHER_IDENTIFIER, name="Other", nonce="n0nce")

    def work():
        if other_key.set_user_script(OTHER_IDENTIFIER, name="Other", nonce="n0nce") != other:
            return None
        return other_key.identifier_hash(OTHER_IDENTIFIER)

    wrong = 0
    with Interrupter(work) as timer:
        for _ in range(CALLS // 2):
            if key.set_user_payload(IDENTIFIER, name="Jane") != expected:
                wrong += 1
    assert timer.fired > 50, f"the timer fired only {timer.fired} times: the test is blind"
    assert (wrong, timer.wrong_in_handler) == (0, 0)
