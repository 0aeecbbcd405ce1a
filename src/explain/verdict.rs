//! The verdicts of [`crate::explain`]: names, messages and the order they are checked in.

use core::fmt;

/// The most likely reason an `identifier_hash` does or does not match: only what explain
/// finds; inputs it cannot use are an error instead (a `cw_status` in C). Explain checks them
/// in a fixed order, listed by `Verdict::ALL` (Rust) and `cw_explain` (C), and reports the
/// first that fits. The numeric values are the C ABI's `cw_verdict` and are fixed forever;
/// a new verdict gets a new number, whatever its place in the order.
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
    /// The secret given to explain starts or ends with whitespace; Chatwoot's inbox token has none.
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
    /// The hash is empty or only whitespace: Chatwoot treats it as no hash at all.
    BlankHash = 14,
    /// The hash was made with the secret plus a trailing `\n`, `\r\n` or space, or a leading
    /// space: the app that computes it reads its secret with the padding.
    PaddedSecret = 15,
    /// Plain SHA-256 of secret + identifier, identifier + secret, or the identifier alone.
    NotHmac = 16,
    /// The hash looks like a Chatwoot token (24 base58 characters) or is the secret itself.
    TokenAsHash = 17,
    /// An integer identifier above 2^53 hashed as the nearest double (JavaScript's
    /// `JSON.parse`, or Ruby's `Float#to_s` such as `1.0e+21`).
    JsRoundedNumber = 18,
    /// The hash is right for one of the other candidate secrets or identifiers given.
    OtherCandidate = 19,
}

impl Verdict {
    /// Every verdict, in the order explain checks them (the first that fits is returned).
    ///
    /// cbindgen:ignore
    pub const ALL: [Verdict; 20] = [
        Verdict::BlankHash,
        Verdict::SecretWhitespace,
        Verdict::Match,
        Verdict::UppercaseHex,
        Verdict::HashWhitespace,
        Verdict::SwappedArguments,
        Verdict::HashIsIdentifier,
        Verdict::IdentifierIsHash,
        Verdict::Base64,
        Verdict::RawDigest,
        Verdict::IdentifierFormat,
        Verdict::PaddedSecret,
        Verdict::NotHmac,
        Verdict::JsRoundedNumber,
        Verdict::TokenAsHash,
        Verdict::OtherCandidate,
        Verdict::OtherAlgorithm,
        Verdict::NotHex,
        Verdict::WrongLength,
        Verdict::Mismatch,
    ];

    /// Whether Chatwoot would accept the hash.
    pub fn is_match(self) -> bool {
        self == Verdict::Match
    }

    /// The verdict with this `cw_verdict` value, if any.
    pub fn from_code(code: i32) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|&v| v as i32 == code)
    }

    /// A stable snake_case name (`"uppercase_hex"`), for logs and the bindings' enums.
    pub fn name(self) -> &'static str {
        self.c_name().to_str().unwrap_or("unknown")
    }

    pub(crate) const fn c_name(self) -> &'static core::ffi::CStr {
        match self {
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
            Verdict::BlankHash => c"blank_hash",
            Verdict::PaddedSecret => c"padded_secret",
            Verdict::NotHmac => c"not_hmac",
            Verdict::TokenAsHash => c"token_as_hash",
            Verdict::JsRoundedNumber => c"js_rounded_number",
            Verdict::OtherCandidate => c"other_candidate",
        }
    }

    /// What happened and what to do, in one or two sentences (never caller data).
    pub fn message(self) -> &'static str {
        self.c_message().to_str().unwrap_or("unknown")
    }

    pub(crate) const fn c_message(self) -> &'static core::ffi::CStr {
        match self {
            Verdict::Match => c"the hash matches: Chatwoot will accept it",
            Verdict::UppercaseHex => c"the hash is right but in uppercase hex; Chatwoot compares byte for byte: send it in lowercase",
            Verdict::HashWhitespace => c"the hash is right but has whitespace around it (a newline or space): strip it before passing it to setUser",
            // The same condition as CW_STATUS_SECRET_WHITESPACE, so the same sentence.
            Verdict::SecretWhitespace => crate::Error::SecretWhitespace.c_message(),
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
            Verdict::BlankHash => c"the hash is empty (or only whitespace): Chatwoot treats it as no hash at all, so the contact is not verified, and is rejected when identity validation is enforced: pass identifier_hash = HMAC(secret, identifier)",
            Verdict::PaddedSecret => c"the hash was made with the secret plus a trailing newline, CRLF or space (or a leading space): the app that computes it reads its secret from a file or environment variable with the padding: trim the secret there",
            Verdict::NotHmac => c"the hash is a plain SHA-256 (of secret + identifier, identifier + secret, or the identifier alone), not an HMAC: compute HMAC-SHA256 with the secret as the key and the identifier as the message",
            Verdict::TokenAsHash => c"the hash is a Chatwoot token (24 base58 characters, such as the inbox's HMAC token or website token) or the secret itself: pass identifier_hash = HMAC(token, identifier), never the token",
            Verdict::JsRoundedNumber => c"the identifier is an integer above 2^53 and the hash is for the nearest floating-point number (as JavaScript's JSON.parse or Ruby's Float#to_s write it): send the identifier as a string everywhere",
            Verdict::OtherCandidate => c"the hash is right for one of the other candidates given (another secret, such as the token before a rotation or another inbox's token, or another identifier, such as the email instead of the user id): hash with this inbox's current token and the identifier passed to setUser",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}
