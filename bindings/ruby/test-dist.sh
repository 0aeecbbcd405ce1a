#!/usr/bin/env bash
# test-dist.sh DIST_DIR VECTORS_JSON: tests the gems of `make dist` the way users get them.
# Run under scripts/hide-rust (no cargo/rustc, no CHATWOOT_IDENTITY_LIB); `make test-dist` does.
#  1. every platform gem: its platform, exactly one library in native/<target>/, the right format
#     (ELF/Mach-O/PE), machine and C library, and the loader's target detection (faked inputs)
#     picks that file;
#  2. a fresh application in a new mktemp -d, outside the checkout, with its own GEM_HOME:
#     gem install --local this machine's platform gem (RubyGems.org is never contacted), then the
#     documented sample and tests/vectors.json through the installed gem;
#  3. the source gem installs and fails to load with an error naming the target and the paths.
set -euo pipefail
dist=$(cd "$1" && pwd) vectors=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
here=$(cd "$(dirname "$0")" && pwd)
RUBY=${RUBY:-ruby} GEM=${GEM:-gem}
# readelf checks the Linux gems' C library and SONAME; required on Linux (CI runners on macOS and
# Windows check every gem's headers with the gem's own parser, and the ELF details on Linux).
if [ "$(uname -s)" = Linux ]; then
  command -v readelf >/dev/null || { echo "test-dist: readelf is required (Debian: binutils)" >&2; exit 1; }
fi
version=$("$RUBY" -e 'print File.read(ARGV[0])[/VERSION = "(.*)"/, 1]' "$here/lib/chatwoot_identity/version.rb")
work=$(mktemp -d "${TMPDIR:-/tmp}/chatwoot-identity-ruby-dist.XXXXXX")
trap 'rm -rf "$work"' EXIT
case "$work" in "$(cd "$here/../.." && pwd)"/*) echo "test-dist: $work is inside the checkout" >&2; exit 1;; esac
unset RUBYLIB RUBYOPT BUNDLE_GEMFILE

echo "== 1. each platform gem carries its target's library (targets from targets.toml)"
"$RUBY" -I"$here/lib" -rchatwoot_identity/targets \
  -e 'ChatwootIdentity::Targets::ALL.each { |n, t| puts [n, t[:os], t[:gem]].join(" ") }' > "$work/targets"
while read -r target os platform; do
  gem_file=$dist/chatwoot_identity-$version-$platform.gem
  if [ ! -f "$gem_file" ]; then
    [ "$os" = linux ] && { echo "missing $gem_file" >&2; exit 1; }
    echo "no $platform gem ($target's library was not built by dist-libs): skipped"
    continue
  fi
  unpacked=$work/unpacked/$platform
  mkdir -p "$unpacked" && tar -xOf "$gem_file" data.tar.gz | tar -xz -C "$unpacked"
  "$RUBY" "$here/test-dist/check_platform_gem.rb" "$gem_file" "$unpacked" "$target" "$platform"
done < "$work/targets"

host_target=$("$RUBY" -I"$here/lib" -rchatwoot_identity/target -e 'print ChatwootIdentity::Target.detect')
host_platform=$("$RUBY" -I"$here/lib" -rchatwoot_identity/target -e 'print ChatwootIdentity::Target.platform(ARGV[0]).to_s' "$host_target")
[ -n "$host_platform" ] || { echo "test-dist: no platform gem for this machine ($host_target)" >&2; exit 1; }
echo "== 2. gem install --local into a fresh application (GEM_HOME=$work/app/gems)"
app=$work/app && mkdir -p "$app" && cd "$app"
export GEM_HOME=$app/gems GEM_PATH=$app/gems
set -x
"$GEM" install --local --no-document "$dist/chatwoot_identity-$version-$host_platform.gem"
set +x
cat > sample.rb <<'RUBY'
require "chatwoot_identity"

puts ChatwootIdentity.identifier_hash("your-secret-token-for-hmac", "unique-identifier-of-the-user")
RUBY
got=$("$RUBY" sample.rb)
[ "$got" = fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c ] || { echo "sample printed: $got" >&2; exit 1; }
echo "sample: $got"
"$RUBY" "$here/test-dist/run_vectors.rb" "$vectors" "$GEM_HOME"

echo "== 3. the source gem explains that it needs the library"
export GEM_HOME=$work/source-gems GEM_PATH=$work/source-gems
"$GEM" install --local --no-document "$dist/chatwoot_identity-$version.gem" | grep -q "this is the source gem"
"$RUBY" "$here/test-dist/check_source_gem.rb" "$GEM_HOME"
echo "test-dist (ruby): ok"
