//! Every `cw_` entry point through its `extern "C"` signature: the vectors, and every bad
//! input with its documented status (or `false`).
#![cfg(feature = "capi")] // tests the C entry points: `cargo test --features capi`

mod common;

use std::ffi::CStr;
use std::ptr::{null, null_mut};

use chatwoot_identity::ffi::*;
use common::vectors;

const DOC_SECRET: &[u8] = b"your-secret-token-for-hmac";
const DOC_ID: &[u8] = b"unique-identifier-of-the-user";
const DOC_HASH: &str = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c";

fn status_of(name: &str) -> CwStatus {
    match name {
        "EMPTY_SECRET" => CwStatus::EmptySecret,
        "SECRET_WHITESPACE" => CwStatus::SecretWhitespace,
        "SECRET_INVISIBLE" => CwStatus::SecretInvisible,
        "EMPTY_IDENTIFIER" => CwStatus::EmptyIdentifier,
        other => panic!("unexpected status {other}"),
    }
}

fn hash(secret: &[u8], id: &[u8], out: &mut [u8]) -> CwStatus {
    unsafe {
        cw_identifier_hash(secret.as_ptr(), secret.len(), id.as_ptr(), id.len(), out.as_mut_ptr().cast(), out.len())
    }
}

fn verify(secret: &[u8], id: &[u8], h: &[u8]) -> bool {
    unsafe { cw_verify(secret.as_ptr(), secret.len(), id.as_ptr(), id.len(), h.as_ptr().cast(), h.len()) }
}

struct Key(*mut CwKey);

impl Key {
    fn new(secret: &[u8]) -> Result<Key, CwStatus> {
        let mut key = null_mut();
        match unsafe { cw_key_new(secret.as_ptr(), secret.len(), &mut key) } {
            CwStatus::Ok => Ok(Key(key)),
            other => {
                assert!(key.is_null(), "out written on error");
                Err(other)
            }
        }
    }
    fn hash(&self, id: &[u8], out: &mut [u8]) -> CwStatus {
        unsafe { cw_key_identifier_hash(self.0, id.as_ptr(), id.len(), out.as_mut_ptr().cast(), out.len()) }
    }
    fn verify(&self, id: &[u8], h: &[u8]) -> bool {
        unsafe { cw_key_verify(self.0, id.as_ptr(), id.len(), h.as_ptr().cast(), h.len()) }
    }
    fn batch(&self, ids: &[u8], offsets: &[usize], count: usize, out: &mut [u8]) -> CwStatus {
        unsafe {
            cw_key_identifier_hash_batch(
                self.0,
                ids.as_ptr(),
                ids.len(),
                offsets.as_ptr(),
                count,
                out.as_mut_ptr().cast(),
                out.len(),
            )
        }
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        unsafe { cw_key_free(self.0) }
    }
}

#[test]
fn vectors_through_the_c_abi() {
    for case in vectors("hash") {
        let want = case.str("identifier_hash");
        let mut out = [0u8; 65];
        assert_eq!(hash(&case.secret, &case.identifier, &mut out), CwStatus::Ok, "{}", case.name);
        assert_eq!(&out[..64], want.as_bytes(), "{}", case.name);
        assert_eq!(out[64], 0, "{}: NUL after the hash", case.name);
        let key = Key::new(&case.secret).expect("valid secret");
        let mut out2 = [0u8; 64];
        assert_eq!(key.hash(&case.identifier, &mut out2), CwStatus::Ok);
        assert_eq!(&out2[..], want.as_bytes(), "{}", case.name);
        assert!(verify(&case.secret, &case.identifier, want.as_bytes()));
        assert!(key.verify(&case.identifier, want.as_bytes()));
    }
    for case in vectors("rejected") {
        let want = status_of(case.str("status"));
        assert_eq!(case.raw["code"].as_i64(), Some(want as i64), "{}: code pinned in vectors", case.name);
        let mut out = [b'?'; 65];
        assert_eq!(hash(&case.secret, &case.identifier, &mut out), want, "{}", case.name);
        assert!(out.iter().all(|&b| b == b'?'), "{}: output written on error", case.name);
        if let Ok(key) = Key::new(&case.secret) {
            assert_eq!(key.hash(&case.identifier, &mut out), want, "{}", case.name);
        }
    }
    for case in vectors("verify") {
        let valid = case.raw["valid"].as_bool().unwrap();
        let h = case.str("identifier_hash").as_bytes();
        assert_eq!(verify(&case.secret, &case.identifier, h), valid, "{}", case.name);
        if let Ok(key) = Key::new(&case.secret) {
            assert_eq!(key.verify(&case.identifier, h), valid, "{}", case.name);
        }
    }
}

