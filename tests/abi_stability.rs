//! ABI stability: pins every status and verdict value, every function signature of the
//! committed header, and the exact set of symbols the shared library exports, so no change
//! to the C ABI can happen unnoticed.
//!
//! When one of these tests fails, the ABI changed. If that is intended: a changed signature
//! or value bumps `CW_ABI_VERSION` (src/ffi/mod.rs), an added function does not; either way,
//! record it in CHANGELOG.md under the ABI version, then update the pins below.
#![cfg(feature = "capi")] // tests the C entry points: `cargo test --features capi`

use std::path::{Path, PathBuf};
use std::process::Command;

use chatwoot_identity::ffi::{
    cw_abi_version, CwBytes, CwCandidateKind, CwCandidates, CwExplanation, CwStatus, CW_ABI_VERSION, CW_HASH_LEN,
};
use chatwoot_identity::Verdict;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every `cw_status`, by its C name. The `match` has no wildcard: adding a variant to
/// `CwStatus` stops this file from compiling.
fn status_name(status: CwStatus) -> &'static str {
    match status {
        CwStatus::Ok => "CW_STATUS_OK",
        CwStatus::NullPointer => "CW_STATUS_NULL_POINTER",
        CwStatus::EmptySecret => "CW_STATUS_EMPTY_SECRET",
        CwStatus::SecretWhitespace => "CW_STATUS_SECRET_WHITESPACE",
        CwStatus::EmptyIdentifier => "CW_STATUS_EMPTY_IDENTIFIER",
        CwStatus::BufferTooSmall => "CW_STATUS_BUFFER_TOO_SMALL",
        CwStatus::InvalidOffsets => "CW_STATUS_INVALID_OFFSETS",
        CwStatus::InternalError => "CW_STATUS_INTERNAL_ERROR",
        CwStatus::InvalidIdentifier => "CW_STATUS_INVALID_IDENTIFIER",
        CwStatus::InvalidJson => "CW_STATUS_INVALID_JSON",
        CwStatus::UnknownField => "CW_STATUS_UNKNOWN_FIELD",
        CwStatus::InvalidFieldValue => "CW_STATUS_INVALID_FIELD_VALUE",
        CwStatus::MissingContactField => "CW_STATUS_MISSING_CONTACT_FIELD",
        CwStatus::InvalidNonce => "CW_STATUS_INVALID_NONCE",
        CwStatus::SecretInvisible => "CW_STATUS_SECRET_INVISIBLE",
    }
}

const STATUSES: [(CwStatus, i32); 15] = [
    (CwStatus::Ok, 0),
    (CwStatus::NullPointer, -1),
    (CwStatus::EmptySecret, -2),
    (CwStatus::SecretWhitespace, -3),
    (CwStatus::EmptyIdentifier, -4),
    (CwStatus::BufferTooSmall, -5),
    (CwStatus::InvalidOffsets, -6),
    (CwStatus::InternalError, -7),
    (CwStatus::InvalidIdentifier, -8),
    (CwStatus::InvalidJson, -9),
    (CwStatus::UnknownField, -10),
    (CwStatus::InvalidFieldValue, -11),
    (CwStatus::MissingContactField, -12),
    (CwStatus::InvalidNonce, -13),
    (CwStatus::SecretInvisible, -14),
];

/// Every `cw_verdict` (the Rust API's `Verdict`, exported as is), by its C name and value, in
/// value order as the header lists them.
const VERDICTS: [(Verdict, &str, i32); 20] = [
    (Verdict::Match, "CW_VERDICT_MATCH", 0),
    (Verdict::UppercaseHex, "CW_VERDICT_UPPERCASE_HEX", 1),
    (Verdict::HashWhitespace, "CW_VERDICT_HASH_WHITESPACE", 2),
    (Verdict::SecretWhitespace, "CW_VERDICT_SECRET_WHITESPACE", 3),
    (Verdict::SwappedArguments, "CW_VERDICT_SWAPPED_ARGUMENTS", 4),
    (Verdict::HashIsIdentifier, "CW_VERDICT_HASH_IS_IDENTIFIER", 5),
    (Verdict::IdentifierIsHash, "CW_VERDICT_IDENTIFIER_IS_HASH", 6),
    (Verdict::Base64, "CW_VERDICT_BASE64", 7),
    (Verdict::RawDigest, "CW_VERDICT_RAW_DIGEST", 8),
    (Verdict::IdentifierFormat, "CW_VERDICT_IDENTIFIER_FORMAT", 9),
    (Verdict::OtherAlgorithm, "CW_VERDICT_OTHER_ALGORITHM", 10),
    (Verdict::NotHex, "CW_VERDICT_NOT_HEX", 11),
    (Verdict::WrongLength, "CW_VERDICT_WRONG_LENGTH", 12),
    (Verdict::Mismatch, "CW_VERDICT_MISMATCH", 13),
    (Verdict::BlankHash, "CW_VERDICT_BLANK_HASH", 14),
    (Verdict::PaddedSecret, "CW_VERDICT_PADDED_SECRET", 15),
    (Verdict::NotHmac, "CW_VERDICT_NOT_HMAC", 16),
    (Verdict::TokenAsHash, "CW_VERDICT_TOKEN_AS_HASH", 17),
    (Verdict::JsRoundedNumber, "CW_VERDICT_JS_ROUNDED_NUMBER", 18),
    (Verdict::OtherCandidate, "CW_VERDICT_OTHER_CANDIDATE", 19),
];

