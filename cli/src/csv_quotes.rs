//! What the csv crate does not report: a quoted field still open at the end of the input
//! (it swallows every later line into one field), and blank lines (it skips them).
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

/// What the csv reader cannot say, known once the input is read to its end.
#[derive(Default)]
pub struct Findings {
    /// The line where a quoted field that is never closed opens.
    pub unclosed_quote: Cell<Option<u64>>,
    /// Empty lines between records (the csv reader skips them).
    pub blank_lines: Cell<u64>,
}

/// A reader that passes its input through unchanged while following the CSV quoting.
pub struct Watch<R> {
    inner: R,
    state: State,
    line: u64,
    open_line: u64,
    findings: Rc<Findings>,
}

impl<R: Read> Watch<R> {
    pub fn new(inner: R) -> (Self, Rc<Findings>) {
        let findings = Rc::new(Findings::default());
        (Watch { inner, state: State::RecordStart, line: 1, open_line: 0, findings: findings.clone() }, findings)
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
    }
}

impl<R: Read> Read for Watch<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            self.step(b);
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
