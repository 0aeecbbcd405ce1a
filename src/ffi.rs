//! The C ABI: thin `extern "C"` wrappers over the Rust API.
//!
//! Every function here only translates: it reads its pointers, calls one method of the Rust
//! API (which checks the values, in the documented order) and maps the result. Each body
//! runs inside [`guard`], which turns a panic into the fallback of its return type
//! (`CW_STATUS_INTERNAL_ERROR`, or `false`), so no panic unwinds into C. Every pointer goes
//! through [`input`] / [`output`]: `(NULL, 0)` is empty, `(NULL, n > 0)` is
//! `CW_STATUS_NULL_POINTER`. Outputs are written only on success; there is no thread-local
//! "last error".

use core::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::{Error, IdentityKey};

mod explain;
pub use explain::*;

/// Length of an `identifier_hash` in bytes: 64 lowercase hex characters (no NUL).
pub const CW_HASH_LEN: usize = 64;

/// Version of the C ABI. Bindings compare it with `cw_abi_version()` when they load the
/// library. It changes only when a signature or a status value changes (see CHANGELOG.md).
pub const CW_ABI_VERSION: u32 = 2;

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
    /// Render functions: the identifier is not valid UTF-8.
    InvalidIdentifier = -8,
    /// Render functions: `fields_json` is not one valid JSON object in UTF-8, or a key
    /// appears twice in it.
    InvalidJson = -9,
    /// Render functions: `fields_json` has a key Chatwoot's `setUser` does not accept.
    UnknownField = -10,
    /// Render functions: a field has the wrong type (a contact field that is not a string or
    /// null, a custom attribute that is not a string, number or boolean).
    InvalidFieldValue = -11,
    /// Render functions: none of `name`, `email`, `avatar_url` is a non-empty string (the
    /// widget's `setUser` throws without one).
    MissingContactField = -12,
    /// Render functions: the nonce has a character outside base64 / base64url.
    InvalidNonce = -13,
    /// The secret starts or ends with an invisible or Unicode whitespace character (a UTF-8
    /// byte-order mark, a no-break or zero-width space, a line separator, ...): copied from a
    /// web page or saved by an editor; no Chatwoot token contains one.
    SecretInvisible = -14,
}

impl From<Error> for CwStatus {
    fn from(e: Error) -> Self {
        match e {
            Error::EmptySecret => CwStatus::EmptySecret,
            Error::SecretWhitespace => CwStatus::SecretWhitespace,
            Error::EmptyIdentifier => CwStatus::EmptyIdentifier,
            Error::BufferTooSmall => CwStatus::BufferTooSmall,
            Error::InvalidOffsets => CwStatus::InvalidOffsets,
            Error::InvalidIdentifier => CwStatus::InvalidIdentifier,
            Error::InvalidJson => CwStatus::InvalidJson,
            Error::UnknownField => CwStatus::UnknownField,
            Error::InvalidFieldValue => CwStatus::InvalidFieldValue,
            Error::MissingContactField => CwStatus::MissingContactField,
            Error::InvalidNonce => CwStatus::InvalidNonce,
            Error::SecretInvisible(_) => CwStatus::SecretInvisible,
        }
    }
}

/// The NUL-terminated copy of a message literal, made at compile time.
macro_rules! c_str {
    ($text:literal) => {
        const {
            match CStr::from_bytes_with_nul(concat!($text, "\0").as_bytes()) {
                Ok(s) => s,
                Err(_) => panic!("a message contains a NUL"),
            }
        }
    };
}
pub(crate) use c_str;

macro_rules! error_c_message {
    ($($error:ident => $text:literal,)*) => {
        /// The message of each status, NUL-terminated, from the Rust API's sentences.
        const fn message(self) -> &'static CStr {
            match self {
                CwStatus::Ok => c"success",
                CwStatus::NullPointer => c"a pointer argument was NULL while its length was not zero",
                CwStatus::InternalError => c"internal error in libchatwoot_identity (a bug: please report it)",
                $(CwStatus::$error => c_str!($text),)*
            }
        }
    };
}

