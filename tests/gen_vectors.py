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
    yield case("secret ending in a visible non-ASCII letter", "sécret-é".encode(), DOC_ID)
    yield case("secret with a no-break space inside (only the edges are checked)", "your secret\u00a0token".encode(), DOC_ID)
    yield case("raw key ending in byte 0xA0 (not UTF-8: a binary key, accepted)", b"binary-key\xa0", DOC_ID)
    yield case("raw key starting with bytes 0xEF 0xBB (half a byte-order mark, not UTF-8)", b"\xef\xbbkey", DOC_ID)
    yield case("identifier with inner spaces and a newline", token, b"  user 42\n")
    yield case("binary identifier (not UTF-8)", token, bytes([0x00, 0xFF, 0xFE, 0x80, 0x7F]))
    yield case("identifier that looks like a hash", token, mac(DOC_SECRET, DOC_ID).encode())


# Invisible or Unicode-whitespace characters that a copy-paste or an editor puts at a secret's
# edge: Unicode White_Space beyond ASCII, format characters (Cf) and other default-ignorables.
INVISIBLE_EDGES = [
    ("\ufeff", "byte-order mark", "leading"),
    ("\ufeff", "byte-order mark", "trailing"),
    ("\u00a0", "no-break space", "trailing"),
    ("\u00a0", "no-break space", "leading"),
    ("\u200b", "zero-width space", "trailing"),
    ("\u200c", "zero-width non-joiner", "leading"),
    ("\u200d", "zero-width joiner", "trailing"),
    ("\u2060", "word joiner", "trailing"),
    ("\u3000", "ideographic space", "leading"),
    ("\u2028", "line separator", "trailing"),
    ("\u2029", "paragraph separator", "trailing"),
    ("\u1680", "ogham space mark", "leading"),
    ("\u2000", "en quad", "trailing"),
    ("\u2007", "figure space", "trailing"),
    ("\u200a", "hair space", "leading"),
    ("\u202f", "narrow no-break space", "trailing"),
    ("\u205f", "medium mathematical space", "trailing"),
    ("\u0085", "next-line control", "trailing"),
    ("\u00ad", "soft hyphen", "trailing"),
    ("\u200e", "left-to-right mark", "leading"),
    ("\u202e", "right-to-left override", "trailing"),
    ("\u180e", "Mongolian vowel separator", "trailing"),
    ("\ufe0f", "variation selector", "trailing"),
    ("\U000e0020", "tag space", "trailing"),
]


def rejected_cases():
    yield case("empty secret", b"", DOC_ID, status="EMPTY_SECRET", code=-2)
    yield case("secret with a trailing newline", DOC_SECRET + b"\n", DOC_ID, status="SECRET_WHITESPACE", code=-3)
    yield case("secret with a trailing CRLF", DOC_SECRET + b"\r\n", DOC_ID, status="SECRET_WHITESPACE", code=-3)
    yield case("secret with a leading space", b" " + DOC_SECRET, DOC_ID, status="SECRET_WHITESPACE", code=-3)
    yield case("secret with a trailing tab", DOC_SECRET + b"\t", DOC_ID, status="SECRET_WHITESPACE", code=-3)
    yield case("secret that is only whitespace", b"   ", DOC_ID, status="SECRET_WHITESPACE", code=-3)
    for char, what, where in INVISIBLE_EDGES:
        padded = DOC_SECRET + char.encode() if where == "trailing" else char.encode() + DOC_SECRET
        yield case(f"secret with a {where} {what} (U+{ord(char):04X})", padded, DOC_ID, status="SECRET_INVISIBLE", code=-14)
    yield case("secret that is only a byte-order mark", "\ufeff".encode(), DOC_ID, status="SECRET_INVISIBLE", code=-14)
    yield case("secret with a byte-order mark and a trailing newline (whitespace reported first)", "\ufeff".encode() + DOC_SECRET + b"\n", DOC_ID,
               status="SECRET_WHITESPACE", code=-3)
    yield case("empty identifier", DOC_SECRET, b"", status="EMPTY_IDENTIFIER", code=-4)
    yield case("secret with a byte-order mark and an empty identifier (secret checked first)", "\ufeff".encode() + DOC_SECRET, b"",
               status="SECRET_INVISIBLE", code=-14)
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
    bom = "\ufeff".encode() + DOC_SECRET
    yield v("secret with a leading byte-order mark (fails closed)", mac(bom, DOC_ID), False, secret=bom)
    nbsp = DOC_SECRET + "\u00a0".encode()
    yield v("secret with a trailing no-break space (fails closed)", mac(nbsp, DOC_ID), False, secret=nbsp)


