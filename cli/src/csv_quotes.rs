//! What the csv crate does not report: a quoted field still open at the end of the input
//! (it swallows every later line into one field), blank lines (it skips them), and a field
//! too long to be an identifier (it would hold the whole field in memory, however large).
//!
//! [`Watch`] sees the bytes on their way to the csv reader and follows the same RFC 4180
//! rules as its default dialect: `,` between fields, `"` opening a field quotes it, `""`
//! inside quotes is a literal quote, and LF, CR or CRLF end a record.

use std::cell::Cell;
use std::io::Read;
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    RecordStart,
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
    AfterCr,
}

/// The longest field the batch reads (1 MiB): far beyond any identifier or ordinary column, and
/// a bound on the memory one record can take.
pub const MAX_FIELD: u64 = 1 << 20;

/// What the csv reader cannot say, known once the input is read to its end.
#[derive(Default)]
pub struct Findings {
    /// The line where a quoted field that is never closed opens.
    pub unclosed_quote: Cell<Option<u64>>,
    /// Empty lines between records (the csv reader skips them).
    pub blank_lines: Cell<u64>,
    /// The line where a field longer than [`MAX_FIELD`] starts (reading stops there).
    pub too_long: Cell<Option<u64>>,
}

/// A reader that passes its input through unchanged while following the CSV quoting.
pub struct Watch<R> {
    inner: R,
    state: State,
    line: u64,
    open_line: u64,
    field_len: u64,
    field_line: u64,
    findings: Rc<Findings>,
}

impl<R: Read> Watch<R> {
    pub fn new(inner: R) -> (Self, Rc<Findings>) {
        let findings = Rc::new(Findings::default());
        let watch = Watch {
            inner,
            state: State::RecordStart,
            line: 1,
            open_line: 0,
            field_len: 0,
            field_line: 1,
            findings: findings.clone(),
        };
        (watch, findings)
    }

    fn step(&mut self, b: u8) {
        use State::*;
        if self.state == AfterCr {
            self.state = RecordStart;
            if b == b'\n' {
                self.line += 1;
                return;
            }
        }
        if self.state == RecordStart && (b == b'\n' || b == b'\r') {
            self.findings.blank_lines.set(self.findings.blank_lines.get() + 1);
        }
        if b == b'\n' {
            self.line += 1;
        }
        self.state = match (self.state, b) {
            (Quoted, b'"') => QuoteInQuoted,
            (Quoted, _) => Quoted,
            (QuoteInQuoted, b'"') => Quoted,
            (RecordStart | FieldStart, b'"') => {
                self.open_line = self.line;
                Quoted
            }
            (_, b',') => FieldStart,
            (_, b'\n') => RecordStart,
            (_, b'\r') => AfterCr,
            _ => Unquoted,
        };
        match self.state {
            RecordStart | FieldStart | AfterCr => self.field_len = 0,
            _ => {
                if self.field_len == 0 {
                    self.field_line = self.line;
                }
                self.field_len += 1;
                if self.field_len > MAX_FIELD && self.findings.too_long.get().is_none() {
                    self.findings.too_long.set(Some(self.field_line));
                }
            }
        }
    }
}

impl<R: Read> Read for Watch<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            self.step(b);
        }
        if let Some(line) = self.findings.too_long.get() {
            // Stops the csv reader before it buffers more of the field.
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, format!("line {line}: field too long")));
        }
        if n == 0 && !buf.is_empty() && self.state == State::Quoted {
            self.findings.unclosed_quote.set(Some(self.open_line));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_over_the_bound_names_the_line_it_starts_on() {
        let big = vec![b'x'; MAX_FIELD as usize + 1];
        let mut input = b"h\nok\n".to_vec();
        input.extend_from_slice(&big);
        let (mut watch, findings) = Watch::new(&input[..]);
        assert!(std::io::copy(&mut watch, &mut std::io::sink()).is_err());
        assert_eq!(findings.too_long.get(), Some(3));
        let mut quoted = b"h\na,\"x\n".to_vec();
        quoted.extend_from_slice(&big);
        let (mut watch, findings) = Watch::new(&quoted[..]);
        assert!(std::io::copy(&mut watch, &mut std::io::sink()).is_err());
        assert_eq!(findings.too_long.get(), Some(2), "a quoted field is named by the line it opens on");
        let exact = vec![b'x'; MAX_FIELD as usize];
        let (mut watch, findings) = Watch::new(&exact[..]);
        std::io::copy(&mut watch, &mut std::io::sink()).unwrap();
        assert_eq!(findings.too_long.get(), None, "a field of exactly the bound is read");
    }

    fn scan(input: &[u8]) -> (Option<u64>, u64) {
        let (mut watch, findings) = Watch::new(input);
        std::io::copy(&mut watch, &mut std::io::sink()).unwrap();
        (findings.unclosed_quote.get(), findings.blank_lines.get())
    }

    #[test]
    fn closed_quotes_escaped_quotes_and_multiline_fields_are_fine() {
        assert_eq!(scan(b"a,\"b,\"\"c\"\"\nd\"\r\ne,f\n"), (None, 0));
        assert_eq!(scan(b"a,b\"c\n"), (None, 0), "a quote inside an unquoted field is literal");
        assert_eq!(scan(b"a,\"b\"x\n"), (None, 0), "text after a closing quote is literal");
    }

    #[test]
    fn an_unclosed_quote_names_its_line() {
        assert_eq!(scan(b"h\nok\n\"open\nmore\nrest"), (Some(3), 0));
        assert_eq!(scan(b"h,i\nx,\"a\"\"b"), (Some(2), 0), "an escaped quote does not close it");
    }

    #[test]
    fn blank_lines_are_counted_whatever_the_line_ending() {
        assert_eq!(scan(b"\nh\n\na\r\n\r\nb\r\r\n"), (None, 4));
        assert_eq!(scan(b"\"a\n\n\"\n"), (None, 0), "an empty line inside quotes is data");
    }
}
