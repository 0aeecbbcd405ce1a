//! The one-shot hash and verify: `cw_identifier_hash`, `cw_verify`.

use core::ffi::c_char;

use super::boundary::{guard, input, output, status, verify_inputs};
use super::{CwStatus, CW_HASH_LEN};

/// The hash's output buffer: room for the hex and a NUL, which is written when it fits.
///
/// # Safety
/// As [`output`].
pub(super) unsafe fn hash_output<'a>(out: *mut c_char, out_len: usize) -> Result<&'a mut [u8], CwStatus> {
    // SAFETY: forwarded from the caller.
    unsafe { output(out, out_len, CW_HASH_LEN + 1) }
}

/// NUL-terminates a hash written by [`IdentityKey::write_hex`] when the buffer has room.
pub(super) fn nul_terminate(out: &mut [u8]) {
    const { assert!(CW_HASH_LEN == crate::HASH_LEN) };
    if let Some(nul) = out.get_mut(CW_HASH_LEN) {
        *nul = 0;
    }
}

/// Computes the `identifier_hash` Chatwoot expects: the lowercase hex HMAC-SHA256 of
/// `identifier` under the inbox secret `secret`.
///
/// - `secret`, `secret_len`: the inbox's secret (its HMAC token), raw bytes, not NUL-terminated.
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
    secret: *const u8,
    secret_len: usize,
    identifier: *const u8,
    identifier_len: usize,
    out: *mut c_char,
    out_len: usize,
) -> CwStatus {
    status(|| {
        // SAFETY: the caller passes valid (pointer, length) pairs, as documented.
        let (secret, identifier, out) =
            unsafe { (input(secret, secret_len)?, input(identifier, identifier_len)?, hash_output(out, out_len)?) };
        crate::identifier_hash_to(secret, identifier, out)?;
        nul_terminate(out);
        Ok(())
    })
}

/// Whether `identifier_hash` is exactly the hash Chatwoot's server computes for
/// `identifier` under `secret`: 64 lowercase hex characters, compared in constant time.
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
    secret: *const u8,
    secret_len: usize,
    identifier: *const u8,
    identifier_len: usize,
    identifier_hash: *const c_char,
    identifier_hash_len: usize,
) -> bool {
    guard(|| {
        // SAFETY: the caller passes valid (pointer, length) pairs, as documented.
        match unsafe {
            verify_inputs(secret, secret_len, identifier, identifier_len, identifier_hash, identifier_hash_len)
        } {
            Ok([secret, identifier, hash]) => crate::verify(secret, identifier, hash),
            Err(_) => false,
        }
    })
}