# Every cw_verdict: only what explain finds. Values are fixed forever; the order explain checks
# them in is EXPLAIN_ORDER.
VERDICTS = {
    "match": 0, "uppercase_hex": 1, "hash_whitespace": 2, "secret_whitespace": 3, "swapped_arguments": 4,
    "hash_is_identifier": 5, "identifier_is_hash": 6, "base64": 7, "raw_digest": 8, "identifier_format": 9,
    "other_algorithm": 10, "not_hex": 11, "wrong_length": 12, "mismatch": 13, "blank_hash": 14,
    "padded_secret": 15, "not_hmac": 16, "token_as_hash": 17, "js_rounded_number": 18, "other_candidate": 19,
}
EXPLAIN_ORDER = [
    "blank_hash", "secret_whitespace", "match", "uppercase_hex", "hash_whitespace", "swapped_arguments",
    "hash_is_identifier", "identifier_is_hash", "base64", "raw_digest", "identifier_format", "padded_secret",
    "not_hmac", "js_rounded_number", "token_as_hash", "other_candidate", "other_algorithm", "not_hex",
    "wrong_length", "mismatch",
]
CANDIDATE_KINDS = {"none": 0, "secret": 1, "identifier": 2}
STATUSES = {
    "OK": 0, "NULL_POINTER": -1, "EMPTY_SECRET": -2, "SECRET_WHITESPACE": -3,
    "EMPTY_IDENTIFIER": -4, "BUFFER_TOO_SMALL": -5, "INVALID_OFFSETS": -6, "INTERNAL_ERROR": -7,
    "SECRET_INVISIBLE": -14,
}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def shortest_digits(x: float):
    """The shortest digits that round-trip a positive integral double (Python's repr, the
    same digits JavaScript and Ruby print), and how many digits precede the decimal point."""
    r = repr(x)
    if "e" in r:
        mantissa, exponent = r.split("e")
        return mantissa.replace(".", "").rstrip("0") or "0", int(exponent) + 1
    whole = r.removesuffix(".0")
    return whole.rstrip("0") or "0", len(whole)


def js_string(x: float) -> str:
    """JavaScript's String(x) for a positive integral double (ECMA-262 Number::toString)."""
    digits, point = shortest_digits(x)
    if point <= 21:
        return digits + "0" * (point - len(digits))
    rest = digits[1:]
    return f"{digits[0]}{'.' + rest if rest else ''}e+{point - 1}"


def ruby_float_to_s(x: float) -> str:
    """Ruby's Float#to_s for a positive integral double (exponent form from 16 digits on)."""
    digits, point = shortest_digits(x)
    if point < 16:
        return digits + "0" * (point - len(digits)) + ".0"
    return f"{digits[0]}.{digits[1:] or '0'}e+{point - 1:02d}"