#[test]
fn null_pointers_with_a_length_are_rejected() {
    let mut out = [0u8; 65];
    unsafe {
        // matrix: null-with-length
        assert_eq!(
            cw_identifier_hash(null(), 5, DOC_ID.as_ptr(), DOC_ID.len(), out.as_mut_ptr().cast(), 65),
            CwStatus::NullPointer
        );
        assert_eq!(
            cw_identifier_hash(DOC_SECRET.as_ptr(), DOC_SECRET.len(), null(), 3, out.as_mut_ptr().cast(), 65),
            CwStatus::NullPointer
        );
        assert_eq!(
            cw_identifier_hash(DOC_SECRET.as_ptr(), DOC_SECRET.len(), DOC_ID.as_ptr(), DOC_ID.len(), null_mut(), 65),
            CwStatus::NullPointer
        );
        assert!(!cw_verify(null(), 5, DOC_ID.as_ptr(), DOC_ID.len(), DOC_HASH.as_ptr().cast(), 64));
        assert!(!cw_verify(DOC_SECRET.as_ptr(), DOC_SECRET.len(), DOC_ID.as_ptr(), DOC_ID.len(), null(), 64));
        assert_eq!(cw_key_new(null(), 4, &mut null_mut()), CwStatus::NullPointer);
        assert_eq!(cw_key_new(DOC_SECRET.as_ptr(), DOC_SECRET.len(), null_mut()), CwStatus::NullPointer);
        assert_eq!(
            cw_key_identifier_hash(null(), DOC_ID.as_ptr(), DOC_ID.len(), out.as_mut_ptr().cast(), 65),
            CwStatus::NullPointer
        );
        assert!(!cw_key_verify(null(), DOC_ID.as_ptr(), DOC_ID.len(), DOC_HASH.as_ptr().cast(), 64));
        let key = Key::new(DOC_SECRET).unwrap();
        assert_eq!(cw_key_identifier_hash(key.0, null(), 2, out.as_mut_ptr().cast(), 65), CwStatus::NullPointer);
        assert_eq!(
            cw_key_identifier_hash_batch(key.0, null(), 4, [0usize, 4].as_ptr(), 1, out.as_mut_ptr().cast(), 64),
            CwStatus::NullPointer
        );
        assert_eq!(
            cw_key_identifier_hash_batch(key.0, b"abcd".as_ptr(), 4, null(), 1, out.as_mut_ptr().cast(), 64),
            CwStatus::NullPointer
        );
        assert_eq!(
            cw_key_identifier_hash_batch(
                null(),
                b"abcd".as_ptr(),
                4,
                [0usize, 4].as_ptr(),
                1,
                out.as_mut_ptr().cast(),
                64
            ),
            CwStatus::NullPointer
        );
        // matrix: null-zero-length
        // (NULL, 0) is an empty buffer: an empty secret or identifier, not a NULL error.
        assert_eq!(
            cw_identifier_hash(null(), 0, DOC_ID.as_ptr(), DOC_ID.len(), out.as_mut_ptr().cast(), 65),
            CwStatus::EmptySecret
        );
        assert_eq!(
            cw_identifier_hash(DOC_SECRET.as_ptr(), DOC_SECRET.len(), null(), 0, out.as_mut_ptr().cast(), 65),
            CwStatus::EmptyIdentifier
        );
        assert_eq!(
            cw_identifier_hash(DOC_SECRET.as_ptr(), DOC_SECRET.len(), DOC_ID.as_ptr(), DOC_ID.len(), null_mut(), 0),
            CwStatus::BufferTooSmall
        );
        assert!(!cw_verify(DOC_SECRET.as_ptr(), DOC_SECRET.len(), DOC_ID.as_ptr(), DOC_ID.len(), null(), 0));
        assert_eq!(cw_key_identifier_hash_batch(key.0, null(), 0, null(), 0, null_mut(), 0), CwStatus::Ok);
        cw_key_free(null_mut());
    }
}

#[test]
fn secrets_identifiers_and_buffers() {
    let mut out = [b'?'; 65];
    // matrix: empty-secret
    assert_eq!(hash(b"", DOC_ID, &mut out), CwStatus::EmptySecret);
    assert!(matches!(Key::new(b""), Err(CwStatus::EmptySecret)));
    // matrix: secret-whitespace
    for bad in [&b" secret"[..], b"secret ", b"secret\n", b"secret\r\n", b"\tsecret"] {
        assert_eq!(hash(bad, DOC_ID, &mut out), CwStatus::SecretWhitespace);
        assert!(matches!(Key::new(bad), Err(CwStatus::SecretWhitespace)));
        assert!(!verify(bad, DOC_ID, DOC_HASH.as_bytes()));
    }
    // matrix: empty-identifier
    assert_eq!(hash(DOC_SECRET, b"", &mut out), CwStatus::EmptyIdentifier);
    let key = Key::new(DOC_SECRET).unwrap();
    assert_eq!(key.hash(b"", &mut out), CwStatus::EmptyIdentifier);
    assert!(!key.verify(b"", DOC_HASH.as_bytes()));
    // matrix: buffer-too-small
    for len in [0, 1, 63] {
        assert_eq!(hash(DOC_SECRET, DOC_ID, &mut out[..len]), CwStatus::BufferTooSmall);
        assert_eq!(key.hash(DOC_ID, &mut out[..len]), CwStatus::BufferTooSmall);
    }
    assert!(out.iter().all(|&b| b == b'?'), "output written on error");
    // Exactly 64: the hash and no NUL; 65 or more: a NUL after it.
    assert_eq!(hash(DOC_SECRET, DOC_ID, &mut out[..64]), CwStatus::Ok);
    assert_eq!(&out[..64], DOC_HASH.as_bytes());
    assert_eq!(out[64], b'?');
    let mut big = [b'?'; 80];
    assert_eq!(key.hash(DOC_ID, &mut big), CwStatus::Ok);
    assert_eq!(big[64], 0);
    assert_eq!(big[65], b'?', "nothing written past the NUL");
}

