//! `chatwoot-identity`: Chatwoot's identifier_hash from the command line.

mod batch;
mod bom;
mod csv_quotes;
mod explain;
mod secret;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use secret::{SecretSource, DEFAULT_SECRET_ENV};

const EXAMPLES: &str = "\
Examples:
  export CHATWOOT_IDENTITY_SECRET=...            # the inbox's HMAC token, never on the command line
  chatwoot-identity hash user-42 user-43
  chatwoot-identity verify user-42 3f1c...e9
  chatwoot-identity explain user-42 3F1C...E9     # why does Chatwoot say \"HMAC failed\"?
  chatwoot-identity explain --json --also-secret-file old-token.txt --also-identifier jane@example.com user-42 3f1c...e9
  chatwoot-identity --secret-file /run/secrets/chatwoot batch < ids.txt > hashes.csv
  chatwoot-identity batch --csv users.csv --column email > users-with-hashes.csv

Exit status: 0 success (or a match), 1 no match, 2 bad input or usage.";

/// Compute, verify and explain Chatwoot identity-validation hashes:
/// identifier_hash = lowercase hex HMAC-SHA256(inbox secret, identifier).
#[derive(Parser)]
#[command(name = "chatwoot-identity", version, after_help = EXAMPLES)]
struct Cli {
    /// Environment variable holding the inbox's secret (its HMAC token).
    #[arg(long, global = true, value_name = "NAME", default_value = DEFAULT_SECRET_ENV)]
    secret_env: String,
    /// Read the secret from this file instead of the environment.
    #[arg(long, global = true, value_name = "PATH")]
    secret_file: Option<PathBuf>,
    /// Strip whitespace around the secret (by default it is an error: the inbox's token has none).
    #[arg(long, global = true)]
    trim_secret: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the identifier_hash of each IDENTIFIER, one per line.
    Hash {
        #[arg(required = true)]
        identifiers: Vec<String>,
    },
    /// Exit 0 when HASH is the identifier_hash of IDENTIFIER, 1 when not (constant-time).
    Verify { identifier: String, hash: String },
    /// Say why HASH does or does not match IDENTIFIER (a debugging aid, not constant-time).
    ///
    /// Prints the verdict's name and what to do; exit 0 for a match, 1 otherwise. A secret with
    /// whitespace around it is reported (secret_whitespace), not refused.
    Explain {
        identifier: String,
        hash: String,
        /// Print one JSON object: verdict, code, message, match, and the candidate that matched.
        #[arg(long)]
        json: bool,
        /// Another secret to try, from a file read like --secret-file (the token before a
        /// rotation, another inbox's token). Repeatable.
        #[arg(long = "also-secret-file", value_name = "PATH")]
        also_secret_files: Vec<PathBuf>,
        /// Another identifier to try (the user's email when IDENTIFIER is the id, or the
        /// reverse). Repeatable.
        #[arg(long = "also-identifier", value_name = "VALUE")]
        also_identifiers: Vec<String>,
    },
    /// Hash many identifiers: one per line on stdin, or a column of a CSV file; writes CSV
    /// with an identifier_hash column, streaming.
    ///
    /// In both modes a UTF-8 byte-order mark at the start of the input is dropped, and blank
    /// lines are skipped (the summary on stderr counts them). A row with an empty identifier,
    /// or a malformed CSV line (an unclosed quote, a wrong number of fields), stops the batch
    /// with an error naming the line, after every earlier row is written.
    Batch {
        /// A CSV file with a header row ("-" for stdin); without it, stdin has one identifier per line.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// The CSV column holding the identifier.
        #[arg(long, value_name = "NAME", default_value = "identifier", requires = "csv")]
        column: String,
    },
}

/// A failure with its exit status; the message says what to do and never holds the secret.
pub struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    pub fn input(message: String) -> Self {
        Failure { code: 2, message }
    }

    pub fn output(e: csv::Error) -> Self {
        Failure { code: 2, message: format!("cannot write the output: {e}") }
    }
}

fn run(cli: Cli) -> Result<u8, Failure> {
    let source = SecretSource { env: &cli.secret_env, file: cli.secret_file.as_deref(), trim: cli.trim_secret };
    let mut stdout = std::io::stdout().lock();
    match cli.command {
        Command::Hash { identifiers } => {
            let key = source.key()?;
            for identifier in identifiers {
                let hash = key
                    .identifier_hash(identifier.as_bytes())
                    .map_err(|e| Failure::input(format!("{identifier:?}: {e}")))?;
                writeln!(stdout, "{hash}").map_err(|e| Failure::output(e.into()))?;
            }
            Ok(0)
        }
        Command::Verify { identifier, hash } => {
            let key = source.key()?;
            if identifier.is_empty() {
                return Err(Failure::input("the identifier is empty".into()));
            }
            if key.verify(identifier.as_bytes(), hash.as_bytes()) {
                writeln!(stdout, "match").map_err(|e| Failure::output(e.into()))?;
                Ok(0)
            } else {
                eprintln!("no match: run `chatwoot-identity explain` with the same arguments to see why");
                Ok(1)
            }
        }
        Command::Explain { identifier, hash, json, also_secret_files, also_identifiers } => {
            let request = explain::Request { identifier, hash, json, also_secret_files, also_identifiers };
            explain::run(&source, &request, &mut stdout)
        }
        Command::Batch { csv, column } => {
            let key = source.key()?;
            let summary = match csv.as_deref() {
                None => batch::lines(&key, std::io::stdin().lock(), stdout)?,
                Some(path) if path.as_os_str() == "-" => {
                    batch::csv_file(&key, std::io::stdin().lock(), &column, stdout)?
                }
                Some(path) => {
                    let file = std::fs::File::open(path)
                        .map_err(|e| Failure::input(format!("cannot open {}: {e}", path.display())))?;
                    batch::csv_file(&key, std::io::BufReader::new(file), &column, stdout)?
                }
            };
            eprintln!("{summary}");
            Ok(0)
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            eprintln!("chatwoot-identity: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}
