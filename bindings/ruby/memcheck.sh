#!/usr/bin/env bash
# Runs memcheck.rb (every entry point of the gem, each rejected input, a few thousand keys
# created and freed) under valgrind, and fails on any memory error or definite leak outside
# the Ruby interpreter. memcheck.supp silences only the interpreter's own noise (libruby
# frames: Ruby 3.1 does not free its heap at exit, and its GC scans the stack conservatively).
# Then a canary proves those suppressions hide nothing of the library: a deliberately leaked
# cw_key and an out-of-bounds read must both be reported.
#
#   bindings/ruby/memcheck.sh [KEYS]    (run by the top-level `make memcheck`; about 40 s)
set -euo pipefail

cd "$(dirname "$0")"
REPO=$(cd ../.. && pwd)
LIB=$REPO/target/release/libchatwoot_identity.so
LOGS=$REPO/target/memcheck
RUBY=${RUBY:-ruby}
KEYS=${1:-3000}

command -v valgrind >/dev/null || { echo "memcheck.sh: valgrind not found (Debian: apt-get install valgrind)" >&2; exit 1; }
command -v "$RUBY" >/dev/null || { echo "memcheck.sh: $RUBY not found (run scripts/ensure-toolchains)" >&2; exit 1; }
test -f "$LIB" || { echo "memcheck.sh: $LIB is missing: run 'cargo build --release' at the repository root" >&2; exit 1; }
mkdir -p "$LOGS"

# run LOG ARGS...: the gem under valgrind, pinned to this checkout's library; returns valgrind's status.
run() {
  local log=$1
  shift
  CHATWOOT_IDENTITY_LIB=$LIB valgrind --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --error-limit=no --suppressions=memcheck.supp --log-file="$log" \
    "$RUBY" -Ilib "$@"
}

summary() {
  grep -E 'ERROR SUMMARY|definitely lost:' "$1" | sed 's/^==[0-9]*== */  /'
}

echo "memcheck: ruby $("$RUBY" -e 'print RUBY_VERSION') under $(valgrind --version), $KEYS keys"
status=0
run "$LOGS/ruby.log" memcheck.rb "$KEYS" || status=$?
summary "$LOGS/ruby.log"
if [ "$status" -ne 0 ]; then
  cat "$LOGS/ruby.log" >&2
  echo "memcheck: FAILED (status $status): errors or definite leaks above; full log $LOGS/ruby.log" >&2
  exit 1
fi

# The canary: leaks 20 keys (no pointer left to them) and reads past a 100-byte secret.
canary='native = ChatwootIdentity::Native
out = [0].pack("J")
20.times { native::KEY_NEW.call("canary-secret", 13, out); out.replace([0].pack("J")) }
native::IDENTIFIER_HASH.call("s" * 100, 400, "id", 2, "\0".b * 64, 64)'
status=0
run "$LOGS/ruby-canary.log" -rchatwoot_identity -e "$canary" || status=$?
if [ "$status" -ne 99 ] ||
   ! grep -A2 'definitely lost in loss record' "$LOGS/ruby-canary.log" | grep -q 'cw_key_new' ||
   ! grep -A1 'Invalid read' "$LOGS/ruby-canary.log" | grep -q 'libchatwoot_identity'; then
  echo "memcheck: FAILED: the canary's leak and invalid read were not both reported (status $status);" \
       "memcheck.supp hides too much: see $LOGS/ruby-canary.log" >&2
  exit 1
fi
echo "memcheck: canary caught (a leaked cw_key and an out-of-bounds read are reported)"
echo "memcheck: OK"