#[test]
fn every_verdict_is_pinned() {
    // `Verdict` is non_exhaustive, so this file cannot match on it exhaustively: compare with
    // the crate's own list instead (a verdict added there must be pinned here).
    let all = Verdict::ALL;
    assert_eq!(all.len(), VERDICTS.len(), "a verdict was added or removed: pin it in VERDICTS");
    for v in all {
        assert!(VERDICTS.iter().any(|&(p, _, _)| p == v), "{v:?} is not pinned in VERDICTS");
    }
}

const CANDIDATE_KINDS: [(CwCandidateKind, &str, i32); 3] = [
    (CwCandidateKind::None, "CW_CANDIDATE_KIND_NONE", 0),
    (CwCandidateKind::Secret, "CW_CANDIDATE_KIND_SECRET", 1),
    (CwCandidateKind::Identifier, "CW_CANDIDATE_KIND_IDENTIFIER", 2),
];

/// The ABI's functions, exactly as the header declares them (whitespace collapsed).
const SIGNATURES: [&str; 17] = [
    "enum cw_status cw_identifier_hash(const uint8_t *secret, size_t secret_len, const uint8_t *identifier, size_t identifier_len, char *out, size_t out_len);",
    "bool cw_verify(const uint8_t *secret, size_t secret_len, const uint8_t *identifier, size_t identifier_len, const char *identifier_hash, size_t identifier_hash_len);",
    "enum cw_status cw_key_new(const uint8_t *secret, size_t secret_len, struct cw_key **out);",
    "void cw_key_free(struct cw_key *key);",
    "enum cw_status cw_key_identifier_hash(const struct cw_key *key, const uint8_t *identifier, size_t identifier_len, char *out, size_t out_len);",
    "bool cw_key_verify(const struct cw_key *key, const uint8_t *identifier, size_t identifier_len, const char *identifier_hash, size_t identifier_hash_len);",
    "enum cw_status cw_key_identifier_hash_batch(const struct cw_key *key, const uint8_t *identifiers, size_t identifiers_len, const size_t *offsets, size_t count, char *out, size_t out_len);",
    "const char *cw_status_message(int32_t status);",
    "const char *cw_version(void);",
    "const char *cw_sha256_backend(void);",
    "uint32_t cw_abi_version(void);",
    "enum cw_status cw_key_set_user_script(const struct cw_key *key, const uint8_t *identifier, size_t identifier_len, const uint8_t *fields_json, size_t fields_json_len, const uint8_t *nonce, size_t nonce_len, char *out, size_t out_cap, size_t *out_len);",
    "enum cw_status cw_key_set_user_payload(const struct cw_key *key, const uint8_t *identifier, size_t identifier_len, const uint8_t *fields_json, size_t fields_json_len, char *out, size_t out_cap, size_t *out_len);",
    "enum cw_status cw_reset_script(const uint8_t *nonce, size_t nonce_len, char *out, size_t out_cap, size_t *out_len);",
    "enum cw_status cw_explain(const uint8_t *secret, size_t secret_len, const uint8_t *identifier, size_t identifier_len, const char *identifier_hash, size_t identifier_hash_len, const struct cw_candidates *candidates, struct cw_explanation *out);",
    "const char *cw_verdict_message(int32_t verdict);",
    "const char *cw_verdict_name(int32_t verdict);",
];

fn header() -> String {
    std::fs::read_to_string(Path::new(ROOT).join("include/chatwoot_identity.h")).expect("the committed header")
}

