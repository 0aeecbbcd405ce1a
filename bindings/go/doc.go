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
// inside the library and return false for every bad input. [Explain] names the likely
// mistake behind a hash that does not match (a debugging aid, not constant-time).
//
// Failures are the exported Err* values (compare with [errors.Is]); their messages come
// from the library and never contain the secret or the identifier.
//
// # Building
//
// By default the package links ../../target/release/libchatwoot_identity.a statically, so
// run `make build` (cargo build --release) at the repository root before `go build`; the
// resulting programs need no LD_LIBRARY_PATH. The build tag chatwoot_identity_system links
// a library installed by `make install` instead, found with pkg-config.
package chatwootidentity
