//! Why does Chatwoot say "HMAC failed"? A debugging aid that names the most likely mistake.
//!
//! Not constant-time, and it allocates: use it while debugging an integration, never to
//! decide a login ([`crate::verify`] is the call for that). It uses only what the caller
//! already holds: the secret, the identifier, the rejected hash, and optionally other
//! candidate secrets and identifiers to try.

mod forms;
mod verdict;

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use sha2::{Digest, Sha256};

pub use verdict::Verdict;
#[cfg(feature = "capi")]
pub(crate) use verdict::{verdict_messages, verdict_names};

use crate::hmac::Midstates;
use crate::key::{check_secret, is_space};
use crate::{Error, HASH_LEN};

/// Other secrets and identifiers explain tries when nothing else fits: the token before a
/// rotation or another inbox's token, the user's email when the identifier is the user id
/// (or the reverse). Which one matched is reported by its list and position, never its value.
#[derive(Debug, Clone, Copy, Default)]
pub struct Candidates<'a> {
    /// Other secrets, used as given (raw HMAC keys).
    pub secrets: &'a [&'a [u8]],
    /// Other identifiers, hashed under the secret.
    pub identifiers: &'a [&'a [u8]],
}

/// Which list a matching candidate came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CandidateKind {
    /// [`Candidates::secrets`].
    Secret,
    /// [`Candidates::identifiers`].
    Identifier,
}

/// What explain found: the verdict, and for [`Verdict::OtherCandidate`] which candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Explanation {
    /// The most likely reason.
    pub verdict: Verdict,
    /// The list and the position in it of the candidate that reproduced the hash.
    pub candidate: Option<(CandidateKind, usize)>,
}

impl Explanation {
    fn of(verdict: Verdict) -> Self {
        Explanation { verdict, candidate: None }
    }
}

fn hex_of(midstates: &Midstates, message: &[u8]) -> [u8; HASH_LEN] {
    let mut out = [0u8; HASH_LEN];
    midstates.hex_into(message, &mut out);
    out
}

fn sha256_hex(parts: &[&[u8]]) -> [u8; HASH_LEN] {
    let mut sha = Sha256::new();
    for part in parts {
        sha.update(part);
    }
    let mut out = [0u8; HASH_LEN];
    // 32 bytes always fit 64 hex characters.
    let _ = hex::encode_to_slice(sha.finalize(), &mut out);
    out
}

pub(crate) fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| !is_space(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|&b| !is_space(b)).map_or(start, |i| i + 1);
    &bytes[start..end]
}

fn is_hex(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(u8::is_ascii_hexdigit)
}

/// Chatwoot's tokens (`has_secure_token`): 24 characters of the base58 alphabet.
fn is_token(bytes: &[u8]) -> bool {
    const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    bytes.len() == 24 && bytes.iter().all(|b| BASE58.contains(b))
}

/// Names the most likely reason `identifier_hash` does or does not match, checking the
/// verdicts in the order of [`Verdict::ALL`]. Not constant-time: a debugging aid, not a login check.
///
/// # Errors
/// [`Error::EmptySecret`] when the secret is empty or only whitespace, then
/// [`Error::EmptyIdentifier`]: inputs explain cannot use. A secret with whitespace or an
/// invisible character around it is not an error here but the verdict [`Verdict::SecretWhitespace`].
///
/// ```
/// use chatwoot_identity::{explain, Verdict};
///
/// let hash = "FA803C5EF0DC4056F15936CC79E6C9EB912FE55B5D7AFB9C0A14F3A1A491700C";
/// let found = explain(b"your-secret-token-for-hmac", b"unique-identifier-of-the-user", hash.as_bytes())?;
/// assert_eq!(found.verdict, Verdict::UppercaseHex);
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
pub fn explain(secret: &[u8], identifier: &[u8], identifier_hash: &[u8]) -> Result<Explanation, Error> {
    explain_with_candidates(secret, identifier, identifier_hash, Candidates::default())
}

/// Like [`explain`], and when nothing else fits, tries each other candidate secret (with
/// the identifier) and each other candidate identifier (with the secret), in list order.
///
/// ```
/// use chatwoot_identity::{explain_with_candidates, identifier_hash, CandidateKind, Candidates, Verdict};
///
/// let old_token = b"the-token-before-rotation";
/// let hash = identifier_hash(old_token, b"user-42")?;
/// let candidates = Candidates { secrets: &[b"another-inbox", old_token], identifiers: &[] };
/// let found = explain_with_candidates(b"the-current-token", b"user-42", hash.as_bytes(), candidates)?;
/// assert_eq!((found.verdict, found.candidate), (Verdict::OtherCandidate, Some((CandidateKind::Secret, 1))));
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
///
/// # Errors
/// As [`explain`].
pub fn explain_with_candidates(
    secret: &[u8],
    identifier: &[u8],
    identifier_hash: &[u8],
    candidates: Candidates<'_>,
) -> Result<Explanation, Error> {
    if trim(secret).is_empty() {
        return Err(Error::EmptySecret);
    }
    if identifier.is_empty() {
        return Err(Error::EmptyIdentifier);
    }
    let hash = identifier_hash;
    if trim(hash).is_empty() {
        return Ok(Explanation::of(Verdict::BlankHash));
    }
    if check_secret(secret).is_err() {
        return Ok(Explanation::of(Verdict::SecretWhitespace));
    }
    Ok(diagnose(secret, identifier, hash, candidates))
}

