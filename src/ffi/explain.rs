//! The C ABI of `explain`: a debugging aid that names why a hash fails, not constant-time.

use core::ffi::{c_char, CStr};

use super::boundary::{input, status, verify_inputs};
use super::status::c_str;
use super::CwStatus;
use crate::explain::{verdict_messages, verdict_names};
use crate::{CandidateKind, Candidates, Explanation, Verdict};

/// The verdict with this `cw_verdict` value, if any.
fn verdict(code: i32) -> Option<Verdict> {
    Verdict::ALL.into_iter().find(|&v| v as i32 == code)
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
        CwExplanation { verdict: found.verdict as i32, candidate_kind: kind as i32, candidate_index: index }
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
