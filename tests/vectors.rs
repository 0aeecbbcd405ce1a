//! Every case of tests/vectors.json through the Rust API, checked against the file and
//! against the `hmac` crate.

mod common;

use chatwoot_identity::{identifier_hash, verify, Error, IdentityKey};
use common::{reference, status_name, vectors};

#[test]
fn hash_cases_match_the_file_and_the_hmac_crate() {
    for case in vectors("hash") {
        let expected = case.str("identifier_hash");
        assert_eq!(
            reference(&case.secret, &case.identifier),
            expected,
            "{}: vectors disagree with the hmac crate",
            case.name
        );
        let one_shot = identifier_hash(&case.secret, &case.identifier).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        assert_eq!(one_shot.as_str(), expected, "{}", case.name);
        let key = IdentityKey::new(&case.secret).expect("valid secret");
        assert_eq!(
            key.identifier_hash(&case.identifier).expect("valid identifier").as_str(),
            expected,
            "{}",
            case.name
        );
        assert!(verify(&case.secret, &case.identifier, expected.as_bytes()), "{}", case.name);
        assert!(key.verify(&case.identifier, expected.as_bytes()), "{}", case.name);
    }
}

#[test]
fn rejected_cases_return_their_error_and_never_verify() {
    for case in vectors("rejected") {
        let want = case.str("status");
        let err = identifier_hash(&case.secret, &case.identifier).expect_err(&case.name);
        assert_eq!(status_name(err), want, "{}", case.name);
        if let Error::SecretInvisible(found) = err {
            // Display names the character found (never the rest of the secret); message() does not.
            let shown = err.to_string();
            assert!(shown.contains(&format!("(found U+{:04X}", u32::from(found))), "{}: {shown}", case.name);
            assert!(!shown.contains("your-secret") && !err.message().contains("found"), "{}: {shown}", case.name);
            assert!(
                case.name.contains(&format!("U+{:04X}", u32::from(found))) || case.name.contains("byte-order mark"),
                "{}",
                case.name
            );
        }
        let good = reference(&case.secret, &case.identifier);
        assert!(!verify(&case.secret, &case.identifier, good.as_bytes()), "{}: verify must fail closed", case.name);
        match IdentityKey::new(&case.secret) {
            Ok(key) => {
                let err = key.identifier_hash(&case.identifier).expect_err(&case.name);
                assert_eq!(status_name(err), want, "{}", case.name);
                assert!(!key.verify(&case.identifier, good.as_bytes()), "{}", case.name);
            }
            Err(e) => assert_eq!(status_name(e), want, "{}", case.name),
        }
    }
}

#[test]
fn verify_cases_give_the_expected_answer() {
    for case in vectors("verify") {
        let valid = case.raw["valid"].as_bool().expect("valid");
        let hash = case.str("identifier_hash").as_bytes();
        assert_eq!(verify(&case.secret, &case.identifier, hash), valid, "{}", case.name);
        if let Ok(key) = IdentityKey::new(&case.secret) {
            assert_eq!(key.verify(&case.identifier, hash), valid, "{}", case.name);
        }
    }
}

#[test]
fn documented_sample() {
    let hash = identifier_hash(b"your-secret-token-for-hmac", b"unique-identifier-of-the-user").expect("valid");
    assert_eq!(hash.to_string(), "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c");
}
