"""Every entry point of chatwoot_identity and each rejected input, for scripts/memcheck to
run under valgrind. Results are checked against Python's hmac, so a wrong hash fails too.

    python memcheck.py [KEYS]    (KEYS keys created and freed; default 3000)
    python memcheck.py canary    (leaks 20 keys and reads past a buffer: valgrind must see both)
"""

import gc
import hashlib
import hmac
import json
import sys
from pathlib import Path

if sys.argv[1:] == ["canary"]:
    import ctypes
    import os

    lib = ctypes.CDLL(os.environ["CHATWOOT_IDENTITY_LIB"])
    for _ in range(20):
        lib.cw_key_new(b"canary-secret", ctypes.c_size_t(13), ctypes.byref(ctypes.c_void_p()))
    out = ctypes.create_string_buffer(64)
    lib.cw_identifier_hash(b"s" * 100, ctypes.c_size_t(400), b"id", ctypes.c_size_t(2), out, ctypes.c_size_t(64))
    sys.exit(0)

import chatwoot_identity as ci
from chatwoot_identity import IdentityError, IdentityKey, Verdict

KEYS = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
SECRET = b"your-secret-token-for-hmac"
IDENTIFIER = b"unique-identifier-of-the-user"


def reference(secret: bytes, identifier: bytes) -> str:
    return hmac.new(secret, identifier, hashlib.sha256).hexdigest()


def check(ok: bool, what: str) -> None:
    if not ok:
        sys.exit(f"memcheck.py: FAILED: {what}")


def refused(call, error) -> None:
    try:
        call()
    except error:
        return
    sys.exit(f"memcheck.py: FAILED: {call} did not raise {error.__name__}")


SAMPLE = reference(SECRET, IDENTIFIER)

# One-shot hash and verify, every input type.
for identifier, data in ((IDENTIFIER, IDENTIFIER), (IDENTIFIER.decode(), IDENTIFIER), (42, b"42"),
                         (bytearray(b"\xff\xfe"), b"\xff\xfe"), (b"x" * 300, b"x" * 300)):
    expected = reference(SECRET, data)
    check(ci.identifier_hash(SECRET, identifier) == expected, "identifier_hash")
    check(ci.identifier_hash(SECRET.decode(), identifier) == expected, "identifier_hash (str)")
    check(ci.verify(SECRET, identifier, expected), "verify")
    check(not ci.verify(SECRET, identifier, expected.upper()), "verify (uppercase)")

# Keys created and freed: closed explicitly, by `with`, and by reference counting.
for i in range(KEYS):
    secret = b"secret-%d" % i
    expected = reference(secret, b"user")
    if i % 3 == 0:
        key = IdentityKey(secret)
        check(key.identifier_hash("user") == expected, "key hash")
        key.close()
        key.close()  # a no-op
    elif i % 3 == 1:
        with IdentityKey(secret) as key:
            check(key.verify(b"user", expected), "key verify")
    else:
        check(IdentityKey(secret).identifier_hash(b"user") == expected, "dropped key")
cycle = [IdentityKey(SECRET)]
cycle.append(cycle)  # freed by the cycle collector
del cycle
gc.collect()

# Batch: strings, bytes, mixed types, empty, and the errors with their index.
with IdentityKey(SECRET) as key:
    identifiers = [f"user-{i}@example.com" for i in range(2000)]
    check(key.identifier_hashes(identifiers)
          == [reference(SECRET, s.encode()) for s in identifiers], "batch")
    mixed = ["é", 7, b"\x00", bytearray(b"b"), memoryview(b"mv")]
    check(key.identifier_hashes(mixed) == [key.identifier_hash(m) for m in mixed], "mixed batch")
    check(key.identifier_hashes([]) == [], "empty batch")
    refused(lambda: key.identifier_hashes(["a", ""]), ci.EmptyIdentifierError)
    refused(lambda: key.identifier_hashes(["a", None]), TypeError)
    refused(lambda: key.identifier_hashes(["a", "\ud800"]), ValueError)
    check(key.verify(IDENTIFIER, SAMPLE), "key verify")
    for bad in (None, "", SAMPLE.upper(), SAMPLE + "\n", SAMPLE[:-1], "g" * 64, b"\xff" * 64):
        check(not key.verify(IDENTIFIER, bad), "key verify (bad hash)")
    refused(lambda: key.identifier_hash(""), ci.EmptyIdentifierError)
