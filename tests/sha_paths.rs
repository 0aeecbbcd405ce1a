//! Differential tests of both SHA-256 paths (portable and SHA-NI, single and 2-way
//! interleaved) against the `hmac` crate, on every padding edge and on random lengths.
//! Both paths run here whichever one this CPU would pick for the public API.
#![cfg(feature = "capi")] // tests the C entry points: `cargo test --features capi`

use chatwoot_identity::{__private as private, identifier_hash, IdentityKey};
use hmac::{Hmac, Mac};
use rand::{rngs::StdRng, Rng, SeedableRng};
use sha2::Sha256;

/// The independent reference: the `hmac` crate, hex-encoded.
fn reference(secret: &[u8], identifier: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(identifier);
    hex::encode(mac.finalize().into_bytes())
}

fn text(hex: &[u8; 64]) -> &str {
    std::str::from_utf8(hex).expect("hex is ASCII")
}

/// Lengths around every place the padding changes shape: a tail of 55 bytes is the last
/// that fits one block with its 0x80 and 8-byte length, 56..63 spill into a second block,
/// and the same again one and two whole blocks later.
const EDGES: &[usize] = &[
    0, 1, 8, 29, 54, 55, 56, 57, 63, 64, 65, 118, 119, 120, 121, 127, 128, 129, 183, 184, 191, 192, 193, 247, 248, 255,
    256, 257, 300,
];

/// Secrets of every shape HMAC treats differently: short, exactly one block, longer than
/// a block (hashed first), and the documented sample.
fn secrets() -> Vec<Vec<u8>> {
    vec![
        b"your-secret-token-for-hmac".to_vec(),
        b"k".to_vec(),
        vec![0xa5; 64],
        (0..65u8).collect(),
        (0..=255u8).cycle().take(300).collect(),
        Vec::new(),
    ]
}

fn message(rng: &mut StdRng, len: usize) -> Vec<u8> {
    (0..len).map(|_| rng.gen()).collect()
}

/// Without SHA-NI the SHA-NI functions must say so rather than compute anything; on
/// x86_64 we also say loudly that only one path was exercised.
fn shani_or_note() -> bool {
    let available = private::shani_available();
    if !available {
        eprintln!("note: this CPU has no SHA-NI: only the portable path is tested here");
        assert!(private::identifier_hash_shani(b"k", b"x").is_none());
        assert!(private::identifier_hash_pair_shani(b"k", [b"x", b"y"]).is_none());
    }
    available
}

#[test]
fn documented_sample_on_both_paths() {
    let (secret, identifier) = (b"your-secret-token-for-hmac", b"unique-identifier-of-the-user");
    let expected = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c";
    assert_eq!(reference(secret, identifier), expected);
    assert_eq!(text(&private::identifier_hash_portable(secret, identifier)), expected);
    if shani_or_note() {
        assert_eq!(text(&private::identifier_hash_shani(secret, identifier).unwrap()), expected);
        let [a, b] = private::identifier_hash_pair_shani(secret, [identifier, identifier]).unwrap();
        assert_eq!((text(&a), text(&b)), (expected, expected));
    }
}

#[test]
fn single_paths_match_hmac_crate_on_every_length_0_to_300() {
    let mut rng = StdRng::seed_from_u64(7);
    let shani = shani_or_note();
    for secret in secrets() {
        for len in 0..=300 {
            let identifier = message(&mut rng, len);
            let expected = reference(&secret, &identifier);
            let portable = private::identifier_hash_portable(&secret, &identifier);
            assert_eq!(text(&portable), expected, "portable, len {len}, secret len {}", secret.len());
            if shani {
                let fast = private::identifier_hash_shani(&secret, &identifier).unwrap();
                assert_eq!(text(&fast), expected, "SHA-NI, len {len}, secret len {}", secret.len());
            }
        }
    }
}

