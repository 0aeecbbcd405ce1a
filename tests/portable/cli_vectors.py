#!/usr/bin/env python3
"""cli_vectors.py [RUNNER...] CLI: the documented sample and every hash vector of
tests/vectors.json through an installed chatwoot-identity binary (RUNNER, e.g. qemu-aarch64,
goes in front of it). The secret goes in a file (--secret-file), never on the command line.
Identifiers the CLI does not take as arguments (not UTF-8, or a NUL byte) go through `batch`
on stdin instead, unless they also hold a line break.
Prints 'N passed, N failed'."""
import json
import os
import pathlib
import subprocess
import sys
import tempfile

VECTORS = pathlib.Path(__file__).resolve().parent.parent / "vectors.json"
SAMPLE = ("your-secret-token-for-hmac", "unique-identifier-of-the-user",
          "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c")


def is_utf8(data):
    try:
        data.decode()
        return True
    except UnicodeDecodeError:
        return False


def main():
    cmd = sys.argv[1:]
    if not cmd:
        sys.exit(__doc__)
    cases = [("documented sample", SAMPLE[0].encode(), SAMPLE[1].encode(), SAMPLE[2])]
    for v in json.loads(VECTORS.read_text())["hash"]:
        cases.append((v["name"], bytes.fromhex(v["secret_hex"]), bytes.fromhex(v["identifier_hex"]),
                      v["identifier_hash"]))
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        secret_file = os.path.join(tmp, "secret")
        for name, secret, identifier, want in cases:
            with open(secret_file, "wb") as f:
                f.write(secret)
            base = cmd + ["--secret-file", secret_file]
            if b"\0" not in identifier and is_utf8(identifier):
                p = subprocess.run(base + ["hash", identifier.decode()], capture_output=True)
                got = p.stdout.strip()
            elif b"\n" not in identifier and b"\r" not in identifier:
                p = subprocess.run(base + ["batch"], input=identifier + b"\n", capture_output=True)
                got = p.stdout.strip().splitlines()[-1].rsplit(b",", 1)[-1] if p.stdout else b""
            else:
                print(f"cli_vectors: {name}: a line break in the identifier, no CLI form", file=sys.stderr)
                continue
            got = got.decode("ascii", "replace")
            if p.returncode == 0 and got == want:
                passed += 1
            else:
                failed += 1
                print(f"FAILED: {name}: exit {p.returncode}, got {got!r}, want {want}: {p.stderr.decode()[-300:]}",
                      file=sys.stderr)
    print(f"cli_vectors: {' '.join(cmd)}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or passed < len(cases) // 2 else 0)


if __name__ == "__main__":
    main()
