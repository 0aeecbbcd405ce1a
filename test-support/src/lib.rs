//! The checks behind the fuzz targets: one function per C entry point, each calling it
//! through its `extern "C"` signature with inputs carved from the fuzzer's bytes, and
//! checking the result against the `hmac` crate (an implementation independent of this
//! library) or against the status the header documents.
//!
//! Each fuzz target (`fuzz/fuzz_targets/*.rs`) is one line calling its check here, and this
//! crate's test `tests/fuzz_corpus.rs` replays the committed corpus (`fuzz/corpus/<target>/`)
//! through the same checks on stable Rust in `make test`.
//!
//! Input layout: the first byte (or two) are flags choosing NULL pointers, output sizes
//! and variants; then length-prefixed chunks (one length byte each); the last piece takes
//! the rest. Outputs are pre-filled with `FILL` to check they are written only on success.

use chatwoot_identity::ffi::*;
use chatwoot_identity::Verdict;
use core::ffi::CStr;
use core::ptr::{null, null_mut, NonNull};
use hmac::{Hmac, Mac};

const FILL: u8 = 0xAA;
const HASH_LEN: usize = 64;
/// Output sizes worth trying: empty, too small by one, exact, with a NUL, larger.
const OUT_LENS: [usize; 8] = [0, 1, 63, 64, 65, 66, 128, 200];
/// The secret used when a target needs a valid key and the input's secret is not one.
const FALLBACK_SECRET: &[u8] = b"7Zd3VqYtF9xPa2kLmN4bRcHs";

/// The fuzzer's bytes, consumed front to back.
struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn bytes(&mut self, n: usize) -> &'a [u8] {
        let (head, tail) = self.0.split_at(n.min(self.0.len()));
        self.0 = tail;
        head
    }

    /// A chunk prefixed by its one-byte length.
    fn chunk(&mut self) -> &'a [u8] {
        let n = self.byte() as usize;
        self.bytes(n)
    }

    fn rest(self) -> &'a [u8] {
        self.0
    }
}

/// The expected `identifier_hash`, from the `hmac` crate.
pub fn reference_hash(secret: &[u8], identifier: &[u8]) -> [u8; HASH_LEN] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(identifier);
    let mut hex = [0u8; HASH_LEN];
    for (i, b) in mac.finalize().into_bytes().iter().enumerate() {
        hex[2 * i] = HEX[(b >> 4) as usize];
        hex[2 * i + 1] = HEX[(b & 15) as usize];
    }
    hex
}

/// Why the header refuses `secret`, if it does.
fn secret_error(secret: &[u8]) -> Option<CwStatus> {
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    match (secret.first(), secret.last()) {
        (None, _) | (_, None) => Some(CwStatus::EmptySecret),
        (Some(first), Some(last)) if space(first) || space(last) => Some(CwStatus::SecretWhitespace),
        _ if edge_chars(secret).into_iter().flatten().any(invisible) => Some(CwStatus::SecretInvisible),
        _ => None,
    }
}

/// The first and the last character of `secret` where its edges are UTF-8 (std's decoder).
fn edge_chars(secret: &[u8]) -> [Option<char>; 2] {
    let n = secret.len().min(4);
    let first = (1..=n).find_map(|k| std::str::from_utf8(&secret[..k]).ok().and_then(|s| s.chars().next()));
    let last =
        (1..=n).find_map(|k| std::str::from_utf8(&secret[secret.len() - k..]).ok().and_then(|s| s.chars().last()));
    [first, last]
}

/// The documented set: non-ASCII Unicode White_Space, format characters (Cf) and the other
/// default-ignorable code points (Unicode 16 tables, written out here independently).
fn invisible(c: char) -> bool {
    const RANGES: [(u32, u32); 25] = [
        (0x00AD, 0x00AD),
        (0x034F, 0x034F),
        (0x0600, 0x0605),
        (0x061C, 0x061C),
        (0x06DD, 0x06DD),
        (0x070F, 0x070F),
        (0x0890, 0x0891),
        (0x08E2, 0x08E2),
        (0x115F, 0x1160),
        (0x17B4, 0x17B5),
        (0x180B, 0x180F),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x206F),
        (0x3164, 0x3164),
        (0xFE00, 0xFE0F),
        (0xFEFF, 0xFEFF),
        (0xFFA0, 0xFFA0),
        (0xFFF0, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x1343F),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0000, 0xE0FFF),
    ];
    let white_space = matches!(
        c,
        '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    );
    white_space || RANGES.iter().any(|&(lo, hi)| (lo..=hi).contains(&u32::from(c)))
}

