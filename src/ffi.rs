//! The C ABI: thin `extern "C"` wrappers over the Rust API.
//!
//! Every function here only translates: pointers and lengths in, a status code (or `bool`)
//! out. Each body runs inside [`guard`], which catches any panic and returns the fallback
//! for its return type (`CW_STATUS_INTERNAL_ERROR`, or `false` for the verify functions),
//! so no panic ever unwinds into C. Every pointer is checked by [`input`] / [`output`]:
//! `(NULL, 0)` means empty, `(NULL, n > 0)` is `CW_STATUS_NULL_POINTER`. Outputs are
//! written only on success. Nothing allocates on the hash and verify paths, and there is
//! no thread-local "last error": every call reports through its own return value.

use core::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::{Error, IdentityKey, Verdict, HASH_LEN};

/// Length of an `identifier_hash` in bytes: 64 lowercase hex characters (no NUL).
pub const CW_HASH_LEN: usize = 64;

/// Version of the C ABI. Bindings compare it with `cw_abi_version()` when they load the
/// library. It changes only when a signature or a status value changes (see CHANGELOG.md).
pub const CW_ABI_VERSION: u32 = 1;

/// The result of every fallible `cw_` function. The numeric values are fixed forever.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CwStatus {
    /// Success: the outputs were written.
    Ok = 0,
    /// A pointer argument was NULL while its length was not zero (or an out-pointer was NULL).
    NullPointer = -1,
    /// The secret is empty.
    EmptySecret = -2,
    /// The secret starts or ends with a space, tab, CR or LF (a trailing newline from a
    /// file or environment variable is the classic cause of silent mismatches).
    SecretWhitespace = -3,
    /// The identifier is empty (hashing "" would merge every anonymous visitor into one
    /// verified contact).
    EmptyIdentifier = -4,
    /// The output buffer is smaller than `CW_HASH_LEN` bytes per hash.
    BufferTooSmall = -5,
    /// Batch offsets decrease, or the last one exceeds the identifiers' length.
    InvalidOffsets = -6,
    /// A bug inside the library (a panic was caught at the boundary). Never expected.
    InternalError = -7,
}

impl From<Error> for CwStatus {
    fn from(e: Error) -> Self {
        match e {
            Error::NullPointer => CwStatus::NullPointer,
            Error::EmptySecret => CwStatus::EmptySecret,
            Error::SecretWhitespace => CwStatus::SecretWhitespace,
            Error::EmptyIdentifier => CwStatus::EmptyIdentifier,
            Error::BufferTooSmall => CwStatus::BufferTooSmall,
            Error::InvalidOffsets => CwStatus::InvalidOffsets,
            Error::Internal => CwStatus::InternalError,
        }
    }
}

impl From<Result<(), Error>> for CwStatus {
    fn from(r: Result<(), Error>) -> Self {
        r.map_or_else(CwStatus::from, |()| CwStatus::Ok)
    }
}

/// The C name of [`Verdict`] (`cw_verdict` in the header): the same `#[repr(C)]` enum, with
/// `CW_VERDICT_INTERNAL_ERROR` for a caught panic.
pub type CwVerdict = Verdict;

impl Fallback for Verdict {
    const PANICKED: Self = Verdict::InternalError;
}

/// An inbox secret prepared for hashing (its HMAC midstates), created by `cw_key_new` and
/// released by `cw_key_free`. Opaque. Immutable after creation, so one `cw_key` may be
/// used from any number of threads at once without locking.
pub struct CwKey {
    key: IdentityKey,
}

/// What an entry point returns when its body panicked.
trait Fallback {
    const PANICKED: Self;
}

impl Fallback for CwStatus {
    const PANICKED: Self = CwStatus::InternalError;
}

impl Fallback for bool {
    const PANICKED: Self = false;
}

impl Fallback for () {
    const PANICKED: Self = ();
}

/// The boundary: runs one entry point's body and turns a panic into its fallback.
fn guard<T: Fallback>(body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(T::PANICKED)
}

/// Runs a status-returning body inside the boundary.
fn status(body: impl FnOnce() -> Result<(), Error>) -> CwStatus {
    guard(|| body().into())
}

