#!/usr/bin/env python3
"""Writes tests/vectors.json, the test vectors every binding must pass.

Expected hashes come from Python's standard library (hmac + hashlib), an implementation
independent of this crate. Run `python3 tests/gen_vectors.py > tests/vectors.json`;
`make test` checks that the committed file equals a fresh run.
"""
import hashlib
import hmac
import json

DOC_SECRET = b"your-secret-token-for-hmac"
DOC_ID = b"unique-identifier-of-the-user"


def mac(secret: bytes, identifier: bytes) -> str:
    return hmac.new(secret, identifier, hashlib.sha256).hexdigest()


def case(name, secret: bytes, identifier: bytes, **extra):
    c = {"name": name, "secret_hex": secret.hex(), "identifier_hex": identifier.hex()}
    # Readable copies where the bytes are text (bindings use the *_hex fields).
    for field, value in (("secret", secret), ("identifier", identifier)):
        try:
            c[field] = value.decode("utf-8")
        except UnicodeDecodeError:
            pass
    c.update(extra)
    return c


def hash_cases():
    yield case("documented sample (PHP, Python, Go, Elixir, Ruby)", DOC_SECRET, DOC_ID)
    yield case("documented Node.js sample", DOC_SECRET, b"unique-identifier-key-of-the-user")
    # RFC 4231 section 4 (HMAC-SHA256; case 5 is shown untruncated here).
    yield case("RFC 4231 test case 1", b"\x0b" * 20, b"Hi There")
    yield case("RFC 4231 test case 2", b"Jefe", b"what do ya want for nothing?")
    yield case("RFC 4231 test case 3", b"\xaa" * 20, b"\xdd" * 50)
    yield case("RFC 4231 test case 4", bytes(range(1, 26)), b"\xcd" * 50)
    yield case("RFC 4231 test case 5 (full digest)", b"\x0c" * 20, b"Test With Truncation")
    yield case("RFC 4231 test case 6 (131-byte key)", b"\xaa" * 131, b"Test Using Larger Than Block-Size Key - Hash Key First")
    yield case(
        "RFC 4231 test case 7 (131-byte key, long data)",
        b"\xaa" * 131,
        b"This is a test using a larger than block-size key and a larger than block-size data."
        b" The key needs to be hashed before being used by the HMAC algorithm.",
    )
    # A realistic inbox token: 24 base58 characters.
    token = b"7Zd3VqYtF9xPa2kLmN4bRcHs"
    for n in (1, 8, 29, 55, 56, 63, 64, 65, 119, 120, 128, 300):
        yield case(f"identifier of {n} bytes (SHA-256 padding edge)", token, (b"user-%d-" % n * 64)[:n])
    for n in (63, 64, 65):
        yield case(f"secret of {n} bytes (HMAC block edge)", (b"k" * n), DOC_ID)
    yield case("integer identifier hashed as its decimal string", token, b"42")
    yield case("UTF-8 identifier (accents)", token, "josé.müller@example.com".encode())
    yield case("UTF-8 identifier (CJK)", token, "用户-12345".encode())
    yield case("UTF-8 identifier (emoji)", token, "user🦀42".encode())
    yield case("UTF-8 secret", "sécret-ünïcode".encode(), DOC_ID)
    yield case("identifier with inner spaces and a newline", token, b"  user 42\n")
    yield case("binary identifier (not UTF-8)", token, bytes([0x00, 0xFF, 0xFE, 0x80, 0x7F]))
    yield case("identifier that looks like a hash", token, mac(DOC_SECRET, DOC_ID).encode())


