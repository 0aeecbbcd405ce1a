//! Every verdict of explain(), through the Rust API and the C ABI.

mod common;

use std::ffi::CStr;

use base64::Engine;
use chatwoot_identity::ffi::{cw_explain, cw_verdict_message, cw_verdict_name, CwVerdict};
use chatwoot_identity::{explain, Verdict};
use common::reference;

const SECRET: &[u8] = b"your-secret-token-for-hmac";
const ID: &[u8] = b"unique-identifier-of-the-user";

fn good() -> String {
    reference(SECRET, ID)
}

/// One example per verdict: (secret, identifier, hash, expected verdict).
fn examples() -> Vec<(Vec<u8>, Vec<u8>, Vec<u8>, Verdict)> {
    let g = good();
    let raw = hex::decode(&g).unwrap();
    let c = |s: &[u8], i: &[u8], h: &[u8], v| (s.to_vec(), i.to_vec(), h.to_vec(), v);
    vec![
        c(b"", ID, g.as_bytes(), Verdict::InvalidSecret),
        c(b" \n", ID, g.as_bytes(), Verdict::InvalidSecret),
        c(SECRET, b"", g.as_bytes(), Verdict::EmptyIdentifier),
        c(SECRET, ID, g.as_bytes(), Verdict::Match),
        c(SECRET, ID, g.to_uppercase().as_bytes(), Verdict::UppercaseHex),
        c(SECRET, ID, format!("{g}\n").as_bytes(), Verdict::HashWhitespace),
        c(SECRET, ID, format!(" {g} ").as_bytes(), Verdict::HashWhitespace),
        c(b"your-secret-token-for-hmac\n", ID, g.as_bytes(), Verdict::SecretWhitespace),
        c(SECRET, ID, reference(ID, SECRET).as_bytes(), Verdict::SwappedArguments),
        c(SECRET, ID, ID, Verdict::HashIsIdentifier),
        c(SECRET, g.as_bytes(), g.as_bytes(), Verdict::HashIsIdentifier),
        c(SECRET, g.as_bytes(), reference(SECRET, b"x").as_bytes(), Verdict::IdentifierIsHash),
        c(SECRET, ID, base64::engine::general_purpose::STANDARD.encode(&raw).as_bytes(), Verdict::Base64),
        c(SECRET, ID, base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&raw).as_bytes(), Verdict::Base64),
        c(SECRET, ID, &raw, Verdict::RawDigest),
        c(SECRET, b"42", reference(SECRET, b"42.0").as_bytes(), Verdict::IdentifierFormat),
        c(SECRET, b"42.0", reference(SECRET, b"42").as_bytes(), Verdict::IdentifierFormat),
        c(SECRET, b"Jane@Example.com", reference(SECRET, b"jane@example.com").as_bytes(), Verdict::IdentifierFormat),
        c(SECRET, b" user-7 ", reference(SECRET, b"user-7").as_bytes(), Verdict::IdentifierFormat),
        c(SECRET, b"user-7", reference(SECRET, b"user-7\n").as_bytes(), Verdict::IdentifierFormat),
        c(SECRET, ID, "a".repeat(40).as_bytes(), Verdict::OtherAlgorithm),
        c(SECRET, ID, "b".repeat(128).as_bytes(), Verdict::OtherAlgorithm),
        c(SECRET, ID, "z".repeat(64).as_bytes(), Verdict::NotHex),
        c(SECRET, ID, b"", Verdict::NotHex),
        c(SECRET, ID, &g.as_bytes()[..63], Verdict::WrongLength),
        c(SECRET, ID, reference(b"another-inbox-token", ID).as_bytes(), Verdict::Mismatch),
    ]
}

#[test]
fn every_verdict_has_an_example_through_rust_and_c() {
    let mut seen = std::collections::HashSet::new();
    for (secret, identifier, hash, want) in examples() {
        assert_eq!(explain(&secret, &identifier, &hash), want, "{:?}", String::from_utf8_lossy(&hash));
        let c = unsafe { cw_explain(secret.as_ptr(), secret.len(), identifier.as_ptr(), identifier.len(), hash.as_ptr().cast(), hash.len()) };
        assert_eq!(c, CwVerdict::from(want));
        seen.insert(want);
    }
    let c = unsafe { cw_explain(std::ptr::null(), 3, ID.as_ptr(), ID.len(), std::ptr::null(), 0) };
    assert_eq!(c, CwVerdict::NullPointer);
    seen.insert(Verdict::NullPointer);
    for v in Verdict::ALL {
        assert!(seen.contains(&v), "no example for {v:?}");
    }
}

#[test]
fn only_match_verifies() {
    for (secret, identifier, hash, want) in examples() {
        assert_eq!(chatwoot_identity::verify(&secret, &identifier, &hash), want == Verdict::Match, "{want:?}");
    }
}

#[test]
fn names_and_messages_are_distinct_and_stable() {
    let mut names = std::collections::HashSet::new();
    for v in Verdict::ALL {
        let code = CwVerdict::from(v) as i32;
        let name = unsafe { CStr::from_ptr(cw_verdict_name(code)) }.to_str().unwrap();
        let message = unsafe { CStr::from_ptr(cw_verdict_message(code)) }.to_str().unwrap();
        assert_eq!(name, v.name());
        assert_eq!(message, v.message());
        assert!(names.insert(name), "duplicate name {name}");
        assert!(message.len() > 20);
    }
    let pinned = [("match", 0), ("uppercase_hex", 1), ("hash_whitespace", 2), ("secret_whitespace", 3), ("swapped_arguments", 4), ("hash_is_identifier", 5), ("identifier_is_hash", 6), ("base64", 7), ("raw_digest", 8), ("identifier_format", 9), ("other_algorithm", 10), ("not_hex", 11), ("wrong_length", 12), ("mismatch", 13), ("null_pointer", -1), ("invalid_secret", -2), ("empty_identifier", -3)];
    for (name, code) in pinned {
        assert_eq!(unsafe { CStr::from_ptr(cw_verdict_name(code)) }.to_str().unwrap(), name, "verdict values are fixed forever");
    }
    assert_eq!(unsafe { CStr::from_ptr(cw_verdict_name(-4)) }.to_str().unwrap(), "internal_error");
    assert_eq!(unsafe { CStr::from_ptr(cw_verdict_name(99)) }.to_str().unwrap(), "unknown");
    assert_eq!(unsafe { CStr::from_ptr(cw_verdict_message(99)) }.to_str().unwrap(), "unknown cw_verdict value");
}

#[test]
fn explain_vectors() {
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors.json")).unwrap()).unwrap();
    for case in common::vectors("explain") {
        let hash = hex::decode(case.str("hash_hex")).unwrap();
        let got = explain(&case.secret, &case.identifier, &hash);
        assert_eq!(got.name(), case.str("verdict"), "{}", case.name);
        assert_eq!(CwVerdict::from(got) as i64, case.raw["code"].as_i64().unwrap(), "{}", case.name);
        assert_eq!(doc["verdicts"][got.name()].as_i64(), case.raw["code"].as_i64(), "{}", case.name);
    }
}
