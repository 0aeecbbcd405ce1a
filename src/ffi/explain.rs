//! The C ABI of `explain`: a debugging aid that names why a hash fails, not constant-time.

use core::ffi::{c_char, CStr};

use super::boundary::{input, status, verify_inputs};
use super::status::c_str;
use super::CwStatus;
use crate::explain::{verdict_messages, verdict_names};
use crate::{CandidateKind, Candidates, Explanation, Verdict};

/// The most likely reason an `identifier_hash` does or does not match: only what
/// `cw_explain` finds (inputs it cannot use are a `cw_status` instead). The values are
/// fixed forever; a new verdict gets a new number, whatever its place in the check order.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CwVerdict {
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

// Every verdict of the core's table has the same-named `cw_verdict` (a missing one does not
// compile), so the mapping is written from that table, not by hand.
macro_rules! verdict_from {
    ($($verdict:ident => $text:literal,)*) => {
        impl From<Verdict> for CwVerdict {
            fn from(v: Verdict) -> Self {
                match v {
                    $(Verdict::$verdict => CwVerdict::$verdict,)*
                }
            }
        }
    };
}
verdict_names!(verdict_from);

/// The verdict with this `cw_verdict` value, if any.
fn verdict(code: i32) -> Option<Verdict> {
    Verdict::ALL.into_iter().find(|&v| CwVerdict::from(v) as i32 == code)
}

macro_rules! c_names {
    ($($verdict:ident => $text:literal,)*) => {
        |v: Verdict| -> &'static CStr {
            match v {
                $(Verdict::$verdict => c_str!($text),)*
            }
        }
    };
}

macro_rules! c_messages {
    ($($verdict:ident => $text:literal,)*) => {
        |v: Verdict| -> &'static CStr {
            match v {
                $(Verdict::$verdict => c_str!($text),)*
            }
        }
    };
}

/// A byte string: pointer + length, not NUL-terminated. `(NULL, 0)` is empty.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CwBytes {
    /// The first byte; may be NULL only when `len` is 0.
    pub ptr: *const u8,
    /// The number of bytes.
    pub len: usize,
}

/// Other secrets and identifiers for `cw_explain` to try when nothing else fits: the token
/// before a rotation, another inbox's token; the user's email when the identifier is the
/// user id, or the reverse. Each array may be NULL only when its count is 0. The library
/// reads each field and each element once and keeps no pointer after the call.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CwCandidates {
    /// Other secrets, used as given (raw HMAC keys).
    pub secrets: *const CwBytes,
    /// The number of `secrets`.
    pub secrets_count: usize,
    /// Other identifiers, hashed under the secret.
    pub identifiers: *const CwBytes,
    /// The number of `identifiers`.
    pub identifiers_count: usize,
}

/// Which list of `cw_candidates` held the candidate that reproduced the hash.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CwCandidateKind {
    /// No candidate: the verdict is not `CW_VERDICT_OTHER_CANDIDATE`.
    None = 0,
    /// `cw_candidates.secrets[candidate_index]`.
    Secret = 1,
    /// `cw_candidates.identifiers[candidate_index]`.
    Identifier = 2,
}

/// What `cw_explain` found.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CwExplanation {
    /// A `cw_verdict` value.
    pub verdict: i32,
    /// A `cw_candidate_kind` value: `CW_CANDIDATE_KIND_NONE` unless the verdict is
    /// `CW_VERDICT_OTHER_CANDIDATE`.
    pub candidate_kind: i32,
    /// The matching candidate's position in its list (0 when there is none).
    pub candidate_index: usize,
}

impl From<Explanation> for CwExplanation {
    fn from(found: Explanation) -> Self {
        let (kind, index) = match found.candidate {
            None => (CwCandidateKind::None, 0),
            Some((CandidateKind::Secret, i)) => (CwCandidateKind::Secret, i),
            Some((CandidateKind::Identifier, i)) => (CwCandidateKind::Identifier, i),
        };
        CwExplanation {
            verdict: CwVerdict::from(found.verdict) as i32,
            candidate_kind: kind as i32,
            candidate_index: index,
        }
    }
}

