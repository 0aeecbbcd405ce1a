#!/usr/bin/env bash
# dist.sh DIST_LIB OUT: writes OUT/chatwoot_identity-<version>.tar.gz, the Mix package with the
# prebuilt static libraries of c_src/targets.txt (generated from targets.toml) in
# c_src/lib/<target>/ (the Mix compiler picks one), so it compiles with a C compiler and
# erl_nif.h only. No cargo call. A missing target is an error; ELIXIR_DIST_TARGETS="name ..."
# limits the package to those (a development dist/lib with only this machine's build).
set -euo pipefail
dist_lib=$(realpath "$1"); out=$(realpath -m "$2")
here=$(cd "$(dirname "$0")" && pwd)
version=$(sed -n 's/^  @version "\(.*\)"/\1/p' "$here/mix.exs")
name=chatwoot_identity-$version
targets=${ELIXIR_DIST_TARGETS:-$(grep -v '^#' "$here/c_src/targets.txt" | cut -d' ' -f1)}
for t in $targets; do
  for f in libchatwoot_identity.a chatwoot_identity.h; do
    test -f "$dist_lib/$t/$f" || { echo "bindings/elixir dist: $dist_lib/$t/$f is missing: run 'make dist-libs' at the repository root" >&2; exit 1; }
  done
done
stage=$(mktemp -d); trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name"
# The files mix.exs lists for Hex (package/0), from git: no build output, no tests. priv/
# must exist before the first compile, so Mix links it into _build (the NIF lands there).
(cd "$here" && git ls-files -- lib c_src/chatwoot_identity_nif.c c_src/chatwoot_identity_tables.h \
   c_src/chatwoot_identity_nif_funcs.h c_src/targets.txt priv/.gitkeep mix.exs Makefile README.md) |
  while read -r f; do mkdir -p "$stage/$name/$(dirname "$f")"; cp "$here/$f" "$stage/$name/$f"; done
for t in $targets; do
  mkdir -p "$stage/$name/c_src/lib/$t"
  cp "$dist_lib/$t/libchatwoot_identity.a" "$dist_lib/$t/chatwoot_identity.h" "$stage/$name/c_src/lib/$t/"
done
mkdir -p "$out"
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner -czf "$out/$name.tar.gz" "$name"
echo "bindings/elixir dist: $out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1))"
# hex.pm refuses package tarballs over 16 MiB compressed: say so now, not at publish time.
size=$(stat -c %s "$out/$name.tar.gz")
if [ "$size" -gt $((16 * 1024 * 1024)) ]; then
  echo "bindings/elixir dist: WARNING: $name.tar.gz is $size bytes, over hex.pm's 16 MiB limit:" \
       "the dist/lib archives still carry LLVM bitcode or symbols (objcopy --remove-section .llvmbc," \
       "strip --strip-unneeded)" >&2
fi
