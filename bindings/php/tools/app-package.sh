#!/usr/bin/env bash
# app-package.sh ROOT OUT: the Composer archive an example app installs, in OUT (a directory
# outside the checkout): the release build (tools/build-dist.sh) for this machine's target only,
# from this checkout's library (target/release, `make build`) and header, so the apps always test
# the package as it is now. PHP_DIST_ARCHIVE=<zip> installs a given archive instead (e.g. the
# release's dist/php/chatwoot-identity-<version>.zip). Prints the archive's path.
set -euo pipefail
root=$1; out=$2
mkdir -p "$out"
if [ -n "${PHP_DIST_ARCHIVE:-}" ]; then
  cp "$PHP_DIST_ARCHIVE" "$out/"
else
  lib=$root/target/release/libchatwoot_identity.so
  [ -f "$lib" ] || { echo "app-package: $lib is missing: run 'make build' (or 'make dist-libs && make -C bindings/php dist')" >&2; exit 1; }
  target=$(php -r 'require $argv[1] . "/bindings/php/autoload.php"; echo ChatwootIdentity\Target::current();' "$root")
  mkdir -p "$out/libs/$target"
  cp "$lib" "$out/libs/$target/"
  cp "$root/include/chatwoot_identity.h" "$out/libs/$target/"
  DIST_LIBS=$out/libs DIST_OUT=$out "$root/bindings/php/tools/build-dist.sh" "$root" "$target" >&2
  rm -rf "$out/libs"
fi
ls "$out"/chatwoot-identity-*.zip
