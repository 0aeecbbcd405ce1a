//! Every verdict of explain(), through the Rust API and the C ABI, in the documented order.
#![cfg(feature = "capi")] // tests the C entry points: `cargo test --features capi`

mod common;

use std::ffi::CStr;

use base64::Engine;
use chatwoot_identity::ffi::{
    cw_explain, cw_verdict_message, cw_verdict_name, CwBytes, CwCandidateKind, CwCandidates, CwExplanation, CwStatus,
};
use chatwoot_identity::{explain, explain_with_candidates, CandidateKind, Candidates, Error, Explanation, Verdict};
use common::reference;
use sha2::Digest;

const SECRET: &[u8] = b"your-secret-token-for-hmac";
const ID: &[u8] = b"unique-identifier-of-the-user";

fn good() -> String {
    reference(SECRET, ID)
}

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(data))
}

/// One example: inputs, candidates and what explain must find.
struct Example {
    secret: Vec<u8>,
    identifier: Vec<u8>,
    hash: Vec<u8>,
    secrets: Vec<Vec<u8>>,
    identifiers: Vec<Vec<u8>>,
    want: Verdict,
    candidate: Option<(CandidateKind, usize)>,
}

fn ex(secret: &[u8], identifier: &[u8], hash: impl AsRef<[u8]>, want: Verdict) -> Example {
    Example {
        secret: secret.to_vec(),
        identifier: identifier.to_vec(),
        hash: hash.as_ref().to_vec(),
        secrets: vec![],
        identifiers: vec![],
        want,
        candidate: None,
    }
}

