#!/usr/bin/env bash
# libs.sh DIST_LIB DEST: copies the four prebuilt static libraries of DIST_LIB (dist/lib/<target>/)
# and the header into DEST under the names the link_linux_<arch>[_musl].go files use. dist.sh
# stages the module zip with it; `make release-libs` fills internal/lib for a release tag.
set -euo pipefail
dist_lib=$1; dest=$2
declare -A goname=([linux-x86_64-gnu]=linux_amd64 [linux-aarch64-gnu]=linux_arm64
                   [linux-x86_64-musl]=linux_amd64_musl [linux-aarch64-musl]=linux_arm64_musl)
for target in "${!goname[@]}"; do
  test -f "$dist_lib/$target/libchatwoot_identity.a" || {
    echo "bindings/go: $dist_lib/$target/libchatwoot_identity.a is missing: run 'make dist-libs' at the repository root" >&2; exit 1; }
done
mkdir -p "$dest"
for target in "${!goname[@]}"; do
  cp "$dist_lib/$target/libchatwoot_identity.a" "$dest/libchatwoot_identity_${goname[$target]}.a"
done
cp "$dist_lib/linux-x86_64-gnu/chatwoot_identity.h" "$dest/chatwoot_identity.h"