/// Reads an input buffer: `(NULL, 0)` is empty, `(NULL, n > 0)` is an error.
///
/// # Safety
/// A non-NULL `ptr` must be valid for `len` bytes for the duration of the call.
unsafe fn input<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], Error> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() || len > isize::MAX as usize {
        return Err(Error::NullPointer);
    }
    // SAFETY: non-NULL, and the caller guarantees `len` readable bytes.
    let bytes = unsafe { core::slice::from_raw_parts(ptr, len) };
    #[cfg(feature = "panic-test")]
    if bytes == b"cw-force-panic" {
        panic!("panic forced by the panic-test feature");
    }
    Ok(bytes)
}

/// Reads the three inputs of `cw_verify` and `cw_explain`: secret, identifier and candidate hash.
///
/// # Safety
/// As [`input`], for each pair.
unsafe fn secret_identifier_hash<'a>(
    key: *const u8,
    key_len: usize,
    identifier: *const u8,
    identifier_len: usize,
    identifier_hash: *const c_char,
    identifier_hash_len: usize,
) -> Result<[&'a [u8]; 3], Error> {
    // SAFETY: forwarded from the caller.
    unsafe { Ok([input(key, key_len)?, input(identifier, identifier_len)?, input(identifier_hash.cast(), identifier_hash_len)?]) }
}

/// Checks an output buffer of `len` bytes that must hold `need` bytes, and returns the
/// first `min(len, need + 1)` bytes (room for an optional NUL).
///
/// # Safety
/// A non-NULL `ptr` must be valid for writes of `len` bytes for the duration of the call.
unsafe fn output<'a>(ptr: *mut c_char, len: usize, need: usize) -> Result<&'a mut [u8], Error> {
    if len > 0 && ptr.is_null() {
        return Err(Error::NullPointer);
    }
    if len < need {
        return Err(Error::BufferTooSmall);
    }
    let usable = len.min(need.saturating_add(1));
    // SAFETY: non-NULL (len >= need > 0), and the caller guarantees `len` writable bytes.
    Ok(unsafe { core::slice::from_raw_parts_mut(ptr.cast::<u8>(), usable) })
}

/// Dereferences a key handle.
///
/// # Safety
/// A non-NULL `key` must come from `cw_key_new` and not have been freed.
unsafe fn key_ref<'a>(key: *const CwKey) -> Result<&'a IdentityKey, Error> {
    // SAFETY: the caller guarantees a live key from cw_key_new.
    unsafe { key.as_ref() }.map(|k| &k.key).ok_or(Error::NullPointer)
}

/// Writes one hash (and a NUL when there is room) into a buffer from [`output`].
fn write_hash(key: &IdentityKey, identifier: &[u8], out: &mut [u8]) -> Result<(), Error> {
    let (hex, rest) = out.split_at_mut(HASH_LEN);
    key.identifier_hash_into(identifier, hex.try_into().map_err(|_| Error::Internal)?)?;
    if let Some(nul) = rest.first_mut() {
        *nul = 0;
    }
    Ok(())
}

/// Computes the `identifier_hash` Chatwoot expects: the lowercase hex HMAC-SHA256 of
/// `identifier` under the inbox secret `key`.
///
/// - `key`, `key_len`: the inbox's secret (its HMAC token), raw bytes, not NUL-terminated.
///   It must not be empty nor start or end with a space, tab, CR or LF.
/// - `identifier`, `identifier_len`: the user's identifier as bytes (UTF-8 for a string,
///   the decimal digits for a number), not NUL-terminated. Must not be empty.
/// - `out`, `out_len`: receives exactly `CW_HASH_LEN` (64) lowercase hex characters, plus a
///   NUL after them when `out_len >= 65`. Written only when the call returns `CW_STATUS_OK`.
///
/// `(NULL, 0)` is an empty buffer; `(NULL, n > 0)` is `CW_STATUS_NULL_POINTER`. Checks run
/// in this order: NULL pointers, the secret, the identifier, the output size. Thread-safe;
/// does not allocate.
///
/// # Safety
/// Each non-NULL pointer must be valid for reads (`out`: writes) of its length for the
/// duration of the call.
#[no_mangle]
pub unsafe extern "C" fn cw_identifier_hash(
    key: *const u8,
    key_len: usize,
    identifier: *const u8,
    identifier_len: usize,
    out: *mut c_char,
    out_len: usize,
) -> CwStatus {
    status(|| {
        // SAFETY: the caller passes valid (pointer, length) pairs, as documented.
        let (secret, identifier) = unsafe { (input(key, key_len)?, input(identifier, identifier_len)?) };
        if out.is_null() && out_len > 0 {
            return Err(Error::NullPointer);
        }
        let key = IdentityKey::new(secret)?;
        if identifier.is_empty() {
            return Err(Error::EmptyIdentifier);
        }
        // SAFETY: as above.
        let out = unsafe { output(out, out_len, HASH_LEN)? };
        write_hash(&key, identifier, out)
    })
}

