//go:build linux && arm64 && !musl && !chatwoot_identity_system

package chatwootidentity

// Links the prebuilt static library for linux/arm64, glibc, shipped inside
// this module: a program needs no Rust, no LD_LIBRARY_PATH and no rpath.

// #cgo CFLAGS: -I${SRCDIR}/internal/lib
// #cgo LDFLAGS: ${SRCDIR}/internal/lib/libchatwoot_identity_linux_arm64.a -lm -ldl -lpthread
import "C"
