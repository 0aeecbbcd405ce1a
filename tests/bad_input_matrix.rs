//! The Rust column of docs/bad-input-matrix.md: what a Rust caller of the safe API gets
//! for each bad input (the `matrix: <row-id>` comments are read by scripts/check-matrix).
//! The C column is tests/c/test_api.c.
#![cfg(feature = "capi")] // tests the C entry points: `cargo test --features capi`

use chatwoot_identity::{explain, identifier_hash, verify, Error, IdentityKey, Verdict};
use hmac::{Hmac, Mac};

const SECRET: &[u8] = b"your-secret-token-for-hmac";
const ID: &[u8] = b"unique-identifier-of-the-user";
const HASH: &str = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c";

fn reference(secret: &[u8], identifier: &[u8]) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret).expect("any key length");
    mac.update(identifier);
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

fn key() -> IdentityKey {
    IdentityKey::new(SECRET).expect("the documented secret")
}

// matrix: null-with-length
#[test]
fn null_pointers_exist_only_at_the_c_boundary() {
    // A Rust slice is never NULL; the C entry points (callable from Rust too) refuse
    // (NULL, n > 0) with NullPointer, or false.
    use chatwoot_identity::ffi::{cw_identifier_hash, cw_verify, CwStatus};
    let mut out = [0u8; 65];
    let status = unsafe { cw_identifier_hash(std::ptr::null(), 5, ID.as_ptr(), ID.len(), out.as_mut_ptr().cast(), 65) };
    assert_eq!(status, CwStatus::NullPointer);
    assert!(!unsafe { cw_verify(SECRET.as_ptr(), SECRET.len(), ID.as_ptr(), ID.len(), std::ptr::null(), 64) });
}

// matrix: null-zero-length
#[test]
fn empty_slices_are_the_empty_inputs() {
    assert_eq!(identifier_hash(&[], ID), Err(Error::EmptySecret));
    assert_eq!(identifier_hash(SECRET, &[]), Err(Error::EmptyIdentifier));
    assert!(!verify(SECRET, ID, &[]));
}

// matrix: empty-secret
#[test]
fn an_empty_secret_is_empty_secret() {
    assert_eq!(identifier_hash(b"", ID), Err(Error::EmptySecret));
    assert_eq!(IdentityKey::new(b"").map(|_| ()), Err(Error::EmptySecret));
    assert!(!verify(b"", ID, HASH.as_bytes()));
    assert_eq!(explain(b"", ID, HASH.as_bytes()), Err(Error::EmptySecret));
}

// matrix: secret-whitespace
#[test]
fn whitespace_around_the_secret_is_secret_whitespace() {
    for padded in [
        &b"your-secret-token-for-hmac\n"[..],
        b"your-secret-token-for-hmac\r\n",
        b" your-secret-token-for-hmac",
        b"\tx",
    ] {
        assert_eq!(identifier_hash(padded, ID), Err(Error::SecretWhitespace));
        assert_eq!(IdentityKey::new(padded).map(|_| ()), Err(Error::SecretWhitespace));
        assert!(!verify(padded, ID, reference(padded, ID).as_bytes()), "a padded secret must never verify");
    }
}

