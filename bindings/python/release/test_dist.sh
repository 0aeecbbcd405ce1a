#!/usr/bin/env bash
# make test-dist: install dist/python the way a user does, in a fresh app outside the checkout,
# with Rust hidden (scripts/hide-rust), then run the documented sample and the shared vectors
# through the installed package, check every wheel's library and the loader's pick of it, and
# check that the sdist without Rust stops with its message.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
dist=$root/dist/python
buildhouse=$here/../build/buildhouse  # the sdist's build backend (hatchling), pinned, offline
sample=fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c

command -v readelf >/dev/null ||
  { echo "python test-dist: readelf not found (binutils; run scripts/ensure-toolchains)" >&2; exit 1; }
wheel=$(ls "$dist"/chatwoot_identity-*-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl 2>/dev/null) ||
  { echo "python test-dist: no x86_64 manylinux wheel in $dist: run 'make -C bindings/python dist'" >&2; exit 1; }
sdist=$(ls "$dist"/chatwoot_identity-*.tar.gz)

app=$(mktemp -d "${TMPDIR:-/tmp}/chatwoot-identity-python-app.XXXXXX")
trap 'rm -rf "$app"' EXIT
cp "$root/examples/python/identifier_hash.py" "$root/tests/vectors.json" \
   "$here/check_installed.py" "$here/check_artifacts.py" "$here/targets.py" "$here/musl_smoke.c" "$app/"
cd "$app"

export WHEEL=$wheel SDIST=$sdist DIST=$dist BUILDHOUSE=$buildhouse SAMPLE=$sample
"$root/scripts/hide-rust" bash -euo pipefail -c '
  set -x
  python3 -m venv venv
  venv/bin/pip install --disable-pip-version-check -q --no-index "$WHEEL"
  { set +x; } 2>/dev/null
  out=$(venv/bin/python identifier_hash.py)
  echo "$out"
  [ "$(tail -n1 <<<"$out")" = "$SAMPLE" ] || { echo "sample: wrong hash" >&2; exit 1; }
  venv/bin/python check_installed.py vectors.json
  venv/bin/python check_artifacts.py "$DIST"
  # The x86_64 musl wheel'"'"'s library, loaded by musl'"'"'s own loader (this machine has it).
  for musl_wheel in "$DIST"/*-musllinux_1_2_x86_64.whl; do
    [ -e "$musl_wheel" ] || continue
    command -v musl-gcc >/dev/null ||
      { echo "musl-gcc not found (musl-tools; run scripts/ensure-toolchains)" >&2; exit 1; }
    musl-gcc -o musl_smoke musl_smoke.c
    venv/bin/python -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(\"chatwoot_identity/_lib/linux-x86_64-musl/libchatwoot_identity.so\", \"musl\")" "$musl_wheel"
    got=$(./musl_smoke "$PWD/musl/chatwoot_identity/_lib/linux-x86_64-musl/libchatwoot_identity.so")
    abi=$(venv/bin/python -c "from chatwoot_identity._abi import ABI_VERSION; print(ABI_VERSION)")
    [ "$got" = "$abi 0 $SAMPLE" ] || { echo "musl wheel under musl: got \"$got\", want ABI $abi and the sample" >&2; exit 1; }
    echo "$(basename "$musl_wheel"): runs under musl'"'"'s loader, ABI $abi, sample ok"
  done
  set -x
  python3 -m venv sdist-venv
  if sdist-venv/bin/pip install --disable-pip-version-check -q --no-index \
       --find-links "$BUILDHOUSE" "$SDIST" >sdist.log 2>&1; then
    { set +x; } 2>/dev/null
    echo "the sdist installed without Rust?" >&2; exit 1
  fi
  { set +x; } 2>/dev/null
  grep -q "building from source needs Rust.s cargo" sdist.log ||
    { cat sdist.log >&2; echo "the sdist failed without its message" >&2; exit 1; }
  grep -q "pip install --only-binary :all: chatwoot-identity" sdist.log
  echo "sdist without Rust: stops with the message (ok)"
'
echo "python test-dist: ok"
