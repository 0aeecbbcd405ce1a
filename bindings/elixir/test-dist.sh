#!/usr/bin/env bash
# test-dist.sh DIST_ELIXIR DIST_LIB VECTORS: a new Mix app outside the checkout depends on the
# unpacked package (a path dependency: Hex is not reachable here), compiles it with no Rust,
# and runs the documented sample and the shared vectors; then checks each prebuilt archive.
# Run under scripts/hide-rust (the Makefile's test-dist does).
set -euo pipefail
tarball=$(ls "$1"/chatwoot_identity-*.tar.gz 2>/dev/null | tail -1) ||
  { echo "bindings/elixir test-dist: no package in $1: run 'make -C bindings/elixir dist' first" >&2; exit 1; }
tarball=$(realpath "$tarball"); dist_lib=$(realpath "$2"); vectors=$(realpath "$3")
work=$(mktemp -d "${TMPDIR:-/tmp}/elixir-test-dist.XXXXXX"); trap 'rm -rf "$work"' EXIT
cd "$work"
echo "+ tar xzf $(basename "$tarball")"
tar xzf "$tarball"
pkg=$(realpath chatwoot_identity-*)
echo "+ mix new app; deps: [{:chatwoot_identity, path: \"$pkg\"}]"
mix new app >/dev/null
cd app
sed -i "s|^      # {:dep_from_hexpm.*|      {:chatwoot_identity, path: \"$pkg\"},|" mix.exs
grep -q "chatwoot_identity, path" mix.exs || { echo "could not add the dependency to mix.exs" >&2; exit 1; }
# The vectors as hex lines (Erlang/OTP before 27 has no JSON parser, and Hex is out of reach).
python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
for c in v["hash"]: print("hash", c["secret_hex"] or "-", c["identifier_hex"] or "-", c["identifier_hash"])
for c in v["rejected"]: print("rejected", c["secret_hex"] or "-", c["identifier_hex"] or "-", c["status"].lower())
' "$vectors" > vectors.txt
cat > check.exs <<'EXS'
sample = ChatwootIdentity.identifier_hash!("your-secret-token-for-hmac", "unique-identifier-of-the-user")
"fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c" = sample
IO.puts(sample)
unhex = fn "-" -> ""; h -> Base.decode16!(h, case: :lower) end
counts =
  for line <- File.read!("vectors.txt") |> String.split("\n", trim: true), reduce: %{} do
    acc ->
      [kind, s, i, want] = String.split(line, " ")
      {s, i} = {unhex.(s), unhex.(i)}
      case kind do
        "hash" ->
          {:ok, ^want} = ChatwootIdentity.identifier_hash(s, i)
          true = ChatwootIdentity.Key.verify(ChatwootIdentity.Key.new!(s), i, want)
        "rejected" ->
          {:error, reason} = ChatwootIdentity.identifier_hash(s, i)
          ^want = Atom.to_string(reason)
      end
      Map.update(acc, kind, 1, &(&1 + 1))
  end
IO.puts("vectors: #{counts["hash"]} hashed, #{counts["rejected"]} rejected")
# The ABI 2 calls through the installed package: explain with a candidate, the renderers.
key = ChatwootIdentity.Key.new!("your-secret-token-for-hmac")
old = ChatwootIdentity.identifier_hash!("old-token", "42")
%{verdict: :other_candidate, candidate_kind: :secret, candidate_index: 0} =
  ChatwootIdentity.explain!("your-secret-token-for-hmac", "42", old, other_secrets: ["old-token"])
