//! The reusable keyed type and the hash value it produces.

use core::fmt;

use subtle::ConstantTimeEq;

use crate::hmac::Midstates;
use crate::{Error, HASH_LEN};

/// An inbox secret, validated once, with its HMAC midstates precomputed.
///
/// Hashing with a key costs two SHA-256 compressions for identifiers of up to 55 bytes,
/// against four for the one-shot [`crate::identifier_hash`]. A key is immutable and
/// `Send + Sync`: share one between threads. The key material is wiped when it is dropped,
/// and `Debug` never shows it.
///
/// ```
/// use chatwoot_identity::IdentityKey;
///
/// let key = IdentityKey::new(b"your-secret-token-for-hmac")?;
/// let hash = key.identifier_hash(b"unique-identifier-of-the-user")?;
/// assert_eq!(hash.as_str(), "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c");
/// assert!(key.verify(b"unique-identifier-of-the-user", hash.as_bytes()));
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
#[derive(Clone)]
pub struct IdentityKey {
    midstates: Midstates,
}

impl fmt::Debug for IdentityKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IdentityKey { secret: <redacted> }")
    }
}

/// Checks a secret as Chatwoot's server will see it.
pub(crate) fn check_secret(secret: &[u8]) -> Result<(), Error> {
    match (secret.first(), secret.last()) {
        (None, _) | (_, None) => Err(Error::EmptySecret),
        (Some(&first), Some(&last)) if is_space(first) || is_space(last) => Err(Error::SecretWhitespace),
        _ => match invisible_edge(secret) {
            Some(character) => Err(Error::SecretInvisible(character)),
            None => Ok(()),
        },
    }
}

/// The whitespace that a copy-paste or a file read adds around a secret.
/// (Not `\v`/`\f`: RFC 4231's test keys are made of those bytes.)
pub(crate) const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The secret's first or last character when it is UTF-8 for an invisible or Unicode
/// whitespace character (see [`is_invisible`]). Bytes that are not UTF-8 at an edge are raw
/// key bytes and pass, as do ASCII controls (RFC 4231's keys are made of them).
pub(crate) fn invisible_edge(secret: &[u8]) -> Option<char> {
    let first = (1..=secret.len().min(4)).find_map(|n| core::str::from_utf8(&secret[..n]).ok()?.chars().next());
    let last = (1..=secret.len().min(4))
        .find_map(|n| core::str::from_utf8(&secret[secret.len() - n..]).ok()?.chars().next_back());
    first.filter(|&c| is_invisible(c)).or(last.filter(|&c| is_invisible(c)))
}

/// Characters a copy-paste out of a web page or an editor adds around a secret, none of which
/// can be part of a Chatwoot token (24 ASCII base58 characters): every non-ASCII Unicode
/// White_Space character (no-break, typographic and ideographic spaces, U+0085, the line and
/// paragraph separators), every format character (general category Cf: the byte-order mark,
/// zero-width spaces and joiners, bidirectional marks, the soft hyphen), and the other
/// default-ignorable code points (variation selectors, Hangul fillers, tags).
pub(crate) fn is_invisible(c: char) -> bool {
    !c.is_ascii()
        && (c.is_whitespace()
            || matches!(
                u32::from(c),
                0x00AD
                    | 0x034F
                    | 0x0600..=0x0605
                    | 0x061C
                    | 0x06DD
                    | 0x070F
                    | 0x0890..=0x0891
                    | 0x08E2
                    | 0x115F..=0x1160
                    | 0x17B4..=0x17B5
                    | 0x180B..=0x180F
                    | 0x200B..=0x200F
                    | 0x202A..=0x202E
                    | 0x2060..=0x206F
                    | 0x3164
                    | 0xFE00..=0xFE0F
                    | 0xFEFF
                    | 0xFFA0
                    | 0xFFF0..=0xFFFB
                    | 0x110BD
                    | 0x110CD
                    | 0x13430..=0x1343F
                    | 0x1BCA0..=0x1BCA3
                    | 0x1D173..=0x1D17A
                    | 0xE0000..=0xE0FFF
            ))
}

impl IdentityKey {
    /// Validates `secret` (the inbox's HMAC token, as bytes) and precomputes its midstates.
    ///
    /// # Errors
    /// [`Error::EmptySecret`], [`Error::SecretWhitespace`] when the secret starts or ends
    /// with a space, tab, CR or LF, or [`Error::SecretInvisible`] when it starts or ends with
    /// an invisible or Unicode whitespace character (a byte-order mark, a no-break space).
    pub fn new(secret: &[u8]) -> Result<Self, Error> {
        check_secret(secret)?;
        Ok(IdentityKey { midstates: Midstates::new(secret) })
    }

