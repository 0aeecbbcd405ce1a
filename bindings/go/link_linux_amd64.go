//go:build linux && amd64 && !musl && !chatwoot_identity_system

package chatwootidentity

// Links the prebuilt static library for linux/amd64, glibc, shipped inside
// this module: a program needs no Rust, no LD_LIBRARY_PATH and no rpath.

// #cgo CFLAGS: -I${SRCDIR}/internal/lib
// #cgo LDFLAGS: ${SRCDIR}/internal/lib/libchatwoot_identity_linux_amd64.a -lm -ldl -lpthread
import "C"