/// The checks after the inputs: the secret is valid, the identifier and hash are not empty.
fn diagnose(secret: &[u8], identifier: &[u8], hash: &[u8], candidates: Candidates<'_>) -> Explanation {
    let key = Midstates::new(secret);
    let expected = hex_of(&key, identifier);
    if hash == expected {
        return Explanation::of(Verdict::Match);
    }
    if hash.to_ascii_lowercase() == expected {
        return Explanation::of(Verdict::UppercaseHex);
    }
    // Later checks compare the hash without whitespace and in lowercase.
    let trimmed = trim(hash).to_ascii_lowercase();
    let fits = |candidate: [u8; HASH_LEN]| trimmed == candidate;
    if fits(expected) {
        return Explanation::of(Verdict::HashWhitespace);
    }
    if fits(hex_of(&Midstates::new(identifier), secret)) {
        return Explanation::of(Verdict::SwappedArguments);
    }
    if hash == identifier || trim(hash) == trim(identifier) {
        return Explanation::of(Verdict::HashIsIdentifier);
    }
    if trim(identifier).len() == HASH_LEN && is_hex(trim(identifier)) {
        return Explanation::of(Verdict::IdentifierIsHash);
    }
    let mut digest = [0u8; HASH_LEN / 2];
    // `expected` is 64 hex characters, so it always decodes to 32 bytes.
    let _ = hex::decode_to_slice(expected, &mut digest);
    if [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD].iter().any(|e| e.encode(digest).as_bytes() == trim(hash))
    {
        return Explanation::of(Verdict::Base64);
    }
    if hash == digest {
        return Explanation::of(Verdict::RawDigest);
    }
    if forms::identifier_variants(identifier).iter().any(|v| fits(hex_of(&key, v))) {
        return Explanation::of(Verdict::IdentifierFormat);
    }
    if padded_secrets(secret).any(|padded| fits(hex_of(&Midstates::new(&padded), identifier))) {
        return Explanation::of(Verdict::PaddedSecret);
    }
    let plain: [&[&[u8]]; 3] = [&[secret, identifier], &[identifier, secret], &[identifier]];
    if plain.iter().any(|parts| fits(sha256_hex(parts))) {
        return Explanation::of(Verdict::NotHmac);
    }
    if forms::rounded_number_forms(identifier).iter().any(|form| fits(hex_of(&key, form))) {
        return Explanation::of(Verdict::JsRoundedNumber);
    }
    if is_token(trim(hash)) || trim(hash) == secret || candidates.secrets.iter().any(|s| trim(hash) == *s) {
        return Explanation::of(Verdict::TokenAsHash);
    }
    if let Some(found) = candidate(identifier, &key, &trimmed, candidates) {
        return Explanation { verdict: Verdict::OtherCandidate, candidate: Some(found) };
    }
    if !is_hex(&trimmed) {
        return Explanation::of(Verdict::NotHex);
    }
    Explanation::of(match trimmed.len() {
        HASH_LEN => Verdict::Mismatch,
        32 | 40 | 56 | 96 | 128 => Verdict::OtherAlgorithm,
        _ => Verdict::WrongLength,
    })
}

/// What reading a secret from a file, an environment variable, an editor or a web page adds
/// around it: a newline, CRLF or space; a byte-order mark (alone or before a newline, as an
/// editor saves a file); a no-break or zero-width space from a copy-paste.
fn padded_secrets(secret: &[u8]) -> impl Iterator<Item = Vec<u8>> + '_ {
    const BOM: &[u8] = "\u{FEFF}".as_bytes();
    const NBSP: &[u8] = "\u{00A0}".as_bytes();
    const ZWSP: &[u8] = "\u{200B}".as_bytes();
    const AROUND: [(&[u8], &[u8]); 12] = [
        (b"", b"\n"),
        (b"", b"\r\n"),
        (b"", b" "),
        (b" ", b""),
        (BOM, b""),
        (BOM, b"\n"),
        (BOM, b"\r\n"),
        (b"", NBSP),
        (NBSP, b""),
        (b"", ZWSP),
        (ZWSP, b""),
        (b"", BOM),
    ];
    AROUND.into_iter().map(move |(before, after)| [before, secret, after].concat())
}

/// The first other secret (with the identifier), then the first other identifier (with the
/// secret), whose hash is `trimmed`.
fn candidate(
    identifier: &[u8],
    key: &Midstates,
    trimmed: &[u8],
    candidates: Candidates<'_>,
) -> Option<(CandidateKind, usize)> {
    if trimmed.len() != HASH_LEN {
        return None;
    }
    let secret = candidates.secrets.iter().position(|s| hex_of(&Midstates::new(s), identifier) == trimmed);
    let identifier = || candidates.identifiers.iter().position(|i| hex_of(key, i) == trimmed);
    secret.map(|i| (CandidateKind::Secret, i)).or_else(|| identifier().map(|i| (CandidateKind::Identifier, i)))
}