    /// The `identifier_hash` Chatwoot expects for `identifier`.
    ///
    /// # Errors
    /// [`Error::EmptyIdentifier`] when `identifier` is empty.
    pub fn identifier_hash(&self, identifier: &[u8]) -> Result<IdentifierHash, Error> {
        let mut hex = [0u8; HASH_LEN];
        self.identifier_hash_into(identifier, &mut hex)?;
        Ok(IdentifierHash(hex))
    }

    /// Writes the 64 lowercase hex characters of the hash into `out`, allocation-free.
    ///
    /// # Errors
    /// [`Error::EmptyIdentifier`] when `identifier` is empty.
    pub fn identifier_hash_into(&self, identifier: &[u8], out: &mut [u8; HASH_LEN]) -> Result<(), Error> {
        self.write_hex(identifier, out)
    }

    /// Writes the 64 hex characters of the hash into the start of `out`; the rest of `out`
    /// is left alone. The one place that orders the checks of a hash call: the identifier,
    /// then the size of `out`.
    ///
    /// # Errors
    /// [`Error::EmptyIdentifier`], then [`Error::BufferTooSmall`] when `out` is shorter than 64 bytes.
    pub fn write_hex(&self, identifier: &[u8], out: &mut [u8]) -> Result<(), Error> {
        if identifier.is_empty() {
            return Err(Error::EmptyIdentifier);
        }
        let out = out.first_chunk_mut::<HASH_LEN>().ok_or(Error::BufferTooSmall)?;
        self.midstates.hex_into(identifier, out);
        Ok(())
    }

    /// Hashes many identifiers at once: identifier `i` is `identifiers[offsets[i]..offsets[i + 1]]`
    /// and its 64 hex characters go to `out[64 * i..64 * (i + 1)]`.
    ///
    /// `out` must hold at least `64 * (offsets.len() - 1)` bytes; nothing is written unless
    /// every input is valid.
    ///
    /// # Errors
    /// [`Error::InvalidOffsets`] (no offsets, decreasing, or past the end),
    /// [`Error::EmptyIdentifier`], [`Error::BufferTooSmall`] (`out` too short).
    ///
    /// ```
    /// let key = chatwoot_identity::IdentityKey::new(b"secret")?;
    /// let mut out = [0u8; 128];
    /// key.identifier_hashes_into(b"4242", &[0, 2, 4], &mut out)?;
    /// assert_eq!(out[..64], out[64..]);
    /// # Ok::<(), chatwoot_identity::Error>(())
    /// ```
    pub fn identifier_hashes_into(&self, identifiers: &[u8], offsets: &[usize], out: &mut [u8]) -> Result<(), Error> {
        crate::batch::identifier_hashes_into(self, identifiers, offsets, out)
    }

    /// The cached midstates, for the batch path.
    pub(crate) fn midstates(&self) -> &Midstates {
        &self.midstates
    }

    /// Whether `identifier_hash` is exactly what Chatwoot's server computes for
    /// `identifier`: 64 lowercase hex characters, compared in constant time.
    ///
    /// Fails closed: an empty identifier, a wrong length, uppercase hex or surrounding
    /// whitespace all give `false`, as they would on Chatwoot's server.
    pub fn verify(&self, identifier: &[u8], identifier_hash: &[u8]) -> bool {
        let mut expected = [0u8; HASH_LEN];
        if self.identifier_hash_into(identifier, &mut expected).is_err() {
            return false;
        }
        // The length is public (always 64); only the content is compared in constant time.
        identifier_hash.len() == HASH_LEN && bool::from(expected[..].ct_eq(identifier_hash))
    }
}

/// A computed `identifier_hash`: 64 lowercase hex characters, held without allocation.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct IdentifierHash([u8; HASH_LEN]);

impl IdentifierHash {
    /// The hash as a `&str` (always 64 ASCII characters).
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.0).expect("hex is ASCII")
    }

    /// The hash as bytes (ASCII hex).
    pub fn as_bytes(&self) -> &[u8; HASH_LEN] {
        &self.0
    }
}

impl fmt::Display for IdentifierHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for IdentifierHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdentifierHash({})", self.as_str())
    }
}

impl AsRef<str> for IdentifierHash {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<IdentifierHash> for String {
    fn from(hash: IdentifierHash) -> String {
        hash.as_str().to_owned()
    }
}
