//! The Rust API beyond the vectors: differential testing, batch, redaction, threads.

mod common;

use chatwoot_identity::{identifier_hash, Error, IdentityKey, HASH_LEN};
use common::reference;
use rand::{Rng, SeedableRng};

#[test]
fn differential_against_the_hmac_crate() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(0xC4A7_0001);
    for _ in 0..20_000 {
        let secret_len = rng.gen_range(1..=200);
        let mut secret: Vec<u8> = (0..secret_len).map(|_| rng.gen()).collect();
        // Keep the edges out of the rejected sets (ASCII whitespace, and the UTF-8 of an invisible
        // character such as C2 85, U+0085): a visible ASCII byte at each end, random inside.
        for b in [0, secret_len - 1] {
            if !secret[b].is_ascii_graphic() {
                secret[b] = b'!' + secret[b] % 94;
            }
        }
        let identifier: Vec<u8> = (0..rng.gen_range(1..=300)).map(|_| rng.gen()).collect();
        let want = reference(&secret, &identifier);
        assert_eq!(identifier_hash(&secret, &identifier).unwrap().as_str(), want);
        assert_eq!(IdentityKey::new(&secret).unwrap().identifier_hash(&identifier).unwrap().as_str(), want);
    }
}

#[test]
fn batch_equals_one_by_one() {
    let key = IdentityKey::new(b"7Zd3VqYtF9xPa2kLmN4bRcHs").unwrap();
    let ids: Vec<String> = (0..10_000).map(|i| format!("user-{}", i * 7919 % 100_003).repeat(1 + i % 20)).collect();
    let mut bytes = Vec::new();
    let mut offsets = vec![0];
    for id in &ids {
        bytes.extend_from_slice(id.as_bytes());
        offsets.push(bytes.len());
    }
    let mut out = vec![0u8; ids.len() * HASH_LEN];
    key.identifier_hashes_into(&bytes, &offsets, &mut out).unwrap();
    for (id, hex) in ids.iter().zip(out.chunks_exact(HASH_LEN)) {
        assert_eq!(hex, key.identifier_hash(id.as_bytes()).unwrap().as_bytes());
    }
}

#[test]
fn batch_rejects_bad_offsets_and_writes_nothing() {
    let key = IdentityKey::new(b"secret").unwrap();
    let mut out = [b'?'; 2 * HASH_LEN];
    // matrix: batch-bad-offsets
    assert_eq!(key.identifier_hashes_into(b"abcd", &[0, 3, 2], &mut out), Err(Error::InvalidOffsets));
    assert_eq!(key.identifier_hashes_into(b"abcd", &[0, 2, 5], &mut out), Err(Error::InvalidOffsets));
    assert_eq!(key.identifier_hashes_into(b"abcd", &[], &mut out[..0]), Err(Error::InvalidOffsets));
    assert_eq!(key.identifier_hashes_into(b"abcd", &[0, 0, 4], &mut out), Err(Error::EmptyIdentifier));
    assert_eq!(key.identifier_hashes_into(b"abcd", &[0, 2, 4], &mut out[..64]), Err(Error::BufferTooSmall));
    assert!(out.iter().all(|&b| b == b'?'), "output written on error");
    assert_eq!(key.identifier_hashes_into(b"abcd", &[4], &mut []), Ok(()));
}

#[test]
fn debug_never_shows_the_secret() {
    let key = IdentityKey::new(b"super-secret-token").unwrap();
    let shown = format!("{key:?} {key:#?}");
    assert!(!shown.contains("super-secret-token"), "{shown}");
    assert!(shown.contains("redacted"));
}

#[test]
fn errors_carry_a_sentence_without_caller_data() {
    for e in [
        Error::EmptySecret,
        Error::SecretWhitespace,
        Error::EmptyIdentifier,
        Error::BufferTooSmall,
        Error::InvalidOffsets,
        Error::InvalidNonce,
    ] {
        assert!(e.to_string().len() > 20, "{e:?} has no real message");
        assert_eq!(e.to_string(), e.message());
    }
    let err = identifier_hash(b"my-secret\n", b"42").unwrap_err();
    assert_eq!(err, Error::SecretWhitespace);
    assert!(!err.to_string().contains("my-secret"));
}

#[test]
fn large_and_binary_identifiers() {
    let key = IdentityKey::new(b"secret").unwrap();
    // matrix: identifier-1mib
    let big = vec![b'a'; 1 << 20];
    assert_eq!(key.identifier_hash(&big).unwrap().as_str(), reference(b"secret", &big));
    // matrix: non-utf8
    let binary = [0xff, 0x00, 0xfe, 0x80];
    assert_eq!(key.identifier_hash(&binary).unwrap().as_str(), reference(b"secret", &binary));
}

#[test]
fn a_key_is_shared_between_threads() {
    let key = IdentityKey::new(b"7Zd3VqYtF9xPa2kLmN4bRcHs").unwrap();
    std::thread::scope(|s| {
        for t in 0..4 {
            let key = &key;
            s.spawn(move || {
                for i in 0..5_000 {
                    let id = format!("thread-{t}-user-{i}");
                    assert_eq!(
                        key.identifier_hash(id.as_bytes()).unwrap().as_str(),
                        reference(b"7Zd3VqYtF9xPa2kLmN4bRcHs", id.as_bytes())
                    );
                }
            });
        }
    });
}