fn examples() -> Vec<Example> {
    let g = good();
    let raw = hex::decode(&g).unwrap();
    let big = b"12345678901234567891";
    let rotated = vec![b"another-inbox-token".to_vec(), b"the-token-before-rotation".to_vec()];
    vec![
        ex(SECRET, ID, b"", Verdict::BlankHash),
        ex(SECRET, ID, b" \t\r\n", Verdict::BlankHash),
        ex(b"your-secret-token-for-hmac\n", ID, b"", Verdict::BlankHash),
        ex(b"your-secret-token-for-hmac\n", ID, &g, Verdict::SecretWhitespace),
        ex("\u{FEFF}your-secret-token-for-hmac".as_bytes(), ID, &g, Verdict::SecretWhitespace),
        ex("your-secret-token-for-hmac\u{00A0}".as_bytes(), ID, &g, Verdict::SecretWhitespace),
        ex("\u{FEFF}".as_bytes(), ID, &g, Verdict::SecretWhitespace),
        ex(SECRET, ID, reference("\u{FEFF}your-secret-token-for-hmac".as_bytes(), ID), Verdict::PaddedSecret),
        ex(SECRET, ID, reference("\u{FEFF}your-secret-token-for-hmac\r\n".as_bytes(), ID), Verdict::PaddedSecret),
        ex(SECRET, ID, reference("\u{FEFF}your-secret-token-for-hmac\n".as_bytes(), ID), Verdict::PaddedSecret),
        ex(SECRET, ID, reference("your-secret-token-for-hmac\u{FEFF}".as_bytes(), ID), Verdict::PaddedSecret),
        ex(SECRET, ID, reference("your-secret-token-for-hmac\u{00A0}".as_bytes(), ID), Verdict::PaddedSecret),
        ex(SECRET, ID, reference("\u{00A0}your-secret-token-for-hmac".as_bytes(), ID), Verdict::PaddedSecret),
        ex(SECRET, ID, reference("your-secret-token-for-hmac\u{200B}".as_bytes(), ID), Verdict::PaddedSecret),
        ex(SECRET, ID, reference("\u{200B}your-secret-token-for-hmac".as_bytes(), ID), Verdict::PaddedSecret),
        ex(SECRET, ID, &g, Verdict::Match),
        ex(SECRET, ID, g.to_uppercase(), Verdict::UppercaseHex),
        ex(SECRET, ID, format!("{g}\n"), Verdict::HashWhitespace),
        ex(SECRET, ID, format!(" {g} "), Verdict::HashWhitespace),
        ex(SECRET, ID, reference(ID, SECRET), Verdict::SwappedArguments),
        ex(SECRET, ID, ID, Verdict::HashIsIdentifier),
        ex(SECRET, g.as_bytes(), &g, Verdict::HashIsIdentifier),
        ex(SECRET, g.as_bytes(), reference(SECRET, b"x"), Verdict::IdentifierIsHash),
        ex(SECRET, ID, base64::engine::general_purpose::STANDARD.encode(&raw), Verdict::Base64),
        ex(SECRET, ID, base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&raw), Verdict::Base64),
        ex(SECRET, ID, &raw, Verdict::RawDigest),
        ex(SECRET, b"42", reference(SECRET, b"42.0"), Verdict::IdentifierFormat),
        ex(SECRET, b"42.0", reference(SECRET, b"42"), Verdict::IdentifierFormat),
        ex(SECRET, b"Jane@Example.com", reference(SECRET, b"jane@example.com"), Verdict::IdentifierFormat),
        ex(SECRET, b" user-7 ", reference(SECRET, b"user-7"), Verdict::IdentifierFormat),
        ex(SECRET, b"user-7", reference(SECRET, b"user-7\n"), Verdict::IdentifierFormat),
        ex(SECRET, ID, reference(b"your-secret-token-for-hmac\n", ID), Verdict::PaddedSecret),
        ex(SECRET, ID, reference(b"your-secret-token-for-hmac\r\n", ID), Verdict::PaddedSecret),
        ex(SECRET, ID, reference(b"your-secret-token-for-hmac ", ID), Verdict::PaddedSecret),
        ex(SECRET, ID, reference(b" your-secret-token-for-hmac", ID).to_uppercase(), Verdict::PaddedSecret),
        ex(SECRET, ID, sha256_hex(&[SECRET, ID].concat()), Verdict::NotHmac),
        ex(SECRET, ID, sha256_hex(&[ID, SECRET].concat()), Verdict::NotHmac),
        ex(SECRET, ID, sha256_hex(ID), Verdict::NotHmac),
        ex(SECRET, big, reference(SECRET, b"12345678901234567000"), Verdict::JsRoundedNumber),
        ex(SECRET, big, reference(SECRET, b"12345678901234567168"), Verdict::JsRoundedNumber),
        ex(SECRET, big, reference(SECRET, b"1.2345678901234567e+19"), Verdict::JsRoundedNumber),
        ex(SECRET, b"1000000000000000000001", reference(SECRET, b"1e+21"), Verdict::JsRoundedNumber),
        ex(SECRET, b"1000000000000000000001", reference(SECRET, b"1.0e+21"), Verdict::JsRoundedNumber),
        ex(SECRET, ID, b"7Zd3VqYtF9xPa2kLmN4bRcHs", Verdict::TokenAsHash),
        ex(SECRET, ID, b"7Zd3VqYtF9xPa2kLmN4bRcHs\n", Verdict::TokenAsHash),
        ex(SECRET, ID, SECRET, Verdict::TokenAsHash),
        Example {
            secrets: rotated.clone(),
            candidate: Some((CandidateKind::Secret, 1)),
            ..ex(SECRET, ID, reference(&rotated[1], ID), Verdict::OtherCandidate)
        },
        Example {
            secrets: rotated.clone(),
            identifiers: vec![b"42".to_vec(), b"jane@example.com".to_vec()],
            candidate: Some((CandidateKind::Identifier, 1)),
            ..ex(SECRET, ID, reference(SECRET, b"jane@example.com"), Verdict::OtherCandidate)
        },
        ex(SECRET, ID, "a".repeat(40), Verdict::OtherAlgorithm),
        ex(SECRET, ID, "b".repeat(128), Verdict::OtherAlgorithm),
        ex(SECRET, ID, "z".repeat(64), Verdict::NotHex),
        ex(SECRET, ID, &g.as_bytes()[..63], Verdict::WrongLength),
        ex(SECRET, ID, reference(b"another-inbox-token", ID), Verdict::Mismatch),
        Example {
            secrets: rotated,
            identifiers: vec![b"42".to_vec()],
            ..ex(SECRET, ID, reference(b"a-third-token", ID), Verdict::Mismatch)
        },
    ]
}