refused(lambda: key.identifier_hash(IDENTIFIER), ci.KeyClosedError)  # used after close
refused(lambda: key.set_user_script(IDENTIFIER, name="n"), ci.KeyClosedError)

# Every rejected input: typed errors from hashing, False from verify.
for secret, identifier, error in ((b"", IDENTIFIER, ci.EmptySecretError),
                                  (SECRET + b"\n", IDENTIFIER, ci.SecretWhitespaceError),
                                  (b" " + SECRET, IDENTIFIER, ci.SecretWhitespaceError),
                                  (SECRET, b"", ci.EmptyIdentifierError)):
    refused(lambda s=secret, i=identifier: ci.identifier_hash(s, i), error)
    check(not ci.verify(secret, identifier, SAMPLE), "verify of a rejected input")
    if error is not ci.EmptyIdentifierError:
        refused(lambda s=secret: IdentityKey(s), error)
for call in (lambda: ci.identifier_hash(None, IDENTIFIER), lambda: ci.identifier_hash(SECRET, 1.5),
             lambda: IdentityKey(None), lambda: ci.explain(SECRET, IDENTIFIER, None)):
    refused(call, TypeError)
refused(lambda: ci.identifier_hash("\udcff", IDENTIFIER), ValueError)
check(isinstance(ci.errors.error_for(-99), IdentityError), "unknown status")

# explain: every case of the shared vectors, plus an unknown code.
vectors = json.loads((Path(__file__).resolve().parents[2] / "tests" / "vectors.json").read_text())
for case in vectors["explain"]:
    got = ci.explain(bytes.fromhex(case["secret_hex"]), bytes.fromhex(case["identifier_hex"]),
                     bytes.fromhex(case["hash_hex"]),
                     other_secrets=[bytes.fromhex(h) for h in case.get("other_secrets_hex", [])],
                     other_identifiers=[bytes.fromhex(h) for h in case.get("other_identifiers_hex", [])])
    check((got.verdict.value, got.code) == (case["verdict"], case["code"]), case["name"])
    check(got.message == Verdict(case["verdict"]).message, case["name"])
for case in vectors["explain_rejected"]:
    refused(lambda c=case: ci.explain(bytes.fromhex(c["secret_hex"]), bytes.fromhex(c["identifier_hex"]),
                                      bytes.fromhex(c["hash_hex"])), ci.errors.error_for(case["code"]).__class__)

# The renderer: hostile users, the size protocol's retry (fields past the first buffer), each
# refusal, and the logout script.
with IdentityKey(SECRET) as key:
    for value in ("</script><script>window.__pwned=1</script>", "O'Brien & \u2028 \U0001f389", 9007199254740993):
        payload = json.loads(key.set_user_payload(value, name=str(value), custom_attributes={"a": 1.5}))
        check(payload["identifier"] == str(value), "payload identifier")
        check("</script><script>" not in key.set_user_script(value, nonce="n0nce", email="e@x.test"), "script")
    check(len(key.set_user_script(IDENTIFIER, name="n" * 5000)) > 5000, "script past the first buffer")
    for fields, error in (({"phone": "1", "name": "n"}, ci.UnknownFieldError), ({"name": 5}, ci.InvalidFieldValueError),
                          ({}, ci.MissingContactFieldError), ({"name": "n", "custom_attributes": {"a": []}},
                                                               ci.InvalidFieldValueError)):
        refused(lambda f=fields: key.set_user_payload(IDENTIFIER, **f), error)
    refused(lambda: key.set_user_script(IDENTIFIER, nonce="bad nonce", name="n"), ci.InvalidNonceError)
    refused(lambda: key.set_user_script(b"\xff", name="n"), ci.NotUnicodeError)
check("reset()" in ci.reset_script("n0nce"), "reset script")
refused(lambda: ci.reset_script("<"), ci.InvalidNonceError)
check(ci.Explanation.from_code(99).verdict is Verdict.UNKNOWN, "unknown verdict")
check(ci.library_version() != "", "library_version")

print(f"memcheck.py: OK ({KEYS} keys, {len(vectors['explain'])} explain cases)")