/// `bytes` as a C input buffer, or NULL with the same length when `null` is set.
fn c_in(bytes: &[u8], null_ptr: bool) -> *const u8 {
    if null_ptr {
        null()
    } else {
        bytes.as_ptr()
    }
}

/// A caller's output buffer of `len` bytes (plus slack to catch writes past `len`).
fn out_buffer(len: usize) -> Vec<u8> {
    vec![FILL; len + 16]
}

fn c_out(buf: &mut [u8], null_ptr: bool) -> *mut core::ffi::c_char {
    if null_ptr {
        null_mut()
    } else {
        buf.as_mut_ptr().cast()
    }
}

fn untouched(buf: &[u8]) -> bool {
    buf.iter().all(|&b| b == FILL)
}

/// A single-hash output after a call that should have given `want`.
fn check_single_output(
    status: CwStatus,
    want: Result<(), CwStatus>,
    out: &[u8],
    out_len: usize,
    right: &[u8; HASH_LEN],
) {
    match want {
        Ok(()) => {
            assert_eq!(status, CwStatus::Ok);
            assert_eq!(&out[..HASH_LEN], right, "wrong hash");
            let written = if out_len > HASH_LEN {
                assert_eq!(out[HASH_LEN], 0, "no NUL after the hash although out_len > 64");
                HASH_LEN + 1
            } else {
                HASH_LEN
            };
            assert!(untouched(&out[written..]), "wrote past the hash (and its NUL)");
        }
        Err(e) => {
            assert_eq!(status, e);
            assert!(untouched(out), "output written on error");
        }
    }
}

/// `cw_identifier_hash`: flags, secret chunk, identifier = rest.
pub fn check_identifier_hash(data: &[u8]) {
    let mut input = Input(data);
    let flags = input.byte();
    let out_len = OUT_LENS[(flags & 7) as usize];
    let (null_secret, null_id, null_out) = (flags & 8 != 0, flags & 16 != 0, flags & 32 != 0);
    let secret = input.chunk();
    let identifier = input.rest();

    // The documented order: NULL pointers, the secret, the identifier, the output size.
    let want =
        if (null_secret && !secret.is_empty()) || (null_id && !identifier.is_empty()) || (null_out && out_len > 0) {
            Err(CwStatus::NullPointer)
        } else if let Some(e) = secret_error(secret) {
            Err(e)
        } else if identifier.is_empty() {
            Err(CwStatus::EmptyIdentifier)
        } else if out_len < HASH_LEN {
            Err(CwStatus::BufferTooSmall)
        } else {
            Ok(())
        };
    let mut out = out_buffer(out_len);
    let status = unsafe {
        cw_identifier_hash(
            c_in(secret, null_secret),
            secret.len(),
            c_in(identifier, null_id),
            identifier.len(),
            c_out(&mut out, null_out),
            out_len,
        )
    };
    check_single_output(status, want, &out, out_len, &reference_hash(secret, identifier));
}

/// A candidate hash derived from the right one (or not) by `mode`.
fn candidate(mode: u8, right: &[u8; HASH_LEN], extra: &[u8]) -> Vec<u8> {
    let at = extra.first().map_or(0, |&b| b as usize % HASH_LEN);
    let with = extra.get(1).copied().unwrap_or(b'0');
    match mode % 8 {
        0 => extra.to_vec(),
        1 => right.to_vec(),
        2 => {
            let mut c = right.to_vec();
            c[at] ^= with | 1; // always a different byte
            c
        }
        3 => right.to_ascii_uppercase(),
        4 => [&right[..], extra].concat(),
        5 => right[..at].to_vec(),
        6 => [extra, &right[..]].concat(),
        _ => {
            let mut c = right.to_vec();
            c[at] = with; // sometimes the same byte: then it is still right
            c
        }
    }
}

/// `cw_verify`: flags, secret chunk, identifier chunk, rest shapes the candidate hash.
pub fn check_verify(data: &[u8]) {
    let mut input = Input(data);
    let flags = input.byte();
    let (null_secret, null_id, null_hash) = (flags & 1 != 0, flags & 2 != 0, flags & 4 != 0);
    let secret = input.chunk();
    let identifier = input.chunk();
    let right = reference_hash(secret, identifier);
    let hash = candidate(flags >> 3, &right, input.rest());

    let nulls =
        (null_secret && !secret.is_empty()) || (null_id && !identifier.is_empty()) || (null_hash && !hash.is_empty());
    let want = !nulls && secret_error(secret).is_none() && !identifier.is_empty() && hash[..] == right[..];
    let got = unsafe {
        cw_verify(
            c_in(secret, null_secret),
            secret.len(),
            c_in(identifier, null_id),
            identifier.len(),
            c_in(&hash, null_hash).cast(),
            hash.len(),
        )
    };
    assert_eq!(got, want, "cw_verify");
}

