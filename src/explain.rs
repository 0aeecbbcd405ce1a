//! Why does Chatwoot say "HMAC failed"? A debugging aid that names the most likely mistake.
//!
//! Not constant-time, and it allocates: use it while debugging an integration, never to
//! decide a login ([`crate::verify`] is the call for that). It uses only what the caller
//! already holds: the secret, the identifier and the rejected hash.

use core::fmt;

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;

use crate::hmac::Midstates;
use crate::key::{check_secret, is_space};
use crate::{Error, IdentityKey, HASH_LEN};

/// The most likely reason an `identifier_hash` does or does not match: inputs explain cannot
/// use (negative values) are reported first, then the verdicts in the order they are checked
/// (0 to 13).
/// The numeric values are the C ABI's `cw_verdict` and are fixed forever.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Verdict {
    /// The hash is right: Chatwoot will accept it.
    Match = 0,
    /// The right digest in uppercase hex; Chatwoot compares byte for byte.
    UppercaseHex = 1,
    /// The right digest with whitespace around it (a trailing newline, a space).
    HashWhitespace = 2,
    /// The secret starts or ends with whitespace; Chatwoot's inbox token has none.
    SecretWhitespace = 3,
    /// HMAC(key = identifier, message = secret): the two arguments swapped.
    SwappedArguments = 4,
    /// The hash passed is the identifier itself.
    HashIsIdentifier = 5,
    /// The identifier looks like an identifier_hash: the hash was passed as the identifier.
    IdentifierIsHash = 6,
    /// The right digest, base64-encoded instead of hex.
    Base64 = 7,
    /// The right digest as 32 raw bytes instead of hex.
    RawDigest = 8,
    /// The right hash of the identifier written differently (spaces, case, `42` vs `42.0`, quotes, a newline).
    IdentifierFormat = 9,
    /// Hex of another algorithm's length (32 MD5, 40 SHA-1, 56 SHA-224, 96 SHA-384, 128 SHA-512).
    OtherAlgorithm = 10,
    /// Not hexadecimal.
    NotHex = 11,
    /// Hex, but not 64 characters long.
    WrongLength = 12,
    /// A well-formed hash of something else: a different secret or identifier.
    Mismatch = 13,
    /// A pointer argument was NULL while its length was not zero (C ABI only).
    NullPointer = -1,
    /// The secret is empty, or only whitespace.
    InvalidSecret = -2,
    /// The identifier is empty.
    EmptyIdentifier = -3,
    /// A bug inside the library: a panic caught at the C boundary (C ABI only; never expected).
    InternalError = -4,
}

impl Verdict {
    /// Every verdict explain can return, in the order it checks them (all but `InternalError`).
    ///
    /// cbindgen:ignore
    pub const ALL: [Verdict; 17] = [
        Verdict::NullPointer,
        Verdict::InvalidSecret,
        Verdict::EmptyIdentifier,
        Verdict::Match,
        Verdict::UppercaseHex,
        Verdict::HashWhitespace,
        Verdict::SecretWhitespace,
        Verdict::SwappedArguments,
        Verdict::HashIsIdentifier,
        Verdict::IdentifierIsHash,
        Verdict::Base64,
        Verdict::RawDigest,
        Verdict::IdentifierFormat,
        Verdict::OtherAlgorithm,
        Verdict::NotHex,
        Verdict::WrongLength,
        Verdict::Mismatch,
    ];

    /// Whether Chatwoot would accept the hash.
    pub fn is_match(self) -> bool {
        self == Verdict::Match
    }

