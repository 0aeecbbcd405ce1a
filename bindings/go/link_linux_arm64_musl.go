//go:build linux && arm64 && musl && !chatwoot_identity_system

package chatwootidentity

// Links the prebuilt static library for linux/arm64 with musl, shipped inside this module.
// Go cannot tell musl from glibc at build time: on Alpine, build with `-tags musl`.

// #cgo CFLAGS: -I${SRCDIR}/internal/lib
// #cgo LDFLAGS: ${SRCDIR}/internal/lib/libchatwoot_identity_linux_arm64_musl.a -lm -ldl -lpthread
import "C"