/// `cw_key_new` and `cw_key_free`: flags, secret = rest.
pub fn check_key_new(data: &[u8]) {
    let mut input = Input(data);
    let flags = input.byte();
    let (null_secret, null_out) = (flags & 1 != 0, flags & 2 != 0);
    let secret = input.rest();
    let want = if null_out || (null_secret && !secret.is_empty()) {
        Err(CwStatus::NullPointer)
    } else {
        secret_error(secret).map_or(Ok(()), Err)
    };
    let sentinel = NonNull::<CwKey>::dangling().as_ptr();
    let mut key = sentinel;
    let out: *mut *mut CwKey = if null_out { null_mut() } else { &mut key };
    let status = unsafe { cw_key_new(c_in(secret, null_secret), secret.len(), out) };
    match want {
        Ok(()) => {
            assert_eq!(status, CwStatus::Ok);
            assert!(!key.is_null() && key != sentinel, "no key on success");
            let mut hash = [FILL; HASH_LEN + 1];
            let probe = b"fuzz-probe-identifier";
            let st = unsafe {
                cw_key_identifier_hash(key, probe.as_ptr(), probe.len(), hash.as_mut_ptr().cast(), hash.len())
            };
            assert_eq!(st, CwStatus::Ok);
            assert_eq!(hash[..HASH_LEN], reference_hash(secret, probe), "the key hashes wrong");
            unsafe { cw_key_free(key) };
        }
        Err(e) => {
            assert_eq!(status, e);
            assert_eq!(key, sentinel, "*out written on error");
        }
    }
    unsafe { cw_key_free(null_mut()) };
}

/// A key for the keyed targets: the input's secret when valid, else the fallback.
struct Key {
    ptr: *mut CwKey,
    secret: Vec<u8>,
}

impl Key {
    fn new(secret: &[u8]) -> Key {
        let secret = if secret_error(secret).is_none() { secret } else { FALLBACK_SECRET };
        let mut ptr = null_mut();
        let status = unsafe { cw_key_new(secret.as_ptr(), secret.len(), &mut ptr) };
        assert_eq!(status, CwStatus::Ok);
        Key { ptr, secret: secret.to_vec() }
    }

    fn or_null(&self, null_key: bool) -> *const CwKey {
        if null_key {
            null()
        } else {
            self.ptr
        }
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        unsafe { cw_key_free(self.ptr) };
    }
}

/// `cw_key_identifier_hash`: flags, secret chunk, identifier = rest.
pub fn check_key_identifier_hash(data: &[u8]) {
    let mut input = Input(data);
    let flags = input.byte();
    let out_len = OUT_LENS[(flags & 7) as usize];
    let (null_key, null_id, null_out) = (flags & 8 != 0, flags & 16 != 0, flags & 32 != 0);
    let key = Key::new(input.chunk());
    let identifier = input.rest();
    // Like cw_identifier_hash: NULL pointers, the identifier, the output size.
    let want = if null_key || (null_id && !identifier.is_empty()) || (null_out && out_len > 0) {
        Err(CwStatus::NullPointer)
    } else if identifier.is_empty() {
        Err(CwStatus::EmptyIdentifier)
    } else if out_len < HASH_LEN {
        Err(CwStatus::BufferTooSmall)
    } else {
        Ok(())
    };
    let mut out = out_buffer(out_len);
    let status = unsafe {
        cw_key_identifier_hash(
            key.or_null(null_key),
            c_in(identifier, null_id),
            identifier.len(),
            c_out(&mut out, null_out),
            out_len,
        )
    };
    check_single_output(status, want, &out, out_len, &reference_hash(&key.secret, identifier));
}

/// `cw_key_verify`: flags, secret chunk, identifier chunk, rest shapes the candidate hash.
pub fn check_key_verify(data: &[u8]) {
    let mut input = Input(data);
    let flags = input.byte();
    let (null_key, null_id, null_hash) = (flags & 1 != 0, flags & 2 != 0, flags & 4 != 0);
    let key = Key::new(input.chunk());
    let identifier = input.chunk();
    let right = reference_hash(&key.secret, identifier);
    let hash = candidate(flags >> 3, &right, input.rest());
    let nulls = null_key || (null_id && !identifier.is_empty()) || (null_hash && !hash.is_empty());
    let want = !nulls && !identifier.is_empty() && hash[..] == right[..];
    let got = unsafe {
        cw_key_verify(
            key.or_null(null_key),
            c_in(identifier, null_id),
            identifier.len(),
            c_in(&hash, null_hash).cast(),
            hash.len(),
        )
    };
    assert_eq!(got, want, "cw_key_verify");
}

