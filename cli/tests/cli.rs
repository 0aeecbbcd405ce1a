//! Runs the built `chatwoot-identity` binary.

use std::io::Write;
use std::time::Duration;

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

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

#[test]
fn hash_prints_the_documented_sample() {
    cli()
        .args(["hash", ID, "42"])
        .assert()
        .success()
        .stdout(format!("{HASH}\n{}\n", IdentityKey::new(SECRET.as_bytes()).unwrap().identifier_hash(b"42").unwrap()));
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
    let out = stdout(&cli().args(["explain", ID, &HASH.to_uppercase()]).assert().code(1));
    assert!(out.starts_with("uppercase_hex: "), "{out}");
    let out = stdout(&cli().args(["explain", ID, HASH]).assert().code(0));
    assert!(out.starts_with("match: "), "{out}");
    let out = stdout(
        &cli().env("CHATWOOT_IDENTITY_SECRET", format!("{SECRET}\n")).args(["explain", ID, HASH]).assert().code(1),
    );
    assert!(out.starts_with("secret_whitespace: "), "{out}");
}

#[test]
fn the_secret_comes_from_a_file_or_a_named_variable_and_never_shows() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(file, "{SECRET}").unwrap();
    let path = file.path().to_str().unwrap().to_owned();
    let err = stderr(
        &cli().env_remove("CHATWOOT_IDENTITY_SECRET").args(["--secret-file", &path, "hash", ID]).assert().code(2),
    );
    assert!(err.contains("whitespace") && err.contains("--trim-secret"), "{err}");
    assert!(!err.contains(SECRET), "the secret leaked into an error: {err}");
    cli()
        .env_remove("CHATWOOT_IDENTITY_SECRET")
        .args(["--secret-file", &path, "--trim-secret", "hash", ID])
        .assert()
        .success()
        .stdout(format!("{HASH}\n"));
    cli()
        .env_clear()
        .env("MY_TOKEN", SECRET)
        .args(["--secret-env", "MY_TOKEN", "hash", ID])
        .assert()
        .success()
        .stdout(format!("{HASH}\n"));
    let err = stderr(&cli().env_remove("CHATWOOT_IDENTITY_SECRET").args(["hash", ID]).assert().code(2));
    assert!(err.contains("CHATWOOT_IDENTITY_SECRET") && err.contains("--secret-file"), "{err}");
    // There is no way to pass the secret itself as an argument.
    cli().args(["--secret", SECRET, "hash", ID]).assert().code(2);
    let help = stdout(&cli().arg("--help").assert().success());
    assert!(help.contains("Examples:") && !help.contains(SECRET));
}

#[test]
fn batch_of_a_million_lines_matches_the_library() {
    let n = 1_000_000;
    let mut input = String::with_capacity(n * 16);
    for i in 0..n {
        input.push_str(&format!("user-{i}\n"));
    }
    let out = stdout(&cli().arg("batch").write_stdin(input).assert().success());
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
    let out = stdout(&cli().arg("batch").write_stdin("a,b\r\n\"q\"\n").assert().success());
    let key = IdentityKey::new(SECRET.as_bytes()).unwrap();
    let want = format!(
        "identifier,identifier_hash\n\"a,b\",{}\n\"\"\"q\"\"\",{}\n",
        key.identifier_hash(b"a,b").unwrap(),
        key.identifier_hash(b"\"q\"").unwrap()
    );
    assert_eq!(out, want);
}

#[test]
fn batch_csv_adds_a_column_and_reports_a_malformed_line() {
    let key = IdentityKey::new(SECRET.as_bytes()).unwrap();
    let mut file = tempfile::NamedTempFile::new().unwrap();
    write!(file, "name,email\nAda,ada@example.com\nBob,bob@example.com\nbroken,line,extra\nEve,eve@example.com\n")
        .unwrap();
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
    let err = stderr(&cli().args(["batch", "--csv", &path, "--column", "id"]).assert().code(2));
    assert!(err.contains("no column \"id\"") && err.contains("name, email"), "{err}");
    // "-" reads the CSV from stdin.
    let out = stdout(
        &cli().args(["batch", "--csv", "-", "--column", "email"]).write_stdin("email\nx@y.z\n").assert().success(),
    );
    assert_eq!(out, format!("email,identifier_hash\nx@y.z,{}\n", key.identifier_hash(b"x@y.z").unwrap()));
}

fn hash_of(identifier: &str) -> String {
    IdentityKey::new(SECRET.as_bytes()).unwrap().identifier_hash(identifier.as_bytes()).unwrap().as_str().to_owned()
}

