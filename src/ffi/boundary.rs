//! The boundary every entry point goes through: panics become the return type's fallback,
//! and every pointer is read once, as `(pointer, length)`.

use core::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::{CwKey, CwStatus};
use crate::IdentityKey;

/// What an entry point returns when its body panicked.
pub(super) trait Fallback {
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
pub(super) fn guard<T: Fallback>(body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(T::PANICKED)
}

/// Runs a status-returning body inside the boundary.
pub(super) fn status(body: impl FnOnce() -> Result<(), CwStatus>) -> CwStatus {
    guard(|| body().map_or_else(|e| e, |()| CwStatus::Ok))
}

/// Reads an input buffer: `(NULL, 0)` is empty, `(NULL, n > 0)` is an error.
///
/// # Safety
/// A non-NULL `ptr` must be valid for `len` bytes for the duration of the call.
pub(super) unsafe fn input<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], CwStatus> {
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
pub(super) unsafe fn verify_inputs<'a>(
    secret: *const u8,
    secret_len: usize,
    identifier: *const u8,
    identifier_len: usize,
    identifier_hash: *const c_char,
    identifier_hash_len: usize,
) -> Result<[&'a [u8]; 3], CwStatus> {
    // SAFETY: forwarded from the caller.
    unsafe {
        Ok([
            input(secret, secret_len)?,
            input(identifier, identifier_len)?,
            input(identifier_hash.cast(), identifier_hash_len)?,
        ])
    }
}

/// Reads an output buffer: `(NULL, 0)` is empty, `(NULL, n > 0)` is an error. Only its
/// first `max` bytes are used.
///
/// # Safety
/// A non-NULL `ptr` must be valid for writes of `len` bytes for the duration of the call.
pub(super) unsafe fn output<'a>(ptr: *mut c_char, len: usize, max: usize) -> Result<&'a mut [u8], CwStatus> {
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
pub(super) unsafe fn key_ref<'a>(key: *const CwKey) -> Result<&'a IdentityKey, CwStatus> {
    // SAFETY: the caller guarantees a live key from cw_key_new.
    unsafe { key.as_ref() }.map(|k| &k.key).ok_or(CwStatus::NullPointer)
}
