#!/usr/bin/env bash
# Runs memcheck.py (every entry point of the package, each rejected input, a few thousand keys
# created and freed, every explain vector) under valgrind, and fails on any memory error or
# definite leak outside the CPython interpreter. As CPython's Misc/README.valgrind documents,
# PYTHONMALLOC=malloc bypasses pymalloc; memcheck.supp silences only one known CPython 3.11
# bug, in interpreter frames. Then a canary proves those suppressions hide nothing of the
# library: a leaked cw_key, an out-of-bounds read and uninitialised input must all be reported.
#
#   bindings/python/memcheck.sh [KEYS]    (run by the top-level `make memcheck`; about 40 s)
set -euo pipefail

cd "$(dirname "$0")"
REPO=$(cd ../.. && pwd)
LIB=$REPO/target/release/libchatwoot_identity.so
LOGS=$REPO/target/memcheck
KEYS=${1:-3000}

command -v valgrind >/dev/null || { echo "memcheck.sh: valgrind not found (Debian: apt-get install valgrind)" >&2; exit 1; }
command -v "${PYTHON:-python3}" >/dev/null || { echo "memcheck.sh: ${PYTHON:-python3} not found (run scripts/ensure-toolchains)" >&2; exit 1; }
test -f "$LIB" || { echo "memcheck.sh: $LIB is missing: run 'cargo build --release' at the repository root" >&2; exit 1; }
# The interpreter itself, not a wrapper script such as pyenv's shim (valgrind would check bash).
PYTHON=$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)')
mkdir -p "$LOGS"

# run LOG ARGS...: the package from src/ under valgrind, pinned to this checkout's library.
run() {
  local log=$1
  shift
  PYTHONMALLOC=malloc PYTHONPATH=src CHATWOOT_IDENTITY_LIB=$LIB \
    valgrind --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --error-limit=no --num-callers=30 --suppressions=memcheck.supp --log-file="$log" \
    "$PYTHON" "$@"
}

summary() {
  grep -E 'ERROR SUMMARY|definitely lost:' "$1" | sed 's/^==[0-9]*== */  /'
}

echo "memcheck: $("$PYTHON" -c 'import platform; print(platform.python_implementation(), platform.python_version())')" \
     "under $(valgrind --version), $KEYS keys"
status=0
run "$LOGS/python.log" memcheck.py "$KEYS" || status=$?
summary "$LOGS/python.log"
if [ "$status" -ne 0 ]; then
  cat "$LOGS/python.log" >&2
  echo "memcheck: FAILED (status $status): errors or definite leaks above; full log $LOGS/python.log" >&2
  exit 1
fi

# The canary: leaks 20 keys (no pointer left to them), reads 300 bytes past a 100-byte secret,
# and hashes 64 bytes of uninitialised memory.
canary='import ctypes
from chatwoot_identity._args import HashBuffer
from chatwoot_identity._library import fast_lib
for _ in range(20):
    fast_lib.cw_key_new(b"canary-secret", 13, ctypes.byref(ctypes.c_void_p()))
out = HashBuffer()
fast_lib.cw_identifier_hash(b"s" * 100, 400, b"id", 2, out, 64)
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
junk = libc.malloc(64)
fast_lib.cw_identifier_hash(b"k", 1, ctypes.cast(junk, ctypes.c_char_p), 64, out, 64)
print(out.raw.decode())
libc.free(ctypes.c_void_p(junk))'
status=0
run "$LOGS/python-canary.log" -c "$canary" >/dev/null || status=$?
if [ "$status" -ne 99 ] ||
   ! grep -A3 'definitely lost in loss record' "$LOGS/python-canary.log" | grep -q 'cw_key_new' ||
   ! grep -A12 'Invalid read' "$LOGS/python-canary.log" | grep -q 'cw_identifier_hash' ||
   ! grep -qE 'Conditional jump or move depends on uninitialised|Use of uninitialised value' "$LOGS/python-canary.log"; then
  echo "memcheck: FAILED: the canary's leak, invalid read and uninitialised input were not all" \
       "reported (status $status); memcheck.supp hides too much: see $LOGS/python-canary.log" >&2
  exit 1
fi
echo "memcheck: canary caught (a leaked cw_key, an out-of-bounds read and uninitialised input are reported)"
echo "memcheck: OK"