#[test]
fn a_byte_order_mark_at_the_start_is_dropped_in_both_modes() {
    // Line mode used to hash the BOM as part of the first identifier.
    let out = stdout(&cli().arg("batch").write_stdin("\u{feff}user-1\nuser-2\n").assert().success());
    assert_eq!(
        out,
        format!("identifier,identifier_hash\nuser-1,{}\nuser-2,{}\n", hash_of("user-1"), hash_of("user-2"))
    );
    let out =
        stdout(&cli().args(["batch", "--csv", "-"]).write_stdin("\u{feff}identifier\r\nuser-1\r\n").assert().success());
    assert_eq!(out, format!("identifier,identifier_hash\nuser-1,{}\n", hash_of("user-1")));
    // Only at the start of the input: a BOM later on is part of that identifier, in both modes.
    let out = stdout(&cli().arg("batch").write_stdin("a\n\u{feff}b\n").assert().success());
    assert!(out.ends_with(&format!("\u{feff}b,{}\n", hash_of("\u{feff}b"))), "{out}");
    let out = stdout(&cli().args(["batch", "--csv", "-"]).write_stdin("identifier\n\u{feff}b\n").assert().success());
    assert!(out.ends_with(&format!("\u{feff}b,{}\n", hash_of("\u{feff}b"))), "{out}");
    // A BOM alone is an empty input.
    let out = stdout(&cli().arg("batch").write_stdin("\u{feff}").assert().success());
    assert_eq!(out, "identifier,identifier_hash\n");
}

#[test]
fn an_unclosed_quote_is_an_error_naming_its_line_after_the_earlier_rows() {
    let assert = cli()
        .args(["batch", "--csv", "-", "--column", "email"])
        .write_stdin("name,email\nAda,ada@example.com\nBob,\"bob@example.com\nEve,eve@example.com\n")
        .assert()
        .code(2);
    let (out, err) = (stdout(&assert), stderr(&assert));
    assert!(err.contains("line 3") && err.contains("never closed"), "{err}");
    assert_eq!(out, format!("name,email,identifier_hash\nAda,ada@example.com,{}\n", hash_of("ada@example.com")));
    // In the first data row, and in the header itself.
    let err = stderr(&cli().args(["batch", "--csv", "-"]).write_stdin("identifier\n\"x\ny\n").assert().code(2));
    assert!(err.contains("line 2") && err.contains("never closed"), "{err}");
    let assert = cli().args(["batch", "--csv", "-"]).write_stdin("\"identifier\nx\n").assert().code(2);
    assert!(stderr(&assert).contains("line 1"), "{}", stderr(&assert));
    assert_eq!(stdout(&assert), "");
    // Closed quotes spanning lines, and escaped quotes, are data.
    let out = stdout(
        &cli().args(["batch", "--csv", "-"]).write_stdin("identifier\n\"a\nb\"\n\"c\"\"d\"\n").assert().success(),
    );
    assert!(out.contains(&hash_of("a\nb")) && out.contains(&hash_of("c\"d")), "{out}");
}

#[test]
fn blank_lines_are_skipped_and_counted_in_both_modes() {
    let assert = cli().arg("batch").write_stdin("first\n\r\nthird\n\n").assert().success();
    assert_eq!(
        stdout(&assert),
        format!("identifier,identifier_hash\nfirst,{}\nthird,{}\n", hash_of("first"), hash_of("third"))
    );
    assert_eq!(stderr(&assert), "2 identifiers hashed, 2 blank lines skipped\n");
    let assert = cli().args(["batch", "--csv", "-"]).write_stdin("identifier\nfirst\n\r\nthird\n\n").assert().success();
    assert_eq!(
        stdout(&assert),
        format!("identifier,identifier_hash\nfirst,{}\nthird,{}\n", hash_of("first"), hash_of("third"))
    );
    assert_eq!(stderr(&assert), "2 identifiers hashed, 2 blank lines skipped\n");
    let assert = cli().arg("batch").write_stdin("a\n\nb\n").assert().success();
    assert_eq!(stderr(&assert), "2 identifiers hashed, 1 blank line skipped\n");
    // An empty identifier in a row that is not blank stays an error, after the earlier rows.
    let assert = cli()
        .args(["batch", "--csv", "-", "--column", "email"])
        .write_stdin("name,email\nAda,a@x\nBob,\n")
        .assert()
        .code(2);
    assert!(stderr(&assert).contains("line 3") && stderr(&assert).contains("empty"));
    assert!(stdout(&assert).contains(&hash_of("a@x")));
}