/// The function declarations of the header: statements that start at column 0 with a
/// return type and end with `);`, whitespace collapsed.
fn declarations(header: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    for line in header.lines() {
        let starts = line.starts_with(|c: char| c.is_ascii_alphabetic()) && line.contains("cw_") && line.contains('(');
        if current.is_none() && starts && !line.starts_with("typedef") {
            current = Some(String::new());
        }
        if let Some(decl) = current.as_mut() {
            decl.push(' ');
            decl.push_str(line.trim());
            if line.trim_end().ends_with(");") {
                found.push(decl.split_whitespace().collect::<Vec<_>>().join(" "));
                current = None;
            }
        }
    }
    found
}

/// `NAME = VALUE,` lines of the header's enum whose constants start with `prefix`.
fn enum_values(header: &str, prefix: &str) -> Vec<(String, i32)> {
    header
        .lines()
        .filter_map(|line| {
            let (name, value) = line.trim().strip_suffix(',')?.split_once(" = ")?;
            name.starts_with(prefix).then(|| (name.to_string(), value.parse().expect("an integer value")))
        })
        .collect()
}

#[test]
fn status_values_are_pinned() {
    for (status, code) in STATUSES {
        assert_eq!(status as i32, code, "{} changed its value", status_name(status));
    }
    let pinned: Vec<(String, i32)> = STATUSES.iter().map(|&(s, c)| (status_name(s).to_string(), c)).collect();
    assert_eq!(enum_values(&header(), "CW_STATUS_"), pinned, "the header's cw_status differs from the pinned values");
}

/// The one table of statuses gives each status its own message, and each `Error` the status of
/// the same name, whose C message is the Rust API's message.
#[test]
fn every_status_has_its_message_and_every_error_its_status() {
    use chatwoot_identity::ffi::cw_status_message;
    use chatwoot_identity::Error;
    // SAFETY: cw_status_message returns a static NUL-terminated string for any value.
    let message = |code: i32| unsafe { std::ffi::CStr::from_ptr(cw_status_message(code)) }.to_str().unwrap();
    let mut seen = std::collections::HashSet::new();
    for (status, code) in STATUSES {
        let m = message(code);
        assert!(m != "unknown cw_status code" && seen.insert(m), "{}: {m}", status_name(status));
    }
    let errors = [
        Error::EmptySecret,
        Error::SecretWhitespace,
        Error::EmptyIdentifier,
        Error::BufferTooSmall,
        Error::InvalidOffsets,
        Error::InvalidIdentifier,
        Error::InvalidJson,
        Error::UnknownField,
        Error::InvalidFieldValue,
        Error::MissingContactField,
        Error::InvalidNonce,
        Error::SecretInvisible('\u{FEFF}'),
    ];
    // The other three are C-only: OK, NULL_POINTER, INTERNAL_ERROR.
    assert_eq!(errors.len() + 3, STATUSES.len(), "an Error was added: list it here");
    for e in errors {
        let variant = format!("{e:?}");
        let variant = variant.split('(').next().unwrap();
        let mut c_name = String::from("CW_STATUS");
        for ch in variant.chars() {
            if ch.is_ascii_uppercase() {
                c_name.push('_');
            }
            c_name.push(ch.to_ascii_uppercase());
        }
        let status = CwStatus::from(e);
        assert_eq!(status_name(status), c_name, "{e:?} maps to another status");
        assert_eq!(message(status as i32), e.message(), "{e:?}'s C message differs from its Rust one");
    }
}

#[test]
fn verdict_values_are_pinned() {
    for (verdict, name, code) in VERDICTS {
        assert_eq!(verdict as i32, code, "{name} changed its value");
        assert_eq!(format!("CW_VERDICT_{}", verdict.name().to_uppercase()), name, "{verdict:?}'s name changed");
    }
    let pinned: Vec<(String, i32)> = VERDICTS.iter().map(|&(_, n, c)| (n.to_string(), c)).collect();
    assert_eq!(enum_values(&header(), "CW_VERDICT_"), pinned, "the header's cw_verdict differs from the pinned values");
}

#[test]
fn header_signatures_are_pinned() {
    let found = declarations(&header());
    let pinned: Vec<String> = SIGNATURES.iter().map(|s| s.to_string()).collect();
    assert_eq!(found, pinned, "the header's functions differ from the pinned signatures");
}