~s({"identifier":"9007199254740993","identifier_hash":") <> _ =
  ChatwootIdentity.Key.set_user_payload!(key, 9_007_199_254_740_993, %{name: "n"})
"<script nonce=\"n0nce\">" <> _ = ChatwootIdentity.Key.set_user_script!(key, "u", %{email: "e@x"}, nonce: "n0nce")
"<script>" <> _ = ChatwootIdentity.reset_script!()
false = function_exported?(ChatwootIdentity.Nif, :live_keys, 0)
IO.puts("explain candidates, set_user_script/payload, reset_script: ok; no test hooks")
EXS
echo "+ MIX_ENV=test mix compile && mix run check.exs"
MIX_ENV=test mix compile 2>&1 | grep -v '^==> \|^Compiling\|^Generated' || true
MIX_ENV=test mix run check.exs

fail=0
# Every target of c_src/targets.txt that dist/lib holds is in the package byte for byte;
# Linux archives are also checked for their ELF machine. macOS and Windows: the Makefile's
# commands for them, with zig's C compiler for the target (a NIF that links), when zig is here.
here=$(cd "$(dirname "$0")" && pwd 2>/dev/null || true)
while read -r target os arch libc; do
  case $target in '#'*|'') continue;; esac
  f="$pkg/c_src/lib/$target/libchatwoot_identity.a"
  if [ ! -f "$dist_lib/$target/libchatwoot_identity.a" ]; then
    [ ! -f "$f" ] || { echo "FAIL $target is in the package but not in $dist_lib" >&2; fail=1; }
    echo "skip $target: not in $dist_lib"; continue
  fi
  cmp -s "$f" "$dist_lib/$target/libchatwoot_identity.a" || { echo "FAIL $target: not dist/lib/$target's library" >&2; fail=1; continue; }
  if [ "$os" = linux ]; then
    want=$([ "$arch" = x86_64 ] && echo "Advanced Micro Devices X86-64" || echo AArch64)
    machines=$(readelf -h "$f" | sed -n 's/^ *Machine: *//p' | sort -u)
    [ "$machines" = "$want" ] || { echo "FAIL $target: ELF machine '$machines', want '$want'" >&2; fail=1; continue; }
    echo "ok   c_src/lib/$target: $want, = dist/lib/$target ($(du -h "$f" | cut -f1))"; continue
  fi
  if [ -z "${ZIG_CC:-}" ]; then echo "ok   c_src/lib/$target = dist/lib/$target (no ZIG_CC: not linked here)"; continue; fi
  case $os in
    macos) uname_s=Darwin; zt=$arch-macos; want=Mach-O; extra=;;
    # Linux's erl_nif.h read as Windows' by clang warns; MinGW's libgcc_eh is zig's libunwind
    # (an empty libgcc_eh.a satisfies the -l).
    windows) uname_s=MINGW64_NT; zt=$arch-windows-gnu; want=PE32+
             mkdir -p "$work/stub"
             $ZIG_CC -target "$zt" -c -x c /dev/null -o "$work/stub/empty.o" && ar rcs "$work/stub/libgcc_eh.a" "$work/stub/empty.o"
             extra="-Wno-ignored-attributes -L$work/stub -lunwind";;
  esac
  if make -s -C "$pkg" nif MIX_ENV=prod UNAME_S=$uname_s CC="$ZIG_CC -target $zt" CFLAGS="-O2 $extra" \
       LIB_DIR="$pkg/c_src/lib/$target" HEADER_DIR="$pkg/c_src/lib/$target" PRIV="$work/nif-$target" >/dev/null </dev/null &&
     file "$work/nif-$target"/chatwoot_identity_nif.* | grep -q "$want"; then
    echo "ok   c_src/lib/$target: the NIF links for $os/$arch ($(file -b "$work/nif-$target"/chatwoot_identity_nif.[sd]* | cut -c1-50))"
  else echo "FAIL c_src/lib/$target: the NIF does not link for $os/$arch" >&2; fail=1; fi
done < "$pkg/c_src/targets.txt"
# The musl archive must link against musl: with musl-gcc (Debian: musl-tools) it runs here.
if [ ! -f "$pkg/c_src/lib/linux-x86_64-musl/libchatwoot_identity.a" ]; then
  echo "skip musl run: linux-x86_64-musl is not in $dist_lib"
elif [ "$(uname -m)" = x86_64 ] && ! command -v musl-gcc >/dev/null 2>&1; then
  echo "FAIL: musl-gcc is missing (Debian: musl-tools; scripts/ensure-toolchains installs it)" >&2; fail=1
elif [ "$(uname -m)" = x86_64 ]; then
  cat > musl.c <<'C'
#include <stdio.h>
#include "chatwoot_identity.h"
int main(void) {
    char out[CW_HASH_LEN + 1] = {0};
    const char *s = "your-secret-token-for-hmac", *i = "unique-identifier-of-the-user";
    int st = cw_identifier_hash((const uint8_t *)s, 26, (const uint8_t *)i, 29, out, sizeof out);
    puts(st == 0 ? out : "error");
    return st;
}
C
  # Debian's libgcc_eh (which musl-gcc links for the unwinder) is built for glibc >= 2.35 and
  # calls _dl_find_object; this stub only satisfies the link (the sample never unwinds). A
  # glibc archive still fails here, on glibc-only symbols such as gnu_get_libc_version.
  echo 'int _dl_find_object(void *pc, void *r) { (void)pc; (void)r; return -1; }' > stub.c
  lib="$pkg/c_src/lib/linux-x86_64-musl"
  if musl-gcc -static -I"$lib" musl.c stub.c "$lib/libchatwoot_identity.a" -o musl-check 2>musl.log &&
     [ "$(./musl-check)" = fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c ]; then
    echo "ok   c_src/lib/linux-x86_64-musl links and runs with musl-gcc -static"
  else
    echo "FAIL c_src/lib/linux-x86_64-musl does not link with musl: $(tail -2 musl.log)" >&2; fail=1
  fi
else
  echo "SKIP musl run: this host is not x86_64 (the archive's ELF machine was checked above)"
fi
exit $fail
