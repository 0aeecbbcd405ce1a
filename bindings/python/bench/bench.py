"""Benchmark: chatwoot_identity against Chatwoot's documented Python snippet, one process.

    hmac.new(secret, identifier, hashlib.sha256).hexdigest()      (the baseline, "native")

Cases: one-shot identifier_hash, IdentityKey.identifier_hash, and identifier_hashes over
1,000,000 identifiers (per identifier). Every identifier is 29 bytes, both sides get the
same bytes objects, and each number is the median of several timeit runs. Also measures
an empty ctypes call, the floor of any call through ctypes.
"""

import argparse
import ctypes
import hashlib
import hmac
import json
import platform
import statistics
import time
import timeit

import chatwoot_identity
from chatwoot_identity._batch import encode_batch, split_hashes
from chatwoot_identity._library import fast_lib, slow_lib

SECRET = b"your-secret-token-for-hmac"
IDENTIFIER = b"unique-identifier-of-the-user"
BATCH = 1_000_000
BASELINE = "hmac.new(key, id, hashlib.sha256).hexdigest()"


def medians(cases, namespace, number, repeat):
    """ns per call of each statement, median over `repeat` rounds. The cases alternate
    within each round, so a burst of load on the machine hits all of them alike, and the
    clock is this process's CPU time, not wall time: on a shared machine, time spent
    waiting for a core is nobody's cost."""
    timers = {name: timeit.Timer(stmt, timer=time.process_time, globals=namespace)
              for name, stmt in cases.items()}
    runs = {name: [] for name in cases}
    for _ in range(repeat):
        for name, timer in timers.items():
            runs[name].append(timer.timeit(number) / number * 1e9)
    return {name: statistics.median(times) for name, times in runs.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="write the results here")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--number", type=int, default=200_000, help="calls per single-hash run")
    args = parser.parse_args()
    assert len(IDENTIFIER) == 29

    key = chatwoot_identity.IdentityKey(SECRET)
    expected = hmac.new(SECRET, IDENTIFIER, hashlib.sha256).hexdigest()
    assert chatwoot_identity.identifier_hash(SECRET, IDENTIFIER) == expected
    assert key.identifier_hash(IDENTIFIER) == expected
    # 1,000,000 distinct 29-byte identifiers, e.g. "user-000000000000000000000042"
    ids = [b"user-%024d" % i for i in range(BATCH)]
    ids_str = [i.decode() for i in ids]
    assert {len(i) for i in ids} == {29}
    assert key.identifier_hashes(ids[:1000]) == [
        hmac.new(SECRET, i, hashlib.sha256).hexdigest() for i in ids[:1000]]

    empty = fast_lib.cw_abi_version  # no arguments: the cost of ctypes itself
    six = fast_lib.cw_verify          # six arguments, returns at once on the NULL check
    ns = {"hmac": hmac, "hashlib": hashlib, "ci": chatwoot_identity, "key": key,
          "secret": SECRET, "ident": IDENTIFIER, "secret_s": SECRET.decode(),
          "ident_s": IDENTIFIER.decode(), "ids": ids, "ids_str": ids_str, "empty": empty,
          "six": six}
    n, r = args.number, args.repeat
    single = medians({
        "native": "hmac.new(secret, ident, hashlib.sha256).hexdigest()",
        "one-shot": "ci.identifier_hash(secret, ident)",
        "keyed": "key.identifier_hash(ident)",
        "one-shot (str args)": "ci.identifier_hash(secret_s, ident_s)",
        "keyed (str arg)": "key.identifier_hash(ident_s)",
        "empty ctypes call": "empty()",
        "ctypes call, 6 args": "six(None, 1, None, 1, None, 1)",
    }, ns, n, r)
    # The batch's parts, to show where the time goes: the foreign call alone (inputs
    # prepared), and turning its output into the list of 1,000,000 str the API returns.
    joined, offsets, count = encode_batch(ids)
    out = (ctypes.c_char * (count * 64))()
    ns.update(batch_call=lambda: slow_lib.cw_key_identifier_hash_batch(
        key._handle, joined, len(joined), (ctypes.c_size_t * (count + 1)).from_buffer(offsets),
        count, out, len(out)), split_hashes=split_hashes, encode_batch=encode_batch, out=out)
    batch = medians({
        "native": "[hmac.new(secret, i, hashlib.sha256).hexdigest() for i in ids]",
        "bytes": "key.identifier_hashes(ids)",
        "str": "key.identifier_hashes(ids_str)",
        "encode": "encode_batch(ids)",
        "call": "batch_call()",
        "split": "split_hashes(out)",
    }, ns, 1, max(3, r // 2))
    batch = {name: value / BATCH for name, value in batch.items()}
    batch_native, batch_bytes, batch_str = batch["native"], batch["bytes"], batch["str"]

    rows = [
        {"case": "one-shot", "native_ns": single["native"], "library_ns": single["one-shot"],
         "target": 1.3},
        {"case": "keyed", "native_ns": single["native"], "library_ns": single["keyed"],
         "target": 1.6},
        {"case": "batch of 1,000,000 (per identifier)", "native_ns": batch_native,
         "library_ns": batch_bytes, "target": 15},
    ]
    for row in rows:
        row["native_ns"] = round(row["native_ns"], 1)
        row["library_ns"] = round(row["library_ns"], 1)

    print(f"Python {platform.python_version()}, {BASELINE} vs chatwoot_identity "
          f"(29-byte identifier, median of {r} runs)")
    print(f"{'case':<40}{'native ns':>11}{'library ns':>12}{'ratio':>8}{'target':>8}")
    for row in rows:
        ratio = row["native_ns"] / row["library_ns"]
        print(f"{row['case']:<40}{row['native_ns']:>11.1f}{row['library_ns']:>12.1f}"
              f"{ratio:>7.2f}x{row['target']:>7}x")
    print("for reference (ns per call or per identifier):")
    extra = {
        "one-shot, str arguments": single["one-shot (str args)"],
        "keyed, str argument": single["keyed (str arg)"],
        "ctypes call, no argument (floor of any call)": single["empty ctypes call"],
        "ctypes call, 6 arguments, returns at once": single["ctypes call, 6 args"],
        "batch of str identifiers": batch_str,
        "batch part: packing bytes and offsets": batch["encode"],
        "batch part: the foreign call alone": batch["call"],
        "batch part: output -> list of str": batch["split"],
    }
    for name, value in extra.items():
        print(f"  {name:<50}{value:>9.1f}")
    # What no binding over this API can beat: the foreign call plus making the list of str.
    floor = batch["call"] + batch["split"]
    print(f"  batch ratio ceiling from the list of str alone: {batch_native / batch['split']:.1f}x;"
          f" with the foreign call: {batch_native / floor:.1f}x")

    if args.json:
        report = {
            "language": "Python",
            "runtime": f"{platform.python_implementation()} {platform.python_version()}",
            "baseline": BASELINE,
            "identifier_bytes": len(IDENTIFIER),
            "rows": rows,
        }
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)
            f.write("\n")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