#[test]
fn constants_are_pinned() {
    assert_eq!(CW_ABI_VERSION, 2);
    assert_eq!(cw_abi_version(), CW_ABI_VERSION);
    assert_eq!(CW_HASH_LEN, 64);
    let header = header();
    assert!(header.contains("#define CW_ABI_VERSION 2\n"), "the header's CW_ABI_VERSION is not 2");
    assert!(header.contains("#define CW_HASH_LEN 64\n"), "the header's CW_HASH_LEN is not 64");
    // The enums are C ints: a repr change would change every signature that returns one.
    assert_eq!(std::mem::size_of::<CwStatus>(), 4);
    assert_eq!(std::mem::size_of::<Verdict>(), 4);
}

#[test]
fn candidate_kinds_are_pinned() {
    for (kind, name, code) in CANDIDATE_KINDS {
        assert_eq!(kind as i32, code, "{name} changed its value");
    }
    let pinned: Vec<(String, i32)> = CANDIDATE_KINDS.iter().map(|&(_, n, c)| (n.to_string(), c)).collect();
    assert_eq!(
        enum_values(&header(), "CW_CANDIDATE_KIND_"),
        pinned,
        "the header's cw_candidate_kind differs from the pinned values"
    );
}

/// The structs' layouts, as a binding declares them (ctypes, koffi, FFI, Fiddle, cgo):
/// pointer-sized fields, in this order, no hidden padding beyond the platform's.
#[test]
fn struct_layouts_are_pinned() {
    use std::mem::{align_of, offset_of, size_of};
    let word = size_of::<usize>();
    assert_eq!((size_of::<CwBytes>(), offset_of!(CwBytes, ptr), offset_of!(CwBytes, len)), (2 * word, 0, word));
    assert_eq!(
        (
            size_of::<CwCandidates>(),
            offset_of!(CwCandidates, secrets),
            offset_of!(CwCandidates, secrets_count),
            offset_of!(CwCandidates, identifiers),
            offset_of!(CwCandidates, identifiers_count)
        ),
        (4 * word, 0, word, 2 * word, 3 * word)
    );
    assert_eq!(
        (
            offset_of!(CwExplanation, verdict),
            offset_of!(CwExplanation, candidate_kind),
            offset_of!(CwExplanation, candidate_index),
            size_of::<CwExplanation>()
        ),
        (0, 4, 8, 8 + word)
    );
    assert_eq!(align_of::<CwExplanation>(), align_of::<usize>());
    let header = header();
    for text in [
        "typedef struct cw_bytes {\n  /**\n   * The first byte; may be NULL only when `len` is 0.\n   */\n  const uint8_t *ptr;",
        "  const struct cw_bytes *secrets;",
        "  size_t secrets_count;",
        "  const struct cw_bytes *identifiers;",
        "  size_t identifiers_count;",
        "  int32_t verdict;",
        "  int32_t candidate_kind;",
        "  size_t candidate_index;",
    ] {
        assert!(header.contains(text), "the header lost `{text}`");
    }
}

#[test]
fn changelog_documents_the_abi_version() {
    let changelog = std::fs::read_to_string(Path::new(ROOT).join("CHANGELOG.md")).expect("CHANGELOG.md exists");
    let entry = format!("cw_abi_version {CW_ABI_VERSION}");
    assert!(changelog.contains(&entry), "CHANGELOG.md has no entry for `{entry}`");
    for signature in SIGNATURES {
        let name = signature.split('(').next().unwrap().rsplit([' ', '*']).next().unwrap();
        assert!(changelog.contains(name), "CHANGELOG.md does not list {name}");
    }
}

/// The shared library cargo built for this test run (the cdylib sits in `deps/` next to
/// the test binary, and is copied to the profile directory by `cargo build`).
fn shared_library() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let deps = exe.parent().expect("deps directory");
    [deps.join("libchatwoot_identity.so"), deps.parent().expect("profile directory").join("libchatwoot_identity.so")]
        .into_iter()
        .find(|p| p.exists())
        .expect("libchatwoot_identity.so next to the test binary (cargo builds the cdylib with the tests)")
}

#[test]
fn the_library_exports_exactly_the_pinned_symbols() {
    let lib = shared_library();
    let output = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(&lib)
        .output()
        .expect("nm (binutils) must be installed to check the exported symbols");
    assert!(output.status.success(), "nm failed on {}", lib.display());
    let mut exported: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().last())
        .map(|sym| sym.split('@').next().unwrap().to_string())
        .collect();
    exported.sort();
    exported.dedup();
    let mut pinned: Vec<String> = SIGNATURES
        .iter()
        .map(|s| s.split('(').next().unwrap().rsplit([' ', '*']).next().unwrap().to_string())
        .collect();
    pinned.sort();
    assert_eq!(exported, pinned, "{} exports other symbols than the pinned ABI", lib.display());
}