/// Reads an array of `count` byte strings, each element once.
///
/// # Safety
/// A non-NULL `items` must be valid for reads of `count` elements, each a valid pair.
unsafe fn byte_strings<'a>(items: *const CwBytes, count: usize) -> Result<Vec<&'a [u8]>, CwStatus> {
    if count == 0 {
        return Ok(Vec::new());
    }
    if items.is_null() || count > isize::MAX as usize / core::mem::size_of::<CwBytes>() {
        return Err(CwStatus::NullPointer);
    }
    // SAFETY: non-NULL, and the caller guarantees `count` readable elements.
    let items = unsafe { core::slice::from_raw_parts(items, count) };
    // SAFETY: the caller guarantees each element is a valid (pointer, length) pair.
    items.iter().map(|&CwBytes { ptr, len }| unsafe { input(ptr, len) }).collect()
}

/// Explains why `identifier_hash` does or does not match `identifier` under the secret
/// `secret`, and writes the most likely reason to `*out`: the verdicts are checked in a fixed
/// order (blank hash, whitespace around the secret, match, uppercase hex, whitespace around
/// the hash, swapped arguments, hash is the identifier, identifier is a hash, base64, raw
/// digest, identifier written differently, padded secret, plain SHA-256, a number rounded by
/// JavaScript, a token passed as the hash, another candidate, another algorithm's length,
/// not hex, wrong length, mismatch) and the first that fits is reported.
///
/// - `secret`, `identifier`, `identifier_hash`: as in `cw_verify` (pointer + length).
/// - `candidates`: NULL, or other secrets and identifiers to try; when one reproduces the
///   hash, `out->candidate_kind` and `out->candidate_index` say which (never its value).
/// - `out`: receives the explanation, only on `CW_STATUS_OK`.
///
/// Statuses, checked in this order: `CW_STATUS_NULL_POINTER` (`out` is NULL, or any buffer
/// or candidate array is NULL with a length), `CW_STATUS_EMPTY_SECRET` (empty or only
/// whitespace), `CW_STATUS_EMPTY_IDENTIFIER`, `CW_STATUS_INTERNAL_ERROR` (a caught panic).
/// A secret with whitespace around it is not an error here: it is the verdict
/// `CW_VERDICT_SECRET_WHITESPACE`.
///
/// A debugging aid: NOT constant-time, and it allocates. Never use it to decide a login;
/// `cw_verify` is the production check. Thread-safe.
///
/// # Safety
/// Each non-NULL pointer must be valid for reads of its length (`candidates`: one struct,
/// and each of its arrays for its count) for the duration of the call; `out` NULL or valid
/// for a write of one `cw_explanation`.
#[no_mangle]
pub unsafe extern "C" fn cw_explain(
    secret: *const u8,
    secret_len: usize,
    identifier: *const u8,
    identifier_len: usize,
    identifier_hash: *const c_char,
    identifier_hash_len: usize,
    candidates: *const CwCandidates,
    out: *mut CwExplanation,
) -> CwStatus {
    status(|| {
        if out.is_null() {
            return Err(CwStatus::NullPointer);
        }
        // SAFETY: the caller passes valid (pointer, length) pairs, as documented.
        let [secret, identifier, hash] = unsafe {
            verify_inputs(secret, secret_len, identifier, identifier_len, identifier_hash, identifier_hash_len)?
        };
        // SAFETY: NULL or one readable struct, copied once.
        let (secrets, identifiers) = match unsafe { candidates.as_ref() }.copied() {
            None => (Vec::new(), Vec::new()),
            // SAFETY: the caller guarantees the arrays, as documented.
            Some(c) => unsafe {
                (byte_strings(c.secrets, c.secrets_count)?, byte_strings(c.identifiers, c.identifiers_count)?)
            },
        };
        let found = crate::explain_with_candidates(
            secret,
            identifier,
            hash,
            Candidates { secrets: &secrets, identifiers: &identifiers },
        )?;
        // SAFETY: `out` is non-NULL and the caller guarantees it is writable.
        unsafe { out.write(found.into()) };
        Ok(())
    })
}

/// A static, NUL-terminated English sentence for a `cw_verdict` value: what happened and
/// what to do ("unknown cw_verdict value" for any other value). Never NULL; never caller
/// data. Do not free it.
#[no_mangle]
pub extern "C" fn cw_verdict_message(verdict: i32) -> *const c_char {
    self::verdict(verdict).map_or(c"unknown cw_verdict value", verdict_messages!(c_messages)).as_ptr()
}

/// A static, NUL-terminated snake_case name for a `cw_verdict` value ("uppercase_hex"),
/// stable for logs and for the bindings' enums; "unknown" for any other value. Never NULL.
/// Do not free it.
#[no_mangle]
pub extern "C" fn cw_verdict_name(verdict: i32) -> *const c_char {
    self::verdict(verdict).map_or(c"unknown", verdict_names!(c_names)).as_ptr()
}