    /// A stable snake_case name (`"uppercase_hex"`), for logs and the bindings' enums.
    pub fn name(self) -> &'static str {
        self.c_name().to_str().unwrap_or("internal_error")
    }

    pub(crate) const fn c_name(self) -> &'static core::ffi::CStr {
        match self {
            Verdict::NullPointer => c"null_pointer",
            Verdict::InvalidSecret => c"invalid_secret",
            Verdict::EmptyIdentifier => c"empty_identifier",
            Verdict::InternalError => c"internal_error",
            Verdict::Match => c"match",
            Verdict::UppercaseHex => c"uppercase_hex",
            Verdict::HashWhitespace => c"hash_whitespace",
            Verdict::SecretWhitespace => c"secret_whitespace",
            Verdict::SwappedArguments => c"swapped_arguments",
            Verdict::HashIsIdentifier => c"hash_is_identifier",
            Verdict::IdentifierIsHash => c"identifier_is_hash",
            Verdict::Base64 => c"base64",
            Verdict::RawDigest => c"raw_digest",
            Verdict::IdentifierFormat => c"identifier_format",
            Verdict::OtherAlgorithm => c"other_algorithm",
            Verdict::NotHex => c"not_hex",
            Verdict::WrongLength => c"wrong_length",
            Verdict::Mismatch => c"mismatch",
        }
    }

    /// What happened and what to do, in one or two sentences (never caller data).
    pub fn message(self) -> &'static str {
        self.c_message().to_str().unwrap_or("internal error")
    }

    pub(crate) const fn c_message(self) -> &'static core::ffi::CStr {
        match self {
            Verdict::NullPointer => c"a pointer argument was NULL while its length was not zero",
            Verdict::InvalidSecret => c"the secret is empty (or only whitespace): use the inbox's HMAC token from Settings > Inboxes > Configuration",
            Verdict::EmptyIdentifier => c"the identifier is empty: pass the same identifier you give to setUser",
            Verdict::InternalError => Error::Internal.c_message(),
            Verdict::Match => c"the hash matches: Chatwoot will accept it",
            Verdict::UppercaseHex => c"the hash is right but in uppercase hex; Chatwoot compares byte for byte: send it in lowercase",
            Verdict::HashWhitespace => c"the hash is right but has whitespace around it (a newline or space): strip it before passing it to setUser",
            Verdict::SecretWhitespace => c"the secret starts or ends with whitespace (often a trailing newline from a file or environment variable); the inbox's token has none: trim the secret where the hash is computed",
            Verdict::SwappedArguments => c"the hash is HMAC(key = identifier, message = secret): the two arguments are swapped (with PHP's hash_hmac the message comes before the key)",
            Verdict::HashIsIdentifier => c"the hash passed is the identifier itself: pass identifier_hash = HMAC(secret, identifier), not the identifier",
            Verdict::IdentifierIsHash => c"the identifier looks like a 64-character hash: the hash was probably passed as the identifier; pass the user's own identifier",
            Verdict::Base64 => c"the hash is right but base64-encoded: Chatwoot expects 64 lowercase hex characters",
            Verdict::RawDigest => c"the hash is right but as 32 raw bytes: hex-encode it (lowercase) before passing it",
            Verdict::IdentifierFormat => c"the hash is for the identifier written differently (spaces, letter case, 42 vs 42.0, quotes or a newline): hash exactly the string passed to setUser",
            Verdict::OtherAlgorithm => c"the hash has the length of another algorithm (MD5, SHA-1, SHA-224, SHA-384 or SHA-512): use HMAC with SHA-256",
            Verdict::NotHex => c"the hash is not hexadecimal: pass the 64 lowercase hex characters of HMAC-SHA256",
            Verdict::WrongLength => c"the hash is hexadecimal but not 64 characters long: it was truncated or padded",
            Verdict::Mismatch => c"the hash is well-formed but for a different secret or identifier: check first that the secret is this inbox's HMAC token, then that the identifier hashed is exactly the one passed to setUser",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

fn hex_of(midstates: &Midstates, message: &[u8]) -> [u8; HASH_LEN] {
    let mut out = [0u8; HASH_LEN];
    midstates.hex_into(message, &mut out);
    out
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| !is_space(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|&b| !is_space(b)).map_or(start, |i| i + 1);
    &bytes[start..end]
}

fn is_hex(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(u8::is_ascii_hexdigit)
}

/// The ways an application writes the same identifier differently in two places.
fn identifier_variants(identifier: &[u8]) -> Vec<Vec<u8>> {
    let mut variants = vec![
        trim(identifier).to_vec(),
        identifier.to_ascii_lowercase(),
        identifier.to_ascii_uppercase(),
        [identifier, b"\n"].concat(),
        [&b"\""[..], identifier, b"\""].concat(),
    ];
    if let Ok(text) = core::str::from_utf8(trim(identifier)) {
        variants.push(text.to_lowercase().into_bytes());
        if let Ok(n) = text.parse::<i128>() {
            // 42 hashed as a float somewhere, or with leading zeros stripped.
            variants.extend([format!("{n}.0"), format!("{n}.00"), n.to_string()].map(String::into_bytes));
        } else if let Ok(x) = text.parse::<f64>() {
            if x.fract() == 0.0 && x.abs() < 1e18 {
                variants.push(format!("{}", x as i128).into_bytes());
            }
        }
        if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            variants.push(inner.as_bytes().to_vec());
        }
    }
    variants.retain(|v| v != identifier && !v.is_empty());
    variants
}

