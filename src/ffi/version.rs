//! What the library is: its version, its ABI version, the SHA-256 code it runs.

use core::ffi::c_char;

use super::CW_ABI_VERSION;

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
