//! `batch`: streams identifiers through the library's batch path, a chunk at a time, so
//! memory stays flat whatever the input size, and every row read before an error is written.

use std::io::{BufRead, Read, Write};

use chatwoot_identity::{IdentityKey, HASH_LEN};
use indicatif::{ProgressBar, ProgressStyle};

use crate::csv_quotes::MAX_FIELD;
use crate::Failure;

/// Rows hashed per library call: large enough to amortise the call, small enough for flat memory.
const CHUNK: usize = 4096;

/// Identifiers waiting for their hashes, with the rows they belong to.
struct Pending {
    bytes: Vec<u8>,
    offsets: Vec<usize>,
    rows: Vec<csv::ByteRecord>,
    first_line: u64,
    hex: Vec<u8>,
}

impl Pending {
    fn new() -> Self {
        Pending { bytes: Vec::new(), offsets: vec![0], rows: Vec::new(), first_line: 0, hex: Vec::new() }
    }

    fn push(&mut self, line: u64, identifier: &[u8], row: csv::ByteRecord) -> Result<(), Failure> {
        if identifier.is_empty() {
            return Err(Failure::input(format!("line {line}: the identifier is empty; every row needs one")));
        }
        if self.rows.is_empty() {
            self.first_line = line;
        }
        self.bytes.extend_from_slice(identifier);
        self.offsets.push(self.bytes.len());
        self.rows.push(row);
        Ok(())
    }

    /// Hashes the pending identifiers in one call and writes their rows.
    fn flush(
        &mut self,
        key: &IdentityKey,
        out: &mut csv::Writer<impl Write>,
        progress: &ProgressBar,
    ) -> Result<(), Failure> {
        if self.rows.is_empty() {
            return Ok(());
        }
        self.hex.resize(self.rows.len() * HASH_LEN, 0);
        key.identifier_hashes_into(&self.bytes, &self.offsets, &mut self.hex)
            .map_err(|e| Failure::input(format!("rows from line {}: {e}", self.first_line)))?;
        for (row, hash) in self.rows.iter_mut().zip(self.hex.chunks_exact(HASH_LEN)) {
            row.push_field(hash);
            out.write_byte_record(row).map_err(Failure::output)?;
        }
        out.flush().map_err(|e| Failure::output(e.into()))?;
        progress.inc(self.rows.len() as u64);
        self.bytes.clear();
        self.offsets.truncate(1);
        self.rows.clear();
        Ok(())
    }
}

fn progress_bar() -> ProgressBar {
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {human_pos} identifiers hashed ({per_sec})")
                .expect("valid template"),
        );
        bar
    } else {
        ProgressBar::hidden()
    }
}

/// What a batch did, for the summary on stderr.
pub struct Summary {
    pub hashed: u64,
    pub blank_lines: u64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: u64, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        write!(f, "{} {} hashed", self.hashed, plural(self.hashed, "identifier", "identifiers"))?;
        if self.blank_lines > 0 {
            write!(f, ", {} blank {} skipped", self.blank_lines, plural(self.blank_lines, "line", "lines"))?;
        }
        Ok(())
    }
}

/// Identifiers one per line (LF or CRLF) in; CSV `identifier,identifier_hash` out.
/// A leading UTF-8 BOM is dropped and blank lines are skipped, as in [`csv_file`].
pub fn lines(key: &IdentityKey, input: impl BufRead, out: impl Write) -> Result<Summary, Failure> {
    let input = crate::bom::strip(input).map_err(|e| Failure::input(format!("line 1: cannot read input: {e}")))?;
    let mut out = csv::Writer::from_writer(out);
    out.write_record(["identifier", "identifier_hash"]).map_err(Failure::output)?;
    let progress = progress_bar();
    let mut pending = Pending::new();
    let mut summary = Summary { hashed: 0, blank_lines: 0 };
    let mut result = Ok(());
    let mut input = input;
    let mut line = Vec::new();
    for line_no in 1u64.. {
        // Never more than the bound (plus CR LF) in memory, however long the line.
        line.clear();
        match (&mut input).take(MAX_FIELD + 2).read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                result = Err(Failure::input(format!("line {line_no}: cannot read input: {e}")));
                break;
            }
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        if line.len() as u64 > MAX_FIELD {
            result = Err(too_long(line_no));
            break;
        }
        if line.is_empty() {
            summary.blank_lines += 1;
            continue;
        }
        let mut row = csv::ByteRecord::new();
        row.push_field(&line);
        if let Err(e) = pending.push(line_no, &line, row) {
            result = Err(e);
            break;
        }
        summary.hashed += 1;
        if pending.rows.len() == CHUNK {
            pending.flush(key, &mut out, &progress)?;
        }
    }
    // Rows read before an error are still written.
    pending.flush(key, &mut out, &progress)?;
    progress.finish_and_clear();
    result.map(|()| summary)
}