impl CwStatus {
    crate::error::error_messages!(error_c_message);

    /// The status with this value, if any.
    fn from_code(code: i32) -> Option<CwStatus> {
        ALL_STATUSES.into_iter().find(|&s| s as i32 == code)
    }
}

const ALL_STATUSES: [CwStatus; 15] = [
    CwStatus::Ok,
    CwStatus::NullPointer,
    CwStatus::EmptySecret,
    CwStatus::SecretWhitespace,
    CwStatus::EmptyIdentifier,
    CwStatus::BufferTooSmall,
    CwStatus::InvalidOffsets,
    CwStatus::InternalError,
    CwStatus::InvalidIdentifier,
    CwStatus::InvalidJson,
    CwStatus::UnknownField,
    CwStatus::InvalidFieldValue,
    CwStatus::MissingContactField,
    CwStatus::InvalidNonce,
    CwStatus::SecretInvisible,
];

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
fn status(body: impl FnOnce() -> Result<(), CwStatus>) -> CwStatus {
    guard(|| body().map_or_else(|e| e, |()| CwStatus::Ok))
}

/// Reads an input buffer: `(NULL, 0)` is empty, `(NULL, n > 0)` is an error.
///
/// # Safety
/// A non-NULL `ptr` must be valid for `len` bytes for the duration of the call.
unsafe fn input<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], CwStatus> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() || len > isize::MAX as usize {
        return Err(CwStatus::NullPointer);
    }
    // SAFETY: non-NULL, and the caller guarantees `len` readable bytes.
    let bytes = unsafe { core::slice::from_raw_parts(ptr, len) };
    #[cfg(feature = "panic-test")]
    if bytes == b"cw-force-panic" {
        panic!("panic forced by the panic-test feature");
    }
    Ok(bytes)
}

/// Reads the three inputs of `cw_verify` and `cw_explain`: secret, identifier and the hash to check.
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
) -> Result<[&'a [u8]; 3], CwStatus> {
    // SAFETY: forwarded from the caller.
    unsafe { Ok([input(key, key_len)?, input(identifier, identifier_len)?, input(identifier_hash.cast(), identifier_hash_len)?]) }
}

/// Reads an output buffer: `(NULL, 0)` is empty, `(NULL, n > 0)` is an error. Only its
/// first `max` bytes are used.
///
/// # Safety
/// A non-NULL `ptr` must be valid for writes of `len` bytes for the duration of the call.
unsafe fn output<'a>(ptr: *mut c_char, len: usize, max: usize) -> Result<&'a mut [u8], CwStatus> {
    if len == 0 {
        return Ok(&mut []);
    }
    if ptr.is_null() {
        return Err(CwStatus::NullPointer);
    }
    // SAFETY: non-NULL, and the caller guarantees `len` writable bytes.
    Ok(unsafe { core::slice::from_raw_parts_mut(ptr.cast::<u8>(), len.min(max)) })
}

/// Dereferences a key handle.
///
/// # Safety
/// A non-NULL `key` must come from `cw_key_new` and not have been freed.
unsafe fn key_ref<'a>(key: *const CwKey) -> Result<&'a IdentityKey, CwStatus> {
    // SAFETY: the caller guarantees a live key from cw_key_new.
    unsafe { key.as_ref() }.map(|k| &k.key).ok_or(CwStatus::NullPointer)
}

/// The hash's output buffer: room for the hex and a NUL, which is written when it fits.
///
/// # Safety
/// As [`output`].
unsafe fn hash_output<'a>(out: *mut c_char, out_len: usize) -> Result<&'a mut [u8], CwStatus> {
    // SAFETY: forwarded from the caller.
    unsafe { output(out, out_len, CW_HASH_LEN + 1) }
}

/// NUL-terminates a hash written by [`IdentityKey::write_hex`] when the buffer has room.
fn nul_terminate(out: &mut [u8]) {
    const { assert!(CW_HASH_LEN == crate::HASH_LEN) };
    if let Some(nul) = out.get_mut(CW_HASH_LEN) {
        *nul = 0;
    }
}