/// `cw_key_identifier_hash_batch`: two flag bytes, secret chunk, one byte per offset,
/// identifiers = rest. Offsets are mostly well-formed (from lengths) and sometimes raw.
pub fn check_key_identifier_hash_batch(data: &[u8]) {
    let mut input = Input(data);
    let flags = input.byte();
    let flags2 = input.byte();
    let count = (flags & 7) as usize;
    let offsets_mode = (flags >> 3) & 3;
    let (null_key, null_ids, null_offsets, null_out) =
        (flags2 & 8 != 0, flags2 & 16 != 0, flags2 & 32 != 0, flags2 & 64 != 0);
    let key = Key::new(input.chunk());
    let start = (input.byte() % 4) as usize;
    let shape: Vec<u8> = (0..count).map(|_| input.byte()).collect();
    let identifiers = input.rest();

    let mut offsets = Vec::with_capacity(count + 1);
    match offsets_mode {
        // Raw offsets: anything, often decreasing or past the end.
        0 => {
            offsets.push(start);
            offsets.extend(shape.iter().map(|&b| b as usize));
        }
        // Lengths, where a zero length is an empty identifier.
        1 => {
            offsets.push(start);
            for &b in &shape {
                offsets.push(offsets.last().unwrap() + (b % 8) as usize);
            }
        }
        // Non-empty lengths.
        _ => {
            offsets.push(start);
            for &b in &shape {
                offsets.push(offsets.last().unwrap() + (b % 16) as usize + 1);
            }
        }
    }
    let need = count * HASH_LEN;
    let out_len = match flags2 & 7 {
        0 | 1 => need,
        2 => need.saturating_sub(1),
        3 => need + 1,
        4 => 0,
        5 => HASH_LEN,
        6 => need + HASH_LEN,
        _ => need / 2,
    };

    // Every status the header allows for these inputs (it does not order them all).
    let mut allowed = Vec::new();
    let decreasing = offsets.windows(2).any(|w| w[0] > w[1]);
    let past_end = offsets.iter().any(|&o| o > identifiers.len());
    let empty = offsets.windows(2).any(|w| w[0] == w[1]);
    if null_key || (null_ids && !identifiers.is_empty()) {
        allowed.push(CwStatus::NullPointer);
    }
    if count == 0 {
        // count 0 reads nothing but the key: OK unless the key (or a buffer) is NULL.
        if !null_key {
            allowed.push(CwStatus::Ok);
        }
    } else {
        if null_offsets || (null_out && out_len > 0) {
            allowed.push(CwStatus::NullPointer);
        }
        if out_len < need {
            allowed.push(CwStatus::BufferTooSmall);
        }
        if decreasing || past_end {
            allowed.push(CwStatus::InvalidOffsets);
        }
        if empty {
            allowed.push(CwStatus::EmptyIdentifier);
        }
        if allowed.is_empty() {
            allowed.push(CwStatus::Ok);
        }
    }

    let mut out = out_buffer(out_len);
    let status = unsafe {
        cw_key_identifier_hash_batch(
            key.or_null(null_key),
            c_in(identifiers, null_ids),
            identifiers.len(),
            if null_offsets { null() } else { offsets.as_ptr() },
            count,
            c_out(&mut out, null_out),
            out_len,
        )
    };
    assert!(
        allowed.contains(&status),
        "batch returned {status:?}, allowed {allowed:?} (offsets {offsets:?}, {} bytes)",
        identifiers.len()
    );
    if status == CwStatus::Ok {
        for (i, w) in offsets.windows(2).enumerate() {
            let right = reference_hash(&key.secret, &identifiers[w[0]..w[1]]);
            assert_eq!(out[HASH_LEN * i..HASH_LEN * (i + 1)], right, "batch hash {i} wrong");
        }
        assert!(untouched(&out[need..]), "batch wrote past count * 64 bytes");
    } else {
        assert!(untouched(&out), "batch wrote output on error");
    }
}

/// `cw_status_message`: a status code from the first four bytes.
pub fn check_status_message(data: &[u8]) {
    let mut code = [0u8; 4];
    let n = data.len().min(4);
    code[..n].copy_from_slice(&data[..n]);
    let code = i32::from_le_bytes(code);
    let message = cw_status_message(code);
    assert!(!message.is_null());
    assert_eq!(message, cw_status_message(code), "messages are static");
    let text = unsafe { CStr::from_ptr(message) }.to_str().expect("messages are UTF-8");
    assert!(text.is_ascii() && !text.is_empty() && text.len() < 300, "odd message {text:?}");
    let unknown = cw_status_message(i32::MAX);
    if (-13..=0).contains(&code) {
        assert_ne!(message, unknown, "code {code} has the unknown-status message");
    } else {
        assert_eq!(message, unknown, "unknown code {code} has a known message");
    }
}

