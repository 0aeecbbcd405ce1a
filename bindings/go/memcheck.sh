#!/usr/bin/env bash
# Runs TestMemcheckWorkload (memcheck_test.go: hash, 3,000 key create/free, batch, verify,
# explain with candidates, the render functions, each rejected input) under valgrind
# memcheck and fails on any memory error or definite leak. Called by the top-level
# `make memcheck`; takes about half a minute.
#
# Go-specific choices (each one measured, see README "Memory checking"):
# - a cgo test binary built with `go test -c`, the library linked statically into it;
# - GOEXPERIMENT=nodwarf5: valgrind 3.19 cannot read Go's default DWARF 5 debug info;
# - GODEBUG=asyncpreemptoff=1: the runtime's signal-based goroutine preemption otherwise
#   shows up as invalid stack reads/writes in runtime.asyncPreempt;
# - go-runtime.supp: the remaining runtime-only noise (stack copying), nothing else.
set -euo pipefail

cd "$(dirname "$0")"
GO=${GO:-go}
BUILD=build
LOG=$BUILD/memcheck.log

command -v valgrind >/dev/null 2>&1 || { echo "bindings/go: valgrind is missing (apt-get install valgrind)" >&2; exit 1; }
make --no-print-directory check GO="$GO"

mkdir -p "$BUILD"
rm -f "$BUILD/memcheck.test" # a fresh link against the current libchatwoot_identity.a
GOEXPERIMENT=nodwarf5 "$GO" test -c -o "$BUILD/memcheck.test" .

status=0
GODEBUG=asyncpreemptoff=1 valgrind \
  --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
  --suppressions=go-runtime.supp \
  "$BUILD/memcheck.test" -test.run '^TestMemcheckWorkload$' -test.v >"$LOG" 2>&1 || status=$?

grep -E 'definitely lost:|ERROR SUMMARY:' "$LOG" || true
if [ "$status" -ne 0 ] || ! grep -q -- '--- PASS: TestMemcheckWorkload' "$LOG"; then
  cat "$LOG" >&2
  echo "bindings/go: memcheck FAILED (exit $status); full log above and in bindings/go/$LOG" >&2
  exit 1
fi
echo "bindings/go: memcheck passed (log: bindings/go/$LOG)"
