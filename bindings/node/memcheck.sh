#!/usr/bin/env bash
# Runs memcheck.js (every entry point and every rejected input of this package, 3,000 keys
# created and freed, keys freed by the FinalizationRegistry) under valgrind's memcheck and fails
# on any memory error or definite leak. Then a self-test: memcheck-selftest.js plants an
# overflow in the library and leaked keys, and valgrind must report both, so memcheck.supp
# (noise of Node and koffi only) is proven not to hide our errors.
# Node under valgrind: --jitless (V8's interpreter only: no generated code for valgrind to
# translate, fewer false alarms, about twice as fast), --expose-gc for the FinalizationRegistry.
# Called by the top-level `make memcheck` (or `make memcheck` here); 1-2 minutes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
NODE=${NODE:-node}

command -v valgrind >/dev/null || { echo "bindings/node memcheck: valgrind is missing (Debian: apt-get install valgrind)" >&2; exit 1; }
# Node, the library and node_modules (koffi): the Makefile's own checks.
make -s -C "$here" deps check-lib

logs=$(mktemp -d "${TMPDIR:-/tmp}/cw-node-memcheck.XXXXXX")
trap 'rm -rf "$logs"' EXIT

# memcheck <log> <script> [args...]: the script under valgrind; returns valgrind's exit status.
memcheck() {
  local log=$1
  shift
  local status=0
  valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --num-callers=30 --suppressions="$here/memcheck.supp" -s --log-file="$log" \
    "$NODE" --jitless --expose-gc "$@" 2>"$log.stderr" || status=$?
  return "$status"
}

status=0
(cd "$here" && memcheck "$logs/main.log" memcheck.js) || status=$?
if [ "$status" -ne 0 ]; then
  cat "$logs/main.log" "$logs/main.log.stderr" >&2
  echo "bindings/node memcheck: FAILED (exit $status; 99 = valgrind found errors or definite leaks)" >&2
  exit "$status"
fi
grep -E 'ERROR SUMMARY|definitely lost' "$logs/main.log" | sed 's/^==[0-9]*== //' | sort -u
# What memcheck.supp hid, by name (koffi's stack switch, V8's stack scan, koffi's init).
sed -nE 's/^--[0-9]+-- used_suppression: +([0-9]+) ([^ ]+) .*/  suppressed: \1 x \2/p' "$logs/main.log"

# Self-test: each planted bug must make valgrind fail (99) and be reported as expected: the
# overflow as an invalid write whose top frame is in the library, the keys as definitely lost.
selftest() {
  local mode=$1 status=0 found
  (cd "$here" && memcheck "$logs/$mode.log" memcheck-selftest.js "$mode") || status=$?
  if [ "$mode" = overflow ]; then
    found=$(grep -A1 'Invalid write of size' "$logs/$mode.log" | grep -m1 -oE 'at .*libchatwoot_identity\.so' || true)
  else
    found=$(grep -m1 -oE 'definitely lost: [1-9][0-9,]* bytes in [0-9]+ blocks' "$logs/$mode.log" || true)
  fi
  if [ "$status" -ne 99 ] || [ -z "$found" ]; then
    cat "$logs/$mode.log" "$logs/$mode.log.stderr" >&2
    echo "bindings/node memcheck: SELF-TEST FAILED: the planted $mode was not reported (exit $status)" >&2
    exit 1
  fi
  echo "  self-test: planted $mode reported: $found"
}
selftest overflow
selftest leak

echo "bindings/node memcheck: OK"