#[test]
fn verify_is_exact() {
    let key = Key::new(DOC_SECRET).unwrap();
    let upper = DOC_HASH.to_uppercase();
    let padded = format!(" {DOC_HASH}\n");
    let with_nul = format!("{DOC_HASH}\0");
    // matrix: hash-wrong-length
    // matrix: uppercase-hash
    // matrix: hash-whitespace
    // matrix: non-hex-hash
    for bad in [&DOC_HASH[..63], upper.as_str(), padded.as_str(), with_nul.as_str(), &"g".repeat(64), ""] {
        assert!(!verify(DOC_SECRET, DOC_ID, bad.as_bytes()), "{bad:?}");
        assert!(!key.verify(DOC_ID, bad.as_bytes()), "{bad:?}");
    }
    assert!(verify(DOC_SECRET, DOC_ID, DOC_HASH.as_bytes()));
    assert!(key.verify(DOC_ID, DOC_HASH.as_bytes()));
}

#[test]
fn batch_through_the_c_abi() {
    let key = Key::new(DOC_SECRET).unwrap();
    let ids = b"unique-identifier-of-the-user42";
    let offsets = [0usize, 29, 31];
    let mut out = [b'?'; 128];
    assert_eq!(key.batch(ids, &offsets, 2, &mut out), CwStatus::Ok);
    assert_eq!(&out[..64], DOC_HASH.as_bytes());
    let mut one = [0u8; 64];
    key.hash(b"42", &mut one);
    assert_eq!(&out[64..], &one[..]);
    // matrix: batch-bad-offsets
    let mut untouched = [b'?'; 128];
    assert_eq!(key.batch(ids, &[0, 29, 28], 2, &mut untouched), CwStatus::InvalidOffsets);
    assert_eq!(key.batch(ids, &[0, 29, 32], 2, &mut untouched), CwStatus::InvalidOffsets);
    assert_eq!(key.batch(ids, &[0, 29, 29], 2, &mut untouched), CwStatus::EmptyIdentifier);
    assert_eq!(key.batch(ids, &offsets, 2, &mut untouched[..127]), CwStatus::BufferTooSmall);
    assert!(untouched.iter().all(|&b| b == b'?'));
    // A huge count cannot overflow the size computation.
    assert_eq!(
        unsafe {
            cw_key_identifier_hash_batch(
                key.0,
                ids.as_ptr(),
                ids.len(),
                offsets.as_ptr(),
                usize::MAX,
                untouched.as_mut_ptr().cast(),
                128,
            )
        },
        CwStatus::InvalidOffsets
    );
}

#[test]
fn messages_versions_and_codes() {
    let codes = [
        (0, CwStatus::Ok),
        (-1, CwStatus::NullPointer),
        (-2, CwStatus::EmptySecret),
        (-3, CwStatus::SecretWhitespace),
        (-4, CwStatus::EmptyIdentifier),
        (-5, CwStatus::BufferTooSmall),
        (-6, CwStatus::InvalidOffsets),
        (-7, CwStatus::InternalError),
        (-14, CwStatus::SecretInvisible),
    ];
    let mut seen = std::collections::HashSet::new();
    for (code, status) in codes {
        assert_eq!(status as i32, code, "status values are fixed forever");
        let msg = unsafe { CStr::from_ptr(cw_status_message(code)) }.to_str().unwrap();
        assert!(!msg.is_empty() && seen.insert(msg.to_owned()), "{code}: {msg}");
    }
    for unknown in [1, -15, i32::MIN, i32::MAX] {
        let msg = unsafe { CStr::from_ptr(cw_status_message(unknown)) }.to_str().unwrap();
        assert_eq!(msg, "unknown cw_status code");
    }
    assert_eq!(unsafe { CStr::from_ptr(cw_version()) }.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    assert_eq!(cw_abi_version(), CW_ABI_VERSION);
    assert_eq!(CW_HASH_LEN, 64);
}
