#!/usr/bin/env bash
# app-package.sh ROOT OUT: the Composer archive an example app installs, in OUT (a directory
# outside the checkout). dist/php/'s archive when `make -C bindings/php dist` made one;
# otherwise the same build (tools/build-dist.sh) for this machine's target only, from this
# checkout's library (target/release, `make build`) and header. Prints the archive's path.
set -euo pipefail
root=$1; out=$2
mkdir -p "$out"
if ls "$root"/dist/php/chatwoot-identity-*.zip >/dev/null 2>&1; then
  cp "$root"/dist/php/chatwoot-identity-*.zip "$out/"
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