/// Computes the `identifier_hash` Chatwoot expects: the lowercase hex HMAC-SHA256 of
/// `identifier` under the inbox secret `key`.
///
/// - `key`, `key_len`: the inbox's secret (its HMAC token), raw bytes, not NUL-terminated.
///   It must not be empty nor start or end with a space, tab, CR or LF
///   (`CW_STATUS_SECRET_WHITESPACE`) or an invisible or Unicode whitespace character
///   (`CW_STATUS_SECRET_INVISIBLE`).
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
        let (secret, identifier, out) =
            unsafe { (input(key, key_len)?, input(identifier, identifier_len)?, hash_output(out, out_len)?) };
        crate::identifier_hash_to(secret, identifier, out)?;
        nul_terminate(out);
        Ok(())
    })
}

/// Whether `identifier_hash` is exactly the hash Chatwoot's server computes for
/// `identifier` under `key`: 64 lowercase hex characters, compared in constant time.
///
/// `identifier_hash` is pointer + length, not NUL-terminated (a NUL or any byte after the
/// 64 characters makes the length wrong). Fails closed: returns `false` for every bad
/// input (NULL with a length, an empty secret or one padded with whitespace or an invisible
/// character, an empty identifier,
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
/// `CW_STATUS_SECRET_WHITESPACE`, `CW_STATUS_SECRET_INVISIBLE`. Thread-safe.
///
/// # Safety
/// `key` must be valid for reads of `key_len` bytes (or NULL with 0), and `out` NULL or valid
/// for a write of one pointer.
#[no_mangle]
pub unsafe extern "C" fn cw_key_new(key: *const u8, key_len: usize, out: *mut *mut CwKey) -> CwStatus {
    status(|| {
        if out.is_null() {
            return Err(CwStatus::NullPointer);
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
/// does nothing. The key must not be in use by another thread, nor by a call that a signal
/// handler calling `cw_key_free` interrupted: freeing a key mid-call is the caller's bug and
/// undefined behaviour (join every thread that uses it, then free it). It must not be used
/// or freed again afterwards (a double free is also undefined behaviour).
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
        let (key, identifier, out) =
            unsafe { (key_ref(key)?, input(identifier, identifier_len)?, hash_output(out, out_len)?) };
        key.write_hex(identifier, out)?;
        nul_terminate(out);
        Ok(())
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
        // SAFETY: the caller passes a live key and valid (pointer, length) pairs.
        let (key, identifiers) = unsafe { (key_ref(key)?, input(identifiers, identifiers_len)?) };
        if count == 0 {
            return Ok(());
        }
        let offsets_len = count.checked_add(1).ok_or(CwStatus::InvalidOffsets)?;
        if offsets.is_null() || offsets_len > isize::MAX as usize / core::mem::size_of::<usize>() {
            return Err(CwStatus::NullPointer);
        }
        // SAFETY: as above.
        let out = unsafe { output(out, out_len, usize::MAX)? };
        // Memory safety, not validation: no offsets slice from a count `out` could never hold.
        if count.checked_mul(CW_HASH_LEN).is_none_or(|need| need > out.len()) {
            return Err(CwStatus::BufferTooSmall);
        }
        // SAFETY: non-NULL, and the caller guarantees count + 1 readable offsets.
        let offsets = unsafe { core::slice::from_raw_parts(offsets, offsets_len) };
        Ok(key.identifier_hashes_into(identifiers, offsets, out)?)
    })
}

/// A static, NUL-terminated English sentence describing `status` (any value, unknown ones
/// included). Never NULL; never contains caller data. Do not free it.
#[no_mangle]
pub extern "C" fn cw_status_message(status: i32) -> *const c_char {
    CwStatus::from_code(status).map_or(c"unknown cw_status code", CwStatus::message).as_ptr()
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

// ---------------------------------------------------------------------------------------
// Rendering: the setUser script, the payload and the reset script (see crate::render).
// ---------------------------------------------------------------------------------------

/// Checks the output pointers of a render function before any work: `out_len` must not be
/// NULL, and `out` may be NULL only with `out_cap == 0`.
fn check_text_output(out: *mut c_char, out_cap: usize, out_len: *mut usize) -> Result<(), CwStatus> {
    if out_len.is_null() || (out.is_null() && out_cap > 0) {
        return Err(CwStatus::NullPointer);
    }
    Ok(())
}

/// The required-size protocol: writes `text` and a NUL into `out` and its length (without
/// the NUL) to `*out_len`; when `out_cap < text.len() + 1`, writes only the required size
/// (`text.len() + 1`) to `*out_len` and fails with `BufferTooSmall`.
///
/// # Safety
/// As [`check_text_output`]'s pointers: `out` valid for `out_cap` writes, `out_len` for one.
unsafe fn write_text(text: &str, out: *mut c_char, out_cap: usize, out_len: *mut usize) -> Result<(), CwStatus> {
    check_text_output(out, out_cap, out_len)?;
    let need = text.len().checked_add(1).ok_or(CwStatus::InternalError)?;
    if out_cap < need {
        // SAFETY: non-NULL (checked), and the caller guarantees it is writable.
        unsafe { out_len.write(need) };
        return Err(CwStatus::BufferTooSmall);
    }
    // SAFETY: out_cap >= need > 0, so `out` is non-NULL and valid for `need` bytes.
    let dest = unsafe { core::slice::from_raw_parts_mut(out.cast::<u8>(), need) };
    dest[..text.len()].copy_from_slice(text.as_bytes());
    dest[text.len()] = 0;
    // SAFETY: as above.
    unsafe { out_len.write(text.len()) };
    Ok(())
}

/// Renders the `<script>` that signs the user in to Chatwoot's widget:
/// `window.$chatwoot.setUser(identifier, {identifier_hash, ...fields})`, run right away when
/// the widget has loaded (`window.$chatwoot.hasLoaded`), otherwise once on `window`'s
/// `chatwoot:ready` event. Put it anywhere in the page's body, after or before the widget's
/// loader.
///
/// - `key`: a key from `cw_key_new` (the inbox's secret); not modified.
/// - `identifier`, `identifier_len`: the user's identifier, non-empty UTF-8 (an integer id as
///   its decimal digits). It is emitted as a JSON string, and hashed as these exact bytes.
/// - `fields_json`, `fields_json_len`: one JSON object in UTF-8 with the user's fields:
///   `name`, `email`, `avatar_url`, `phone_number`, `description`, `company_name`,
///   `country_code`, `city` (strings; `null` means not set) and `custom_attributes` (an
///   object of strings, numbers and booleans; `null` means none). One of `name`, `email`,
///   `avatar_url` must be a non-empty string. Unknown keys, wrong types, duplicate keys and
///   invalid JSON are errors. Re-emitted by the library, never copied verbatim.
/// - `nonce`, `nonce_len`: a CSP nonce for `<script nonce="...">`, base64 or base64url
///   characters only; empty (`NULL, 0`) for no nonce attribute.
/// - `out`, `out_cap`, `out_len`: the required-size protocol. On `CW_STATUS_OK`, `out` holds
///   the UTF-8 text and a NUL, and `*out_len` its length without the NUL. When `out_cap` is
///   too small (including `out` NULL with `out_cap` 0, the way to ask for the size), the call
///   returns `CW_STATUS_BUFFER_TOO_SMALL`, writes the required capacity (length + 1) to
///   `*out_len` and nothing to `out`; call again with that capacity. On any other status
///   neither `out` nor `*out_len` is written.
///
/// Every JSON value in the script escapes `<`, `>`, `&`, `'`, U+2028 and U+2029 as `\uXXXX`,
/// so no field can close the script or open a comment (safe in HTML and XHTML). The output
/// never contains a NUL before its terminator.
///
/// Statuses, checked in this order: `CW_STATUS_NULL_POINTER` (`key` or `out_len` NULL, a
/// buffer NULL with a length), `CW_STATUS_INVALID_NONCE`, `CW_STATUS_EMPTY_IDENTIFIER`,
/// `CW_STATUS_INVALID_IDENTIFIER`, `CW_STATUS_INVALID_JSON`, `CW_STATUS_UNKNOWN_FIELD`,
/// `CW_STATUS_INVALID_FIELD_VALUE`, `CW_STATUS_MISSING_CONTACT_FIELD`, then
/// `CW_STATUS_BUFFER_TOO_SMALL`. Thread-safe (any number of threads may share `key`);
/// allocates; keeps no pointer after the call.
///
/// # Safety
/// `key` must be NULL or a live key from `cw_key_new`; each non-NULL input pointer valid for
/// reads of its length, `out` for writes of `out_cap` bytes and `out_len` for one `size_t`,
/// for the duration of the call.
#[no_mangle]
pub unsafe extern "C" fn cw_key_set_user_script(
    key: *const CwKey,
    identifier: *const u8,
    identifier_len: usize,
    fields_json: *const u8,
    fields_json_len: usize,
    nonce: *const u8,
    nonce_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> CwStatus {
    status(|| {
        check_text_output(out, out_cap, out_len)?;
        // SAFETY: the caller passes a live key and valid (pointer, length) pairs, as documented.
        // Every pointer is checked before any value is.
        let (key, identifier, fields, nonce) = unsafe {
            (key_ref(key)?, input(identifier, identifier_len)?, input(fields_json, fields_json_len)?, input(nonce, nonce_len)?)
        };
        let text = crate::render::set_user_script_from_bytes(key, identifier, fields, nonce)?;
        // SAFETY: as above.
        unsafe { write_text(&text, out, out_cap, out_len) }
    })
}

/// Renders the JSON payload `{"identifier": ..., "identifier_hash": ..., ...fields}` for a
/// single-page app's endpoint or Chatwoot's client API (snake_case keys). Inputs, output
/// protocol and statuses as in `cw_key_set_user_script`, without the nonce. The JSON uses the
/// same escaping (harmless to a JSON parser, and safe to embed in a page).
///
/// # Safety
/// As `cw_key_set_user_script`.
#[no_mangle]
pub unsafe extern "C" fn cw_key_set_user_payload(
    key: *const CwKey,
    identifier: *const u8,
    identifier_len: usize,
    fields_json: *const u8,
    fields_json_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> CwStatus {
    status(|| {
        check_text_output(out, out_cap, out_len)?;
        // SAFETY: the caller passes a live key and valid (pointer, length) pairs, as documented.
        let (key, identifier, fields) =
            unsafe { (key_ref(key)?, input(identifier, identifier_len)?, input(fields_json, fields_json_len)?) };
        let text = crate::render::set_user_payload_from_bytes(key, identifier, fields)?;
        // SAFETY: as above.
        unsafe { write_text(&text, out, out_cap, out_len) }
    })
}

/// Renders the logout `<script>`: `window.$chatwoot.reset()` right away when the widget has
/// loaded, otherwise once on `chatwoot:ready`, so the next visitor on this browser does not
/// inherit the signed-in contact. `nonce` and the output protocol as in
/// `cw_key_set_user_script`. Statuses: `CW_STATUS_NULL_POINTER`, `CW_STATUS_INVALID_NONCE`,
/// `CW_STATUS_BUFFER_TOO_SMALL`. Thread-safe; allocates.
///
/// # Safety
/// `nonce` valid for reads of `nonce_len` bytes (or NULL with 0), `out` for writes of
/// `out_cap` bytes and `out_len` for one `size_t`, for the duration of the call.
#[no_mangle]
pub unsafe extern "C" fn cw_reset_script(
    nonce: *const u8,
    nonce_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> CwStatus {
    status(|| {
        check_text_output(out, out_cap, out_len)?;
        // SAFETY: the caller passes a valid (pointer, length) pair, as documented.
        let text = crate::render::reset_script_from_bytes(unsafe { input(nonce, nonce_len)? })?;
        // SAFETY: as above.
        unsafe { write_text(&text, out, out_cap, out_len) }
    })
}