/// Whether `identifier_hash` is exactly the hash Chatwoot's server computes for
/// `identifier` under `key`: 64 lowercase hex characters, compared in constant time.
///
/// `identifier_hash` is pointer + length, not NUL-terminated (a NUL or any byte after the
/// 64 characters makes the length wrong). Fails closed: returns `false` for every bad
/// input (NULL with a length, an empty or whitespace-padded secret, an empty identifier,
/// a hash of the wrong length, uppercase hex, surrounding whitespace) and on an internal
/// error; `true` only for a match. Thread-safe; does not allocate.
///
/// # Safety
/// Each non-NULL pointer must be valid for reads of its length for the duration of the call.
#[no_mangle]
pub unsafe extern "C" fn cw_verify(
    key: *const u8,
    key_len: usize,
    identifier: *const u8,
    identifier_len: usize,
    identifier_hash: *const c_char,
    identifier_hash_len: usize,
) -> bool {
    guard(|| {
        // SAFETY: the caller passes valid (pointer, length) pairs, as documented.
        match unsafe { secret_identifier_hash(key, key_len, identifier, identifier_len, identifier_hash, identifier_hash_len) } {
            Ok([secret, identifier, hash]) => crate::verify(secret, identifier, hash),
            Err(_) => false,
        }
    })
}

/// Validates the inbox secret `key` and prepares it for repeated hashing (its HMAC
/// midstates are computed once, so each later hash costs two SHA-256 compressions).
///
/// On `CW_STATUS_OK`, `*out` receives a new key owned by the caller, to be released with
/// `cw_key_free`. On any other status `*out` is left untouched (initialise it to NULL).
/// The library keeps no reference to `key` after the call. Statuses: `CW_STATUS_NULL_POINTER`
/// (`out` is NULL, or `key` is NULL with a length), `CW_STATUS_EMPTY_SECRET`,
/// `CW_STATUS_SECRET_WHITESPACE`. Thread-safe.
///
/// # Safety
/// `key` must be valid for reads of `key_len` bytes (or NULL with 0), and `out` NULL or valid
/// for a write of one pointer.
#[no_mangle]
pub unsafe extern "C" fn cw_key_new(key: *const u8, key_len: usize, out: *mut *mut CwKey) -> CwStatus {
    status(|| {
        if out.is_null() {
            return Err(Error::NullPointer);
        }
        // SAFETY: the caller passes a valid (pointer, length) pair, as documented.
        let secret = unsafe { input(key, key_len)? };
        let handle = Box::into_raw(Box::new(CwKey { key: IdentityKey::new(secret)? }));
        // SAFETY: `out` is non-NULL and the caller guarantees it is writable.
        unsafe { out.write(handle) };
        Ok(())
    })
}

/// Releases a key from `cw_key_new`, wiping its key material first. NULL is allowed and
/// does nothing. The key must not be in use by another thread, and must not be used or
/// freed again afterwards (a double free is the caller's bug and undefined behaviour).
///
/// # Safety
/// `key` must be NULL or a key from `cw_key_new` that is not in use and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn cw_key_free(key: *mut CwKey) {
    guard(|| {
        if !key.is_null() {
            // SAFETY: the caller guarantees `key` came from cw_key_new and is freed once.
            drop(unsafe { Box::from_raw(key) });
        }
    })
}

/// Like `cw_identifier_hash`, with a key from `cw_key_new` (two SHA-256 compressions for
/// an identifier of up to 55 bytes). `key` is not modified; any number of threads may use
/// the same key at once. Statuses: `CW_STATUS_NULL_POINTER` (`key` NULL, or a buffer NULL
/// with a length), `CW_STATUS_EMPTY_IDENTIFIER`, `CW_STATUS_BUFFER_TOO_SMALL`.
/// `out` receives 64 hex characters and a NUL when `out_len >= 65`, only on success.
///
/// # Safety
/// `key` must be NULL or a live key from `cw_key_new`; each non-NULL buffer pointer must be
/// valid for reads (`out`: writes) of its length for the duration of the call.
#[no_mangle]
pub unsafe extern "C" fn cw_key_identifier_hash(
    key: *const CwKey,
    identifier: *const u8,
    identifier_len: usize,
    out: *mut c_char,
    out_len: usize,
) -> CwStatus {
    status(|| {
        // SAFETY: the caller passes a live key and valid (pointer, length) pairs, as documented.
        let (key, identifier) = unsafe { (key_ref(key)?, input(identifier, identifier_len)?) };
        if out.is_null() && out_len > 0 {
            return Err(Error::NullPointer);
        }
        if identifier.is_empty() {
            return Err(Error::EmptyIdentifier);
        }
        // SAFETY: as above.
        let out = unsafe { output(out, out_len, HASH_LEN)? };
        write_hash(key, identifier, out)
    })
}

