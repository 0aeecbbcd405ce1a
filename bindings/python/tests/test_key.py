"""IdentityKey lifecycle: close, context manager, GC, threads, memory."""

import gc
import subprocess
import sys
import threading
import weakref

import pytest
from conftest import IDENTIFIER, SAMPLE_HASH, SECRET, reference

import chatwoot_identity as ci
from chatwoot_identity import EmptySecretError, IdentityKey, SecretWhitespaceError


def test_close_is_deterministic_and_idempotent():
    key = IdentityKey(SECRET)
    handle = weakref.ref(key._handle)
    assert not key.closed
    key.close()
    assert key.closed and handle() is None  # the cw_key was freed right now, not later
    key.close()
    for call in (lambda: key.identifier_hash(IDENTIFIER), lambda: key.verify(IDENTIFIER, SAMPLE_HASH),
                 lambda: key.identifier_hashes([IDENTIFIER]), lambda: key.identifier_hashes([])):
        with pytest.raises(ValueError, match="^this IdentityKey is closed$"):
            call()


def test_close_twice_is_a_no_op_and_use_after_close_raises():
    key = IdentityKey(SECRET)
    key.close()
    key.close()
    with key:  # leaving the block closes it a third time
        pass
    assert key.closed
    for call in (lambda: key.identifier_hash(IDENTIFIER), lambda: key.verify(IDENTIFIER, SAMPLE_HASH),
                 lambda: key.identifier_hashes([IDENTIFIER]),
                 lambda: key.set_user_script(IDENTIFIER, name="n"),
                 lambda: key.set_user_payload(IDENTIFIER, email="e@example.com")):
        with pytest.raises(ci.KeyClosedError, match="^this IdentityKey is closed$") as info:
            call()
        assert isinstance(info.value, ValueError) and not isinstance(info.value, ci.IdentityError)
    assert key.reset_script() == ci.reset_script()  # needs no key


def test_context_manager_closes_even_on_error():
    with pytest.raises(RuntimeError), IdentityKey(SECRET) as key:
        assert key.identifier_hash(IDENTIFIER) == SAMPLE_HASH
        raise RuntimeError
    assert key.closed


def test_garbage_collection_frees_the_key():
    key = IdentityKey(SECRET)
    handle = weakref.ref(key._handle)
    del key  # reference counting: freed at once
    assert handle() is None
    cycle = [IdentityKey(SECRET)]
    cycle.append(cycle)
    handle = weakref.ref(cycle[0]._handle)
    del cycle
    gc.collect()  # a key caught in a reference cycle goes with the cycle
    assert handle() is None


def test_secret_is_validated_at_creation():
    with pytest.raises(EmptySecretError):
        IdentityKey(b"")
    with pytest.raises(SecretWhitespaceError):
        IdentityKey(SECRET + "\r\n")


def test_eight_threads_share_one_key():
    key = IdentityKey(SECRET)
    identifiers = [f"thread-user-{i}" for i in range(2_000)]
    expected = {i: reference(SECRET.encode(), i.encode()) for i in identifiers}
    failures = []
    start = threading.Barrier(8)

    def work(n):
        start.wait()
        mine = identifiers[n::8] * 5
        for ident in mine:
            if key.identifier_hash(ident) != expected[ident] or not key.verify(ident, expected[ident]):
                failures.append(ident)
            if ci.identifier_hash(SECRET, ident) != expected[ident]:  # per-thread buffers
                failures.append(f"one-shot {ident}")
        if key.identifier_hashes(mine) != [expected[i] for i in mine]:
            failures.append(f"batch in thread {n}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_close_while_other_threads_hash_never_frees_a_key_in_use():
    # The handle lives until every in-flight call returns; afterwards calls raise cleanly.
    for _ in range(20):
        key = IdentityKey(SECRET)
        results = []

        def work(key=key, results=results):
            for _ in range(300):
                try:
                    results.append(key.identifier_hashes([IDENTIFIER] * 50)[0])
                    results.append(key.identifier_hash(IDENTIFIER))
                except ValueError as exc:
                    assert str(exc) == "this IdentityKey is closed"
                    return

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        key.close()
        for t in threads:
            t.join()
        assert all(r == SAMPLE_HASH for r in results)


MEMORY_PROBE = r"""
import ctypes, sys
import chatwoot_identity
from chatwoot_identity._library import fast_lib

def rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 // 1024  # resident pages

def churn(n):
    for i in range(n):
        with chatwoot_identity.IdentityKey(b"secret-%d" % (i % 97)) as key:
            key.identifier_hash("user")
        chatwoot_identity.IdentityKey(b"dropped").identifier_hash("user")  # freed by GC

def leak(n):  # control: the same allocations without cw_key_free
    for i in range(n):
        out = ctypes.c_void_p()
        fast_lib.cw_key_new(b"leak", 4, ctypes.byref(out))

churn(20_000)  # warm up the allocators
before = rss_kib(); churn(100_000); after = rss_kib()
leak(100_000); leaked = rss_kib()
print(after - before, leaked - after)
"""


def test_100000_keys_do_not_grow_memory():
    out = subprocess.run([sys.executable, "-c", MEMORY_PROBE], check=True, capture_output=True,
                         text=True).stdout.split()
    growth_kib, control_kib = map(int, out)
    # 200,000 keys created and released: at most 1 MiB more resident memory, while the
    # control (100,000 keys never freed) shows that a leak would be visible.
    assert growth_kib < 1024, f"grew by {growth_kib} KiB"
    assert control_kib > 4 * 1024, f"control leak only {control_kib} KiB: the probe is blind"
