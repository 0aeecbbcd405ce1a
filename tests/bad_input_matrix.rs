//! The Rust column of the bad-input matrix (tests/bad_input_matrix.json), table-driven: every
//! case that applies to Rust runs through the safe API, and each behaviour row names the test
//! that exercises it. The tests after `matrix_cases` are what the data cannot hold. The C
//! column is tests/c/test_matrix.c.
#![cfg(feature = "capi")] // tests the C entry points: `cargo test --features capi`

use chatwoot_identity::{explain, identifier_hash, verify, Error, IdentityKey, Verdict};
mod common;

use common::{reference, status_name};

const SECRET: &[u8] = b"your-secret-token-for-hmac";
const ID: &[u8] = b"unique-identifier-of-the-user";
const HASH: &str = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c";

fn key() -> IdentityKey {
    IdentityKey::new(SECRET).expect("the documented secret")
}

const LANGUAGE: &str = "Rust";

/// The behaviour rows: what a table cannot hold, each with the Rust test that exercises it. A
/// test in this file is named by its function (so a renamed or deleted one does not compile);
/// one in another test crate by its file and function, checked to exist.
const BEHAVIOUR: &[(&str, Exercised)] = &[
    ("key-double-free", Exercised::Here(a_key_is_dropped_exactly_once_by_ownership)),
    ("close-mid-call", Exercised::Here(a_key_cannot_be_freed_while_a_call_uses_it)),
    ("non-unicode-string", Exercised::Here(a_string_that_is_not_unicode_is_hashed_as_its_bytes)),
    (
        "reentrancy",
        Exercised::Elsewhere(
            "tests/reentrancy.rs",
            "a_signal_handler_hashing_mid_call_gets_and_leaves_the_right_hashes",
        ),
    ),
];

enum Exercised {
    Here(fn()),
    Elsewhere(&'static str, &'static str),
}

fn matrix() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad_input_matrix.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("tests/bad_input_matrix.json")).expect("valid JSON")
}

/// A value of the data as bytes: text, `{"hex"}` or `{"text"}` with `repeat`, or `{"null": 0}`
/// (the empty slice: a Rust slice is never NULL, so `{"null": n > 0}` cases do not apply).
fn bytes_of(value: &serde_json::Value) -> Result<Vec<u8>, String> {
    use serde_json::Value;
    match value {
        Value::String(s) => Ok(s.as_bytes().to_vec()),
        Value::Object(o) if o.get("null").and_then(Value::as_u64) == Some(0) => Ok(Vec::new()),
        Value::Object(o) => {
            let base = match (o.get("hex").and_then(Value::as_str), o.get("text").and_then(Value::as_str)) {
                (Some(hex), None) => hex::decode(hex).map_err(|e| format!("bad hex: {e}"))?,
                (None, Some(text)) => text.as_bytes().to_vec(),
                _ => return Err(format!("a value this test cannot pass from Rust: {value}")),
            };
            Ok(base.repeat(o.get("repeat").and_then(Value::as_u64).unwrap_or(1) as usize))
        }
        _ => Err(format!("not a value: {value}")),
    }
}

/// What a call gave, in the data's terms.
#[derive(Debug, PartialEq)]
enum Outcome {
    Hash(String),
    Hashes(Vec<String>),
    Verify(bool),
    Verdict(String),
    Ok,
    Error(String),
}

fn run(case: &serde_json::Value, defaults: &serde_json::Value) -> Result<Outcome, String> {
    let arg = |name: &str| bytes_of(case.get(name).unwrap_or(&defaults[name]));
    let (secret, identifier, hash) = (arg("secret")?, arg("identifier")?, arg("hash")?);
    let err = |e: Error| Outcome::Error(status_name(e));
    let key = || IdentityKey::new(&secret).map_err(|e| format!("the case's key: {e}"));
    Ok(match case["call"].as_str().unwrap_or_default() {
        "identifier_hash" => identifier_hash(&secret, &identifier).map_or_else(err, |h| Outcome::Hash(h.to_string())),
        "key_new" => IdentityKey::new(&secret).map_or_else(err, |_| Outcome::Ok),
        "key_identifier_hash" => key()?.identifier_hash(&identifier).map_or_else(err, |h| Outcome::Hash(h.to_string())),
        call @ ("key_identifier_hashes_offsets" | "key_identifier_hashes") => {
            // The safe API's batch is identifier_hashes_into; a list of identifiers is cut at
            // their ends. Nothing may be written on an error.
            let (data, offsets) = if call == "key_identifier_hashes" {
                let (mut data, mut offsets) = (Vec::new(), vec![0]);
                for item in case["identifiers"].as_array().ok_or("identifiers")? {
                    data.extend(bytes_of(item)?);
                    offsets.push(data.len());
                }
                (data, offsets)
            } else {
                let offsets = case["offsets"].as_array().ok_or("offsets")?;
                (bytes_of(&case["data"])?, offsets.iter().map(|o| o.as_u64().unwrap_or(u64::MAX) as usize).collect())
            };
            let len = case["out_len"].as_u64().map_or(64 * (offsets.len() - 1), |n| n as usize);
            let mut out = vec![0xAAu8; len];
            match key()?.identifier_hashes_into(&data, &offsets, &mut out) {
                Ok(()) => Outcome::Hashes(out.chunks(64).map(|c| String::from_utf8_lossy(c).into_owned()).collect()),
                Err(_) if out.iter().any(|&b| b != 0xAA) => return Err("the output was written on an error".into()),
                Err(e) => err(e),
            }
        }
        "verify" => Outcome::Verify(verify(&secret, &identifier, &hash)),
        "key_verify" => Outcome::Verify(key()?.verify(&identifier, &hash)),
        "explain" => {
            explain(&secret, &identifier, &hash).map_or_else(err, |e| Outcome::Verdict(e.verdict.name().into()))
        }
        "set_user_script" => {
            let identifier = std::str::from_utf8(&identifier).map_err(|_| "a render identifier is a &str")?;
            let user = chatwoot_identity::User { name: Some("n".into()), ..Default::default() };
            key()?.set_user_script(identifier, &user, None).map_or_else(err, |_| Outcome::Ok)
        }
        other => return Err(format!("a call this test does not know: {other:?}")),
    })
}

