//! The SHA-256 pieces the HMAC needs, and the choice between its two implementations.
//!
//! - portable: `sha2::compress256` (its own soft code, or the CPU's SHA instructions when it
//!   detects them: SHA-NI on x86_64, the ARMv8 SHA-256 instructions on aarch64) and a
//!   branch-free hex encoder; runs everywhere.
//! - [`shani`] (x86_64 only): our own SHA-NI rounds, with the state kept in registers
//!   from the first block to the hex, and a 2-way interleaved variant for batches.
//!
//! [`shani_available`] picks at run time; both paths are tested on the same machine
//! (see `crate::__private`).

#[cfg(target_arch = "x86_64")]
pub(crate) mod shani;

use sha2::digest::generic_array::GenericArray;

/// SHA-256 block size in bytes.
pub(crate) const BLOCK: usize = 64;
/// SHA-256 digest size in bytes.
pub(crate) const DIGEST: usize = 32;

/// SHA-256 initial hash value (FIPS 180-4, 5.3.3).
pub(crate) const IV: [u32; 8] =
    [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/// Whether this CPU has the SHA extensions plus the SSSE3/SSE4.1 shuffles [`shani`] uses.
/// Detected once, then one relaxed load per call.
#[cfg(target_arch = "x86_64")]
pub(crate) fn shani_available() -> bool {
    use core::sync::atomic::{AtomicU8, Ordering};
    const UNKNOWN: u8 = 0;
    const NO: u8 = 1;
    const YES: u8 = 2;
    static DETECTED: AtomicU8 = AtomicU8::new(UNKNOWN);
    match DETECTED.load(Ordering::Relaxed) {
        UNKNOWN => {
            let yes = std::is_x86_feature_detected!("sha")
                && std::is_x86_feature_detected!("sse4.1")
                && std::is_x86_feature_detected!("ssse3");
            DETECTED.store(if yes { YES } else { NO }, Ordering::Relaxed);
            yes
        }
        state => state == YES,
    }
}

/// No SHA-NI outside x86_64: the portable path always.
#[cfg(not(target_arch = "x86_64"))]
pub(crate) fn shani_available() -> bool {
    false
}

/// The SHA-256 implementation the public API runs on this CPU: "sha-ni" (x86_64 SHA
/// extensions, our own rounds), "armv8-sha2" (aarch64 SHA-256 instructions, inside
/// `sha2::compress256`) or "portable" (plain Rust). Only the C layer reports it.
#[cfg(feature = "capi")]
pub(crate) fn backend() -> &'static core::ffi::CStr {
    if shani_available() {
        return c"sha-ni";
    }
    // sha2's own run-time check (cpufeatures), so this names the path sha2 takes.
    #[cfg(target_arch = "aarch64")]
    {
        cpufeatures::new!(armv8_sha2, "sha2");
        if armv8_sha2::get() {
            return c"armv8-sha2";
        }
    }
    c"portable"
}

/// One SHA-256 compression through the `sha2` crate (the portable path).
pub(crate) fn compress(state: &mut [u32; 8], block: &[u8; BLOCK]) {
    sha2::compress256(state, core::slice::from_ref(GenericArray::from_slice(block)));
}

/// A message after a known number of already-hashed bytes, as the SHA-256 blocks that
/// remain to compress: its whole blocks are borrowed, and its tail is copied into a
/// caller's stack buffer with the padding (0x80, zeros, total length in bits) in one or
/// two blocks. (The buffer is the caller's so that nothing is moved after it is written.)
pub(crate) struct Padded<'a> {
    whole: &'a [u8],
    tail: &'a [u8],
}

/// Room for the padded tail of any message.
pub(crate) type TailBuffer = [u8; 2 * BLOCK];

impl<'a> Padded<'a> {
    /// `prefix_len` bytes were hashed before `message` (one block, `key ^ ipad`, for HMAC).
    #[inline]
    pub(crate) fn new(message: &'a [u8], prefix_len: u64, buffer: &'a mut TailBuffer) -> Self {
        let (whole, rest) = message.split_at(message.len() - message.len() % BLOCK);
        *buffer = [0u8; 2 * BLOCK];
        copy_short(buffer, rest);
        buffer[rest.len()] = 0x80;
        // The 8-byte length must fit after the 0x80: 55 tail bytes fit in one block, 56 do not.
        let tail_len = if rest.len() < BLOCK - 8 { BLOCK } else { 2 * BLOCK };
        let bits = (prefix_len + message.len() as u64) * 8;
        buffer[tail_len - 8..tail_len].copy_from_slice(&bits.to_be_bytes());
        Padded { whole, tail: &buffer[..tail_len] }
    }

    /// How many blocks remain to compress.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        (self.whole.len() + self.tail.len()) / BLOCK
    }

    /// Block `i` (`i < self.len()`).
    #[inline]
    pub(crate) fn block(&self, i: usize) -> &[u8; BLOCK] {
        let start = i * BLOCK;
        let bytes = if start < self.whole.len() {
            &self.whole[start..start + BLOCK]
        } else {
            let start = start - self.whole.len();
            &self.tail[start..start + BLOCK]
        };
        bytes.try_into().expect("a block is BLOCK bytes")
    }
}

