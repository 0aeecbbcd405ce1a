//! Runs the built `chatwoot-identity` binary.

use std::io::Write;

use assert_cmd::Command;
use chatwoot_identity::IdentityKey;

const SECRET: &str = "your-secret-token-for-hmac";
const ID: &str = "unique-identifier-of-the-user";
const HASH: &str = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c";

fn cli() -> Command {
    let mut cmd = Command::cargo_bin("chatwoot-identity").expect("binary built");
    cmd.env_clear().env("CHATWOOT_IDENTITY_SECRET", SECRET);
    cmd
}

fn stdout(assert: assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

fn stderr(assert: assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

#[test]
fn hash_prints_the_documented_sample() {
    cli().args(["hash", ID, "42"]).assert().success().stdout(format!(
        "{HASH}\n{}\n",
        IdentityKey::new(SECRET.as_bytes()).unwrap().identifier_hash(b"42").unwrap()
    ));
}

#[test]
fn verify_exit_codes() {
    cli().args(["verify", ID, HASH]).assert().code(0).stdout("match\n");
    cli().args(["verify", ID, &HASH.to_uppercase()]).assert().code(1);
    cli().args(["verify", "someone-else", HASH]).assert().code(1);
    cli().args(["verify", "", HASH]).assert().code(2);
    cli().env_remove("CHATWOOT_IDENTITY_SECRET").args(["verify", ID, HASH]).assert().code(2);
}

#[test]
fn explain_names_the_mistake() {
    let out = stdout(cli().args(["explain", ID, &HASH.to_uppercase()]).assert().code(1));
    assert!(out.starts_with("uppercase_hex: "), "{out}");
    let out = stdout(cli().args(["explain", ID, HASH]).assert().code(0));
    assert!(out.starts_with("match: "), "{out}");
    let out = stdout(cli().env("CHATWOOT_IDENTITY_SECRET", format!("{SECRET}\n")).args(["explain", ID, HASH]).assert().code(1));
    assert!(out.starts_with("secret_whitespace: "), "{out}");
}

#[test]
fn the_secret_comes_from_a_file_or_a_named_variable_and_never_shows() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    write!(file, "{SECRET}\n").unwrap();
    let path = file.path().to_str().unwrap().to_owned();
    let err = stderr(cli().env_remove("CHATWOOT_IDENTITY_SECRET").args(["--secret-file", &path, "hash", ID]).assert().code(2));
    assert!(err.contains("whitespace") && err.contains("--trim-secret"), "{err}");
    assert!(!err.contains(SECRET), "the secret leaked into an error: {err}");
    cli().env_remove("CHATWOOT_IDENTITY_SECRET").args(["--secret-file", &path, "--trim-secret", "hash", ID]).assert().success().stdout(format!("{HASH}\n"));
    cli().env_clear().env("MY_TOKEN", SECRET).args(["--secret-env", "MY_TOKEN", "hash", ID]).assert().success().stdout(format!("{HASH}\n"));
    let err = stderr(cli().env_remove("CHATWOOT_IDENTITY_SECRET").args(["hash", ID]).assert().code(2));
    assert!(err.contains("CHATWOOT_IDENTITY_SECRET") && err.contains("--secret-file"), "{err}");
    // There is no way to pass the secret itself as an argument.
    cli().args(["--secret", SECRET, "hash", ID]).assert().code(2);
    let help = stdout(cli().arg("--help").assert().success());
    assert!(help.contains("Examples:") && !help.contains(SECRET));
}

#[test]
fn batch_of_a_million_lines_matches_the_library() {
    let n = 1_000_000;
    let mut input = String::with_capacity(n * 16);
    for i in 0..n {
        input.push_str(&format!("user-{i}\n"));
    }
    let out = stdout(cli().arg("batch").write_stdin(input).assert().success());
    let key = IdentityKey::new(SECRET.as_bytes()).unwrap();
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("identifier,identifier_hash"));
    let mut count = 0;
    for (i, line) in lines.enumerate() {
        let (id, hash) = line.split_once(',').unwrap();
        assert_eq!(id, format!("user-{i}"));
        assert_eq!(hash, key.identifier_hash(id.as_bytes()).unwrap().as_str());
        count += 1;
    }
    assert_eq!(count, n);
}

#[test]
fn batch_lines_handle_crlf_quoting_and_empty_lines() {
    let out = stdout(cli().arg("batch").write_stdin("a,b\r\n\"q\"\n").assert().success());
    let key = IdentityKey::new(SECRET.as_bytes()).unwrap();
    let want = format!(
        "identifier,identifier_hash\n\"a,b\",{}\n\"\"\"q\"\"\",{}\n",
        key.identifier_hash(b"a,b").unwrap(),
        key.identifier_hash(b"\"q\"").unwrap()
    );
    assert_eq!(out, want);
    let assert = cli().arg("batch").write_stdin("first\n\nthird\n").assert().code(2);
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(err.contains("line 2") && err.contains("empty"), "{err}");
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(out.contains(&format!("first,{}", key.identifier_hash(b"first").unwrap())), "earlier rows lost: {out}");
}

#[test]
fn batch_csv_adds_a_column_and_reports_a_malformed_line() {
    let key = IdentityKey::new(SECRET.as_bytes()).unwrap();
    let mut file = tempfile::NamedTempFile::new().unwrap();
    write!(file, "name,email\nAda,ada@example.com\nBob,bob@example.com\nbroken,line,extra\nEve,eve@example.com\n").unwrap();
    let path = file.path().to_str().unwrap().to_owned();
    let assert = cli().args(["batch", "--csv", &path, "--column", "email"]).assert().code(2);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(err.contains("line 4") && err.contains("malformed"), "{err}");
    assert_eq!(
        out,
        format!(
            "name,email,identifier_hash\nAda,ada@example.com,{}\nBob,bob@example.com,{}\n",
            key.identifier_hash(b"ada@example.com").unwrap(),
            key.identifier_hash(b"bob@example.com").unwrap()
        )
    );
    let err = stderr(cli().args(["batch", "--csv", &path, "--column", "id"]).assert().code(2));
    assert!(err.contains("no column \"id\"") && err.contains("name, email"), "{err}");
    // "-" reads the CSV from stdin.
    let out = stdout(cli().args(["batch", "--csv", "-", "--column", "email"]).write_stdin("email\nx@y.z\n").assert().success());
    assert_eq!(out, format!("email,identifier_hash\nx@y.z,{}\n", key.identifier_hash(b"x@y.z").unwrap()));
}