#[test]
fn interleaved_pairs_match_on_every_pair_of_padding_edges() {
    // Includes pairs whose inner hashes need different numbers of blocks (55 with 56,
    // 0 with 300...), where one stream finishes alone.
    let mut rng = StdRng::seed_from_u64(29);
    if !shani_or_note() {
        return;
    }
    for secret in secrets() {
        for &la in EDGES {
            for &lb in EDGES {
                let (a, b) = (message(&mut rng, la), message(&mut rng, lb));
                let [ha, hb] = private::identifier_hash_pair_shani(&secret, [&a, &b]).unwrap();
                assert_eq!(text(&ha), reference(&secret, &a), "first of ({la}, {lb})");
                assert_eq!(text(&hb), reference(&secret, &b), "second of ({la}, {lb})");
            }
        }
    }
}

#[test]
fn interleaved_pairs_match_on_random_lengths() {
    let mut rng = StdRng::seed_from_u64(55);
    if !shani_or_note() {
        return;
    }
    for _ in 0..3000 {
        let len = rng.gen_range(1..=100);
        let secret = message(&mut rng, len);
        let (la, lb) = (rng.gen_range(0..=300), rng.gen_range(0..=300));
        let (a, b) = (message(&mut rng, la), message(&mut rng, lb));
        let [ha, hb] = private::identifier_hash_pair_shani(&secret, [&a, &b]).unwrap();
        assert_eq!(text(&ha), reference(&secret, &a), "first of ({la}, {lb})");
        assert_eq!(text(&hb), reference(&secret, &b), "second of ({la}, {lb})");
    }
}

#[test]
fn public_api_matches_hmac_crate_on_random_lengths() {
    // Whatever path the CPU picks: one-shot, keyed and batch.
    let mut rng = StdRng::seed_from_u64(120);
    for _ in 0..300 {
        let len = rng.gen_range(1..=80);
        let mut secret = message(&mut rng, len);
        // The public API refuses secrets with surrounding whitespace; keep them printable.
        secret.iter_mut().for_each(|b| *b = b'!' + *b % 90);
        let len = rng.gen_range(1..=300);
        let identifier = message(&mut rng, len);
        let expected = reference(&secret, &identifier);
        assert_eq!(identifier_hash(&secret, &identifier).unwrap().as_str(), expected);
        let key = IdentityKey::new(&secret).unwrap();
        assert_eq!(key.identifier_hash(&identifier).unwrap().as_str(), expected);
        assert!(key.verify(&identifier, expected.as_bytes()));
    }
}

#[test]
fn batch_matches_hmac_crate_for_odd_and_even_counts() {
    let mut rng = StdRng::seed_from_u64(56);
    let secret = b"your-secret-token-for-hmac";
    let key = IdentityKey::new(secret).unwrap();
    for count in [1usize, 2, 3, 4, 5, 16, 17, 101] {
        let identifiers: Vec<Vec<u8>> = (0..count)
            .map(|i| {
                // Mix padding edges and random lengths, so pairs differ in block counts.
                let len = if i % 2 == 0 { EDGES[(i / 2) % EDGES.len()].max(1) } else { rng.gen_range(1..=300) };
                message(&mut rng, len)
            })
            .collect();
        let mut offsets = vec![0usize];
        for identifier in &identifiers {
            offsets.push(offsets.last().unwrap() + identifier.len());
        }
        let mut out = vec![0u8; 64 * count];
        key.identifier_hashes_into(&identifiers.concat(), &offsets, &mut out).unwrap();
        for (i, (identifier, hex)) in identifiers.iter().zip(out.chunks_exact(64)).enumerate() {
            assert_eq!(std::str::from_utf8(hex).unwrap(), reference(secret, identifier), "count {count}, index {i}");
        }
    }
}

/// cw_sha256_backend() names the path the public API takes on this CPU.
#[test]
fn backend_names_the_path_taken() {
    let name = unsafe { std::ffi::CStr::from_ptr(chatwoot_identity::ffi::cw_sha256_backend()) };
    let name = name.to_str().expect("ASCII");
    if private::shani_available() {
        assert_eq!(name, "sha-ni");
    } else if cfg!(target_arch = "aarch64") {
        assert!(name == "armv8-sha2" || name == "portable", "{name}");
    } else {
        assert_eq!(name, "portable");
    }
}
