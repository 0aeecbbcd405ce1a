//! The one error type of the Rust API.

use core::fmt;

/// Why an identifier hash could not be computed.
///
/// Every variant maps to one fixed `cw_status` code of the C ABI (see [`crate::ffi`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// A pointer was NULL while its length was not zero (C ABI only).
    NullPointer,
    /// The inbox secret is empty.
    EmptySecret,
    /// The inbox secret starts or ends with whitespace (space, tab, CR or LF).
    SecretWhitespace,
    /// The identifier is empty.
    EmptyIdentifier,
    /// The output buffer is smaller than the hex it must hold.
    BufferTooSmall,
    /// Batch offsets decrease or point past the end of the identifiers buffer.
    InvalidOffsets,
    /// A bug inside the library (a caught panic). Never expected.
    Internal,
}

impl Error {
    /// A human sentence for this error; never contains caller data (and so never a secret).
    pub fn message(self) -> &'static str {
        self.c_message().to_str().unwrap_or("internal error")
    }

    /// The same sentence NUL-terminated, for the C ABI's `cw_status_message`.
    pub(crate) const fn c_message(self) -> &'static core::ffi::CStr {
        match self {
            Error::NullPointer => c"a pointer argument was NULL while its length was not zero",
            Error::EmptySecret => c"the secret is empty: pass the inbox's HMAC token (Settings > Inboxes > the inbox > Configuration)",
            Error::SecretWhitespace => c"the secret starts or ends with whitespace (often a trailing newline from a file or environment variable); the inbox's token has none: trim it where it is read",
            Error::EmptyIdentifier => c"the identifier is empty: hashing \"\" would make every anonymous visitor the same verified contact",
            Error::BufferTooSmall => c"the output buffer is too small: it needs 64 bytes per identifier hash (65 for a NUL-terminated one)",
            Error::InvalidOffsets => c"the batch offsets are malformed: they must not decrease and the last must not exceed the identifiers' length",
            Error::Internal => c"internal error in libchatwoot_identity (a bug: please report it)",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for Error {}
