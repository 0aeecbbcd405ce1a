//! The C ABI: thin `extern "C"` wrappers over the Rust API, by concern: [`boundary`] (panics
//! and pointers), [`status`] (`cw_status` and its messages), `version`, [`hash`] (one-shot hash and
//! verify), [`key`] (`cw_key` and its calls), `render` (the page snippets) and `explain`.
//!
//! Every function here only translates: it reads its pointers, calls one method of the Rust
//! API (which checks the values, in the documented order) and maps the result. Each body
//! runs inside [`boundary::guard`], which turns a panic into the fallback of its return type
//! (`CW_STATUS_INTERNAL_ERROR`, or `false`), so no panic unwinds into C. Every pointer goes
//! through [`boundary::input`] / [`boundary::output`]: `(NULL, 0)` is empty, `(NULL, n > 0)` is
//! `CW_STATUS_NULL_POINTER`. Outputs are written only on success; there is no thread-local
//! "last error".

// In the header's order (cbindgen follows the declarations).
mod hash;
mod key;
mod status;
mod version;
mod render;
mod explain;
mod boundary;

pub use explain::*;
pub use hash::*;
pub use key::*;
pub use render::*;
pub use status::*;
pub use version::*;

/// Length of an `identifier_hash` in bytes: 64 lowercase hex characters (no NUL).
pub const CW_HASH_LEN: usize = 64;

/// Version of the C ABI. Bindings compare it with `cw_abi_version()` when they load the
/// library. It changes only when a signature or a status value changes (see CHANGELOG.md).
pub const CW_ABI_VERSION: u32 = 2;
