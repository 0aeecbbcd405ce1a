//! The one error type of the Rust API, and the table of statuses it shares with the C layer.

use core::fmt;

/// Why an identifier hash could not be computed (or a page snippet rendered).
// Each variant has its row (its `cw_status`, message) in `statuses!` below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
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
    /// The identifier is not valid UTF-8 (the renderer emits it as a JSON string).
    InvalidIdentifier,
    /// The user's fields are not one valid JSON object in UTF-8, or a key appears twice.
    InvalidJson,
    /// The user's fields contain a key Chatwoot's `setUser` does not accept.
    UnknownField,
    /// A user field has the wrong type (or a custom attribute an unsupported value).
    InvalidFieldValue,
    /// None of `name`, `email`, `avatar_url` is a non-empty string (the widget throws).
    MissingContactField,
    /// The CSP nonce contains a character outside base64 / base64url.
    InvalidNonce,
    /// The inbox secret starts or ends with an invisible or Unicode whitespace character
    /// (the one found: a byte-order mark, a no-break or zero-width space, ...), which no
    /// Chatwoot token contains. `Display` names it; [`Error::message`] does not.
    SecretInvisible(char),
}

// Every status of the C ABI, once, in value order: its name, its `cw_status` value (fixed
// forever), its documentation in the header and its message (never caller data, so never a
// secret). An `error` row is the `Error` variant of the same name; a `c_only` row is a
// condition only the C layer has (success, a NULL pointer, a caught panic). `statuses!($table)`
// hands every row to `$table!` (the C layer declares `CwStatus` from them);
// `error_messages!($table)` hands it the `error` rows only, as `Name => "message",`.
//
// A new `Error` variant without a row, an `error` row without its variant, or a variant marked
// `c_only` does not compile: the matches written from these rows are exhaustive.
macro_rules! statuses {
    (@call [$($table:tt)+] $($prefix:tt)*) => {
        $($table)+ ! {
            $($prefix)*
            /// Success: the outputs were written.
            c_only Ok = 0 => "success",
            /// A pointer argument was NULL while its length was not zero (or an out-pointer was NULL).
            c_only NullPointer = -1 => "a pointer argument was NULL while its length was not zero",
            /// The secret is empty.
            error EmptySecret = -2 => "the secret is empty: pass the inbox's HMAC token (Settings > Inboxes > the inbox > Configuration)",
            /// The secret starts or ends with a space, tab, CR or LF (a trailing newline from a
            /// file or environment variable is the classic cause of silent mismatches).
            error SecretWhitespace = -3 => "the secret starts or ends with whitespace (often a trailing newline from a file or environment variable); the inbox's token has none: trim it where it is read",
            /// The identifier is empty (hashing "" would merge every anonymous visitor into one
            /// verified contact).
            error EmptyIdentifier = -4 => "the identifier is empty: hashing \"\" would make every anonymous visitor the same verified contact",
            /// The output buffer is smaller than `CW_HASH_LEN` bytes per hash.
            error BufferTooSmall = -5 => "the output buffer is too small: it needs 64 bytes per identifier hash (65 for a NUL-terminated one); a render function wrote the size it needs to *out_len",
            /// Batch offsets decrease, or the last one exceeds the identifiers' length.
            error InvalidOffsets = -6 => "the batch offsets are malformed: they must not decrease and the last must not exceed the identifiers' length",
            /// A bug inside the library (a panic was caught at the boundary). Never expected.
            c_only InternalError = -7 => "internal error in libchatwoot_identity (a bug: please report it)",
            /// Render functions: the identifier is not valid UTF-8.
            error InvalidIdentifier = -8 => "the identifier is not valid UTF-8: pass a string (or an integer's decimal digits)",
            /// Render functions: `fields_json` is not one valid JSON object in UTF-8, or a key
            /// appears twice in it.
            error InvalidJson = -9 => "the user's fields are not one valid JSON object in UTF-8 (or a key appears twice)",
            /// Render functions: `fields_json` has a key Chatwoot's `setUser` does not accept.
            error UnknownField = -10 => "the user's fields contain a key Chatwoot's setUser does not accept: use name, email, avatar_url, phone_number, description, company_name, country_code, city, social_profiles, custom_attributes",
            /// Render functions: a field has the wrong type (a contact field that is not a string or
            /// null, a custom attribute that is not a string, number or boolean).
            error InvalidFieldValue = -11 => "a user field has the wrong type: contact fields are strings (or null), social_profiles an object of strings, custom_attributes an object of strings, booleans and numbers the browser keeps exact (below 2^53, no more digits than a double holds: send others as strings)",
            /// Render functions: none of `name`, `email`, `avatar_url` is a non-empty string (the
            /// widget's `setUser` throws without one).
            error MissingContactField = -12 => "the user has no name, email or avatar_url: Chatwoot's widget refuses setUser without one of them",
            /// Render functions: the nonce has a character outside base64 / base64url.
            error InvalidNonce = -13 => "the CSP nonce may contain only base64 or base64url characters (A-Z a-z 0-9 + / = - _)",
            /// The secret starts or ends with an invisible or Unicode whitespace character (a UTF-8
            /// byte-order mark, a no-break or zero-width space, a line separator, ...): copied from a
            /// web page or saved by an editor; no Chatwoot token contains one.
            error SecretInvisible = -14 => "the secret starts or ends with an invisible or Unicode whitespace character (a byte-order mark U+FEFF, a no-break space U+00A0, a zero-width space, non-joiner or joiner U+200B-U+200D, a word joiner U+2060, an ideographic, typographic or other Unicode space, a line or paragraph separator, or another invisible format character), usually from a file saved by an editor or text copied from a web page; the inbox's token has none: remove it where the secret is read",
        }
    };
    ($table:ident) => {
        $crate::error::statuses! { @call [$table] }
    };
}
pub(crate) use statuses;

