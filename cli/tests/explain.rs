//! `chatwoot-identity explain`: every verdict of the shared vectors through the CLI (with
//! `--json`, candidates from `--also-secret-file` / `--also-identifier`), and the text output.

use std::io::Write;
use std::path::Path;

use assert_cmd::Command;
use hmac::{Hmac, Mac};
use serde_json::Value;

const SECRET: &str = "your-secret-token-for-hmac";
const ID: &str = "unique-identifier-of-the-user";

fn cli(secret: &[u8]) -> Command {
    use std::os::unix::ffi::OsStrExt;
    let mut cmd = Command::cargo_bin("chatwoot-identity").expect("binary built");
    cmd.env_clear().env("CHATWOOT_IDENTITY_SECRET", std::ffi::OsStr::from_bytes(secret));
    cmd
}

fn mac(secret: &[u8], identifier: &[u8]) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret).unwrap();
    mac.update(identifier);
    hex::encode(mac.finalize().into_bytes())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn secret_file(dir: &Path, name: &str, secret: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::File::create(&path).unwrap().write_all(secret).unwrap();
    path.to_str().unwrap().to_owned()
}

fn hexes(case: &Value, field: &str) -> Vec<Vec<u8>> {
    case[field]
        .as_array()
        .map_or_else(Vec::new, |a| a.iter().map(|h| hex::decode(h.as_str().unwrap()).unwrap()).collect())
}

#[test]
fn every_explain_vector_gives_its_verdict_through_the_cli() {
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors.json")).unwrap(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut seen = std::collections::HashSet::new();
    for case in doc["explain"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let secret = hex::decode(case["secret_hex"].as_str().unwrap()).unwrap();
        let (Ok(identifier), Ok(hash)) = (
            String::from_utf8(hex::decode(case["identifier_hex"].as_str().unwrap()).unwrap()),
            String::from_utf8(hex::decode(case["hash_hex"].as_str().unwrap()).unwrap()),
        ) else {
            continue; // a command line carries text: the raw digest case stays in the library's tests
        };
        let mut cmd = cli(&secret);
        cmd.args(["explain", "--json"]);
        for (i, other) in hexes(case, "other_secrets_hex").iter().enumerate() {
            cmd.args(["--also-secret-file", &secret_file(dir.path(), &format!("other-{i}"), other)]);
        }
        for other in hexes(case, "other_identifiers_hex") {
            cmd.args(["--also-identifier", &text(&other)]);
        }
        let verdict = case["verdict"].as_str().unwrap();
        // `--`: a url-safe base64 hash may start with `-`.
        let output = cmd.args(["--", identifier.as_str(), hash.as_str()]).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(if verdict == "match" { 0 } else { 1 }),
            "{name}: {}",
            text(&output.stderr)
        );
        let got: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{name}: not JSON ({e}): {}", text(&output.stdout)));
        assert_eq!(got["verdict"], verdict, "{name}");
        assert_eq!(got["code"], case["code"], "{name}");
        assert_eq!(got["match"], verdict == "match", "{name}");
        assert!(got["message"].as_str().is_some_and(|m| m.len() > 20), "{name}");
        match case["candidate"].as_object() {
            None => assert_eq!(got["candidate"], Value::Null, "{name}"),
            Some(want) => {
                assert_eq!(got["candidate"]["kind"], want["kind"], "{name}");
                assert_eq!(got["candidate"]["index"], want["index"], "{name}");
            }
        }
        seen.insert(verdict.to_owned());
    }
    let all: Vec<&str> = doc["explain_order"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for verdict in all.iter().filter(|v| **v != "raw_digest") {
        assert!(seen.contains(*verdict), "no CLI run for {verdict}");
    }
}

#[test]
fn text_output_names_the_verdict_and_the_candidate_option() {
    let dir = tempfile::tempdir().unwrap();
    let old = secret_file(dir.path(), "old-token", b"the-token-before-rotation");
    let other = secret_file(dir.path(), "other-inbox", b"another-inbox-token");
    let hash = mac(b"the-token-before-rotation", ID.as_bytes());
    let assert = cli(SECRET.as_bytes())
        .args(["explain", "--also-secret-file", &other, "--also-secret-file", &old, ID, &hash])
        .assert()
        .code(1);
    let out = text(&assert.get_output().stdout);
    assert!(out.starts_with("other_candidate: "), "{out}");
    assert!(out.ends_with(&format!("\nmatched: --also-secret-file number 2 ({old})\n")), "{out}");
    assert!(!out.contains("the-token-before-rotation"), "a candidate secret leaked: {out}");
    let hash = mac(SECRET.as_bytes(), b"jane@example.com");
    let out = text(
        &cli(SECRET.as_bytes())
            .args(["explain", "--also-identifier", "jane@example.com", ID, &hash])
            .assert()
            .code(1)
            .get_output()
            .stdout,
    );
    assert!(out.ends_with("\nmatched: --also-identifier number 1\n"), "{out}");
    let out = text(&cli(SECRET.as_bytes()).args(["explain", ID, ""]).assert().code(1).get_output().stdout);
    assert!(out.starts_with("blank_hash: ") && out.contains("no hash at all"), "{out}");
    let out = text(
        &cli(SECRET.as_bytes())
            .args(["explain", ID, &mac(b"your-secret-token-for-hmac\n", ID.as_bytes())])
            .assert()
            .code(1)
            .get_output()
            .stdout,
    );
    assert!(out.starts_with("padded_secret: "), "{out}");
}

#[test]
fn also_secret_files_follow_the_secret_file_rules() {
    let dir = tempfile::tempdir().unwrap();
    let padded = secret_file(dir.path(), "padded", b"the-token-before-rotation\n");
    let hash = mac(b"the-token-before-rotation", ID.as_bytes());
    let err = text(
        &cli(SECRET.as_bytes())
            .args(["explain", "--also-secret-file", &padded, ID, &hash])
            .assert()
            .code(2)
            .get_output()
            .stderr,
    );
    assert!(err.contains("--also-secret-file") && err.contains("whitespace") && err.contains("--trim-secret"), "{err}");
    assert!(!err.contains("the-token-before-rotation"), "a secret leaked into an error: {err}");
    let out = text(
        &cli(SECRET.as_bytes())
            .args(["--trim-secret", "explain", "--also-secret-file", &padded, ID, &hash])
            .assert()
            .code(1)
            .get_output()
            .stdout,
    );
    assert!(out.starts_with("other_candidate: "), "{out}");
    let err = text(
        &cli(SECRET.as_bytes())
            .args(["explain", "--also-secret-file", "/dev/zero", ID, &hash])
            .assert()
            .code(2)
            .get_output()
            .stderr,
    );
    assert!(err.contains("--also-secret-file /dev/zero is larger than 4 KiB"), "{err}");
    let empty = secret_file(dir.path(), "empty", b"");
    let err = text(
        &cli(SECRET.as_bytes())
            .args(["explain", "--also-secret-file", &empty, ID, &hash])
            .assert()
            .code(2)
            .get_output()
            .stderr,
    );
    assert!(err.contains("is empty"), "{err}");
}

#[test]
fn inputs_explain_cannot_use_exit_2() {
    let hash = mac(SECRET.as_bytes(), ID.as_bytes());
    let err = text(&cli(b"").args(["explain", "--json", ID, &hash]).assert().code(2).get_output().stderr);
    assert!(err.contains("secret is empty"), "{err}");
    let err = text(&cli(SECRET.as_bytes()).args(["explain", "", &hash]).assert().code(2).get_output().stderr);
    assert!(err.contains("identifier is empty"), "{err}");
}