// matrix: secret-invisible
#[test]
fn an_invisible_character_at_an_edge_of_the_secret_is_secret_invisible() {
    // Unicode White_Space beyond ASCII, format characters (Cf) and other default-ignorables.
    let invisible = [
        '\u{FEFF}',
        '\u{00A0}',
        '\u{200B}',
        '\u{200C}',
        '\u{200D}',
        '\u{2060}',
        '\u{3000}',
        '\u{2028}',
        '\u{2029}',
        '\u{1680}',
        '\u{2000}',
        '\u{2005}',
        '\u{200A}',
        '\u{202F}',
        '\u{205F}',
        '\u{0085}',
        '\u{00AD}',
        '\u{200E}',
        '\u{202E}',
        '\u{2066}',
        '\u{180E}',
        '\u{FE0F}',
        '\u{3164}',
        '\u{E0001}',
        '\u{E007F}',
    ];
    for c in invisible {
        for padded in
            [format!("{c}your-secret-token-for-hmac"), format!("your-secret-token-for-hmac{c}"), c.to_string()]
        {
            let padded = padded.as_bytes();
            let what = format!("U+{:04X} in {padded:?}", u32::from(c));
            assert_eq!(identifier_hash(padded, ID), Err(Error::SecretInvisible(c)), "{what}");
            assert_eq!(IdentityKey::new(padded).map(|_| ()), Err(Error::SecretInvisible(c)), "{what}");
            assert!(!verify(padded, ID, reference(padded, ID).as_bytes()), "{what}: must never verify");
            assert_eq!(
                explain(padded, ID, HASH.as_bytes()).map(|e| e.verdict),
                Ok(Verdict::SecretWhitespace),
                "{what}"
            );
            // Display names the character; message() (the C message) names only the classes.
            let err = Error::SecretInvisible(c);
            assert!(err.to_string().contains(&format!("(found U+{:04X}", u32::from(c))), "{err}");
            assert!(!err.message().contains("found"));
        }
    }
    assert_eq!(
        Error::SecretInvisible('\u{FEFF}').to_string().rsplit(" (").next(),
        Some("found U+FEFF, a byte-order mark)")
    );
    // ASCII whitespace is reported as before, even with an invisible character inside it.
    assert_eq!(identifier_hash("\u{FEFF}secret\n".as_bytes(), ID), Err(Error::SecretWhitespace));
}

// matrix: secret-invisible
#[test]
fn only_the_edges_and_only_utf8_are_checked() {
    // Inside the secret, visible non-ASCII letters, and raw key bytes that are not UTF-8 (RFC
    // 4231's keys, half a byte-order mark, a Latin-1 no-break space) all hash as given.
    for secret in [
        "your\u{00A0}secret\u{200B}token".as_bytes(),
        "sécret-é".as_bytes(),
        "日本語".as_bytes(),
        b"binary-key\xa0",
        b"\xef\xbbkey",
        b"key\xe2\x80",
        &[0xaa; 20],
        &[0x0b; 20],
        &[0x0c; 20],
        b"\x01\x02\x03",
    ] {
        assert_eq!(identifier_hash(secret, ID).map(|h| h.to_string()), Ok(reference(secret, ID)), "{secret:?}");
    }
}

// matrix: empty-identifier
#[test]
fn an_empty_identifier_is_empty_identifier() {
    assert_eq!(identifier_hash(SECRET, b""), Err(Error::EmptyIdentifier));
    assert_eq!(key().identifier_hash(b""), Err(Error::EmptyIdentifier));
    assert!(!key().verify(b"", reference(SECRET, b"").as_bytes()));
}

// matrix: identifier-1mib
#[test]
fn a_one_mib_identifier_hashes_like_the_hmac_crate() {
    let big: Vec<u8> = (0..1 << 20).map(|i| (i % 251) as u8).collect();
    let expected = reference(SECRET, &big);
    assert_eq!(identifier_hash(SECRET, &big).unwrap().as_str(), expected);
    assert_eq!(key().identifier_hash(&big).unwrap().as_str(), expected);
    assert!(key().verify(&big, expected.as_bytes()));
}

// matrix: non-utf8
#[test]
fn non_utf8_bytes_are_hashed_as_bytes() {
    let bytes = [0xff, 0xfe, 0x00, 0xc3, 0x28];
    assert!(std::str::from_utf8(std::hint::black_box(&bytes)).is_err());
    assert_eq!(identifier_hash(SECRET, &bytes).unwrap().as_str(), reference(SECRET, &bytes));
}

// matrix: hash-wrong-length
#[test]
fn a_hash_of_the_wrong_length_is_false() {
    for hash in [&HASH[..63], &format!("{HASH}0"), &HASH[..40], ""] {
        assert!(!verify(SECRET, ID, hash.as_bytes()));
        assert!(!key().verify(ID, hash.as_bytes()));
    }
}

// matrix: uppercase-hash
#[test]
fn an_uppercase_hash_is_false() {
    assert!(!verify(SECRET, ID, HASH.to_uppercase().as_bytes()));
    assert_eq!(explain(SECRET, ID, HASH.to_uppercase().as_bytes()).map(|e| e.verdict), Ok(Verdict::UppercaseHex));
}

