#!/usr/bin/env python3
"""Reads targets.toml, the one list of release targets and their per-target facts.

    scripts/targets.py                    the target names, one per line (in manifest order)
    scripts/targets.py NAME FIELD         one field of one target (lists joined by spaces)
    scripts/targets.py --where FIELD=VAL  the names of the targets whose FIELD is VAL
    scripts/targets.py --bash ARRAY       every field as bash assignments ARRAY[name/field]=value
                                          (scripts/dist-env loads the manifest once this way)

From Python: `from targets import TARGETS` (a dict name -> dict of fields, in manifest order).
"""
import shlex
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "targets.toml"

with MANIFEST.open("rb") as f:
    TARGETS = tomllib.load(f)["targets"]


def _show(value):
    return " ".join(value) if isinstance(value, list) else str(value)


def main(argv):
    if not argv:
        print("\n".join(TARGETS))
    elif argv[0] == "--where" and len(argv) == 2:
        field, _, value = argv[1].partition("=")
        print("\n".join(n for n, t in TARGETS.items() if _show(t.get(field, "")) == value))
    elif argv[0] == "--bash" and len(argv) == 2:
        for n, t in TARGETS.items():
            for field, value in t.items():
                print(f"{argv[1]}[{shlex.quote(n + '/' + field)}]={shlex.quote(_show(value))}")
    elif len(argv) == 2:
        name, field = argv
        if name not in TARGETS:
            sys.exit(f"targets.py: no target {name!r} in {MANIFEST}")
        if field not in TARGETS[name]:
            sys.exit(f"targets.py: target {name!r} has no field {field!r}")
        print(_show(TARGETS[name][field]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