/// Like `cw_verify`, with a key from `cw_key_new`: `true` only when `identifier_hash` is
/// exactly the 64 lowercase hex characters for `identifier`, compared in constant time;
/// `false` for every bad input (including a NULL `key`). Thread-safe; does not allocate.
///
/// # Safety
/// `key` must be NULL or a live key from `cw_key_new`; each non-NULL buffer pointer must be
/// valid for reads of its length for the duration of the call.
#[no_mangle]
pub unsafe extern "C" fn cw_key_verify(
    key: *const CwKey,
    identifier: *const u8,
    identifier_len: usize,
    identifier_hash: *const c_char,
    identifier_hash_len: usize,
) -> bool {
    guard(|| {
        // SAFETY: the caller passes a live key and valid (pointer, length) pairs, as documented.
        let inputs = unsafe {
            (key_ref(key), input(identifier, identifier_len), input(identifier_hash.cast(), identifier_hash_len))
        };
        match inputs {
            (Ok(key), Ok(identifier), Ok(hash)) => key.verify(identifier, hash),
            _ => false,
        }
    })
}

/// Hashes `count` identifiers in one call, for callers that pay per foreign call (Python,
/// PHP, Elixir) or backfill hashes for a whole user base.
///
/// - `identifiers`, `identifiers_len`: all identifiers' bytes back to back.
/// - `offsets`: `count + 1` non-decreasing offsets into `identifiers`; identifier `i` is
///   `identifiers[offsets[i] .. offsets[i + 1]]`, and `offsets[count] <= identifiers_len`.
///   May be NULL only when `count` is 0.
/// - `out`, `out_len`: receives `count * CW_HASH_LEN` hex characters back to back (hash `i`
///   at `out + 64 * i`), no NUL. Written only on `CW_STATUS_OK`.
///
/// Everything is validated before anything is written. Statuses: `CW_STATUS_NULL_POINTER`,
/// `CW_STATUS_INVALID_OFFSETS`, `CW_STATUS_EMPTY_IDENTIFIER` (some identifier is empty: two
/// equal consecutive offsets), `CW_STATUS_BUFFER_TOO_SMALL`. `count == 0` checks `key` and the
/// `identifiers` pair like any call, then returns `CW_STATUS_OK` without reading `offsets` or
/// writing `out`. Thread-safe; does not allocate.
///
/// # Safety
/// `key` must be NULL or a live key from `cw_key_new`; `identifiers` valid for reads of
/// `identifiers_len` bytes, `offsets` for reads of `count + 1` values (when `count > 0`), and
/// `out` for writes of `out_len` bytes, for the duration of the call.
#[no_mangle]
pub unsafe extern "C" fn cw_key_identifier_hash_batch(
    key: *const CwKey,
    identifiers: *const u8,
    identifiers_len: usize,
    offsets: *const usize,
    count: usize,
    out: *mut c_char,
    out_len: usize,
) -> CwStatus {
    status(|| {
        // SAFETY: the caller passes a live key and a valid (pointer, length) pair.
        let (key, identifiers) = unsafe { (key_ref(key)?, input(identifiers, identifiers_len)?) };
        if count == 0 {
            return Ok(());
        }
        let offsets_len = count.checked_add(1).ok_or(Error::InvalidOffsets)?;
        if offsets.is_null() || offsets_len > isize::MAX as usize / core::mem::size_of::<usize>() {
            return Err(Error::NullPointer);
        }
        // Sizes first: no slice is made from a count the output could never hold.
        let need = count.checked_mul(HASH_LEN).ok_or(Error::BufferTooSmall)?;
        if out.is_null() && out_len > 0 {
            return Err(Error::NullPointer);
        }
        // SAFETY: the caller guarantees `out_len` writable bytes.
        let out = unsafe { output(out, out_len, need)? };
        // SAFETY: non-NULL, and the caller guarantees count + 1 readable offsets.
        let offsets = unsafe { core::slice::from_raw_parts(offsets, offsets_len) };
        crate::batch::identifier_hashes_into(key, identifiers, offsets, &mut out[..need])
    })
}

