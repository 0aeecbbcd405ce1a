//! `cw_key`: a secret validated once, and the calls that use it.

use core::ffi::c_char;

use super::boundary::{guard, input, key_ref, output, status};
use super::hash::{hash_output, nul_terminate};
use super::{CwStatus, CW_HASH_LEN};
use crate::IdentityKey;

/// An inbox secret prepared for hashing (its HMAC midstates), created by `cw_key_new` and
/// released by `cw_key_free`. Opaque. Immutable after creation, so one `cw_key` may be
/// used from any number of threads at once without locking.
pub struct CwKey {
    pub(super) key: IdentityKey,
}

/// Validates the inbox secret `secret` and prepares it for repeated hashing (its HMAC
/// midstates are computed once, so each later hash costs two SHA-256 compressions).
///
/// On `CW_STATUS_OK`, `*out` receives a new key owned by the caller, to be released with
/// `cw_key_free`. On any other status `*out` is left untouched (initialise it to NULL).
/// The library keeps no reference to `secret` after the call. Statuses: `CW_STATUS_NULL_POINTER`
/// (`out` is NULL, or `secret` is NULL with a length), `CW_STATUS_EMPTY_SECRET`,
/// `CW_STATUS_SECRET_WHITESPACE`, `CW_STATUS_SECRET_INVISIBLE`. Thread-safe.
///
/// # Safety
/// `secret` must be valid for reads of `secret_len` bytes (or NULL with 0), and `out` NULL or valid
/// for a write of one pointer.
#[no_mangle]
pub unsafe extern "C" fn cw_key_new(secret: *const u8, secret_len: usize, out: *mut *mut CwKey) -> CwStatus {
    status(|| {
        if out.is_null() {
            return Err(CwStatus::NullPointer);
        }
        // SAFETY: the caller passes a valid (pointer, length) pair, as documented.
        let secret = unsafe { input(secret, secret_len)? };
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