/// cw_explain with candidates; the status, and the explanation on success.
fn c_explain(
    secret: &[u8],
    identifier: &[u8],
    hash: &[u8],
    secrets: &[Vec<u8>],
    identifiers: &[Vec<u8>],
) -> Result<CwExplanation, CwStatus> {
    let bytes = |list: &[Vec<u8>]| list.iter().map(|b| CwBytes { ptr: b.as_ptr(), len: b.len() }).collect::<Vec<_>>();
    let (s, i) = (bytes(secrets), bytes(identifiers));
    let candidates = CwCandidates {
        secrets: s.as_ptr(),
        secrets_count: s.len(),
        identifiers: i.as_ptr(),
        identifiers_count: i.len(),
    };
    let mut out = CwExplanation { verdict: -99, candidate_kind: -99, candidate_index: 99 };
    let status = unsafe {
        cw_explain(
            secret.as_ptr(),
            secret.len(),
            identifier.as_ptr(),
            identifier.len(),
            hash.as_ptr().cast(),
            hash.len(),
            &candidates,
            &mut out,
        )
    };
    match status {
        CwStatus::Ok => Ok(out),
        other => {
            assert_eq!(
                out,
                CwExplanation { verdict: -99, candidate_kind: -99, candidate_index: 99 },
                "out written on an error"
            );
            Err(other)
        }
    }
}

fn slices(list: &[Vec<u8>]) -> Vec<&[u8]> {
    list.iter().map(Vec::as_slice).collect()
}

#[test]
fn every_verdict_has_an_example_through_rust_and_c() {
    let mut seen = std::collections::HashSet::new();
    for e in examples() {
        let what = format!("{:?} for {:?}", e.want, String::from_utf8_lossy(&e.hash));
        let (s, i) = (slices(&e.secrets), slices(&e.identifiers));
        let got =
            explain_with_candidates(&e.secret, &e.identifier, &e.hash, Candidates { secrets: &s, identifiers: &i })
                .unwrap();
        assert_eq!(got, Explanation { verdict: e.want, candidate: e.candidate }, "{what}");
        if e.secrets.is_empty() && e.identifiers.is_empty() {
            assert_eq!(explain(&e.secret, &e.identifier, &e.hash), Ok(got), "{what}");
        }
        let c = c_explain(&e.secret, &e.identifier, &e.hash, &e.secrets, &e.identifiers).unwrap();
        let kind = match e.candidate {
            None => CwCandidateKind::None,
            Some((CandidateKind::Secret, _)) => CwCandidateKind::Secret,
            Some((CandidateKind::Identifier, _)) => CwCandidateKind::Identifier,
        };
        let want = CwExplanation {
            verdict: e.want as i32,
            candidate_kind: kind as i32,
            candidate_index: e.candidate.map_or(0, |(_, i)| i),
        };
        assert_eq!(c, want, "{what}");
        seen.insert(e.want);
    }
    for v in Verdict::ALL {
        assert!(seen.contains(&v), "no example for {v:?}");
    }
}

#[test]
fn inputs_explain_cannot_use_are_errors_with_the_status_codes() {
    let g = good();
    for (secret, identifier, want, status) in [
        (&b""[..], ID, Error::EmptySecret, CwStatus::EmptySecret),
        (b" \n", ID, Error::EmptySecret, CwStatus::EmptySecret),
        (SECRET, b"", Error::EmptyIdentifier, CwStatus::EmptyIdentifier),
        (b"padded\n", b"", Error::EmptyIdentifier, CwStatus::EmptyIdentifier),
        (b"", b"", Error::EmptySecret, CwStatus::EmptySecret),
    ] {
        assert_eq!(explain(secret, identifier, g.as_bytes()), Err(want));
        assert_eq!(c_explain(secret, identifier, g.as_bytes(), &[], &[]), Err(status));
    }
}

