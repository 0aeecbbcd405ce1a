#!/usr/bin/env bash
# dist.sh DIST_LIB OUT: writes OUT (dist/go) as a GOPROXY file tree holding this module at the
# crate's version, with the four prebuilt static libraries and the header in internal/lib.
# No cargo call: the libraries come from DIST_LIB (`make dist-libs` at the top level).
set -euo pipefail
dist_lib=$(realpath "$1"); out=$(realpath -m "$2")
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
module=$(sed -n 's/^module //p' "$here/go.mod")
version=v$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)
# dist/lib/<target> -> the name link_linux_<arch>[_musl].go links.
declare -A goname=([linux-x86_64-gnu]=linux_amd64 [linux-aarch64-gnu]=linux_arm64
                   [linux-x86_64-musl]=linux_amd64_musl [linux-aarch64-musl]=linux_arm64_musl)
for target in "${!goname[@]}"; do
  test -f "$dist_lib/$target/libchatwoot_identity.a" || {
    echo "bindings/go dist: $dist_lib/$target/libchatwoot_identity.a is missing: run 'make dist-libs' at the repository root" >&2; exit 1; }
done

stage=$(mktemp -d); trap 'rm -rf "$stage"' EXIT
# The module as users get it: its sources, no tests (they read the checkout's tests/),
# no development tools, and the libraries in place of the git-ignored development copy.
(cd "$here" && git ls-files -- . ':!:*_test.go' ':!:tools/**' ':!:internal/benchreport/**' \
   ':!:memcheck.sh' ':!:go-runtime.supp' ':!:Makefile' ':!:dist.sh' ':!:test-dist.sh') |
  while read -r f; do mkdir -p "$stage/$(dirname "$f")"; cp "$here/$f" "$stage/$f"; done
test ! -f "$root/LICENSE" || cp "$root/LICENSE" "$stage/LICENSE"
for target in "${!goname[@]}"; do
  cp "$dist_lib/$target/libchatwoot_identity.a" "$stage/internal/lib/libchatwoot_identity_${goname[$target]}.a"
done
cp "$dist_lib/linux-x86_64-gnu/chatwoot_identity.h" "$stage/internal/lib/chatwoot_identity.h"
rm -f "$stage/internal/lib/.gitignore" # a release carries the libraries

stamp=$(git -C "$root" log -1 --format=%cI 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)
rm -rf "$out"; mkdir -p "$out"
(cd "$here/tools/modproxy" && go run . -module "$module" -version "$version" -time "$stamp" -dir "$stage" -out "$out")
zip=$(find "$out" -name "$version.zip")
echo "bindings/go dist: $zip ($(du -h "$zip" | cut -f1)), GOPROXY=file://$out"
