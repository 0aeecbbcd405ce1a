#!/usr/bin/env bash
# cross-link.sh MODULE_DIR VECTORS: in the current directory (a module whose main imports the
# binding, resolved to MODULE_DIR's internal/lib), builds the program for every Go target of
# internal/lib/targets.txt whose archive MODULE_DIR carries, with cgo and zig's C compiler for
# that target, through the link step, and checks the executable's format; a target that this
# machine runs natively (targets.toml's tested_here) is then run on VECTORS, one it runs under
# wine is run there, with the
# test-only bcryptprimitives.dll stand-in of scripts/test-dist-libs beside it (wine 8 has none,
# Rust's std and Go's runtime import ProcessPrng from it); then checks that a
# platform without a prebuilt archive (windows/arm64) still fails at compile time with the
# message that says what to do. macOS links use empty stubs for the two system libraries Go's
# own runtime asks for (CoreFoundation, libresolv), which zig does not ship without an SDK.
set -euo pipefail
module=$(realpath "$1")
vectors=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
# zig's C compiler: ZIG_CC ("zig cc", "python3 -m ziglang cc"), build/dist-tools' ziglang, or zig.
zcc=${ZIG_CC:-}
py=$root/build/dist-tools/bin/python3
if [ -z "$zcc" ] && [ -x "$py" ] && "$py" -m ziglang version >/dev/null 2>&1; then zcc="$py -m ziglang cc"; fi
if [ -z "$zcc" ] && command -v zig >/dev/null 2>&1; then zcc="zig cc"; fi
[ -n "$zcc" ] || { echo "bindings/go cross-link: zig is missing (set ZIG_CC, or pip install ziglang into build/dist-tools: scripts/ensure-toolchains)" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
printf '#!/bin/sh\nexec %s "$@"\n' "$zcc" > "$work/zcc"; chmod +x "$work/zcc"
mkdir -p "$work/stub/CoreFoundation.framework"
stub() { # install name, symbol
  printf -- "--- !tapi-tbd\ntbd-version: 4\ntargets: [ x86_64-macos, arm64-macos ]\ninstall-name: '%s'\ncurrent-version: 1\nexports:\n  - targets: [ x86_64-macos, arm64-macos ]\n    symbols: [ %s ]\n...\n" "$1" "$2"
}
stub /usr/lib/libresolv.9.dylib _res_9_ninit > "$work/stub/libresolv.tbd"
stub /System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation _CFRelease \
  > "$work/stub/CoreFoundation.framework/CoreFoundation.tbd"

"$work/zcc" -target x86_64-windows-gnu -c -x c /dev/null -o "$work/empty.o"
ar rcs "$work/stub/libgcc_eh.a" "$work/empty.o"

# run_under_wine TARGET EXE: the program on the vectors, as a Windows user runs it.
run_under_wine() {
  local wine standin dir="$work/wine-$1" log rc=0
  wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
  [ -x "$wine" ] || { echo "FAIL $1: wine64 is missing (scripts/ensure-toolchains installs it)" >&2; return 1; }
  standin=$root/build/dist-test/$1/bcryptprimitives.dll
  [ -f "$standin" ] || { echo "FAIL $1: $standin is missing: run scripts/test-dist-libs $1" >&2; return 1; }
  mkdir -p "$dir" && cp "$2" "$dir/app.exe" && cp "$standin" "$vectors" "$dir/"
  log=$dir/out.log
  echo "+ wine64 app.exe vectors.json"
  (cd "$dir" && WINEPREFIX="$root/build/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" \
    "$root/scripts/hide-rust" "$wine" app.exe vectors.json >"$log" 2>&1 </dev/null) || rc=$?
  tr -d '\r' <"$log"
  if [ $rc -eq 0 ] && grep -q '^fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c' "$log" \
     && grep -q '^vectors: [1-9][0-9]* hashed' "$log"; then
    echo "ok   $1: the program runs under wine (sample and every vector)"
  else echo "FAIL $1: the program under wine exited $rc" >&2; return 1; fi
}

fail=0; built=0
while read -r target suffix; do
  case $target in '#'*|'') continue;; esac
  [ -f "$module/internal/lib/libchatwoot_identity_$suffix.a" ] || { echo "skip $target: not in this module"; continue; }
  os=$("$root/scripts/targets.py" "$target" os)
  arch=$("$root/scripts/targets.py" "$target" arch)
  libc=$("$root/scripts/targets.py" "$target" libc)
  goos=$("$root/scripts/targets.py" "$target" goos); goarch=$("$root/scripts/targets.py" "$target" goarch)
  tags=; ldflags=; extra=
  case $os in
    macos) ztarget=$arch-macos; want="Mach-O 64-bit"; ldflags=-w; extra="-L$work/stub -F$work/stub";;
    # MinGW gcc's unwinder (libgcc_eh) is LLVM's libunwind in zig: an empty libgcc_eh.a
    # satisfies the -l, -lunwind provides the symbols.
    windows) ztarget=$arch-windows-gnu; want="PE32+ executable"; extra="-L$work/stub -lunwind";;
    # Rust's panic machinery in the archive wants an unwinder: libgcc's with gcc, libunwind with zig.
    linux) ztarget=$arch-linux-$libc; extra=-lunwind; [ "$libc" = musl ] && tags=musl
           case $arch in x86_64) want="ELF 64-bit LSB executable, x86-64";; aarch64) want="ELF 64-bit LSB executable, ARM aarch64";; esac;;
  esac
  out="$work/app-$suffix"
  echo "+ CGO_ENABLED=1 GOOS=$goos GOARCH=$goarch CC='zig cc -target $ztarget' go build ${tags:+-tags $tags}"
  if CGO_ENABLED=1 GOOS=$goos GOARCH=$goarch CC="$work/zcc -target $ztarget $extra" \
       go build ${tags:+-tags $tags} -ldflags="$ldflags" -o "$out" . &&
     file "$out" | grep -q "$want"; then
    echo "ok   $target: $(file -b "$out" | cut -c1-60)"; built=$((built + 1))
    case $("$root/scripts/targets.py" "$target" tested_here) in
      native) [ "$(uname -m)" = "$arch" ] || continue
              if "$out" "$vectors" >/dev/null; then echo "ok   $target: the program runs (sample and every vector)"
              else echo "FAIL $target: the program exited $?" >&2; fail=1; fi;;
      wine) run_under_wine "$target" "$out" || fail=1;;
    esac
  else echo "FAIL $target: no linked $want executable" >&2; fail=1; fi
done < "$here/internal/lib/targets.txt"

echo "+ CGO_ENABLED=1 GOOS=windows GOARCH=arm64 go build (no prebuilt archive)"
if msg=$(CGO_ENABLED=1 GOOS=windows GOARCH=arm64 CC="$work/zcc -target aarch64-windows-gnu" go build -o "$work/none" . 2>&1); then
  echo "FAIL windows/arm64 built without a prebuilt archive" >&2; fail=1
elif grep -q no_prebuilt_libchatwoot_identity_for_this_platform__install_it_and_build_with_tag_chatwoot_identity_system <<< "$msg"; then
  echo "ok   windows/arm64 fails at compile time: $(grep -o 'undefined: no_prebuilt[a-z_]*' <<< "$msg" | head -1)"
else echo "FAIL windows/arm64: unexpected error: $msg" >&2; fail=1; fi
[ "$built" -gt 0 ] || [ -n "${GO_DIST_TARGETS:-}" ] || { echo "FAIL: no target was built" >&2; fail=1; }
exit $fail
