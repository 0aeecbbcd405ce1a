#!/usr/bin/env bash
# libs.sh DIST_LIB DEST: copies the prebuilt static libraries of DIST_LIB (dist/lib/<target>/)
# and the header into DEST under the names the generated link_<goos>_<goarch>[_musl].go files
# use (internal/lib/targets.txt, generated from targets.toml, pairs them). dist.sh stages the
# module zip with it; `make release-libs` fills internal/lib for a release tag.
# A missing target is an error; GO_DIST_TARGETS="name ..." limits the copy to those targets
# (a development dist/lib that holds only this machine's build).
set -euo pipefail
dist_lib=$1; dest=$2
here=$(cd "$(dirname "$0")" && pwd)
pairs=$(grep -v '^#' "$here/internal/lib/targets.txt")
if [ -n "${GO_DIST_TARGETS:-}" ]; then
  pairs=$(echo "$pairs" | while read -r t s; do case " $GO_DIST_TARGETS " in *" $t "*) echo "$t $s";; esac; done)
fi
test -n "$pairs" || { echo "bindings/go: no target selected (GO_DIST_TARGETS='${GO_DIST_TARGETS:-}')" >&2; exit 1; }
missing=
while read -r target _; do
  test -f "$dist_lib/$target/libchatwoot_identity.a" || missing="$missing $target"
done <<< "$pairs"
test -z "$missing" || {
  echo "bindings/go: no libchatwoot_identity.a in $dist_lib for:$missing: run 'make dist-libs' at the repository root" >&2; exit 1; }
mkdir -p "$dest"
header=
while read -r target suffix; do
  cp "$dist_lib/$target/libchatwoot_identity.a" "$dest/libchatwoot_identity_$suffix.a"
  header=${header:-$dist_lib/$target/chatwoot_identity.h}
done <<< "$pairs"
cp "$header" "$dest/chatwoot_identity.h"
