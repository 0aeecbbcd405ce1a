#!/usr/bin/env python3
"""Writes a C header holding every case of tests/vectors.json, for the C tests.

Usage: gen_vectors_h.py tests/vectors.json build/c/vectors.h
Generated at build time (never hand-copied), so the C tests always run the committed
vectors. Bytes other than printable ASCII are written as octal escapes (at most three
digits, so no escape can swallow the next character) and always come from the *_hex fields.
"""
import json
import sys


def c_bytes(data: bytes) -> str:
    # C99 only guarantees string literals of 4095 characters; stay well below.
    if len(data) > 1000:
        sys.exit(f"gen_vectors_h.py: a {len(data)}-byte vector is too long for a C string literal")
    return '"' + "".join(c_char(b) for b in data) + '"'


def c_char(b: int) -> str:
    # Printable ASCII as itself (but escape the quote, the backslash and '?' against
    # trigraphs); every other byte as a three-digit octal escape.
    if 0x20 <= b < 0x7F and chr(b) not in '"\\?':
        return chr(b)
    return f"\\{b:03o}"


def c_text(text: str) -> str:
    return c_bytes(text.encode("utf-8"))


def main() -> None:
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        doc = json.load(f)
    statuses = doc["statuses"]
    out = [
        "/* Generated from tests/vectors.json by tests/c/gen_vectors_h.py: do not edit. */",
        "#ifndef CW_TEST_VECTORS_H",
        "#define CW_TEST_VECTORS_H",
        "#include <stddef.h>",
        "",
        "typedef struct { const char *name; const char *secret; size_t secret_len;",
        "                 const char *identifier; size_t identifier_len; const char *identifier_hash; } cw_hash_vector;",
        "typedef struct { const char *name; const char *secret; size_t secret_len;",
        "                 const char *identifier; size_t identifier_len; const char *status_name; int code; } cw_rejected_vector;",
        "typedef struct { const char *name; const char *secret; size_t secret_len; const char *identifier;",
        "                 size_t identifier_len; const char *identifier_hash; size_t identifier_hash_len; int valid; } cw_verify_vector;",
        "typedef struct { const char *name; int code; } cw_status_vector;",
        "typedef struct { const char *name; const char *secret; size_t secret_len; const char *identifier;",
        "                 size_t identifier_len; const char *hash; size_t hash_len; const char *verdict; int code;",
        "                 const char *const *other_secrets; const size_t *other_secret_lens; size_t other_secrets_count;",
        "                 const char *const *other_identifiers; const size_t *other_identifier_lens; size_t other_identifiers_count;",
        "                 int candidate_kind; size_t candidate_index; } cw_explain_vector;",
        "typedef struct { const char *name; const char *secret; size_t secret_len; const char *identifier;",
        "                 size_t identifier_len; const char *hash; size_t hash_len; const char *status_name; int code; } cw_explain_rejected_vector;",
        "",
    ]

    def inputs(case):
        secret = bytes.fromhex(case["secret_hex"])
        identifier = bytes.fromhex(case["identifier_hex"])
        return f"{c_text(case['name'])}, {c_bytes(secret)}, {len(secret)}, {c_bytes(identifier)}, {len(identifier)}"

    out.append("static const cw_hash_vector CW_HASH_VECTORS[] = {")
    for case in doc["hash"]:
        assert len(case["identifier_hash"]) == 64
        out.append(f"  {{{inputs(case)}, {c_text(case['identifier_hash'])}}},")
    out.append("};")

    out.append("static const cw_rejected_vector CW_REJECTED_VECTORS[] = {")
    for case in doc["rejected"]:
        assert statuses[case["status"]] == case["code"]
        out.append(f"  {{{inputs(case)}, {c_text(case['status'])}, {case['code']}}},")
    out.append("};")

    out.append("static const cw_verify_vector CW_VERIFY_VECTORS[] = {")
    for case in doc["verify"]:
        h = case["identifier_hash"].encode("utf-8")
        out.append(f"  {{{inputs(case)}, {c_bytes(h)}, {len(h)}, {1 if case['valid'] else 0}}},")
    out.append("};")

    out.append("static const cw_status_vector CW_STATUS_VECTORS[] = {")
    for name, code in statuses.items():
        out.append(f"  {{{c_text(name)}, {code}}},")
    out.append("};")

    verdicts = doc["verdicts"]
    out.append("static const cw_status_vector CW_VERDICT_VECTORS[] = {")
    for name, code in verdicts.items():
        out.append(f"  {{{c_text(name)}, {code}}},")
    out.append("};")

    # Candidate lists first, one pair of arrays per list (C has no empty array: NULL then).
    kinds = doc["candidate_kinds"]

    def byte_list(label, hexes):
        if not hexes:
            return "NULL, NULL, 0"
        items = [bytes.fromhex(h) for h in hexes]
        out.append(f"static const char *const {label}[] = {{{', '.join(c_bytes(b) for b in items)}}};")
        out.append(f"static const size_t {label}_LENS[] = {{{', '.join(str(len(b)) for b in items)}}};")
        return f"{label}, {label}_LENS, {len(items)}"

    rows = []
    for i, case in enumerate(doc["explain"]):
        assert verdicts[case["verdict"]] == case["code"]
        h = bytes.fromhex(case["hash_hex"])
        secrets = byte_list(f"CW_EXPLAIN_{i}_SECRETS", case.get("other_secrets_hex", []))
        identifiers = byte_list(f"CW_EXPLAIN_{i}_IDENTIFIERS", case.get("other_identifiers_hex", []))
        found = case["candidate"] or {"kind": "none", "index": 0}
        rows.append(f"  {{{inputs(case)}, {c_bytes(h)}, {len(h)}, {c_text(case['verdict'])}, {case['code']}, "
                    f"{secrets}, {identifiers}, {kinds[found['kind']]}, {found['index']}}},")
    out.append("static const cw_explain_vector CW_EXPLAIN_VECTORS[] = {")
    out += rows
    out.append("};")

    out.append("static const cw_explain_rejected_vector CW_EXPLAIN_REJECTED_VECTORS[] = {")
    for case in doc["explain_rejected"]:
        assert statuses[case["status"]] == case["code"]
        h = bytes.fromhex(case["hash_hex"])
        out.append(f"  {{{inputs(case)}, {c_bytes(h)}, {len(h)}, {c_text(case['status'])}, {case['code']}}},")
    out.append("};")

    for table in ("HASH", "REJECTED", "VERIFY", "STATUS", "VERDICT", "EXPLAIN", "EXPLAIN_REJECTED"):
        out.append(f"#define CW_{table}_VECTOR_COUNT (sizeof CW_{table}_VECTORS / sizeof CW_{table}_VECTORS[0])")
    out += ["", "#endif", ""]
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
