//! Where the secret comes from: an environment variable or a file, never the command line
//! (it would show in `ps` and in shell history).

use std::io::Read;
use std::path::Path;

use chatwoot_identity::{Error, IdentityKey};

use crate::Failure;

/// The environment variable read when neither `--secret-env` nor `--secret-file` is given.
pub const DEFAULT_SECRET_ENV: &str = "CHATWOOT_IDENTITY_SECRET";

/// The largest secret file read. An inbox's HMAC token is 24 characters; a bigger file is
/// the wrong file (or a device such as /dev/zero), never read whole.
pub const MAX_SECRET_FILE: usize = 4096;

/// A secret file's bytes, at most [`MAX_SECRET_FILE`] of them. `flag` names the option in errors.
pub fn read_file(path: &Path, flag: &str) -> Result<Vec<u8>, Failure> {
    let cannot = |e: std::io::Error| Failure::input(format!("cannot read {flag} {}: {e}", path.display()));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut secret = Vec::new();
    // One byte past the limit tells "exactly 4 KiB" from "more".
    file.take(MAX_SECRET_FILE as u64 + 1).read_to_end(&mut secret).map_err(cannot)?;
    if secret.len() > MAX_SECRET_FILE {
        return Err(Failure::input(format!(
            "{flag} {} is larger than 4 KiB ({MAX_SECRET_FILE} bytes): an inbox's HMAC token is 24 characters; is it the right file?",
            path.display()
        )));
    }
    Ok(secret)
}

/// Another secret for `explain` to try, from `--also-secret-file`: the same 4 KiB limit and
/// whitespace rule as `--secret-file` (an error unless `trim`, then trimmed).
pub fn read_candidate_file(path: &Path, trim: bool) -> Result<Vec<u8>, Failure> {
    let secret = read_file(path, "--also-secret-file")?;
    let secret = if trim { trimmed(&secret).to_vec() } else { secret };
    match chatwoot_identity::IdentityKey::new(&secret) {
        Ok(_) => Ok(secret),
        Err(Error::SecretWhitespace) => Err(Failure::input(format!(
            "the secret from --also-secret-file {} starts or ends with whitespace (a trailing newline?); the inbox's token has none. \
             Fix the file, or pass --trim-secret",
            path.display()
        ))),
        Err(_) => Err(Failure::input(format!("the secret from --also-secret-file {} is empty", path.display()))),
    }
}

fn trimmed(secret: &[u8]) -> &[u8] {
    let start = secret.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(secret.len());
    let end = secret.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |i| i + 1);
    &secret[start..end]
}

#[derive(Clone, Copy)]
pub struct SecretSource<'a> {
    pub env: &'a str,
    pub file: Option<&'a Path>,
    pub trim: bool,
}

impl SecretSource<'_> {
    /// The secret as checked key. Error messages name the source, never the secret.
    pub fn key(&self) -> Result<IdentityKey, Failure> {
        let (secret, origin) = self.read()?;
        IdentityKey::new(&secret).map_err(|e| match e {
            Error::SecretWhitespace => Failure::input(format!(
                "the secret from {origin} starts or ends with whitespace (a trailing newline?); the inbox's token has none. \
                 Fix the source, or pass --trim-secret"
            )),
            Error::EmptySecret => Failure::input(format!("the secret from {origin} is empty")),
            other => Failure::input(other.to_string()),
        })
    }

    /// The secret's bytes (trimmed with --trim-secret), unchecked.
    pub fn raw(&self) -> Result<Vec<u8>, Failure> {
        self.read().map(|(secret, _)| secret)
    }

    fn read(&self) -> Result<(Vec<u8>, String), Failure> {
        let (mut secret, origin) = match self.file {
            Some(path) => (read_file(path, "--secret-file")?, format!("the file {}", path.display())),
            None => match std::env::var_os(self.env) {
                Some(value) => (value.into_encoded_bytes(), format!("${}", self.env)),
                None => {
                    return Err(Failure::input(format!(
                        "no secret: set {} to the inbox's HMAC token (Settings > Inboxes > the inbox > Configuration), \
                         or pass --secret-file PATH",
                        self.env
                    )))
                }
            },
        };
        if self.trim {
            secret = trimmed(&secret).to_vec();
        }
        Ok((secret, origin))
    }
}