/// Names the most likely reason `identifier_hash` does or does not match, checking in the
/// documented order of [`Verdict`]. Not constant-time: a debugging aid, not a login check.
///
/// ```
/// use chatwoot_identity::{explain, Verdict};
///
/// let hash = "FA803C5EF0DC4056F15936CC79E6C9EB912FE55B5D7AFB9C0A14F3A1A491700C";
/// assert_eq!(explain(b"your-secret-token-for-hmac", b"unique-identifier-of-the-user", hash.as_bytes()), Verdict::UppercaseHex);
/// ```
pub fn explain(secret: &[u8], identifier: &[u8], identifier_hash: &[u8]) -> Verdict {
    let secret = match check_secret(secret) {
        Ok(()) => secret,
        Err(Error::SecretWhitespace) if !trim(secret).is_empty() => {
            return if identifier.is_empty() { Verdict::EmptyIdentifier } else { Verdict::SecretWhitespace };
        }
        Err(_) => return Verdict::InvalidSecret,
    };
    if identifier.is_empty() {
        return Verdict::EmptyIdentifier;
    }
    let key = match IdentityKey::new(secret) {
        Ok(key) => key,
        Err(_) => return Verdict::InvalidSecret,
    };
    let expected = hex_of(key.midstates(), identifier);
    let hash = identifier_hash;
    if hash == expected {
        return Verdict::Match;
    }
    if hash.to_ascii_lowercase() == expected {
        return Verdict::UppercaseHex;
    }
    let trimmed = trim(hash).to_ascii_lowercase();
    if trimmed == expected {
        return Verdict::HashWhitespace;
    }
    if trimmed == hex_of(&Midstates::new(identifier), secret) {
        return Verdict::SwappedArguments;
    }
    if hash == identifier || trim(hash) == trim(identifier) {
        return Verdict::HashIsIdentifier;
    }
    if trim(identifier).len() == HASH_LEN && is_hex(trim(identifier)) {
        return Verdict::IdentifierIsHash;
    }
    let mut digest = [0u8; HASH_LEN / 2];
    // `expected` is 64 hex characters, so it always decodes to 32 bytes.
    let _ = hex::decode_to_slice(expected, &mut digest);
    let trimmed_raw = trim(hash);
    if [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD].iter().any(|e| e.encode(digest).as_bytes() == trimmed_raw) {
        return Verdict::Base64;
    }
    if hash == digest {
        return Verdict::RawDigest;
    }
    if identifier_variants(identifier).iter().any(|v| trimmed == hex_of(key.midstates(), v)) {
        return Verdict::IdentifierFormat;
    }
    if !is_hex(&trimmed) {
        return Verdict::NotHex;
    }
    match trimmed.len() {
        HASH_LEN => Verdict::Mismatch,
        32 | 40 | 56 | 96 | 128 => Verdict::OtherAlgorithm,
        _ => Verdict::WrongLength,
    }
}