def explain_cases():
    """One or more inputs per verdict of explain(); the hash is given as exact bytes (hash_hex).
    Optional other_secrets_hex / other_identifiers_hex are the candidates; candidate says which
    one matched (kind and index) for other_candidate."""
    import base64
    good = mac(DOC_SECRET, DOC_ID)
    raw = bytes.fromhex(good)

    def e(name, verdict, h: bytes, secret=DOC_SECRET, ident=DOC_ID, other_secrets=(), other_identifiers=(), candidate=None):
        c = case(name, secret, ident, hash_hex=h.hex(), verdict=verdict, code=VERDICTS[verdict])
        try:
            c["identifier_hash"] = h.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if other_secrets or other_identifiers:
            c["other_secrets_hex"] = [s.hex() for s in other_secrets]
            c["other_identifiers_hex"] = [i.hex() for i in other_identifiers]
        c["candidate"] = {"kind": candidate[0], "index": candidate[1]} if candidate else None
        return c

    yield e("the right hash", "match", good.encode())
    yield e("uppercase hex", "uppercase_hex", good.upper().encode())
    yield e("trailing newline after the hash", "hash_whitespace", (good + "\n").encode())
    yield e("spaces around the hash", "hash_whitespace", (" " + good + " ").encode())
    yield e("secret with a trailing newline", "secret_whitespace", good.encode(), secret=DOC_SECRET + b"\n")
    yield e("key and identifier swapped", "swapped_arguments", mac(DOC_ID, DOC_SECRET).encode())
    yield e("the identifier passed as the hash", "hash_is_identifier", DOC_ID)
    yield e("the hash passed as the identifier", "identifier_is_hash", mac(DOC_SECRET, b"x").encode(), ident=good.encode())
    yield e("base64 instead of hex", "base64", base64.b64encode(raw))
    yield e("url-safe base64 without padding", "base64", base64.urlsafe_b64encode(raw).rstrip(b"="))
    yield e("32 raw bytes instead of hex", "raw_digest", raw)
    yield e("integer identifier hashed as a float", "identifier_format", mac(DOC_SECRET, b"42.0").encode(), ident=b"42")
    yield e("identifier hashed in lowercase", "identifier_format", mac(DOC_SECRET, b"jane@example.com").encode(), ident=b"Jane@Example.com")
    yield e("identifier hashed with a trailing newline", "identifier_format", mac(DOC_SECRET, b"user-7\n").encode(), ident=b"user-7")
    yield e("SHA-1 length", "other_algorithm", hmac.new(DOC_SECRET, DOC_ID, hashlib.sha1).hexdigest().encode())
    yield e("SHA-512 length", "other_algorithm", hmac.new(DOC_SECRET, DOC_ID, hashlib.sha512).hexdigest().encode())
    yield e("not hex", "not_hex", b"z" * 64)
    yield e("truncated hash", "wrong_length", good[:63].encode())
    yield e("hash under another secret", "mismatch", mac(b"another-inbox-token", DOC_ID).encode())
    yield e("empty hash", "blank_hash", b"")
    yield e("whitespace-only hash", "blank_hash", b" \r\n")
    yield e("blank hash before a padded secret", "blank_hash", b"", secret=DOC_SECRET + b"\n")
    for pad, where in ((b"\n", "a trailing newline"), (b"\r\n", "a trailing CRLF"), (b" ", "a trailing space")):
        yield e(f"hash made with the secret plus {where}", "padded_secret", mac(DOC_SECRET + pad, DOC_ID).encode())
    yield e("hash made with the secret plus a leading space", "padded_secret", mac(b" " + DOC_SECRET, DOC_ID).encode())
    for before, after, what in (("\ufeff", "", "a leading byte-order mark"), ("\ufeff", "\r\n", "a byte-order mark and a CRLF"),
                                ("", "\u00a0", "a trailing no-break space"), ("\u200b", "", "a leading zero-width space"),
                                ("", "\ufeff", "a trailing byte-order mark")):
        padded = before.encode() + DOC_SECRET + after.encode()
        yield e(f"hash made with the secret plus {what}", "padded_secret", mac(padded, DOC_ID).encode())
    yield e("secret with a leading byte-order mark", "secret_whitespace", good.encode(), secret="\ufeff".encode() + DOC_SECRET)
    yield e("secret with a trailing zero-width space", "secret_whitespace", good.encode(), secret=DOC_SECRET + "\u200b".encode())
    yield e("plain SHA-256 of secret + identifier", "not_hmac", sha256_hex(DOC_SECRET + DOC_ID).encode())
    yield e("plain SHA-256 of identifier + secret", "not_hmac", sha256_hex(DOC_ID + DOC_SECRET).encode())
    yield e("plain SHA-256 of the identifier alone", "not_hmac", sha256_hex(DOC_ID).encode())
    yield e("an inbox token passed as the hash", "token_as_hash", b"7Zd3VqYtF9xPa2kLmN4bRcHs")
    yield e("the secret passed as the hash", "token_as_hash", DOC_SECRET)
    big = 12345678901234567891
    yield e("integer above 2^53 rounded by JSON.parse", "js_rounded_number", mac(DOC_SECRET, js_string(float(big)).encode()).encode(), ident=str(big).encode())
    yield e("integer above 2^53 as Ruby's Float#to_s", "js_rounded_number", mac(DOC_SECRET, ruby_float_to_s(float(big)).encode()).encode(), ident=str(big).encode())
    huge = 10**21 + 1
    yield e("integer of 22 digits as JavaScript's 1e+21", "js_rounded_number", mac(DOC_SECRET, js_string(float(huge)).encode()).encode(), ident=str(huge).encode())
    yield e("integer of 22 digits as Ruby's 1.0e+21", "js_rounded_number", mac(DOC_SECRET, ruby_float_to_s(float(huge)).encode()).encode(), ident=str(huge).encode())
    rotated = [b"another-inbox-token", b"the-token-before-rotation"]
    yield e("hash under the token before a rotation", "other_candidate", mac(rotated[1], DOC_ID).encode(),
            other_secrets=rotated, other_identifiers=[b"jane@example.com"], candidate=("secret", 1))
    yield e("hash of the user's email instead of the id", "other_candidate", mac(DOC_SECRET, b"jane@example.com").encode(),
            other_secrets=rotated, other_identifiers=[b"42", b"jane@example.com"], candidate=("identifier", 1))
    yield e("candidates that do not match", "mismatch", mac(b"a-third-token", DOC_ID).encode(),
            other_secrets=rotated, other_identifiers=[b"42"])


