//! HMAC-SHA256 on cached midstates.
//!
//! An HMAC key is two SHA-256 states: the state after compressing `key ^ ipad` and the
//! state after compressing `key ^ opad`. Keeping those two "midstates" means each later
//! identifier of up to 55 bytes costs exactly two compressions (one inner block, one
//! outer block) instead of four. This module pads the final blocks in place on the stack:
//! no allocation, no buffering machinery.

use sha2::digest::generic_array::GenericArray;
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

const BLOCK: usize = 64;
const DIGEST: usize = 32;

/// SHA-256 initial hash value (FIPS 180-4, 5.3.3).
const IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// The two HMAC midstates of one secret. Wiped on drop.
#[derive(Clone)]
pub(crate) struct Midstates {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl Drop for Midstates {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

fn compress(state: &mut [u32; 8], block: &[u8; BLOCK]) {
    sha2::compress256(state, core::slice::from_ref(GenericArray::from_slice(block)));
}

impl Midstates {
    /// Derives the midstates from a raw key (RFC 2104: keys longer than a block are hashed first).
    pub(crate) fn new(key: &[u8]) -> Self {
        let mut block = [0u8; BLOCK];
        if key.len() > BLOCK {
            let mut digest = Sha256::digest(key);
            block[..DIGEST].copy_from_slice(&digest);
            digest.as_mut_slice().zeroize();
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let mut pad = [0u8; BLOCK];
        let mut inner = IV;
        let mut outer = IV;
        for (p, b) in pad.iter_mut().zip(block.iter()) {
            *p = b ^ 0x36;
        }
        compress(&mut inner, &pad);
        for (p, b) in pad.iter_mut().zip(block.iter()) {
            *p = b ^ 0x5c;
        }
        compress(&mut outer, &pad);
        block.zeroize();
        pad.zeroize();
        Midstates { inner, outer }
    }

    /// HMAC-SHA256(key, message) as 32 raw bytes.
    pub(crate) fn mac(&self, message: &[u8]) -> [u8; DIGEST] {
        let mut state = self.inner;
        let mut blocks = message.chunks_exact(BLOCK);
        for block in &mut blocks {
            compress(&mut state, block.try_into().expect("chunks_exact yields full blocks"));
        }
        // The inner hash has already absorbed one block (key ^ ipad).
        finish(&mut state, blocks.remainder(), (BLOCK + message.len()) as u64);

        let mut outer_block = [0u8; BLOCK];
        for (chunk, word) in outer_block[..DIGEST].chunks_exact_mut(4).zip(state.iter()) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        let mut outer = self.outer;
        finish_in_place(&mut outer, &mut outer_block, DIGEST, (BLOCK + DIGEST) as u64);

        let mut out = [0u8; DIGEST];
        for (chunk, word) in out.chunks_exact_mut(4).zip(outer.iter()) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        out
    }
}

/// Pads `tail` (fewer than 64 bytes) with SHA-256's 0x80, zeros and the total length in
/// bits, and compresses the one or two final blocks.
fn finish(state: &mut [u32; 8], tail: &[u8], total_len: u64) {
    let mut buf = [0u8; 2 * BLOCK];
    buf[..tail.len()].copy_from_slice(tail);
    let used = if tail.len() < BLOCK - 8 { BLOCK } else { 2 * BLOCK };
    let (first, second) = buf.split_at_mut(BLOCK);
    if used == BLOCK {
        let first: &mut [u8; BLOCK] = first.try_into().expect("split at BLOCK");
        finish_in_place(state, first, tail.len(), total_len);
    } else {
        first[tail.len()] = 0x80;
        second[BLOCK - 8..].copy_from_slice(&(total_len * 8).to_be_bytes());
        compress(state, (&*first).try_into().expect("split at BLOCK"));
        compress(state, (&*second).try_into().expect("split at BLOCK"));
    }
}

/// Pads one block whose first `len` bytes (at most 55) are message bytes, then compresses it.
fn finish_in_place(state: &mut [u32; 8], block: &mut [u8; BLOCK], len: usize, total_len: u64) {
    debug_assert!(len < BLOCK - 8);
    block[len] = 0x80;
    block[BLOCK - 8..].copy_from_slice(&(total_len * 8).to_be_bytes());
    compress(state, block);
}