// matrix: non-hex-hash
#[test]
fn a_non_hex_hash_is_false() {
    assert!(!verify(SECRET, ID, "z".repeat(64).as_bytes()));
    assert!(!key().verify(ID, format!("g{}", &HASH[1..]).as_bytes()));
}

// matrix: hash-whitespace
#[test]
fn a_hash_with_surrounding_whitespace_is_false() {
    for hash in [format!("{HASH}\n"), format!(" {HASH}"), format!("\t{HASH} ")] {
        assert!(!verify(SECRET, ID, hash.as_bytes()));
        assert_eq!(explain(SECRET, ID, hash.as_bytes()).map(|e| e.verdict), Ok(Verdict::HashWhitespace));
    }
}

// matrix: batch-bad-offsets
#[test]
fn batch_offsets_that_decrease_or_run_past_the_end_are_invalid_offsets() {
    let mut out = [0u8; 128];
    assert_eq!(key().identifier_hashes_into(b"abcdef", &[0, 4, 2], &mut out), Err(Error::InvalidOffsets));
    assert_eq!(key().identifier_hashes_into(b"abcdef", &[0, 3, 7], &mut out), Err(Error::InvalidOffsets));
    assert_eq!(key().identifier_hashes_into(b"abcdef", &[0, 3, 3], &mut out), Err(Error::EmptyIdentifier));
    assert!(out.iter().all(|&b| b == 0), "nothing is written on error");
}

// matrix: buffer-too-small
#[test]
fn a_batch_output_of_the_wrong_size_is_buffer_too_small() {
    let mut short = [0u8; 127];
    assert_eq!(key().identifier_hashes_into(b"abcdef", &[0, 3, 6], &mut short), Err(Error::BufferTooSmall));
    // Single hashes come back as an IdentifierHash: always exactly 64 lowercase hex bytes.
    let hash = key().identifier_hash(ID).unwrap();
    assert_eq!(hash.as_str(), HASH);
}

// matrix: key-double-free
#[test]
fn a_key_is_dropped_exactly_once_by_ownership() {
    // There is no free in the Rust API: a second drop does not compile. Clones are
    // independent keys, each wiped when it is dropped.
    let key = key();
    let copy = key.clone();
    drop(key);
    assert_eq!(copy.identifier_hash(ID).unwrap().as_str(), HASH);
}

// matrix: close-mid-call
#[test]
fn a_key_cannot_be_freed_while_a_call_uses_it() {
    // Ownership makes it impossible: a call borrows the key, and a key cannot be dropped
    // while borrowed (that does not compile). Shared through an Arc, dropping one handle
    // while another thread hashes leaves the key alive until the last handle goes.
    let shared = std::sync::Arc::new(key());
    let worker = {
        let key = std::sync::Arc::clone(&shared);
        std::thread::spawn(move || (0..20_000).all(|_| key.identifier_hash(ID).is_ok_and(|h| h.as_str() == HASH)))
    };
    drop(shared);
    assert!(worker.join().unwrap(), "a hash went wrong after another handle was dropped");
    let owned = key();
    std::thread::scope(|s| {
        let key = &owned;
        let threads: Vec<_> = (0..4).map(|_| s.spawn(move || key.identifier_hash(ID).unwrap())).collect();
        assert!(threads.into_iter().all(|t| t.join().unwrap().as_str() == HASH));
    });
}

// matrix: non-unicode-string
#[test]
fn a_string_that_is_not_unicode_is_hashed_as_its_bytes() {
    // The API takes &[u8]: a &str is valid UTF-8 by construction, and bytes that are not
    // (an OsStr from the environment or a file name) are hashed exactly as given.
    use std::os::unix::ffi::OsStrExt;
    let os = std::ffi::OsStr::from_bytes(b"user-\xff\xfe");
    assert!(os.to_str().is_none(), "not valid Unicode");
    assert_eq!(identifier_hash(SECRET, os.as_bytes()).unwrap().as_str(), reference(SECRET, os.as_bytes()));
    assert_eq!(key().identifier_hash(os.as_encoded_bytes()).unwrap().as_str(), reference(SECRET, b"user-\xff\xfe"));
    assert!(String::from_utf8(b"user-\xff".to_vec()).is_err(), "a String cannot hold it");
}