def explain_rejected_cases():
    """Inputs explain cannot use: it returns the status instead of a verdict."""
    good = mac(DOC_SECRET, DOC_ID).encode().hex()
    yield case("empty secret", b"", DOC_ID, hash_hex=good, status="EMPTY_SECRET", code=STATUSES["EMPTY_SECRET"])
    yield case("whitespace-only secret", b" \n", DOC_ID, hash_hex=good, status="EMPTY_SECRET", code=STATUSES["EMPTY_SECRET"])
    yield case("byte-order-mark secret and empty identifier (identifier checked first)", "\ufeff".encode() + DOC_SECRET, b"",
               hash_hex=good, status="EMPTY_IDENTIFIER", code=STATUSES["EMPTY_IDENTIFIER"])
    yield case("empty identifier", DOC_SECRET, b"", hash_hex=good, status="EMPTY_IDENTIFIER", code=STATUSES["EMPTY_IDENTIFIER"])
    yield case("padded secret and empty identifier (identifier checked first)", DOC_SECRET + b"\n", b"", hash_hex=good,
               status="EMPTY_IDENTIFIER", code=STATUSES["EMPTY_IDENTIFIER"])


def main():
    explain = list(explain_cases())
    assert {c["verdict"] for c in explain} == set(VERDICTS) == set(EXPLAIN_ORDER), "a verdict without a vector"
    doc = {
        "description": "Shared test vectors for chatwoot-identity: identifier_hash = lowercase hex HMAC-SHA256(secret, identifier).",
        "generator": "tests/gen_vectors.py: expected hashes from Python's hmac/hashlib, independent of this crate",
        "fields": {
            "secret_hex, identifier_hex": "the exact input bytes, hex-encoded (secret and identifier repeat them as text when they are UTF-8)",
            "hash": "identifier_hash is the expected 64-character lowercase hex result",
            "rejected": "status is the cw_status name without its CW_STATUS_ prefix, code its fixed value; verify must return false",
            "verify": "valid is what verify(secret, identifier, identifier_hash) must return",
            "explain": "verdict (a cw_verdict name in snake_case, code its fixed value) is what explain(secret, identifier, hash_hex's bytes, other_secrets_hex, other_identifiers_hex) must find; candidate is null or the kind (a candidate_kinds name) and index of the candidate that matched; not constant-time, a debugging aid",
            "explain_rejected": "inputs explain cannot use: status and code are the cw_status it returns",
            "explain_order": "the order in which explain checks the verdicts (the first that fits is reported)",
        },
        "statuses": STATUSES,
        "hash": [dict(c, identifier_hash=mac(bytes.fromhex(c["secret_hex"]), bytes.fromhex(c["identifier_hex"]))) for c in hash_cases()],
        "rejected": list(rejected_cases()),
        "verify": list(verify_cases()),
        "verdicts": VERDICTS,
        "explain_order": EXPLAIN_ORDER,
        "candidate_kinds": CANDIDATE_KINDS,
        "explain": explain,
        "explain_rejected": list(explain_rejected_cases()),
    }
    print(json.dumps(doc, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
