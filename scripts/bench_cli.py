#!/usr/bin/env python3
"""`make bench-cli`: `chatwoot-identity batch` over 1,000,000 identifiers against the same job
as a Python loop with the documented `hmac.new(...).hexdigest()`, in one run (median of 3).
Both read the identifiers from a file and write CSV to a file. Writes target/bench/cli.json."""
import csv
import hashlib
import hmac
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLI = ROOT / "target" / "release" / "chatwoot-identity"
SECRET = "your-secret-token-for-hmac"
N = 1_000_000


def python_loop(ids_path, out_path):
    key = SECRET.encode()
    with open(ids_path, "rb") as src, open(out_path, "w", newline="") as dst:
        w = csv.writer(dst)
        w.writerow(["identifier", "identifier_hash"])
        for line in src:
            ident = line.rstrip(b"\r\n")
            w.writerow([ident.decode(), hmac.new(key, ident, hashlib.sha256).hexdigest()])


def cli(ids_path, out_path):
    with open(ids_path, "rb") as src, open(out_path, "wb") as dst:
        subprocess.run([str(CLI), "batch"], stdin=src, stdout=dst, stderr=subprocess.DEVNULL, check=True,
                       env=dict(os.environ, CHATWOOT_IDENTITY_SECRET=SECRET))


def timed(fn, *args):
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


def main():
    if not CLI.exists():
        sys.exit(f"{CLI} is missing: run `make build`")
    with tempfile.TemporaryDirectory() as tmp:
        ids = pathlib.Path(tmp, "ids.txt")
        ids.write_text("".join(f"user-{i:08d}@example.com\n" for i in range(N)))
        a, b = pathlib.Path(tmp, "py.csv"), pathlib.Path(tmp, "cli.csv")
        py_times, cli_times = [], []
        for _ in range(3):
            py_times.append(timed(python_loop, ids, a))
            cli_times.append(timed(cli, ids, b))
        if a.read_bytes().replace(b"\r\n", b"\n") != b.read_bytes():
            sys.exit("bench-cli: the CLI's output differs from the Python loop's")
    py, cl = statistics.median(py_times), statistics.median(cli_times)
    result = {"language": "CLI", "runtime": f"chatwoot-identity batch vs CPython {sys.version.split()[0]}",
              "baseline": "Python loop: hmac.new(key, id, hashlib.sha256).hexdigest() + csv.writer",
              "identifier_bytes": 25,
              "rows": [{"case": "batch of 1,000,000 lines to CSV (per identifier)",
                        "native_ns": py / N * 1e9, "library_ns": cl / N * 1e9, "target": 5}]}
    out = ROOT / "target" / "bench" / "cli.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(f"Python loop: {py:.2f} s, chatwoot-identity batch: {cl:.2f} s, ratio {py / cl:.1f}x (target 5x)")


if __name__ == "__main__":
    main()
