//! The verdicts of [`crate::explain`]: names, messages and the order they are checked in.

use core::fmt;

// Each verdict's name, and sentence, as literals handed to
// `$table!`: the C layer builds its NUL-terminated copies from the same rows.
macro_rules! verdict_names {
    ($table:ident) => {
        $table! {
            Match => "match",
            UppercaseHex => "uppercase_hex",
            HashWhitespace => "hash_whitespace",
            SecretWhitespace => "secret_whitespace",
            SwappedArguments => "swapped_arguments",
            HashIsIdentifier => "hash_is_identifier",
            IdentifierIsHash => "identifier_is_hash",
            Base64 => "base64",
            RawDigest => "raw_digest",
            IdentifierFormat => "identifier_format",
            OtherAlgorithm => "other_algorithm",
            NotHex => "not_hex",
            WrongLength => "wrong_length",
            Mismatch => "mismatch",
            BlankHash => "blank_hash",
            PaddedSecret => "padded_secret",
            NotHmac => "not_hmac",
            TokenAsHash => "token_as_hash",
            JsRoundedNumber => "js_rounded_number",
            OtherCandidate => "other_candidate",
        }
    };
}
#[cfg(feature = "capi")]
pub(crate) use verdict_names;

macro_rules! verdict_messages {
    ($table:ident) => {
        $table! {
            Match => "the hash matches: Chatwoot will accept it",
            SecretWhitespace => "the secret given starts or ends with whitespace or an invisible character (a trailing newline from a file or environment variable, a byte-order mark or a no-break or zero-width space from an editor or a web page); the inbox's token has none: trim it where it is read",
            UppercaseHex => "the hash is right but in uppercase hex; Chatwoot compares byte for byte: send it in lowercase",
            HashWhitespace => "the hash is right but has whitespace around it (a newline or space): strip it before passing it to setUser",
            SwappedArguments => "the hash is HMAC(key = identifier, message = secret): the two arguments are swapped (with PHP's hash_hmac the message comes before the key)",
            HashIsIdentifier => "the hash passed is the identifier itself: pass identifier_hash = HMAC(secret, identifier), not the identifier",
            IdentifierIsHash => "the identifier looks like a 64-character hash: the hash was probably passed as the identifier; pass the user's own identifier",
            Base64 => "the hash is right but base64-encoded: Chatwoot expects 64 lowercase hex characters",
            RawDigest => "the hash is right but as 32 raw bytes: hex-encode it (lowercase) before passing it",
            IdentifierFormat => "the hash is for the identifier written differently (spaces, letter case, 42 vs 42.0, quotes or a newline): hash exactly the string passed to setUser",
            OtherAlgorithm => "the hash has the length of another algorithm (MD5, SHA-1, SHA-224, SHA-384 or SHA-512): use HMAC with SHA-256",
            NotHex => "the hash is not hexadecimal: pass the 64 lowercase hex characters of HMAC-SHA256",
            WrongLength => "the hash is hexadecimal but not 64 characters long: it was truncated or padded",
            Mismatch => "the hash is well-formed but for a different secret or identifier: check first that the secret is this inbox's HMAC token, then that the identifier hashed is exactly the one passed to setUser",
            BlankHash => "the hash is empty (or only whitespace): Chatwoot treats it as no hash at all, so the contact is not verified, and is rejected when identity validation is enforced: pass identifier_hash = HMAC(secret, identifier)",
            PaddedSecret => "the hash was made with the secret plus padding: a trailing newline, CRLF or space, a leading space, or an invisible character at either end (a byte-order mark, a no-break or zero-width space): the app that computes it reads its secret from a file, an environment variable or a web page with the padding: trim the secret there",
            NotHmac => "the hash is a plain SHA-256 (of secret + identifier, identifier + secret, or the identifier alone), not an HMAC: compute HMAC-SHA256 with the secret as the key and the identifier as the message",
            TokenAsHash => "the hash is a Chatwoot token (24 base58 characters, such as the inbox's HMAC token or website token) or the secret itself: pass identifier_hash = HMAC(token, identifier), never the token",
            JsRoundedNumber => "the identifier is an integer above 2^53 and the hash is for the nearest floating-point number (as JavaScript's JSON.parse or Ruby's Float#to_s write it): send the identifier as a string everywhere",
            OtherCandidate => "the hash is right for one of the other candidates given (another secret, such as the token before a rotation or another inbox's token, or another identifier, such as the email instead of the user id): hash with this inbox's current token and the identifier passed to setUser",
        }
    };
}
#[cfg(feature = "capi")]
pub(crate) use verdict_messages;

/// A closure mapping each verdict to its text: every table lists every verdict, so a missing
/// row is a compile error, never an empty name.
macro_rules! match_self {
    ($($verdict:ident => $text:literal,)*) => {
        |v: Verdict| -> &'static str {
            match v {
                $(Verdict::$verdict => $text,)*
            }
        }
    };
}

/// The most likely reason an `identifier_hash` does or does not match: only what explain
/// (`cw_explain` in C) finds; inputs it cannot use are an error instead (an `Error` in Rust,
/// a `cw_status` in C). Explain checks the verdicts in a fixed order (listed at `Verdict::ALL`
/// and `cw_explain`) and reports the first that fits. The values are the same in Rust and C
/// and fixed forever; a new verdict gets a new number, whatever its place in the check order.
// The one declaration of the verdicts: `make header` exports this type as C's `cw_verdict`
// (repr(C): a C enum's size; the explicit values are the ABI).
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
    /// The secret given to explain starts or ends with whitespace or an invisible character
    /// (a byte-order mark, a no-break space); Chatwoot's inbox token has none.
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
    /// The hash was made with the secret plus a trailing `\n`, `\r\n` or space, a leading
    /// space, or an invisible character at either end (a byte-order mark, a no-break or
    /// zero-width space): the app that computes it reads its secret with the padding.
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

    /// A stable snake_case name (`"uppercase_hex"`), for logs and the bindings' enums.
    pub fn name(self) -> &'static str {
        verdict_names!(match_self)(self)
    }

    /// What happened and what to do, in one or two sentences (never caller data).
    pub fn message(self) -> &'static str {
        verdict_messages!(match_self)(self)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}
