#!/usr/bin/env bash
# test-dist: the Composer archive in dist/php/ installed the way a user installs it, in a fresh
# application outside the checkout, with Rust hidden (scripts/hide-rust) and Packagist unused:
#   composer.json: "repositories": [{"type": "artifact", "url": "<dist/php>"}, {"packagist.org": false}]
#   composer require chatwoot-identity/chatwoot-identity
# then the documented sample, tests/vectors.json, target detection for each packaged library
# (ELF machine and C library checked), no fallback to a checkout, and the PHP-FPM preload path
# (vendor/bin/chatwoot-identity-ffi-preload, opcache.preload) on the packaged library.
# Usage: run.sh ROOT TARGETS...
set -euo pipefail

root=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
artifacts=$root/dist/php
PHP=${PHP:-php}
expected=fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c

ls "$artifacts"/chatwoot-identity-*.zip >/dev/null 2>&1 || { echo "test-dist php: no archive in $artifacts: run 'make -C bindings/php dist'" >&2; exit 1; }
command -v composer >/dev/null || { echo "test-dist php: composer is missing (Debian: apt-get install composer)" >&2; exit 1; }
"$PHP" -r 'exit(extension_loaded("zip") ? 0 : 1);' || { echo "test-dist php: PHP's zip extension is missing, Composer needs it for a zip artifact (Debian: apt-get install php-zip)" >&2; exit 1; }

zip=$(ls "$artifacts"/chatwoot-identity-*.zip)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n1)
[ "$(unzip -p "$zip" composer.json | "$PHP" -r 'echo json_decode(stream_get_contents(STDIN))->version ?? "";')" = "$version" ] \
  || { echo "test-dist php: $zip has no composer.json with \"version\": \"$version\" at its root" >&2; exit 1; }

app=$(mktemp -d "${TMPDIR:-/tmp}/cw-php-app.XXXXXX")
trap 'rm -rf "$app"' EXIT
case "$app" in "$root"/*) echo "test-dist php: $app is inside the checkout" >&2; exit 1 ;; esac
step() { echo "test-dist php: $*"; }
fail() { echo "test-dist php: FAILED: $*" >&2; exit 1; }

cat > "$app/composer.json" <<JSON
{
    "name": "example/app",
    "repositories": [{"type": "artifact", "url": "$artifacts"}, {"packagist.org": false}]
}
JSON
# A private Composer home and no network: Packagist (unreachable here) is never asked.
export COMPOSER_HOME=$app/.composer COMPOSER_DISABLE_NETWORK=1 COMPOSER_ALLOW_SUPERUSER=1 COMPOSER_NO_INTERACTION=1
step "composer require chatwoot-identity/chatwoot-identity (artifact repository $artifacts)"
(cd "$app" && "$root/scripts/hide-rust" composer require --no-progress chatwoot-identity/chatwoot-identity) \
  || fail "composer require"
installed=$app/vendor/chatwoot-identity/chatwoot-identity
[ -d "$installed" ] && [ ! -L "$installed" ] || fail "$installed is not an installed copy"
target=$(cd "$app" && "$PHP" -r 'require "vendor/autoload.php"; echo ChatwootIdentity\Target::current();')
packaged=$installed/lib/$target/$("$root/scripts/targets.py" "$target" shared)

# run PHP-ARGS...: PHP in the application, as its user runs it (Rust hidden, no CHATWOOT_IDENTITY_LIB)
run() { (cd "$app" && "$root/scripts/hide-rust" "$PHP" "$@"); }

step "the documented sample (examples/php/identifier_hash.php, through vendor/autoload.php)"
sed "s#^require __DIR__ . '/../../bindings/php/autoload.php';#require __DIR__ . '/vendor/autoload.php';#" \
  "$root/examples/php/identifier_hash.php" > "$app/sample.php"
grep -q "vendor/autoload.php" "$app/sample.php" || fail "the sample's require line changed: update run.sh"
out=$(run sample.php) || fail "sample: $out"
[ "$(tail -n1 <<<"$out")" = "$expected" ] || fail "sample printed: $out"
step "ok: $expected"

step "tests/vectors.json"
cp "$root/tests/vectors.json" "$here/vectors.php" "$here/targets.php" "$app/"
out=$(run vectors.php) || fail "vectors"
[ "$out" = "${out%FFI::cdef $packaged}" ] && fail "vectors did not use the packaged library: $out"
step "ok: $out"

step "target detection (faked inputs) and each packaged library"
found=$(run targets.php "$@") || fail "targets: $found"
for want in "$@"; do grep -q "^$want " <<<"$found" || fail "no $want in the package"; done
while read -r t path; do
  case "$t" in linux-*) ;; *) step "ok: $t: $(basename "$path") ($(stat -c %s "$path") bytes; header checked for its platform)"; continue ;; esac
  machine=$(readelf -h "$path" | sed -n 's/^ *Machine: *//p')
  needed=$(readelf -d "$path" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
  case "$t" in
    *-x86_64-*) [ "$machine" = "Advanced Micro Devices X86-64" ] || fail "$path: machine $machine" ;;
    *-aarch64-*) [ "$machine" = "AArch64" ] || fail "$path: machine $machine" ;;
  esac
  case "$t" in
    *-gnu) grep -qw 'libc.so.6' <<<"$needed" || fail "$path needs [$needed], not glibc's libc.so.6" ;;
    *-musl) { grep -qw 'libc.so' <<<"$needed" && ! grep -q 'libc.so.6' <<<"$needed"; } || fail "$path needs [$needed], not musl's libc.so" ;;
  esac
  step "ok: $t: $machine, needs $needed($(stat -c %s "$path") bytes)"
done <<<"$found"

step "no fallback to a checkout: without the package's copy, the error names the target and every path"
mv "$installed/lib" "$app/lib.away"
out=$(run sample.php 2>&1) && fail "the sample ran without the packaged library"
mv "$app/lib.away" "$installed/lib"
grep -qF "tried: $packaged (no such file); libchatwoot_identity.so.0 (" <<<"$out" || fail "the error does not list the paths tried: $out"
grep -qF "The target detected is $target" <<<"$out" || fail "the error does not name the target: $out"
grep -q "target/release" <<<"$out" && fail "an installed package searched a checkout: $out"
step "ok"

step "ffi.preload header from vendor/bin/chatwoot-identity-ffi-preload"
(cd "$app" && "$root/scripts/hide-rust" vendor/bin/chatwoot-identity-ffi-preload > "$app/chatwoot_identity.h") || fail "ffi-preload"
grep -qxF "#define FFI_LIB \"$packaged\"" "$app/chatwoot_identity.h" || fail "the header does not name $packaged"
out=$(run -d ffi.preload="$app/chatwoot_identity.h" -r 'require "vendor/autoload.php"; echo ChatwootIdentity\Library::loadedBy(), " ", ChatwootIdentity\IdentityHash::identifierHash("your-secret-token-for-hmac", "unique-identifier-of-the-user");') || fail "ffi.preload: $out"
[ "$out" = "FFI::scope $expected" ] || fail "ffi.preload: $out"
step "ok: $out"

step "PHP-FPM with opcache.preload of the installed package"
CW_FPM_PACKAGE=$installed CW_FPM_LIB=$packaged "$root/scripts/hide-rust" "$root/bindings/php/tests/fpm/run.sh"

step "all checks passed ($(basename "$zip"), $(stat -c %s "$zip") bytes, targets: $*)"
