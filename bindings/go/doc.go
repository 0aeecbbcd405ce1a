// Package chatwootidentity computes and verifies Chatwoot's identifier_hash, the value a
// website passes to the Chatwoot web widget so the inbox trusts the user's identity:
//
//	identifier_hash = lowercase hex HMAC-SHA256(key = the inbox's secret, message = the identifier)
//
// It binds libchatwoot_identity (an audited Rust library with a C ABI) over cgo.
//
// Use [IdentifierHash] for a single hash. A server that hashes for every page view keeps
// one [Key] per inbox secret: [NewKey] validates the secret and caches its HMAC state once,
// and a Key is safe for concurrent use by any number of goroutines. [Key.IdentifierHashes]
// hashes a whole slice in one cgo call. [Verify] and [Key.Verify] compare in constant time
// inside the library and return false for every bad input. [Key.SetUserScript] (and
// [Key.SetUserScriptHTML] for html/template) renders the <script> that signs the user in to
// the widget, [Key.SetUserPayload] the JSON for a single-page app, [ResetScript] the logout
// script; the library escapes every value. [Explain] names the likely mistake behind a hash
// that does not match (a debugging aid, not constant-time).
//
// Failures are the exported Err* values (compare with [errors.Is]); their messages come
// from the library and never contain the secret or the identifier.
//
// Strings are text: a string argument that is not valid UTF-8 gives [ErrInvalidUTF8] (false
// from Verify); the []byte variants hash raw bytes as they are. Share a *Key, never a copied
// Key value (go vet reports copies; a copy still closes once, with the original).
//
// # Building
//
// The module ships the static library per platform in internal/lib (linux amd64 and arm64;
// build with -tags musl on Alpine), linked through ${SRCDIR} by link_linux_<arch>[_musl].go:
// a program needs only cgo's C compiler, no Rust, no LD_LIBRARY_PATH. In a checkout of the
// repository, `make -C bindings/go lib` copies target/release/libchatwoot_identity.a there
// (git-ignored). The build tag chatwoot_identity_system links a library installed by
// `make install` instead, found with pkg-config.
package chatwootidentity

// The prebuilt libraries linked via ${SRCDIR}: imported so that vendoring keeps them.
import _ "github.com/chatwoot-identity/chatwoot-identity/bindings/go/internal/lib"
