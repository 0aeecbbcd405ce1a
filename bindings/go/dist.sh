#!/usr/bin/env bash
# dist.sh DIST_LIB OUT: writes OUT (dist/go) as a GOPROXY file tree holding this module at the
# crate's version, with the four prebuilt static libraries and the header in internal/lib.
# No cargo call: the libraries come from DIST_LIB (`make dist-libs` at the top level).
set -euo pipefail
dist_lib=$(realpath -m "$1"); out=$(realpath -m "$2")
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
module=$(sed -n 's/^module //p' "$here/go.mod")
version=v$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)
stage=$(mktemp -d); trap 'rm -rf "$stage"' EXIT
# The module as users get it: its sources, no tests (they read the checkout's tests/),
# no development tools, and the libraries in place of the git-ignored development copy.
(cd "$here" && git ls-files -- . ':!:*_test.go' ':!:tools/**' ':!:internal/benchreport/**' \
   ':!:memcheck.supp' ':!:Makefile' ':!:dist.sh' ':!:test-dist.sh' ':!:libs.sh' ':!:cross-link.sh') |
  while read -r f; do mkdir -p "$stage/$(dirname "$f")"; cp "$here/$f" "$stage/$f"; done
test ! -f "$root/LICENSE" || cp "$root/LICENSE" "$stage/LICENSE"
"$here/libs.sh" "$dist_lib" "$stage/internal/lib"
rm -f "$stage/internal/lib/.gitignore" # a release carries the libraries

stamp=$(git -C "$root" log -1 --format=%cI 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)
rm -rf "$out"; mkdir -p "$out"
(cd "$here/tools/modproxy" && go run . -module "$module" -version "$version" -time "$stamp" -dir "$stage" -out "$out")
zip=$(find "$out" -name "$version.zip")
echo "bindings/go dist: $zip ($(du -h "$zip" | cut -f1)), GOPROXY=file://$out"
