//! `cw_status`: the result of every fallible call, and its NUL-terminated messages, both
//! declared from the status table of `crate::error`.

use core::ffi::{c_char, CStr};

use crate::Error;

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

// `CwStatus`, its messages and the list of every status, from the one table of statuses
// (`crate::error::statuses!`: per status its name, value, documentation and message, and
// whether it is an `Error` or a condition only C has). cbindgen reads this expansion (`make
// header` runs it on the macro-expanded crate), so the header's `cw_status` comes from the
// same rows.
macro_rules! declare_statuses {
    ($($(#[doc = $doc:literal])* $kind:ident $status:ident = $value:literal => $text:literal,)*) => {
        /// The result of every fallible `cw_` function. The numeric values are fixed forever.
        #[repr(C)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum CwStatus {
            $($(#[doc = $doc])* $status = $value,)*
        }

        impl CwStatus {
            /// The message of each status, NUL-terminated, from the same row.
            pub(crate) const fn message(self) -> &'static CStr {
                match self {
                    $(CwStatus::$status => c_str!($text),)*
                }
            }
        }

        /// Every status, in value order.
        const ALL_STATUSES: &[CwStatus] = &[$(CwStatus::$status,)*];
    };
}
crate::error::statuses!(declare_statuses);

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

impl CwStatus {
    /// The status with this value, if any.
    pub(super) fn from_code(code: i32) -> Option<CwStatus> {
        ALL_STATUSES.iter().copied().find(|&s| s as i32 == code)
    }
}

/// A static, NUL-terminated English sentence describing `status` (any value, unknown ones
/// included). Never NULL; never contains caller data. Do not free it.
#[no_mangle]
pub extern "C" fn cw_status_message(status: i32) -> *const c_char {
    CwStatus::from_code(status).map_or(c"unknown cw_status code", CwStatus::message).as_ptr()
}
