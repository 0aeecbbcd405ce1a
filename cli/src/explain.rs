//! `explain`: names why a hash does or does not match, for people (one line) or scripts
//! (`--json`). A debugging aid: not constant-time; `verify` decides.

use std::io::Write;
use std::path::PathBuf;

use chatwoot_identity::{explain_with_candidates, CandidateKind, Candidates, Explanation};
use serde_json::json;

use crate::secret::{self, SecretSource};
use crate::Failure;

pub struct Request {
    pub identifier: String,
    pub hash: String,
    pub json: bool,
    pub also_secret_files: Vec<PathBuf>,
    pub also_identifiers: Vec<String>,
}

/// Runs explain and prints its answer; the exit status is 0 for a match, 1 otherwise.
pub fn run(source: &SecretSource<'_>, request: &Request, out: &mut impl Write) -> Result<u8, Failure> {
    // explain reports a whitespace-padded secret as its own verdict, so read it raw.
    let secret = SecretSource { trim: false, ..*source }.raw()?;
    let other_secrets = request
        .also_secret_files
        .iter()
        .map(|path| secret::read_candidate_file(path, source.trim))
        .collect::<Result<Vec<_>, _>>()?;
    let secrets: Vec<&[u8]> = other_secrets.iter().map(Vec::as_slice).collect();
    let identifiers: Vec<&[u8]> = request.also_identifiers.iter().map(|i| i.as_bytes()).collect();
    let candidates = Candidates { secrets: &secrets, identifiers: &identifiers };
    let found = explain_with_candidates(&secret, request.identifier.as_bytes(), request.hash.as_bytes(), candidates)
        .map_err(|e| Failure::input(e.to_string()))?;
    let text = if request.json { to_json(&found, request) } else { to_text(&found, request) };
    writeln!(out, "{text}").map_err(|e| Failure::output(e.into()))?;
    Ok(if found.verdict.is_match() { 0 } else { 1 })
}

/// The option that named a candidate, and its position counted from 1 as people count.
fn which(kind: CandidateKind, index: usize, request: &Request) -> String {
    match kind {
        CandidateKind::Secret => {
            format!("--also-secret-file number {} ({})", index + 1, request.also_secret_files[index].display())
        }
        CandidateKind::Identifier => format!("--also-identifier number {}", index + 1),
    }
}

fn to_text(found: &Explanation, request: &Request) -> String {
    let line = format!("{}: {}", found.verdict.name(), found.verdict.message());
    match found.candidate {
        Some((kind, index)) => format!("{line}\nmatched: {}", which(kind, index, request)),
        None => line,
    }
}

/// One JSON object: the verdict's name, code and message, whether it is a match, and the
/// candidate that matched (its kind, 0-based index as in the C ABI, and the option) or null.
fn to_json(found: &Explanation, request: &Request) -> String {
    let candidate = found.candidate.map(|(kind, index)| {
        let (kind_name, option) = match kind {
            CandidateKind::Secret => ("secret", "--also-secret-file"),
            CandidateKind::Identifier => ("identifier", "--also-identifier"),
        };
        let mut candidate = json!({ "kind": kind_name, "index": index, "option": option });
        if kind == CandidateKind::Secret {
            candidate["path"] = json!(request.also_secret_files[index].to_string_lossy());
        }
        candidate
    });
    json!({
        "verdict": found.verdict.name(),
        "code": found.verdict as i32,
        "message": found.verdict.message(),
        "match": found.verdict.is_match(),
        "candidate": candidate,
    })
    .to_string()
}
