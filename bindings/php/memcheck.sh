#!/usr/bin/env bash
# Runs tests/memcheck/exercise.php (every entry point and every rejected input of this binding)
# under valgrind's memcheck and fails on any memory error or definite leak.
# PHP's documented way to run under valgrind: USE_ZEND_ALLOC=0 sends every allocation of the
# Zend memory manager to malloc (so valgrind sees it), ZEND_DONT_UNLOAD_MODULES=1 keeps
# extensions mapped for the leak report. --keep-debuginfo names frames of the library even after
# FFI dlclose()s it at shutdown. memcheck.supp lists noise inside PHP itself, never our frames.
# Called by the top-level `make memcheck`; about 20 s.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
lib=$(cd "$here/../.." && pwd)/target/release/libchatwoot_identity.so
PHP=${PHP:-php}

command -v valgrind >/dev/null || { echo "bindings/php memcheck: valgrind is missing (Debian: apt-get install valgrind)" >&2; exit 1; }
command -v "$PHP" >/dev/null || { echo "bindings/php memcheck: $PHP is missing (Debian: apt-get install php8.2-cli)" >&2; exit 1; }
[ -f "$lib" ] || { echo "bindings/php memcheck: $lib is missing: run 'cargo build --release' at the repository root" >&2; exit 1; }

log=$(mktemp "${TMPDIR:-/tmp}/cw-php-memcheck.XXXXXX")
trap 'rm -f "$log"' EXIT

status=0
USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1 CHATWOOT_IDENTITY_LIB=$lib \
  valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
  --keep-debuginfo=yes --num-callers=40 --suppressions="$here/memcheck.supp" --log-file="$log" \
  "$PHP" "$here/tests/memcheck/exercise.php" || status=$?

if [ "$status" -ne 0 ]; then
  cat "$log" >&2
  echo "bindings/php memcheck: FAILED (exit $status; 99 = valgrind found errors or definite leaks)" >&2
  exit "$status"
fi
grep -E 'ERROR SUMMARY|definitely lost' "$log" | sed 's/^==[0-9]*== //'
echo "bindings/php memcheck: OK"
