#!/usr/bin/env bash
# build-dist.sh ROOT TARGETS...: the Composer archive dist/php/chatwoot-identity-<version>.zip,
# the package with composer.json at its root (plus a "version" field, which an artifact
# repository needs) and the prebuilt lib/<target>/<shared library> (+ header) from
# $DIST_LIBS/<target>/ (default ROOT/dist/lib) for each target; the file names come from
# targets.toml (.so, .dylib, .dll), into $DIST_OUT (default ROOT/dist/php). No cargo: `make
# dist-libs` builds those first.
set -euo pipefail

root=$1; shift
pkg=$root/bindings/php
libs=${DIST_LIBS:-$root/dist/lib}
out=${DIST_OUT:-$root/dist/php}
PHP=${PHP:-php}
COMPOSER=${COMPOSER_BIN:-composer}

shared() { "$root/scripts/targets.py" "$1" shared; }
for target in "$@"; do
  lib=$(shared "$target") || exit 1
  for file in "$lib" chatwoot_identity.h; do
    [ -f "$libs/$target/$file" ] || { echo "bindings/php dist: $libs/$target/$file is missing: run 'make dist-libs' at the repository root first" >&2; exit 1; }
  done
done
if [ -f "$libs/SHA256SUMS" ]; then # the libraries are the ones dist-libs recorded
  for target in "$@"; do
    for file in "$(shared "$target")" chatwoot_identity.h; do
      grep -qE "^[0-9a-f]{64} [ *]$target/${file//./\\.}\$" "$libs/SHA256SUMS" \
        || { echo "bindings/php dist: $target/$file is not listed in $libs/SHA256SUMS" >&2; exit 1; }
    done
  done
  (cd "$libs" && for target in "$@"; do for file in "$(shared "$target")" chatwoot_identity.h; do grep -E " [ *]$target/${file//./\\.}\$" SHA256SUMS; done; done | sha256sum -c --quiet -) \
    || { echo "bindings/php dist: $libs does not match its SHA256SUMS" >&2; exit 1; }
fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n1)
[ -n "$version" ] || { echo "bindings/php dist: no version in $root/Cargo.toml" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cw-php-dist.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
stage=$tmp/chatwoot-identity
# The package as committed plus any local edits, never a developer's vendor/, lib/ or lock file.
mkdir -p "$stage"
(cd "$pkg" && tar -c --exclude=./vendor --exclude=./lib --exclude=./composer.lock --exclude=./.phpunit.result.cache .) | tar -x -C "$stage"
for target in "$@"; do
  mkdir -p "$stage/lib/$target"
  cp "$libs/$target/$(shared "$target")" "$libs/$target/chatwoot_identity.h" "$stage/lib/$target/"
done
"$PHP" -r '
  $file = $argv[1];
  $json = json_decode(file_get_contents($file), true, 512, JSON_THROW_ON_ERROR);
  $json = array_merge(array_slice($json, 0, 2), ["version" => $argv[2]], array_slice($json, 2));
  file_put_contents($file, json_encode($json, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE) . "\n");
' "$stage/composer.json" "$version"

mkdir -p "$out"
rm -f "$out"/chatwoot-identity-*.zip
# composer archive applies composer.json's archive.exclude, exactly as Packagist's dist zips do.
(cd "$stage" && COMPOSER_HOME=$tmp/home COMPOSER_DISABLE_NETWORK=1 COMPOSER_ALLOW_SUPERUSER=1 \
  "$COMPOSER" archive --no-interaction --format=zip --dir="$out" --file="chatwoot-identity-$version" >&2)
zip=$out/chatwoot-identity-$version.zip
for target in "$@"; do
  unzip -l "$zip" "lib/$target/$(shared "$target")" >/dev/null || { echo "bindings/php dist: $zip lacks lib/$target/" >&2; exit 1; }
done
echo "bindings/php dist: $zip ($(stat -c %s "$zip") bytes; $*)"
