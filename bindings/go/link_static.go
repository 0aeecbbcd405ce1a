//go:build !chatwoot_identity_system

package chatwootidentity

// Default: link the static archive that `cargo build --release` (`make build`) leaves in
// this repository's target/release, so a built program needs no LD_LIBRARY_PATH and no
// rpath at run time. Build with `-tags chatwoot_identity_system` to use an installed
// shared library instead (see link_system.go).

// #cgo CFLAGS: -I${SRCDIR}/../../include
// #cgo LDFLAGS: ${SRCDIR}/../../target/release/libchatwoot_identity.a -lm -ldl -lpthread
import "C"
