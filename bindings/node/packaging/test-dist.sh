#!/usr/bin/env bash
# make test-dist: installs dist/node the way users do, in a fresh application outside the
# checkout with Rust hidden (scripts/hide-rust): `npm install` of the main tarball and this
# machine's platform tarball (koffi from the npm registry), then packaging/installed.test.js
# (documented sample, tests/vectors.json, the loader's pick for each target with faked inputs,
# ELF machine and C library of every platform package's library).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
repo=$(cd "$here/../.." && pwd)
out="${NODE_DIST_OUT:-$repo/dist/node}"
version=$(node -p "require('$here/package.json').version")
main="$out/chatwoot-identity-$version.tgz"
[ -f "$main" ] || { echo "bindings/node test-dist: $main is missing: run 'make -C bindings/node dist' first" >&2; exit 1; }

# The platform packages dist.js wrote (all of NODE_DIST_TARGETS when it is set).
targets=
for t in $(cd "$here" && node -p "require('./packaging/targets').selectedTargets().map((t) => t.npm).join(' ')"); do
  if [ -f "$out/chatwoot-identity-$t-$version.tgz" ]; then
    targets="$targets $t"
  elif [ -n "${NODE_DIST_TARGETS:-}" ]; then
    echo "bindings/node test-dist: $out/chatwoot-identity-$t-$version.tgz is missing" >&2; exit 1
  fi
done
this=$(cd "$here" && node -p "require('./lib/target').detectTarget().name")
platform="$out/chatwoot-identity-$this-$version.tgz"
[ -f "$platform" ] || { echo "bindings/node test-dist: no platform package for this machine ($this): $platform" >&2; exit 1; }

app=$(mktemp -d "${TMPDIR:-/tmp}/cw-node-app.XXXXXX")
trap 'rm -rf "$app"' EXIT
case "$app" in "$repo"/*) echo "test-dist: $app is inside the checkout" >&2; exit 1 ;; esac
cd "$app"
printf '{ "name": "cw-node-app", "version": "1.0.0", "private": true }\n' > package.json
cp "$repo/tests/vectors.json" "$here/packaging/installed.test.js" .

echo "+ npm install --no-audit --no-fund $main $platform"
"$repo/scripts/hide-rust" npm install --no-audit --no-fund "$main" "$platform"

# Every platform package unpacked beside a copy of the main one, for the faked-target checks.
mkdir -p platforms/node_modules/chatwoot-identity
tar -xzf "$main" -C platforms/node_modules/chatwoot-identity --strip-components=1
for t in $targets; do
  mkdir -p "platforms/node_modules/chatwoot-identity-$t"
  tar -xzf "$out/chatwoot-identity-$t-$version.tgz" -C "platforms/node_modules/chatwoot-identity-$t" --strip-components=1
done

echo "+ node --test installed.test.js"
EXPECTED_TARGET="$this" PLATFORM_TARGETS="$targets" PLATFORM_TARBALLS_DIR="$app/platforms" \
  "$repo/scripts/hide-rust" node --test installed.test.js
