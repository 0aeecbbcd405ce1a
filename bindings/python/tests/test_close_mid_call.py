"""A key closed while a call is using it: the call gives the closed-key error or the right
hash, and the key is freed only after the last call using it returns."""

import gc
import json
import signal
import threading
import weakref

import pytest
from conftest import IDENTIFIER, SAMPLE_HASH, SECRET, reference

from chatwoot_identity import IdentityKey, KeyClosedError
from chatwoot_identity import _key as key_module
from chatwoot_identity._key import _KeyHandle

CLOSED = "this IdentityKey is closed"
ATTACKER = reference(b"attacker-secret", IDENTIFIER.encode())


def test_fields_whose_encoding_closes_the_key_get_the_closed_error():
    class Closing(dict):
        def items(self):  # json's encoder calls it for a dict subclass
            self.key.close()
            return super().items()

    for method in (IdentityKey.set_user_script, IdentityKey.set_user_payload):
        key = IdentityKey(SECRET)
        attributes = Closing(plan="pro")
        attributes.key = key
        with pytest.raises(KeyClosedError, match=f"^{CLOSED}$"):
            method(key, IDENTIFIER, name="n", custom_attributes=attributes)
        del attributes.key


def test_an_iterator_that_closes_the_key_gets_the_closed_error():
    key = IdentityKey(SECRET)
    handle = weakref.ref(key._handle)
    keep = []

    def identifiers():
        yield IDENTIFIER
        key.close()
        keep.append(IdentityKey("attacker-secret"))  # would reuse the freed memory
        yield IDENTIFIER

    with pytest.raises(KeyClosedError, match=f"^{CLOSED}$"):
        key.identifier_hashes(identifiers())
    assert handle() is None
    assert keep[0].identifier_hash(IDENTIFIER) == ATTACKER


def test_values_whose_conversion_closes_the_key_get_the_closed_error():
    # str.encode, __len__ and __bytes__ of subclasses are never called; an iterator is
    # the only caller code that runs inside a call, and it runs before the key is taken.
    key = IdentityKey(SECRET)

    class Sneaky(str):
        def encode(self, *a, **k):
            key.close()
            return b"x"

        def __len__(self):
            key.close()
            return 1

    assert key.identifier_hash(Sneaky(IDENTIFIER)) == SAMPLE_HASH
    assert key.identifier_hashes([Sneaky(IDENTIFIER)]) == [SAMPLE_HASH]
    assert key.verify(Sneaky(IDENTIFIER), Sneaky(SAMPLE_HASH)) is True
    assert not key.closed


def test_close_from_another_thread_defers_the_free_to_the_last_user(monkeypatch):
    gc.collect()  # keys left in earlier tests' reference cycles are freed now, not counted below
    frees = []
    original_free = _KeyHandle._free
    monkeypatch.setattr(_KeyHandle, "_free", staticmethod(lambda handle: (
        frees.append(threading.current_thread().name), original_free(handle))))
    # Hold the batch at the door of the library (its arguments already taken) until the
    # main thread has closed the key.
    entered, proceed = threading.Event(), threading.Event()
    original_batch = key_module._batch

    def held_batch(*args):
        entered.set()
        proceed.wait()
        return original_batch(*args)

    monkeypatch.setattr(key_module, "_batch", held_batch)
    identifiers = [f"user-{i}" for i in range(1000)]
    key = IdentityKey(SECRET)
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(key.identifier_hashes(identifiers)),
                              name="worker")
    worker.start()
    assert entered.wait(10)
    key.close()
    assert key.closed and frees == []  # the batch still holds the key
    with pytest.raises(KeyClosedError, match=f"^{CLOSED}$"):
        key.identifier_hash(IDENTIFIER)  # new calls see it closed at once
    proceed.set()
    worker.join()
    assert outcome == [[reference(SECRET.encode(), i.encode()) for i in identifiers]]
    assert frees == ["worker"]  # freed once, by the last user, after its call returned


def test_a_signal_handler_that_closes_the_key_mid_call():
    """A handler that uses, closes and replaces the key between any two bytecodes of the
    calls it interrupts: no deadlock, no wrong hash, only the closed-key error."""
    state = {"key": IdentityKey(SECRET), "closed": 0, "wrong": 0}

    def handler(signum, frame):
        key = state["key"]
        try:  # handlers nest: an inner one may close the key under this one
            if key.identifier_hash(IDENTIFIER) != SAMPLE_HASH:
                state["wrong"] += 1
        except KeyClosedError as exc:
            assert str(exc) == CLOSED
        key.close()
        state["closed"] += 1
        state["attacker"] = IdentityKey("attacker-secret")  # reuses the memory if freed early

    def identifiers():
        for _ in range(20):
            yield IDENTIFIER

    previous = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, 50e-6, 50e-6)
    answers = {"closed": 0, "hash": 0}
    try:
        for _ in range(4_000):
            key = state["key"] = IdentityKey(SECRET)
            for call in (lambda key=key: key.identifier_hash(IDENTIFIER),
                         lambda key=key: key.verify(IDENTIFIER, SAMPLE_HASH),
                         lambda key=key: key.identifier_hashes(identifiers())[-1],
                         lambda key=key: json.loads(key.set_user_payload(IDENTIFIER, name="n"))[
                             "identifier_hash"]):
                try:
                    result = call()
                except KeyClosedError as exc:
                    assert str(exc) == CLOSED
                    answers["closed"] += 1
                else:
                    assert result in (SAMPLE_HASH, True)
                    answers["hash"] += 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert state["wrong"] == 0
    assert state["closed"] > 50 and answers["closed"] > 50, (state, answers)
