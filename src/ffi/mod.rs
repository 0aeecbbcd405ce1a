//! The C ABI: thin `extern "C"` wrappers over the Rust API, by concern: [`boundary`] (panics
//! and pointers), [`status`] (`cw_status` and its messages), [`hash`] (one-shot hash and
//! verify), [`key`] (`cw_key` and its calls), `render` (the page snippets) and `explain`.
//!
//! Every function here only translates: it reads its pointers, calls one method of the Rust
//! API (which checks the values, in the documented order) and maps the result. Each body
//! runs inside [`boundary::guard`], which turns a panic into the fallback of its return type
//! (`CW_STATUS_INTERNAL_ERROR`, or `false`), so no panic unwinds into C. Every pointer goes
//! through [`boundary::input`] / [`boundary::output`]: `(NULL, 0)` is empty, `(NULL, n > 0)` is
//! `CW_STATUS_NULL_POINTER`. Outputs are written only on success; there is no thread-local
//! "last error".

use core::ffi::c_char;

mod boundary;
mod explain;
mod hash;
mod key;
mod render;
mod status;

pub use explain::*;
pub use hash::*;
pub use key::*;
pub use render::*;
pub use status::*;

/// Length of an `identifier_hash` in bytes: 64 lowercase hex characters (no NUL).
pub const CW_HASH_LEN: usize = 64;

/// Version of the C ABI. Bindings compare it with `cw_abi_version()` when they load the
/// library. It changes only when a signature or a status value changes (see CHANGELOG.md).
pub const CW_ABI_VERSION: u32 = 2;

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
