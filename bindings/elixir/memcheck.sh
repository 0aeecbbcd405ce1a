#!/usr/bin/env bash
# memcheck.sh: runs memcheck.ex (every entry point of the binding: hash, verify, explain,
# batch, 3,000 keys created and freed, every rejected input) inside the BEAM under valgrind,
# and fails on any memory error or definite leak that is not the emulator's own noise.
# Run by the top-level `make memcheck`; about 15 s.
#
# How the BEAM runs under valgrind (OTP 25, JIT emulator; Debian ships no interpreter or
# valgrind emulator flavour):
# - `erl` is a shell script that execs erlexec, which execs beam.smp: --trace-children=yes
#   follows those execs (the emulator keeps the pid), skipping erl's helper programs;
# - --smc-check=all: the JIT writes its code through a second mapping (without it the
#   emulator crashes under valgrind);
# - the JIT runs Erlang code with the stack pointer inside each process's heap block, so
#   valgrind takes every Erlang call and return for C stack growth and marks heap words
#   undefined or unaddressable. --max-stackframe=32768 makes jumps between blocks count as
#   stack switches (not as huge frames that would poison everything in between);
#   --undef-value-errors=no because definedness is lost for every Erlang term: without it,
#   thousands of "uninitialised value" reports land in the library too (hex-encoding a
#   digest of "undefined" input bytes). Addressability and leak checking stay on;
# - +Mea min: the emulator's allocators use malloc, so the NIF's enif_alloc memory and
#   resources are tracked block by block (the library's own allocations always are);
# - +S 1:1 +SDcpu 1:1 +sbwt none...: one thread of each kind, no busy-waiting;
# - memcheck.supp: the emulator's noise, by object (JIT code, /usr), never a frame of
#   chatwoot_identity_nif.so. See its header.
# Known emulator false positive, suppressed by one narrow entry at the end of memcheck.supp: "Invalid write"
# in key_identifier_hashes_nif copying a hash into the binary enif_make_new_binary just
# returned, when the emulator placed it where that process's Erlang stack had been.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
out=_build/memcheck

die() { echo "memcheck: $*" >&2; exit 1; }
command -v valgrind >/dev/null || die "valgrind not found (Debian: apt-get install valgrind)"
command -v elixir >/dev/null || die "elixir not found (Debian: apt-get install elixir erlang-dev)"
# The suppressions match system objects as /usr/*: this binding must not live there.
case "$here" in /usr/*) die "run from a checkout outside /usr (memcheck.supp matches /usr/*)" ;; esac

# The NIF, the test build (its support modules read tests/vectors.json), then memcheck.ex,
# compiled here so that the Erlang compiler does not run under valgrind.
make -s --no-print-directory nif MIX_ENV=test
MIX_ENV=test mix compile >/dev/null
rm -rf "$out" && mkdir -p "$out"
elixirc -pa _build/test/lib/chatwoot_identity/ebin -o "$out" memcheck.ex
elixir_ebin=$(elixir -e 'IO.write(:code.lib_dir(:elixir, :ebin))')

log=$out/valgrind.log
status=0
valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
  --show-leak-kinds=definite --suppressions=memcheck.supp --smc-check=all --max-stackframe=32768 \
  --undef-value-errors=no --num-callers=30 \
  --trace-children=yes --trace-children-skip='*/erl_child_setup,*/inet_gethost,*/epmd,*/dirname,*/basename,*/sed' \
  erl +Mea min +S 1:1 +SDcpu 1:1 +SDio 1 +sbwt none +sbwtdcpu none +sbwtdio none \
  -pa "$elixir_ebin" -noshell -s elixir start_cli \
  -extra -pa _build/test/lib/chatwoot_identity/ebin -pa "$out" -e 'Memcheck.run()' \
  2>"$log" || status=$?

# valgrind's report is on stderr (erl and erlexec exec the emulator in the same process).
grep -q 'ERROR SUMMARY' "$log" || { cat "$log" >&2; die "valgrind did not finish (exit $status)"; }
if [ "$status" -ne 0 ]; then
  # Unsuppressed errors and leaks, with their stacks.
  sed -n '/^==[0-9]*== \(Invalid\|Conditional\|Use of\|Syscall\|Mismatched\|Source and\|Jump\|.*definitely lost in\)/,/^==[0-9]*== $/p' "$log" >&2
fi
grep -E 'definitely lost:|ERROR SUMMARY' "$log"
[ "$status" -eq 0 ] || die "FAILED (exit $status; valgrind log: $here/$log)"
echo "memcheck: ok (log: $here/$log)"