/// Explains why `identifier_hash` does or does not match `identifier` under the secret
/// `key`: the most likely mistake (uppercase hex, whitespace, swapped arguments, base64,
/// another algorithm, a differently formatted identifier, ...), checked in the order of
/// `cw_verdict`'s values. Inputs as in `cw_verify` (pointer + length, `(NULL, 0)` empty).
///
/// A debugging aid: NOT constant-time, and it allocates. Never use it to decide a login;
/// `cw_verify` is the production check. Returns `CW_VERDICT_INTERNAL_ERROR` on a caught
/// panic. Thread-safe.
///
/// # Safety
/// Each non-NULL pointer must be valid for reads of its length for the duration of the call.
#[no_mangle]
pub unsafe extern "C" fn cw_explain(
    key: *const u8,
    key_len: usize,
    identifier: *const u8,
    identifier_len: usize,
    identifier_hash: *const c_char,
    identifier_hash_len: usize,
) -> Verdict {
    guard(|| {
        // SAFETY: the caller passes valid (pointer, length) pairs, as documented.
        match unsafe { secret_identifier_hash(key, key_len, identifier, identifier_len, identifier_hash, identifier_hash_len) } {
            Ok([secret, identifier, hash]) => crate::explain(secret, identifier, hash),
            Err(_) => Verdict::NullPointer,
        }
    })
}

fn verdict_of(verdict: i32) -> Option<Verdict> {
    Verdict::ALL.into_iter().chain([Verdict::InternalError]).find(|&v| v as i32 == verdict)
}

/// A static, NUL-terminated English sentence for a `cw_verdict` value: what happened and
/// what to do (unknown values included). Never NULL; never caller data. Do not free it.
#[no_mangle]
pub extern "C" fn cw_verdict_message(verdict: i32) -> *const c_char {
    let message: &'static CStr = verdict_of(verdict).map_or(c"unknown cw_verdict value", Verdict::c_message);
    message.as_ptr()
}

/// A static, NUL-terminated snake_case name for a `cw_verdict` value ("uppercase_hex"),
/// stable for logs and for the bindings' enums; "internal_error" and "unknown" for the
/// rest. Never NULL. Do not free it.
#[no_mangle]
pub extern "C" fn cw_verdict_name(verdict: i32) -> *const c_char {
    let name: &'static CStr = verdict_of(verdict).map_or(c"unknown", Verdict::c_name);
    name.as_ptr()
}

/// A static, NUL-terminated English sentence describing `status` (any value, unknown ones
/// included). Never NULL; never contains caller data. Do not free it.
#[no_mangle]
pub extern "C" fn cw_status_message(status: i32) -> *const c_char {
    let message: &'static CStr = match status {
        0 => c"success",
        -1 => Error::NullPointer.c_message(),
        -2 => Error::EmptySecret.c_message(),
        -3 => Error::SecretWhitespace.c_message(),
        -4 => Error::EmptyIdentifier.c_message(),
        -5 => Error::BufferTooSmall.c_message(),
        -6 => Error::InvalidOffsets.c_message(),
        -7 => Error::Internal.c_message(),
        _ => c"unknown cw_status code",
    };
    message.as_ptr()
}

/// The library's version, e.g. "0.1.0": a static NUL-terminated string. Do not free it.
#[no_mangle]
pub extern "C" fn cw_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// Diagnostic: which SHA-256 implementation this library runs on this CPU, as a static
/// NUL-terminated string (do not free it): "sha-ni" (x86_64 SHA extensions), "armv8-sha2"
/// (aarch64 SHA-256 instructions) or "portable" (plain code, any CPU). Every implementation
/// gives the same hashes; this only tells which one is fast here. Thread-safe.
#[no_mangle]
pub extern "C" fn cw_sha256_backend() -> *const c_char {
    crate::sha256::backend().as_ptr()
}

/// The ABI version this library implements (`CW_ABI_VERSION` of its header). A binding
/// compares it with the value it was written for and refuses to load on a mismatch.
#[no_mangle]
pub extern "C" fn cw_abi_version() -> u32 {
    CW_ABI_VERSION
}
