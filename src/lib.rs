//! # chatwoot-identity
//!
//! Chatwoot's web widget verifies who a user is with
//! `identifier_hash = lowercase hex HMAC-SHA256(key = the inbox's secret, message = the user's identifier)`,
//! passed as `window.$chatwoot.setUser(identifier, { identifier_hash })`. Chatwoot's server
//! recomputes it and compares byte for byte.
//!
//! This crate computes and verifies that hash: one-shot with [`identifier_hash`] and
//! [`verify`], or with a reusable [`IdentityKey`] that precomputes the HMAC midstates so
//! each later hash costs two SHA-256 compressions. With the default `capi` feature the
//! same code is exported as a C ABI (module `ffi`, header `include/chatwoot_identity.h`)
//! for the PHP, Python, Go, Elixir, Node.js and Ruby bindings; a Rust program depends on
//! this crate with `default-features = false` and builds neither.
//!
//! ```
//! let hash = chatwoot_identity::identifier_hash(b"your-secret-token-for-hmac", b"unique-identifier-of-the-user")?;
//! assert_eq!(hash.as_str(), "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c");
//! # Ok::<(), chatwoot_identity::Error>(())
//! ```
//!
//! Inputs are bytes: pass a string's UTF-8 bytes, and an integer identifier as its decimal
//! string (Chatwoot's server hashes `identifier.to_s`).
//!
//! To put the hash into a page, render it: [`IdentityKey::set_user_script`] (the `<script>`
//! calling `window.$chatwoot.setUser`, with an optional CSP nonce),
//! [`IdentityKey::set_user_payload`] (the JSON for a single-page app) and [`reset_script`] (for
//! logout). Every value is JSON-escaped for HTML, so a user's name cannot end the script.
//!
//! ```
//! use chatwoot_identity::{IdentityKey, User};
//!
//! let key = IdentityKey::new(b"your-secret-token-for-hmac")?;
//! let user = User { email: Some("jane@example.com".into()), ..User::default() };
//! let payload = key.set_user_payload("9007199254740993", &user)?;
//! assert!(payload.starts_with(r#"{"identifier":"9007199254740993","identifier_hash":""#));
//! # Ok::<(), chatwoot_identity::Error>(())
//! ```

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

mod batch;
mod error;
mod explain;
#[cfg(feature = "capi")]
pub mod ffi;
mod hmac;
mod key;
mod render;
mod sha256;

#[doc(hidden)]
pub mod __private;

pub use error::Error;
pub use explain::{explain, explain_with_candidates, CandidateKind, Candidates, Explanation, Verdict};
pub use key::{IdentifierHash, IdentityKey};
pub use render::{reset_script, CustomAttribute, User};

/// Length of an `identifier_hash`: 64 lowercase hex characters.
pub const HASH_LEN: usize = 64;

/// The `identifier_hash` Chatwoot expects for `identifier` under the inbox `secret`.
///
/// # Errors
/// [`Error::EmptySecret`], [`Error::SecretWhitespace`], [`Error::SecretInvisible`] or
/// [`Error::EmptyIdentifier`].
///
/// ```
/// use chatwoot_identity::{identifier_hash, Error};
///
/// assert_eq!(identifier_hash(b"secret\n", b"42"), Err(Error::SecretWhitespace));
/// assert_eq!(identifier_hash(b"secret", b""), Err(Error::EmptyIdentifier));
/// ```
pub fn identifier_hash(secret: &[u8], identifier: &[u8]) -> Result<IdentifierHash, Error> {
    IdentityKey::new(secret)?.identifier_hash(identifier)
}

/// Like [`identifier_hash`], into the start of `out`: the checks of a one-shot hash in the
/// order every API reports them (secret, identifier, then the size of `out`).
#[cfg(feature = "capi")]
pub(crate) fn identifier_hash_to(secret: &[u8], identifier: &[u8], out: &mut [u8]) -> Result<(), Error> {
    IdentityKey::new(secret)?.write_hex(identifier, out)
}

/// Whether `identifier_hash` is exactly the hash Chatwoot's server computes, compared in
/// constant time. Fails closed: any bad input (empty or whitespace-padded secret, empty
/// identifier, uppercase or padded hash, wrong length) gives `false`.
///
/// ```
/// let good = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c";
/// assert!(chatwoot_identity::verify(b"your-secret-token-for-hmac", b"unique-identifier-of-the-user", good.as_bytes()));
/// assert!(!chatwoot_identity::verify(b"your-secret-token-for-hmac", b"unique-identifier-of-the-user", good.to_uppercase().as_bytes()));
/// ```
pub fn verify(secret: &[u8], identifier: &[u8], identifier_hash: &[u8]) -> bool {
    match IdentityKey::new(secret) {
        Ok(key) => key.verify(identifier, identifier_hash),
        Err(_) => false,
    }
}