#[test]
fn null_pointers_are_null_pointer_and_leave_out_untouched() {
    let g = good();
    let h = g.as_bytes();
    let mut out = CwExplanation { verdict: -99, candidate_kind: -99, candidate_index: 99 };
    let untouched = out;
    let null = std::ptr::null::<u8>();
    unsafe {
        assert_eq!(
            cw_explain(null, 3, ID.as_ptr(), ID.len(), h.as_ptr().cast(), 64, std::ptr::null(), &mut out),
            CwStatus::NullPointer
        );
        assert_eq!(
            cw_explain(SECRET.as_ptr(), SECRET.len(), null, 3, h.as_ptr().cast(), 64, std::ptr::null(), &mut out),
            CwStatus::NullPointer
        );
        assert_eq!(
            cw_explain(
                SECRET.as_ptr(),
                SECRET.len(),
                ID.as_ptr(),
                ID.len(),
                std::ptr::null(),
                64,
                std::ptr::null(),
                &mut out
            ),
            CwStatus::NullPointer
        );
        assert_eq!(
            cw_explain(
                SECRET.as_ptr(),
                SECRET.len(),
                ID.as_ptr(),
                ID.len(),
                h.as_ptr().cast(),
                64,
                std::ptr::null(),
                std::ptr::null_mut()
            ),
            CwStatus::NullPointer
        );
        // NULL checks come before the secret check: a NULL out with an empty secret.
        assert_eq!(
            cw_explain(null, 0, ID.as_ptr(), ID.len(), h.as_ptr().cast(), 64, std::ptr::null(), std::ptr::null_mut()),
            CwStatus::NullPointer
        );
        let empty_array = CwCandidates {
            secrets: std::ptr::null(),
            secrets_count: 2,
            identifiers: std::ptr::null(),
            identifiers_count: 0,
        };
        assert_eq!(
            cw_explain(
                SECRET.as_ptr(),
                SECRET.len(),
                ID.as_ptr(),
                ID.len(),
                h.as_ptr().cast(),
                64,
                &empty_array,
                &mut out
            ),
            CwStatus::NullPointer
        );
        let items = [CwBytes { ptr: null, len: 5 }];
        let null_item = CwCandidates {
            secrets: std::ptr::null(),
            secrets_count: 0,
            identifiers: items.as_ptr(),
            identifiers_count: 1,
        };
        assert_eq!(
            cw_explain(
                SECRET.as_ptr(),
                SECRET.len(),
                ID.as_ptr(),
                ID.len(),
                h.as_ptr().cast(),
                64,
                &null_item,
                &mut out
            ),
            CwStatus::NullPointer
        );
        let huge = CwCandidates {
            secrets: items.as_ptr(),
            secrets_count: usize::MAX,
            identifiers: std::ptr::null(),
            identifiers_count: 0,
        };
        assert_eq!(
            cw_explain(SECRET.as_ptr(), SECRET.len(), ID.as_ptr(), ID.len(), h.as_ptr().cast(), 64, &huge, &mut out),
            CwStatus::NullPointer
        );
        assert_eq!(out, untouched);
        // (NULL, 0) everywhere is empty; NULL candidates and empty lists are no candidates.
        let none = CwCandidates {
            secrets: std::ptr::null(),
            secrets_count: 0,
            identifiers: std::ptr::null(),
            identifiers_count: 0,
        };
        assert_eq!(
            cw_explain(SECRET.as_ptr(), SECRET.len(), ID.as_ptr(), ID.len(), std::ptr::null(), 0, &none, &mut out),
            CwStatus::Ok
        );
        assert_eq!(out.verdict, Verdict::BlankHash as i32);
    }
}

#[test]
fn only_match_verifies() {
    for e in examples() {
        assert_eq!(
            chatwoot_identity::verify(&e.secret, &e.identifier, &e.hash),
            e.want == Verdict::Match,
            "{:?}",
            e.want
        );
    }
}