/// The same bytes without the whitespace a copy-paste adds around them.
fn trim(bytes: &[u8]) -> &[u8] {
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let start = bytes.iter().position(|b| !space(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !space(b)).map_or(start, |i| i + 1);
    &bytes[start..end]
}

/// `cw_explain`: flags, secret chunk, identifier chunk, rest shapes the hash (also as the
/// raw digest, the swapped-arguments hash, or the hash under a candidate secret or
/// identifier taken from the rest, which explain names), or passes a NULL `out`.
pub fn check_explain(data: &[u8]) {
    let mut input = Input(data);
    let flags = input.byte();
    let (null_secret, null_id, null_hash) = (flags & 1 != 0, flags & 2 != 0, flags & 4 != 0);
    let secret = input.chunk();
    let identifier = input.chunk();
    let right = reference_hash(secret, identifier);
    let mode = (flags >> 3) % 17;
    let (mut other_secrets, mut other_identifiers): (Vec<&[u8]>, Vec<&[u8]>) =
        (vec![b"7Zd3VqYtF9xPa2kLmN4bRcHs"], vec![b"42"]);
    let hash = match mode {
        0..=7 => candidate(mode, &right, input.rest()),
        8 | 9 => (0..HASH_LEN / 2)
            .map(|i| u8::from_str_radix(core::str::from_utf8(&right[2 * i..2 * i + 2]).unwrap(), 16).unwrap())
            .collect(),
        10 | 11 => reference_hash(identifier, secret).to_vec(),
        14 => {
            let other = input.rest();
            other_secrets.push(other);
            reference_hash(other, identifier).to_vec()
        }
        15 => {
            let other = input.rest();
            other_identifiers.push(other);
            reference_hash(secret, other).to_vec()
        }
        _ => identifier.to_vec(),
    };
    let null_out = mode == 16;
    let bytes = |list: &[&[u8]]| list.iter().map(|b| CwBytes { ptr: b.as_ptr(), len: b.len() }).collect::<Vec<_>>();
    let (secrets_c, identifiers_c) = (bytes(&other_secrets), bytes(&other_identifiers));
    let candidates = CwCandidates {
        secrets: secrets_c.as_ptr(),
        secrets_count: secrets_c.len(),
        identifiers: identifiers_c.as_ptr(),
        identifiers_count: identifiers_c.len(),
    };
    let untouched = CwExplanation { verdict: -99, candidate_kind: -99, candidate_index: 99 };
    let mut out = untouched;
    let out_ptr = if null_out { null_mut() } else { &mut out as *mut CwExplanation };
    let status = unsafe {
        cw_explain(
            c_in(secret, null_secret),
            secret.len(),
            c_in(identifier, null_id),
            identifier.len(),
            c_in(&hash, null_hash).cast(),
            hash.len(),
            &candidates,
            out_ptr,
        )
    };
    let nulls = null_out
        || (null_secret && !secret.is_empty())
        || (null_id && !identifier.is_empty())
        || (null_hash && !hash.is_empty());
    let want_status = if nulls {
        CwStatus::NullPointer
    } else if trim(secret).is_empty() {
        CwStatus::EmptySecret
    } else if identifier.is_empty() {
        CwStatus::EmptyIdentifier
    } else {
        CwStatus::Ok
    };
    assert_eq!(status, want_status, "explain returned status {status:?}");
    let verified = unsafe {
        cw_verify(
            c_in(secret, null_secret),
            secret.len(),
            c_in(identifier, null_id),
            identifier.len(),
            c_in(&hash, null_hash).cast(),
            hash.len(),
        )
    };
    if status != CwStatus::Ok {
        assert_eq!(out, untouched, "explanation written with status {status:?}");
        assert!(!verified, "verify accepted what explain refused");
        return;
    }
    let verdict = Verdict::ALL
        .into_iter()
        .find(|&v| v as i32 == out.verdict)
        .unwrap_or_else(|| panic!("explain found an unknown verdict {}", out.verdict));
    let name = unsafe { CStr::from_ptr(cw_verdict_name(out.verdict)) }.to_str().expect("UTF-8 name");
    assert_eq!(name, verdict.name());
    assert_eq!(verdict == Verdict::Match, verified, "explain and verify disagree ({name})");
    let trimmed = trim(&hash).to_ascii_lowercase();
    let want = if trimmed.is_empty() {
        Some(Verdict::BlankHash)
    } else if secret_error(secret).is_some() {
        Some(Verdict::SecretWhitespace)
    } else if hash[..] == right[..] {
        Some(Verdict::Match)
    } else if hash.to_ascii_lowercase()[..] == right[..] {
        Some(Verdict::UppercaseHex)
    } else if trimmed[..] == right[..] {
        Some(Verdict::HashWhitespace)
    } else {
        None
    };
    // A candidate is named exactly when the verdict is other_candidate, and it reproduces the hash.
    assert_eq!(
        out.candidate_kind != CwCandidateKind::None as i32,
        verdict == Verdict::OtherCandidate,
        "{name} with a candidate"
    );
    if verdict == Verdict::OtherCandidate {
        let reproduced = if out.candidate_kind == CwCandidateKind::Secret as i32 {
            reference_hash(other_secrets[out.candidate_index], identifier)
        } else {
            assert_eq!(out.candidate_kind, CwCandidateKind::Identifier as i32);
            reference_hash(secret, other_identifiers[out.candidate_index])
        };
        assert_eq!(trimmed[..], reproduced[..], "the named candidate does not reproduce the hash");
    } else {
        assert_eq!(out.candidate_index, 0);
    }
    match want {
        Some(want) => assert_eq!(verdict, want, "explain gave {name}"),
        None => {
            // The guesses after the first five depend on the library's heuristics; the
            // format verdicts must at least describe the hash correctly.
            let first_five = [
                Verdict::BlankHash,
                Verdict::SecretWhitespace,
                Verdict::Match,
                Verdict::UppercaseHex,
                Verdict::HashWhitespace,
            ];
            assert!(!first_five.contains(&verdict), "explain gave {name}");
            let hex = !trimmed.is_empty() && trimmed.iter().all(u8::is_ascii_hexdigit);
            match verdict {
                Verdict::NotHex => assert!(!hex, "not_hex for a hex hash"),
                Verdict::Mismatch => assert!(hex && trimmed.len() == HASH_LEN, "mismatch for a malformed hash"),
                Verdict::OtherAlgorithm => assert!(hex && [32, 40, 56, 96, 128].contains(&trimmed.len())),
                Verdict::WrongLength => assert!(hex && ![32, 40, 56, 64, 96, 128].contains(&trimmed.len())),
                Verdict::RawDigest => assert_eq!(hash.len(), HASH_LEN / 2),
                Verdict::TokenAsHash => {
                    assert!(trimmed.len() == 24 || trim(&hash) == secret || other_secrets.contains(&trim(&hash)))
                }
                _ => {}
            }
        }
    }
}

/// `cw_verdict_name` and `cw_verdict_message`: a verdict code from the first four bytes.
pub fn check_verdict_strings(data: &[u8]) {
    let mut code = [0u8; 4];
    let n = data.len().min(4);
    code[..n].copy_from_slice(&data[..n]);
    let code = i32::from_le_bytes(code);
    let (name, message) = (cw_verdict_name(code), cw_verdict_message(code));
    assert!(!name.is_null() && !message.is_null());
    assert_eq!((name, message), (cw_verdict_name(code), cw_verdict_message(code)), "strings are static");
    let name = unsafe { CStr::from_ptr(name) }.to_str().expect("UTF-8 name");
    let message = unsafe { CStr::from_ptr(message) }.to_str().expect("UTF-8 message");
    assert!(!message.is_empty() && message.is_ascii() && message.len() < 400, "odd message {message:?}");
    assert!(
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
        "odd name {name:?}"
    );
    let unknown = unsafe { CStr::from_ptr(cw_verdict_message(i32::MAX)) }.to_str().unwrap();
    if (0..=19).contains(&code) {
        assert_ne!(name, "unknown", "verdict {code} has no name");
        assert_ne!(message, unknown, "verdict {code} has the unknown message");
    } else {
        assert_eq!(name, "unknown", "unknown verdict {code} is named {name}");
        assert_eq!(message, unknown);
    }
}

/// How many render inputs produced a payload (the random test checks it reaches the escaping).
pub static RENDERED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The renderer's escaping promise: none of these in the JSON of a script or payload.
fn assert_html_safe_json(json: &str) {
    for bad in ['<', '>', '&', '\'', '\u{2028}', '\u{2029}'] {
        assert!(!json.contains(bad), "{bad:?} left raw in rendered JSON {json:?}");
    }
}

/// Calls a render function with the required-size protocol: first with no buffer, then
/// with exactly the size it asked for. Returns the status and the text on success.
fn render_two_calls(
    call: impl Fn(*mut core::ffi::c_char, usize, *mut usize) -> CwStatus,
) -> (CwStatus, Option<String>) {
    let mut need = usize::MAX;
    let status = call(null_mut(), 0, &mut need);
    if status != CwStatus::BufferTooSmall {
        assert_eq!(need, usize::MAX, "*out_len written on {status:?}");
        return (status, None);
    }
    assert!(need > 0 && need < 1 << 20, "odd required size {need}");
    let mut buf = vec![FILL; need + 1];
    let mut len = usize::MAX;
    assert_eq!(call(buf.as_mut_ptr().cast(), need - 1, &mut len), CwStatus::BufferTooSmall, "one byte short");
    assert_eq!(len, need, "the required size changed");
    assert!(untouched(&buf), "wrote into a too-small buffer");
    let status = call(buf.as_mut_ptr().cast(), need, &mut len);
    assert_eq!(status, CwStatus::Ok, "the size it asked for was not enough");
    assert_eq!(len + 1, need);
    assert_eq!(buf[len], 0, "no NUL terminator");
    assert_eq!(buf[need], FILL, "wrote past the required size");
    assert!(!buf[..len].contains(&0), "NUL inside the text");
    (status, Some(String::from_utf8(buf[..len].to_vec()).expect("UTF-8 output")))
}

/// The fields JSON for a render input: raw fuzzer bytes, or an object built from fuzzer
/// strings (so most inputs reach the escaping code).
fn render_fields(mode: u8, input: &mut Input<'_>) -> Vec<u8> {
    let text = |b: &[u8]| serde_json::Value::String(String::from_utf8_lossy(b).into_owned());
    if mode & 1 == 0 {
        return input.chunk().to_vec();
    }
    let mut object = serde_json::Map::new();
    let keys = ["name", "email", "avatar_url", "phone_number", "description", "company_name", "country_code", "city"];
    for (i, key) in keys.iter().enumerate() {
        if mode & (2 << (i % 3)) != 0 || i == 0 {
            object.insert(key.to_string(), text(input.chunk()));
        }
    }
    if mode & 16 != 0 {
        let mut custom = serde_json::Map::new();
        custom.insert(String::from_utf8_lossy(input.chunk()).into_owned(), text(input.chunk()));
        custom.insert("n".into(), serde_json::json!(input.byte() as i64 - 100));
        custom.insert("b".into(), serde_json::Value::Bool(mode & 32 != 0));
        object.insert("custom_attributes".into(), serde_json::Value::Object(custom));
    }
    serde_json::to_vec(&object).expect("a map serializes")
}

/// `cw_key_set_user_script`, `cw_key_set_user_payload`, `cw_reset_script`: flags, mode,
/// identifier chunk, nonce chunk, then the fields. Never a panic; on success the payload
/// parses as JSON with the identifier as a string and the right hash, and the script is the
/// fixed template around two JSON literals that parse and hold no `<`, `>`, `&`, `'`,
/// U+2028 or U+2029 (so `</script` and `<!--` cannot appear in them).
pub fn check_render(data: &[u8]) {
    let mut input = Input(data);
    let flags = input.byte();
    let mode = input.byte();
    let key = Key::new(b"");
    let identifier = input.chunk();
    let nonce: &[u8] = if flags & 1 != 0 { input.chunk() } else { b"" };
    let fields = render_fields(mode, &mut input);
    let (null_key, null_id) = (flags & 2 != 0, flags & 4 != 0);
    let id_ptr = c_in(identifier, null_id);
    let k = key.or_null(null_key);

    let nonce_ok = nonce.iter().all(|&b| b.is_ascii_alphanumeric() || b"+/=-_".contains(&b));
    let ident = core::str::from_utf8(identifier).ok().filter(|s| !s.is_empty());
    let nulls = null_key || (null_id && !identifier.is_empty());

    let (status, payload) = render_two_calls(|out, cap, len| unsafe {
        cw_key_set_user_payload(k, id_ptr, identifier.len(), fields.as_ptr(), fields.len(), out, cap, len)
    });
    if nulls {
        assert_eq!(status, CwStatus::NullPointer);
    } else if identifier.is_empty() {
        assert_eq!(status, CwStatus::EmptyIdentifier);
    } else if ident.is_none() {
        assert_eq!(status, CwStatus::InvalidIdentifier);
    }
    if let Some(payload) = &payload {
        RENDERED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        assert_html_safe_json(payload);
        let value: serde_json::Value = serde_json::from_str(payload).expect("the payload is JSON");
        assert_eq!(value["identifier"].as_str(), ident, "identifier not a byte-exact string");
        let hash = reference_hash(&key.secret, identifier);
        assert_eq!(value["identifier_hash"].as_str().map(str::as_bytes), Some(&hash[..]));
    } else if !nulls && ident.is_some() {
        let allowed =
            [CwStatus::InvalidJson, CwStatus::UnknownField, CwStatus::InvalidFieldValue, CwStatus::MissingContactField];
        assert!(allowed.contains(&status), "payload returned {status:?}");
    }

    let (script_status, script) = render_two_calls(|out, cap, len| unsafe {
        cw_key_set_user_script(
            k,
            id_ptr,
            identifier.len(),
            fields.as_ptr(),
            fields.len(),
            nonce.as_ptr(),
            nonce.len(),
            out,
            cap,
            len,
        )
    });
    if nulls {
        assert_eq!(script_status, CwStatus::NullPointer);
    } else if !nonce_ok {
        assert_eq!(script_status, CwStatus::InvalidNonce);
    } else {
        assert_eq!(script_status, status, "script and payload disagree");
    }
    if let Some(script) = script {
        let payload: serde_json::Value = serde_json::from_str(payload.as_deref().expect("payload too")).unwrap();
        check_script_text(&script, nonce, &payload);
    }

    let (reset_status, reset) =
        render_two_calls(|out, cap, len| unsafe { cw_reset_script(nonce.as_ptr(), nonce.len(), out, cap, len) });
    assert_eq!(reset_status == CwStatus::Ok, nonce_ok, "reset returned {reset_status:?}");
    if let Some(reset) = reset {
        assert!(reset.ends_with(READY_TAIL) && reset.contains(" w.$chatwoot.reset(); "), "{reset}");
        assert_eq!(reset.matches("</script").count(), 1);
    }
}

/// How both scripts end: run now when the widget has loaded and no reset is reloading it.
const READY_TAIL: &str = "var s = w.__chatwootIdentity; if (w.$chatwoot && w.$chatwoot.hasLoaded && !(s && s.reloading)) { run(); } else if (s && s.reloading) { w.addEventListener(\"chatwoot-identity:reloaded\", run, { once: true }); } else { w.addEventListener(\"chatwoot:ready\", run, { once: true }); } })(window);</script>";

/// The set-user call, `FP` standing for the payload's fingerprint.
const SET_USER_CALL: &str = "var d = document, t = w.$chatwoot.websiteToken, mine = \"cw_identity_\" + t, gone = \"cw_user_\" + t + \"=; path=/; max-age=0\"; if (d.cookie.split(\"; \").indexOf(mine + \"=FP\") === -1) { d.cookie = gone; if (w.$chatwoot.baseDomain) { d.cookie = gone + \"; domain=\" + w.$chatwoot.baseDomain; } } w.$chatwoot.setUser(identifier, user); d.cookie = mine + \"=FP; path=/; max-age=31536000; SameSite=Lax\";";

/// The script is the fixed template with the nonce and two JSON literals, which parse and
/// agree with the payload.
fn check_script_text(script: &str, nonce: &[u8], payload: &serde_json::Value) {
    let open = if nonce.is_empty() {
        "<script>".to_string()
    } else {
        format!("<script nonce=\"{}\">", String::from_utf8_lossy(nonce))
    };
    let head = format!("{open}(function (w) {{ var identifier = ");
    let body = script
        .strip_prefix(&head)
        .and_then(|s| s.strip_suffix(READY_TAIL))
        .unwrap_or_else(|| panic!("not the template: {script:?}"));
    let (literals, call) = body.split_once("; function run() { ").expect("the run function");
    let call = call.strip_suffix(" } ").expect("the end of run");
    let fingerprint =
        call.split_once("indexOf(mine + \"=").and_then(|(_, rest)| rest.get(..32)).expect("a fingerprint");
    assert!(fingerprint.bytes().all(|b| b.is_ascii_hexdigit()), "{call}");
    assert_eq!(call, SET_USER_CALL.replace("FP", fingerprint), "not the set-user call");
    let (identifier, user) = literals.split_once(", user = ").expect("two literals");
    // The one member the script writes as a computed key, so that it is an own property.
    let user = &user.replace("[\"__proto__\"]:", "\"__proto__\":");
    assert_html_safe_json(identifier);
    assert_html_safe_json(user);
    assert!(!script.contains('\u{2028}') && !script.contains('\u{2029}'));
    assert_eq!(script.matches("</script").count(), 1, "a second </script");
    assert!(!script.contains("<!--"));
    let identifier: serde_json::Value = serde_json::from_str(identifier).expect("identifier literal is JSON");
    let mut user: serde_json::Value = serde_json::from_str(user).expect("user literal is JSON");
    assert_eq!(identifier, payload["identifier"]);
    user["identifier"] = identifier;
    assert_eq!(&user, payload, "script and payload carry different fields");
}