// The `error` rows of `statuses!` as `Name => "message",`, handed to `$table!`.
macro_rules! error_messages {
    ($table:ident) => {
        $crate::error::statuses! { @call [$crate::error::error_rows] $table [] }
    };
}
#[cfg(feature = "capi")]
pub(crate) use error_messages;

// Walks the rows of `statuses!`, keeps the `error` ones, then hands them to `$table!`.
macro_rules! error_rows {
    ($table:ident [$($kept:tt)*]) => {
        $table! { $($kept)* }
    };
    ($table:ident [$($kept:tt)*] $(#[$doc:meta])* c_only $name:ident = $value:literal => $text:literal, $($rest:tt)*) => {
        $crate::error::error_rows! { $table [$($kept)*] $($rest)* }
    };
    ($table:ident [$($kept:tt)*] $(#[$doc:meta])* error $name:ident = $value:literal => $text:literal, $($rest:tt)*) => {
        $crate::error::error_rows! { $table [$($kept)* $name => $text,] $($rest)* }
    };
}
pub(crate) use error_rows;

macro_rules! message_fn {
    ($($error:ident => $text:literal,)*) => {
        /// A human sentence for this error; never contains caller data (and so never a secret).
        pub fn message(self) -> &'static str {
            match self {
                $(Error::$error { .. } => $text,)*
            }
        }
    };
}

impl Error {
    error_messages!(message_fn);
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())?;
        match self {
            // The character found is not the secret: no Chatwoot token contains it.
            Error::SecretInvisible(c) => match character_name(*c) {
                Some(name) => write!(f, " (found U+{:04X}, {name})", u32::from(*c)),
                None => write!(f, " (found U+{:04X})", u32::from(*c)),
            },
            _ => Ok(()),
        }
    }
}

/// The name of the invisible characters most often pasted around a secret.
fn character_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FEFF}' => "a byte-order mark",
        '\u{00A0}' => "a no-break space",
        '\u{200B}' => "a zero-width space",
        '\u{200C}' => "a zero-width non-joiner",
        '\u{200D}' => "a zero-width joiner",
        '\u{2060}' => "a word joiner",
        '\u{3000}' => "an ideographic space",
        '\u{2028}' => "a line separator",
        '\u{2029}' => "a paragraph separator",
        '\u{0085}' => "a next-line control",
        '\u{1680}' => "an ogham space mark",
        '\u{2000}'..='\u{200A}' => "a typographic space",
        '\u{202F}' => "a narrow no-break space",
        '\u{205F}' => "a medium mathematical space",
        '\u{00AD}' => "a soft hyphen",
        '\u{200E}' | '\u{200F}' => "a left-to-right or right-to-left mark",
        _ => return None,
    })
}

impl std::error::Error for Error {}
