//! `batch`: streams identifiers through the library's batch path, a chunk at a time, so
//! memory stays flat whatever the input size, and every row read before an error is written.

use std::io::{BufRead, Write};

use chatwoot_identity::{IdentityKey, HASH_LEN};
use indicatif::{ProgressBar, ProgressStyle};

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
    fn flush(&mut self, key: &IdentityKey, out: &mut csv::Writer<impl Write>, progress: &ProgressBar) -> Result<(), Failure> {
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
        bar.set_style(ProgressStyle::with_template("{spinner} {human_pos} identifiers hashed ({per_sec})").expect("valid template"));
        bar
    } else {
        ProgressBar::hidden()
    }
}

/// Identifiers one per line (LF or CRLF) in; CSV `identifier,identifier_hash` out.
pub fn lines(key: &IdentityKey, input: impl BufRead, out: impl Write) -> Result<u64, Failure> {
    let mut out = csv::Writer::from_writer(out);
    out.write_record(["identifier", "identifier_hash"]).map_err(Failure::output)?;
    let progress = progress_bar();
    let mut pending = Pending::new();
    let mut count = 0u64;
    let mut result = Ok(());
    for (n, line) in input.split(b'\n').enumerate() {
        let line_no = n as u64 + 1;
        let mut line = match line {
            Ok(line) => line,
            Err(e) => {
                result = Err(Failure::input(format!("line {line_no}: cannot read input: {e}")));
                break;
            }
        };
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        let mut row = csv::ByteRecord::new();
        row.push_field(&line);
        if let Err(e) = pending.push(line_no, &line, row) {
            result = Err(e);
            break;
        }
        count += 1;
        if pending.rows.len() == CHUNK {
            pending.flush(key, &mut out, &progress)?;
        }
    }
    // Rows read before an error are still written.
    pending.flush(key, &mut out, &progress)?;
    progress.finish_and_clear();
    result.map(|()| count)
}

/// A CSV with a header row in; the same CSV with an `identifier_hash` column added out.
pub fn csv_file(key: &IdentityKey, input: impl std::io::Read, column: &str, out: impl Write) -> Result<u64, Failure> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(input);
    let headers = reader.byte_headers().map_err(|e| Failure::input(format!("cannot read the CSV header: {e}")))?.clone();
    let index = headers.iter().position(|h| h == column.as_bytes()).ok_or_else(|| {
        let names: Vec<_> = headers.iter().map(String::from_utf8_lossy).collect();
        Failure::input(format!("no column {column:?} in the CSV header (columns: {}); pick one with --column", names.join(", ")))
    })?;
    let mut out = csv::Writer::from_writer(out);
    let mut header_out = headers.clone();
    header_out.push_field(b"identifier_hash");
    out.write_byte_record(&header_out).map_err(Failure::output)?;
    let progress = progress_bar();
    let mut pending = Pending::new();
    let mut count = 0u64;
    let mut result = Ok(());
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                let identifier = record.get(index).unwrap_or_default().to_vec();
                if let Err(e) = pending.push(line, &identifier, record.clone()) {
                    result = Err(e);
                    break;
                }
                count += 1;
                if pending.rows.len() == CHUNK {
                    pending.flush(key, &mut out, &progress)?;
                }
            }
            Err(e) => {
                let line = e.position().map_or_else(|| "?".to_owned(), |p| p.line().to_string());
                result = Err(Failure::input(format!("line {line}: malformed CSV: {}", csv_reason(&e))));
                break;
            }
        }
    }
    pending.flush(key, &mut out, &progress)?;
    progress.finish_and_clear();
    result.map(|()| count)
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => format!("{len} fields where the header has {expected_len}"),
        _ => e.to_string(),
    }
}
