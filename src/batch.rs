//! Many identifiers under one key, described as one byte buffer plus offsets (the shape
//! the C ABI's batch call takes, so a foreign caller pays one call for a million users).

use crate::{Error, IdentityKey, HASH_LEN};

/// Validates `offsets` against `identifiers` and hashes identifier `i`
/// (`identifiers[offsets[i]..offsets[i + 1]]`) into `out[64 * i..64 * (i + 1)]`.
/// `out` must hold at least `64 * (offsets.len() - 1)` bytes; the rest is left alone.
/// Nothing is written unless every offset and every identifier is valid.
pub(crate) fn identifier_hashes_into(
    key: &IdentityKey,
    identifiers: &[u8],
    offsets: &[usize],
    out: &mut [u8],
) -> Result<(), Error> {
    let count = offsets.len().checked_sub(1).ok_or(Error::InvalidOffsets)?;
    let need = count.checked_mul(HASH_LEN).ok_or(Error::BufferTooSmall)?;
    let out = out.get_mut(..need).ok_or(Error::BufferTooSmall)?;
    if offsets.last().is_some_and(|&end| end > identifiers.len()) {
        return Err(Error::InvalidOffsets);
    }
    let mut empty = false;
    for pair in offsets.windows(2) {
        match pair[0].cmp(&pair[1]) {
            core::cmp::Ordering::Greater => return Err(Error::InvalidOffsets),
            core::cmp::Ordering::Equal => empty = true,
            core::cmp::Ordering::Less => {}
        }
    }
    if empty {
        return Err(Error::EmptyIdentifier);
    }
    // Two identifiers at a time: on SHA-NI their compressions are interleaved, which
    // nearly doubles throughput. An odd count leaves the last one to the single path.
    let midstates = key.midstates();
    let identifier = |i: usize| &identifiers[offsets[i]..offsets[i + 1]];
    let mut pairs = out.chunks_exact_mut(2 * HASH_LEN);
    for (p, hex) in (&mut pairs).enumerate() {
        let (a, b) = hex.split_first_chunk_mut::<HASH_LEN>().expect("a pair is two hashes");
        let b = b.first_chunk_mut::<HASH_LEN>().expect("a pair is two hashes");
        midstates.hex_into_pair([identifier(2 * p), identifier(2 * p + 1)], [a, b]);
    }
    let last = pairs.into_remainder();
    if let Some(last) = last.first_chunk_mut::<HASH_LEN>() {
        midstates.hex_into(identifier(count - 1), last);
    }
    Ok(())
}
