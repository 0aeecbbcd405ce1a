#!/usr/bin/env bash
# build-gem.sh OUT_DIR [TARGET LIBRARY]: builds one gem from a staged copy of this folder, so the
# source tree never holds a library. With TARGET (linux-x86_64-gnu, ...) and LIBRARY: the
# platform gem carrying that library (.so, .dylib or .dll, under its own name) in
# lib/chatwoot_identity/native/TARGET/; without: the
# source gem. Offline (gem build needs no network).
set -euo pipefail
target=${2:-} library=${3:-}
mkdir -p "$1" && out=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
stage=$(mktemp -d "${TMPDIR:-/tmp}/chatwoot-identity-gem.XXXXXX")
trap 'rm -rf "$stage"' EXIT
cp -R "$here/lib" "$here/README.md" "$here/chatwoot_identity.gemspec" "$stage/"
rm -rf "$stage/lib/chatwoot_identity/native"
if [ -n "$target" ]; then
  [ -f "$library" ] || { echo "build-gem: $library is missing (run 'make dist-libs' at the repository root)" >&2; exit 1; }
  mkdir -p "$stage/lib/chatwoot_identity/native/$target"
  cp "$library" "$stage/lib/chatwoot_identity/native/$target/$(basename "$library")"
fi
(cd "$stage" && gem build --silent chatwoot_identity.gemspec >/dev/null && mv ./*.gem "$out/")
