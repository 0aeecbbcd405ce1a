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
    """A 50 us one-shot timer whose handler hashes something else, then re-arms it.

    One-shot and re-armed only when the handler's work is done, so the handler can never
    interrupt itself however slow the machine is (an interval timer fires again while a
    slow handler runs, and the handler nests until the stack is exhausted). ``active``
    guards the one window that remains: a signal already pending when the handler starts.
    """

    DELAY = 50e-6

    def __init__(self, work):
        self.work = work
        self.fired = 0
        self.nested = 0
        self.wrong_in_handler = 0
        self.active = False
        self.running = False

    def handler(self, signum, frame):
        if self.active:
            self.nested += 1
            return
        self.active = True
        try:
            self.fired += 1
            if self.work() != OTHER_HASH:
                self.wrong_in_handler += 1
        finally:
            self.active = False
            if self.running:
                signal.setitimer(signal.ITIMER_REAL, self.DELAY)

    def __enter__(self):
        self.previous = signal.signal(signal.SIGALRM, self.handler)
        self.running = True
        signal.setitimer(signal.ITIMER_REAL, self.DELAY)
        return self

    def __exit__(self, *exc):
        self.running = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)
        # The one-shot design means the handler never finds itself running.
        assert self.nested == 0, f"the handler was entered while running ({self.nested} times)"

    def count_wrong(self, step, calls, min_fires):
        """Runs ``step`` (True when its result is right) at least ``calls`` times and until
        the handler has run ``min_fires`` times, so a loaded machine that delivers fewer
        signals per call makes the loop longer, not the test blind. Returns the wrong ones."""
        wrong = done = 0
        while done < calls or (self.fired < min_fires and done < calls * 50):
            if not step():
                wrong += 1
            done += 1
        assert self.fired >= min_fires, f"the timer fired only {self.fired} times: the test is blind"
        return wrong


@pytest.fixture(scope="module")
def other_key():
    with IdentityKey(OTHER_SECRET) as k:
        yield k


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
    with Interrupter(work) as timer:
        wrong = timer.count_wrong(lambda: call() == SAMPLE_HASH, CALLS, 100)
    assert (wrong, timer.wrong_in_handler) == (0, 0)


def test_verify_in_a_handler_never_changes_the_interrupted_verdict(other_key):
    key = IdentityKey(SECRET)
    with Interrupter(lambda: (ci.verify(OTHER_SECRET, OTHER_IDENTIFIER, OTHER_HASH)
                              and other_key.identifier_hash(OTHER_IDENTIFIER))) as timer:
        wrong = timer.count_wrong(
            lambda: key.verify(IDENTIFIER, SAMPLE_HASH) and not ci.verify(SECRET, IDENTIFIER, OTHER_HASH),
            CALLS // 2, 50)
    assert (wrong, timer.wrong_in_handler) == (0, 0)


def test_rendering_in_a_handler_never_changes_the_interrupted_render(other_key):
    key = IdentityKey(SECRET)
    expected = key.set_user_payload(IDENTIFIER, name="Jane")
    other = other_key.set_user_script(OTHER_IDENTIFIER, name="Other", nonce="n0nce")

    def work():
        if other_key.set_user_script(OTHER_IDENTIFIER, name="Other", nonce="n0nce") != other:
            return None
        return other_key.identifier_hash(OTHER_IDENTIFIER)

    with Interrupter(work) as timer:
        wrong = timer.count_wrong(lambda: key.set_user_payload(IDENTIFIER, name="Jane") == expected,
                                  CALLS // 2, 50)
    assert (wrong, timer.wrong_in_handler) == (0, 0)
