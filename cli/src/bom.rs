//! A UTF-8 byte-order mark at the start of the input is an encoding marker, not part of the
//! first identifier (editors on Windows add one). Both batch modes drop it the same way.

use std::io::{BufRead, Cursor, Read};

const BOM: &[u8] = b"\xef\xbb\xbf";

/// `input` without a leading UTF-8 BOM; every other byte is kept, including a BOM later on.
pub fn strip(mut input: impl BufRead) -> std::io::Result<impl BufRead> {
    // Read up to three bytes even when the source hands them out one at a time (a pipe).
    let mut head = Vec::with_capacity(BOM.len());
    (&mut input).take(BOM.len() as u64).read_to_end(&mut head)?;
    if head == BOM {
        head.clear();
    }
    Ok(Cursor::new(head).chain(input))
}