#[test]
fn names_and_messages_are_distinct_and_stable() {
    let mut names = std::collections::HashSet::new();
    let mut messages = std::collections::HashSet::new();
    for v in Verdict::ALL {
        let code = v as i32; // the Rust verdict is the C cw_verdict
        let name = unsafe { CStr::from_ptr(cw_verdict_name(code)) }.to_str().unwrap();
        let message = unsafe { CStr::from_ptr(cw_verdict_message(code)) }.to_str().unwrap();
        assert_eq!(name, v.name());
        assert_eq!(message, v.message());
        assert!(names.insert(name), "duplicate name {name}");
        assert!(messages.insert(message), "duplicate message for {name}");
        assert!(message.len() > 20);
    }
    // explain's secret_whitespace covers both statuses' conditions, and says so.
    let message = Verdict::SecretWhitespace.message();
    assert!(
        message.contains("whitespace") && message.contains("byte-order mark") && message.contains("no-break"),
        "{message}"
    );
    assert_ne!(message, Error::SecretWhitespace.message());
    // Negative values are statuses, never verdicts.
    for code in [-1, -2, -3, -4, 20, 99, i32::MIN] {
        assert_eq!(unsafe { CStr::from_ptr(cw_verdict_name(code)) }.to_str().unwrap(), "unknown");
        assert_eq!(unsafe { CStr::from_ptr(cw_verdict_message(code)) }.to_str().unwrap(), "unknown cw_verdict value");
    }
}

#[test]
fn explain_vectors() {
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors.json")).unwrap(),
    )
    .unwrap();
    let order: Vec<&str> = doc["explain_order"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(order, Verdict::ALL.map(Verdict::name), "the vectors' explain_order differs from Verdict::ALL");
    let list = |case: &common::Case, field: &str| -> Vec<Vec<u8>> {
        case.raw[field]
            .as_array()
            .map_or_else(Vec::new, |a| a.iter().map(|h| hex::decode(h.as_str().unwrap()).unwrap()).collect())
    };
    for case in common::vectors("explain") {
        let hash = hex::decode(case.str("hash_hex")).unwrap();
        let (secrets, identifiers) = (list(&case, "other_secrets_hex"), list(&case, "other_identifiers_hex"));
        let (s, i) = (slices(&secrets), slices(&identifiers));
        let got =
            explain_with_candidates(&case.secret, &case.identifier, &hash, Candidates { secrets: &s, identifiers: &i })
                .unwrap();
        assert_eq!(got.verdict.name(), case.str("verdict"), "{}", case.name);
        assert_eq!(got.verdict as i64, case.raw["code"].as_i64().unwrap(), "{}", case.name);
        assert_eq!(doc["verdicts"][got.verdict.name()].as_i64(), case.raw["code"].as_i64(), "{}", case.name);
        let want_candidate = case.raw["candidate"].as_object().map(|c| {
            let kind = match c["kind"].as_str().unwrap() {
                "secret" => CandidateKind::Secret,
                "identifier" => CandidateKind::Identifier,
                other => panic!("unknown candidate kind {other}"),
            };
            (kind, c["index"].as_u64().unwrap() as usize)
        });
        assert_eq!(got.candidate, want_candidate, "{}", case.name);
        let c = c_explain(&case.secret, &case.identifier, &hash, &secrets, &identifiers).unwrap();
        assert_eq!(i64::from(c.verdict), case.raw["code"].as_i64().unwrap(), "{}", case.name);
    }
    for case in common::vectors("explain_rejected") {
        let hash = hex::decode(case.str("hash_hex")).unwrap();
        let status = c_explain(&case.secret, &case.identifier, &hash, &[], &[]).unwrap_err();
        assert_eq!(status as i64, case.raw["code"].as_i64().unwrap(), "{}", case.name);
        assert_eq!(doc["statuses"][case.str("status")].as_i64(), case.raw["code"].as_i64(), "{}", case.name);
        assert!(explain(&case.secret, &case.identifier, &hash).is_err(), "{}", case.name);
    }
}