#[test]
fn the_summary_says_identifier_in_the_singular() {
    assert_eq!(stderr(&cli().arg("batch").write_stdin("only\n").assert().success()), "1 identifier hashed\n");
    assert_eq!(stderr(&cli().arg("batch").write_stdin("").assert().success()), "0 identifiers hashed\n");
}

#[test]
fn a_secret_file_over_4_kib_is_refused_without_reading_it_whole() {
    // /dev/zero never ends: only a bounded read returns.
    let assert = cli()
        .env_remove("CHATWOOT_IDENTITY_SECRET")
        .args(["--secret-file", "/dev/zero", "hash", ID])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2);
    let err = stderr(&assert);
    assert!(err.contains("--secret-file /dev/zero") && err.contains("larger than 4 KiB"), "{err}");
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&[b'a'; 4096]).unwrap();
    let path = file.path().to_str().unwrap().to_owned();
    let out = stdout(
        &cli().env_remove("CHATWOOT_IDENTITY_SECRET").args(["--secret-file", &path, "hash", ID]).assert().success(),
    );
    assert_eq!(out.trim(), IdentityKey::new(&[b'a'; 4096]).unwrap().identifier_hash(ID.as_bytes()).unwrap().as_str());
    file.write_all(b"a").unwrap();
    let err = stderr(
        &cli().env_remove("CHATWOOT_IDENTITY_SECRET").args(["--secret-file", &path, "hash", ID]).assert().code(2),
    );
    assert!(err.contains("larger than 4 KiB"), "{err}");
}

#[test]
fn a_field_over_1_mib_is_refused_naming_its_line_without_reading_it_whole() {
    // /dev/zero never ends: only a bounded read returns.
    let err = stderr(&cli().args(["batch", "--csv", "/dev/zero"]).timeout(Duration::from_secs(20)).assert().code(2));
    assert!(err.contains("line 1: a field is longer than 1 MiB"), "{err}");
    let (code, _, err) = batch_from_file(std::path::Path::new("/dev/zero"));
    assert_eq!(code, Some(2));
    assert!(err.contains("line 1: a field is longer than 1 MiB"), "{err}");
    // Rows, then a 300 MB field (a sparse file): the rows before it are written, and the error
    // names the field's line.
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(b"identifier\nuser-1\nuser-2\n").unwrap();
    file.as_file().set_len(300 << 20).unwrap();
    let path = file.path().to_str().unwrap().to_owned();
    let assert = cli().args(["batch", "--csv", &path]).timeout(Duration::from_secs(20)).assert().code(2);
    assert!(stderr(&assert).contains("line 4: a field is longer than 1 MiB"), "{}", stderr(&assert));
    assert_eq!(stdout(&assert).lines().count(), 3, "the header and the two rows before it");
    let mut lines = tempfile::NamedTempFile::new().unwrap();
    lines.write_all(b"user-1\nuser-2\n").unwrap();
    lines.as_file().set_len(300 << 20).unwrap();
    let (code, out, err) = batch_from_file(lines.path());
    assert_eq!(code, Some(2));
    assert!(err.contains("line 3: a field is longer than 1 MiB"), "{err}");
    assert_eq!(out.lines().count(), 3, "the header and the two rows before it");
    // A quoted field is named by the line it opens on; exactly 1 MiB is still read.
    let mut quoted = b"identifier,note\nuser-1,\"".to_vec();
    quoted.extend(std::iter::repeat_n(b"ab\n", 400_000).flatten());
    let err = stderr(&cli().args(["batch", "--csv", "-"]).write_stdin(quoted).assert().code(2));
    assert!(err.contains("line 2: a field is longer than 1 MiB"), "{err}");
    let exact = "x".repeat(1 << 20);
    let out = stdout(&cli().arg("batch").write_stdin(format!("{exact}\r\n")).assert().success());
    assert!(out.contains(&hash_of(&exact)), "a 1 MiB identifier hashes");
}

/// `batch` with its stdin opened on `path` (assert_cmd's pipe_stdin would read the file into
/// memory first), killed after 20 s: only a bounded read returns in time.
fn batch_from_file(path: &std::path::Path) -> (Option<i32>, String, String) {
    use std::io::Read;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("chatwoot-identity"))
        .env_clear()
        .env("CHATWOOT_IDENTITY_SECRET", SECRET)
        .arg("batch")
        .stdin(std::fs::File::open(path).unwrap())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        stdout.read_to_string(&mut out).map(|_| out)
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("batch < {} still running after 20 s: the line is read whole", path.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    (status.code(), reader.join().unwrap().unwrap(), err)
}
