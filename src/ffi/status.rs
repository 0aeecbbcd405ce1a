//! `cw_status`: the result of every fallible call, and its NUL-terminated messages.

use core::ffi::{c_char, CStr};

use crate::Error;

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

// Every error of the core's table maps to the same-named status (a missing one does not
// compile), so the mapping is written from that table, not by hand.
macro_rules! status_from_error {
    ($($error:ident => $text:literal,)*) => {
        impl From<Error> for CwStatus {
            fn from(e: Error) -> Self {
                match e {
                    $(Error::$error { .. } => CwStatus::$error,)*
                }
            }
        }
    };
}
crate::error::error_messages!(status_from_error);

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
        pub(crate) const fn message(self) -> &'static CStr {
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
    pub(super) fn from_code(code: i32) -> Option<CwStatus> {
        ALL_STATUSES.iter().copied().find(|&s| s as i32 == code)
    }
}

// Every status: the C-only three, then one per error of the core's table.
macro_rules! all_statuses {
    ($($error:ident => $text:literal,)*) => {
        const ALL_STATUSES: &[CwStatus] =
            &[CwStatus::Ok, CwStatus::NullPointer, CwStatus::InternalError, $(CwStatus::$error,)*];
    };
}
crate::error::error_messages!(all_statuses);

/// A static, NUL-terminated English sentence describing `status` (any value, unknown ones
/// included). Never NULL; never contains caller data. Do not free it.
#[no_mangle]
pub extern "C" fn cw_status_message(status: i32) -> *const c_char {
    CwStatus::from_code(status).map_or(c"unknown cw_status code", CwStatus::message).as_ptr()
}
