//go:build chatwoot_identity_system

package chatwootidentity

// With `-tags chatwoot_identity_system`: find the header and the library installed by the
// repository's `make install` through pkg-config (chatwoot_identity.pc).

// #cgo pkg-config: chatwoot_identity
import "C"