fn expected(expect: &serde_json::Value) -> Result<Outcome, String> {
    let text = |v: &serde_json::Value| v.as_str().map(str::to_owned).ok_or(format!("not a string: {v}"));
    Ok(if let Some(e) = expect.get("error") {
        // Rust's batch errors carry no index: the offsets name the element.
        Outcome::Error(text(e)?)
    } else if let Some(h) = expect.get("hash") {
        Outcome::Hash(text(h)?)
    } else if let Some(hs) = expect.get("hashes") {
        Outcome::Hashes(hs.as_array().ok_or("hashes")?.iter().map(text).collect::<Result<_, _>>()?)
    } else if let Some(v) = expect.get("verify") {
        Outcome::Verify(v.as_bool().ok_or("verify")?)
    } else if let Some(v) = expect.get("verdict") {
        Outcome::Verdict(text(v)?)
    } else if expect.get("ok").is_some() {
        Outcome::Ok
    } else {
        return Err(format!("an expectation this test does not know: {expect}"));
    })
}

#[test]
fn matrix_cases() {
    let doc = matrix();
    let (mut ran, mut failures) = (0, Vec::new());
    for row in doc["rows"].as_array().expect("rows") {
        let id = row["id"].as_str().unwrap_or("?");
        if row["cells"][LANGUAGE].as_str().is_some_and(|c| c.starts_with("n/a")) {
            continue;
        }
        if row["behaviour"].as_bool() == Some(true) {
            match BEHAVIOUR.iter().find(|(row, _)| *row == id) {
                None => failures.push(format!("{id}: a behaviour row that names no Rust test (add it to BEHAVIOUR)")),
                // Quick ones: run again here, so the row's check is this test's too.
                Some((_, Exercised::Here(test))) => test(),
                Some((_, Exercised::Elsewhere(file, name))) => {
                    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_owned() + file)
                        .unwrap_or_default();
                    if !text.contains(&format!("fn {name}()")) {
                        failures.push(format!("{id}: {file} has no test fn {name}"));
                    }
                }
            }
            continue;
        }
        let cases = row["cases"].as_array().map(Vec::as_slice).unwrap_or_default();
        let mine: Vec<_> = cases
            .iter()
            .enumerate()
            .filter(|(_, c)| c["only"].as_array().is_none_or(|o| o.iter().any(|l| l == LANGUAGE)))
            .collect();
        if mine.is_empty() {
            failures.push(format!("{id}: no case applies to Rust, and its cell is not n/a"));
        }
        for (n, case) in mine {
            ran += 1;
            match (run(case, &doc["defaults"]), expected(&case["expect"])) {
                (Ok(got), Ok(want)) if got == want => {}
                (Ok(got), Ok(want)) => failures.push(format!("{id} case {n}: got {got:?}, want {want:?}")),
                (Err(e), _) | (_, Err(e)) => failures.push(format!("{id} case {n}: {e}")),
            }
        }
    }
    assert!(failures.is_empty(), "{} of the matrix's Rust cases failed:\n{}", failures.len(), failures.join("\n"));
    assert!(ran > 100, "only {ran} cases ran");
}

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

#[test]
fn a_key_is_dropped_exactly_once_by_ownership() {
    // There is no free in the Rust API: a second drop does not compile. Clones are
    // independent keys, each wiped when it is dropped.
    let key = key();
    let copy = key.clone();
    drop(key);
    assert_eq!(copy.identifier_hash(ID).unwrap().as_str(), HASH);
}

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
