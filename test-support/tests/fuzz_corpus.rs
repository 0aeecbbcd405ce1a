//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) through the fuzz targets'
//! own checks (this crate), on stable Rust and without cargo-fuzz, so `make test` re-runs
//! every input the fuzzer found interesting.

use chatwoot_identity_test_support as checks;

use std::path::Path;

/// Every fuzz target, with its check.
/// A fuzz target's check: panics on a broken promise.
type Check = fn(&[u8]);

const TARGETS: [(&str, Check); 10] = [
    ("identifier_hash", checks::check_identifier_hash),
    ("verify", checks::check_verify),
    ("key_new", checks::check_key_new),
    ("key_identifier_hash", checks::check_key_identifier_hash),
    ("key_verify", checks::check_key_verify),
    ("key_identifier_hash_batch", checks::check_key_identifier_hash_batch),
    ("explain", checks::check_explain),
    ("status_message", checks::check_status_message),
    ("verdict_strings", checks::check_verdict_strings),
    ("render", checks::check_render),
];

fn replay(target: &str, check: Check) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus").join(target);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut replayed = 0;
    let mut failed = Vec::new();
    for entry in entries {
        let path = entry.expect("readable corpus directory").path();
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            failed.push(path.display().to_string());
        }
        replayed += 1;
    }
    assert!(replayed > 0, "{}: empty corpus", dir.display());
    assert!(failed.is_empty(), "{target}: {} of {replayed} corpus inputs failed:\n{}", failed.len(), failed.join("\n"));
}

#[test]
fn every_target_has_a_committed_corpus() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
    let mut dirs: Vec<String> = std::fs::read_dir(&corpus)
        .expect("fuzz/corpus exists")
        .map(|e| e.expect("readable").file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    let mut names: Vec<String> = TARGETS.iter().map(|(name, _)| name.to_string()).collect();
    names.sort();
    assert_eq!(dirs, names, "fuzz/corpus/ and this replay list disagree");
}

#[test]
fn corpus_identifier_hash() {
    replay(TARGETS[0].0, TARGETS[0].1);
}

#[test]
fn corpus_verify() {
    replay(TARGETS[1].0, TARGETS[1].1);
}

#[test]
fn corpus_key_new() {
    replay(TARGETS[2].0, TARGETS[2].1);
}

#[test]
fn corpus_key_identifier_hash() {
    replay(TARGETS[3].0, TARGETS[3].1);
}

#[test]
fn corpus_key_verify() {
    replay(TARGETS[4].0, TARGETS[4].1);
}

#[test]
fn corpus_key_identifier_hash_batch() {
    replay(TARGETS[5].0, TARGETS[5].1);
}

#[test]
fn corpus_explain() {
    replay(TARGETS[6].0, TARGETS[6].1);
}

#[test]
fn corpus_status_message() {
    replay(TARGETS[7].0, TARGETS[7].1);
}

#[test]
fn corpus_verdict_strings() {
    replay(TARGETS[8].0, TARGETS[8].1);
}

#[test]
fn corpus_render() {
    replay(TARGETS[9].0, TARGETS[9].1);
}