/// A CSV with a header row in; the same CSV with an `identifier_hash` column added out.
/// A leading UTF-8 BOM is dropped and blank lines are skipped, as in [`lines`]; a quoted
/// field never closed is an error naming the line it opens on.
pub fn csv_file(key: &IdentityKey, input: impl BufRead, column: &str, out: impl Write) -> Result<Summary, Failure> {
    let input = crate::bom::strip(input).map_err(|e| Failure::input(format!("cannot read the CSV header: {e}")))?;
    let (input, findings) = crate::csv_quotes::Watch::new(input);
    // The header is read like any record, so an unclosed quote in it is caught the same way.
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(input);
    let mut records = reader.byte_records().peekable();
    // Whether `record` swallowed the rest of the input into an unclosed quoted field: it is
    // the last record and the input ended inside quotes.
    let unclosed = |records: &mut std::iter::Peekable<csv::ByteRecordsIter<'_, _>>| {
        if records.peek().is_none() {
            findings.unclosed_quote.get()
        } else {
            None
        }
    };
    let quote_error = |line: u64| {
        Failure::input(format!("line {line}: malformed CSV: a quoted field opens on this line and is never closed"))
    };
    let headers = match records.next() {
        None => csv::ByteRecord::new(),
        Some(Ok(headers)) => headers,
        Some(Err(e)) => {
            return Err(match findings.too_long.get() {
                Some(line) => too_long(line),
                None => Failure::input(format!("cannot read the CSV header: {e}")),
            })
        }
    };
    if let Some(line) = unclosed(&mut records) {
        return Err(quote_error(line));
    }
    let index = headers.iter().position(|h| h == column.as_bytes()).ok_or_else(|| {
        let names: Vec<_> = headers.iter().map(String::from_utf8_lossy).collect();
        Failure::input(format!(
            "no column {column:?} in the CSV header (columns: {}); pick one with --column",
            names.join(", ")
        ))
    })?;
    let mut out = csv::Writer::from_writer(out);
    let mut header_out = headers.clone();
    header_out.push_field(b"identifier_hash");
    out.write_byte_record(&header_out).map_err(Failure::output)?;
    let progress = progress_bar();
    let mut pending = Pending::new();
    let mut hashed = 0u64;
    let mut result = Ok(());
    while let Some(record) = records.next() {
        if let Some(line) = unclosed(&mut records) {
            result = Err(quote_error(line));
            break;
        }
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line());
                let identifier = record.get(index).unwrap_or_default().to_vec();
                if let Err(e) = pending.push(line, &identifier, record) {
                    result = Err(e);
                    break;
                }
                hashed += 1;
                if pending.rows.len() == CHUNK {
                    pending.flush(key, &mut out, &progress)?;
                }
            }
            Err(e) => {
                if let Some(line) = findings.too_long.get() {
                    result = Err(too_long(line));
                    break;
                }
                let line = e.position().map_or_else(|| "?".to_owned(), |p| p.line().to_string());
                result = Err(Failure::input(format!("line {line}: malformed CSV: {}", csv_reason(&e))));
                break;
            }
        }
    }
    pending.flush(key, &mut out, &progress)?;
    progress.finish_and_clear();
    result.map(|()| Summary { hashed, blank_lines: findings.blank_lines.get() })
}

fn too_long(line: u64) -> Failure {
    Failure::input(format!(
        "line {line}: a field is longer than {} MiB ({MAX_FIELD} bytes); no identifier is that long: is it the right file, or a quote never closed?",
        MAX_FIELD >> 20
    ))
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("{len} fields where the header has {expected_len}")
        }
        _ => e.to_string(),
    }
}