def rejected_cases():
    yield case("empty secret", b"", DOC_ID, status="EMPTY_SECRET", code=-2)
    yield case("secret with a trailing newline", DOC_SECRET + b"\n", DOC_ID, status="SECRET_WHITESPACE", code=-3)
    yield case("secret with a trailing CRLF", DOC_SECRET + b"\r\n", DOC_ID, status="SECRET_WHITESPACE", code=-3)
    yield case("secret with a leading space", b" " + DOC_SECRET, DOC_ID, status="SECRET_WHITESPACE", code=-3)
    yield case("secret with a trailing tab", DOC_SECRET + b"\t", DOC_ID, status="SECRET_WHITESPACE", code=-3)
    yield case("secret that is only whitespace", b"   ", DOC_ID, status="SECRET_WHITESPACE", code=-3)
    yield case("empty identifier", DOC_SECRET, b"", status="EMPTY_IDENTIFIER", code=-4)
    yield case("empty secret and empty identifier (secret checked first)", b"", b"", status="EMPTY_SECRET", code=-2)


def verify_cases():
    good = mac(DOC_SECRET, DOC_ID)
    v = lambda name, h, expected, secret=DOC_SECRET, ident=DOC_ID: case(name, secret, ident, identifier_hash=h, valid=expected)
    yield v("the right hash", good, True)
    yield v("uppercase hex", good.upper(), False)
    i = next(i for i, ch in enumerate(good) if ch.isalpha())
    yield v("one uppercase character", good[:i] + good[i].upper() + good[i + 1:], False)
    yield v("trailing newline", good + "\n", False)
    yield v("leading space", " " + good, False)
    yield v("trailing NUL", good + "\0", False)
    yield v("truncated to 63 characters", good[:63], False)
    yield v("empty hash", "", False)
    yield v("first character wrong", ("0" if good[0] != "0" else "1") + good[1:], False)
    yield v("last character wrong", good[:63] + ("0" if good[63] != "0" else "1"), False)
    yield v("hash of another identifier", mac(DOC_SECRET, b"someone-else"), False)
    yield v("hash under another secret", mac(b"another-secret", DOC_ID), False)
    yield v("identifier and secret swapped", mac(DOC_ID, DOC_SECRET), False)
    yield v("the identifier itself", DOC_ID.decode(), False)
    yield v("SHA-1 length hex", hmac.new(DOC_SECRET, DOC_ID, hashlib.sha1).hexdigest(), False)
    yield v("SHA-512 length hex", hmac.new(DOC_SECRET, DOC_ID, hashlib.sha512).hexdigest(), False)
    yield v("not hex", "z" * 64, False)
    yield v("empty identifier (fails closed)", mac(DOC_SECRET, b""), False, ident=b"")
    yield v("empty secret (fails closed)", mac(b"", DOC_ID), False, secret=b"")
    yield v("secret with trailing newline (fails closed)", mac(DOC_SECRET + b"\n", DOC_ID), False, secret=DOC_SECRET + b"\n")


def main():
    doc = {
        "description": "Shared test vectors for chatwoot-identity: identifier_hash = lowercase hex HMAC-SHA256(secret, identifier).",
        "generator": "tests/gen_vectors.py: expected hashes from Python's hmac/hashlib, independent of this crate",
        "fields": {
            "secret_hex, identifier_hex": "the exact input bytes, hex-encoded (secret and identifier repeat them as text when they are UTF-8)",
            "hash": "identifier_hash is the expected 64-character lowercase hex result",
            "rejected": "status is the cw_status name without its CW_STATUS_ prefix, code its fixed value; verify must return false",
            "verify": "valid is what verify(secret, identifier, identifier_hash) must return",
        },
        "statuses": {
            "OK": 0, "NULL_POINTER": -1, "EMPTY_SECRET": -2, "SECRET_WHITESPACE": -3,
            "EMPTY_IDENTIFIER": -4, "BUFFER_TOO_SMALL": -5, "INVALID_OFFSETS": -6, "INTERNAL_ERROR": -7,
        },
        "hash": [dict(c, identifier_hash=mac(bytes.fromhex(c["secret_hex"]), bytes.fromhex(c["identifier_hex"]))) for c in hash_cases()],
        "rejected": list(rejected_cases()),
        "verify": list(verify_cases()),
    }
    print(json.dumps(doc, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