/// `dst[..src.len()] = src` for `src` of at most a block, as at most two overlapping
/// fixed-size moves: the compiler emits a few vector moves instead of calling `memcpy`,
/// which would cost a tenth of a compression at these sizes.
#[inline]
pub(crate) fn copy_short<const N: usize>(dst: &mut [u8; N], src: &[u8]) {
    const { assert!(N >= BLOCK) };
    let n = src.len();
    assert!(n <= BLOCK);
    if n >= 32 {
        dst[..32].copy_from_slice(&src[..32]);
        dst[n - 32..n].copy_from_slice(&src[n - 32..]);
    } else if n >= 16 {
        dst[..16].copy_from_slice(&src[..16]);
        dst[n - 16..n].copy_from_slice(&src[n - 16..]);
    } else if n >= 8 {
        dst[..8].copy_from_slice(&src[..8]);
        dst[n - 8..n].copy_from_slice(&src[n - 8..]);
    } else if n >= 4 {
        dst[..4].copy_from_slice(&src[..4]);
        dst[n - 4..n].copy_from_slice(&src[n - 4..]);
    } else if n > 0 {
        // 1, 2 or 3 bytes: the first, middle and last cover them all.
        dst[0] = src[0];
        dst[n / 2] = src[n / 2];
        dst[n - 1] = src[n - 1];
    }
}

/// The outer HMAC block: the 32-byte inner digest, then padding for 64 + 32 bytes in all.
pub(crate) fn outer_block(inner_digest: &[u32; 8]) -> [u8; BLOCK] {
    let mut block = [0u8; BLOCK];
    for (chunk, word) in block[..DIGEST].chunks_exact_mut(4).zip(inner_digest) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    block[DIGEST] = 0x80;
    block[BLOCK - 8..].copy_from_slice(&(((BLOCK + DIGEST) * 8) as u64).to_be_bytes());
    block
}

/// Lowercase hex of a final SHA-256 state (its big-endian bytes), without a lookup table:
/// the digit depends on the nibble only through arithmetic, so timing does not.
pub(crate) fn hex_portable(state: &[u32; 8], out: &mut [u8; 2 * DIGEST]) {
    // '0' + n, plus the gap from '9' + 1 to 'a' (39) when n > 9: (9 - n) borrows into bit 8.
    fn digit(nibble: u8) -> u8 {
        let n = u16::from(nibble);
        (n + u16::from(b'0') + ((9u16.wrapping_sub(n) >> 8) & 39)) as u8
    }
    for (chars, word) in out.chunks_exact_mut(8).zip(state) {
        for (pair, byte) in chars.chunks_exact_mut(2).zip(word.to_be_bytes()) {
            pair[0] = digit(byte >> 4);
            pair[1] = digit(byte & 0x0f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_puts_the_length_in_the_last_block() {
        for len in 0..200usize {
            let message: Vec<u8> = (0..len).map(|i| i as u8).collect();
            let mut buffer = [0u8; 2 * BLOCK];
            let padded = Padded::new(&message, 64, &mut buffer);
            let mut all = Vec::new();
            for i in 0..padded.len() {
                all.extend_from_slice(padded.block(i));
            }
            // Whole padded message is a multiple of 64 with room for 0x80 and 8 length bytes.
            assert_eq!(all.len() % BLOCK, 0, "len {len}");
            assert_eq!(all.len(), (len + 9).div_ceil(BLOCK) * BLOCK, "len {len}");
            assert_eq!(&all[..len], &message[..]);
            assert_eq!(all[len], 0x80);
            assert!(all[len + 1..all.len() - 8].iter().all(|&b| b == 0));
            assert_eq!(all[all.len() - 8..], ((64 + len as u64) * 8).to_be_bytes());
        }
    }

    #[test]
    fn copy_short_copies_exactly_every_length_up_to_a_block() {
        let src: Vec<u8> = (1..=64).collect();
        for n in 0..=BLOCK {
            let mut dst = [0u8; 2 * BLOCK];
            copy_short(&mut dst, &src[..n]);
            assert_eq!(&dst[..n], &src[..n], "n {n}");
            assert!(dst[n..].iter().all(|&b| b == 0), "n {n}");
        }
    }

    #[test]
    fn hex_is_lowercase_and_big_endian() {
        let state = [0x0123_4567, 0x89ab_cdef, 0, u32::MAX, 0xa0b0_c0d0, 9, 10, 0xf00f_0ff0];
        let mut out = [0u8; 64];
        hex_portable(&state, &mut out);
        assert_eq!(
            core::str::from_utf8(&out).unwrap(),
            "0123456789abcdef00000000ffffffffa0b0c0d0000000090000000af00f0ff0"
        );
    }
}
