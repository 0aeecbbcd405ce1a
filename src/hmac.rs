//! HMAC-SHA256 on cached midstates.
//!
//! An HMAC key is two SHA-256 states: the state after compressing `key ^ ipad` and the
//! state after compressing `key ^ opad`. Keeping those two "midstates" means each later
//! identifier of up to 55 bytes costs exactly two compressions (one inner block, one
//! outer block) instead of four. The final blocks are padded in place on the stack and the
//! hex goes straight into the caller's buffer: no allocation, no buffering machinery.
//!
//! Each operation runs on SHA-NI when the CPU has it (`crate::sha256::shani`), else on the
//! portable path (`sha2::compress256`); the `*_portable` and `*_shani` functions force
//! one path so the tests can check both on the same machine.

use sha2::{Digest, Sha256};
use zeroize::Zeroize;

use crate::sha256::{self, Padded, TailBuffer, BLOCK, DIGEST, IV};

/// 64 lowercase hex characters.
pub(crate) type Hex = [u8; 2 * DIGEST];

/// The two HMAC midstates of one secret. Wiped on drop.
#[derive(Clone)]
pub(crate) struct Midstates {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl Drop for Midstates {
    fn drop(&mut self) {
        // Slices, not arrays: zeroize fills a slice in bulk, an array element by element.
        self.inner[..].zeroize();
        self.outer[..].zeroize();
    }
}

/// `key ^ ipad` and `key ^ opad` (RFC 2104: keys longer than a block are hashed first).
/// The caller wipes them.
fn pads(key: &[u8]) -> ([u8; BLOCK], [u8; BLOCK]) {
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        let mut digest = Sha256::digest(key);
        block[..DIGEST].copy_from_slice(&digest);
        digest.as_mut_slice().zeroize();
    } else {
        sha256::copy_short(&mut block, key);
    }
    // Whole-block XORs, which the compiler vectorizes.
    let (mut ipad, mut opad) = ([0u8; BLOCK], [0u8; BLOCK]);
    for ((i, o), k) in ipad.iter_mut().zip(opad.iter_mut()).zip(block) {
        *i = k ^ 0x36;
        *o = k ^ 0x5c;
    }
    block[..].zeroize();
    (ipad, opad)
}

impl Midstates {
    /// Derives the midstates from a raw key.
    pub(crate) fn new(key: &[u8]) -> Self {
        #[cfg(target_arch = "x86_64")]
        if sha256::shani_available() {
            return Self::new_shani(key);
        }
        Self::new_portable(key)
    }

    pub(crate) fn new_portable(key: &[u8]) -> Self {
        let (mut ipad, mut opad) = pads(key);
        let (mut inner, mut outer) = (IV, IV);
        sha256::compress(&mut inner, &ipad);
        sha256::compress(&mut outer, &opad);
        ipad[..].zeroize();
        opad[..].zeroize();
        Midstates { inner, outer }
    }

    /// The two pad compressions are independent, so they run interleaved.
    /// Panics if the CPU lacks SHA-NI (a caller's bug: check `shani_available` first).
    #[cfg(target_arch = "x86_64")]
    pub(crate) fn new_shani(key: &[u8]) -> Self {
        assert!(sha256::shani_available(), "new_shani on a CPU without SHA-NI");
        let (mut ipad, mut opad) = pads(key);
        // SAFETY: the CPU has SHA-NI, SSSE3 and SSE4.1 (asserted above).
        let (inner, outer) = unsafe { sha256::shani::midstates(&ipad, &opad) };
        ipad[..].zeroize();
        opad[..].zeroize();
        Midstates { inner, outer }
    }

    /// Hex HMAC-SHA256(key, message) into `out`.
    #[inline]
    pub(crate) fn hex_into(&self, message: &[u8], out: &mut Hex) {
        #[cfg(target_arch = "x86_64")]
        if sha256::shani_available() {
            // SAFETY: the CPU has SHA-NI, SSSE3 and SSE4.1 (checked just above).
            return unsafe { sha256::shani::hmac_hex(&self.inner, &self.outer, message, out) };
        }
        self.hex_into_portable(message, out);
    }

    /// Hex HMACs of two messages; on SHA-NI their compressions are interleaved (about
    /// the time of one), elsewhere they are simply done one after the other.
    #[inline]
    pub(crate) fn hex_into_pair(&self, messages: [&[u8]; 2], out: [&mut Hex; 2]) {
        #[cfg(target_arch = "x86_64")]
        if sha256::shani_available() {
            // SAFETY: the CPU has SHA-NI, SSSE3 and SSE4.1 (checked just above).
            return unsafe { sha256::shani::hmac_hex2(&self.inner, &self.outer, messages, out) };
        }
        let [out_a, out_b] = out;
        self.hex_into_portable(messages[0], out_a);
        self.hex_into_portable(messages[1], out_b);
    }

    pub(crate) fn hex_into_portable(&self, message: &[u8], out: &mut Hex) {
        let mut tail: TailBuffer = [0; 2 * BLOCK];
        let blocks = Padded::new(message, BLOCK as u64, &mut tail);
        let mut inner = self.inner;
        for i in 0..blocks.len() {
            sha256::compress(&mut inner, blocks.block(i));
        }
        let mut outer = self.outer;
        sha256::compress(&mut outer, &sha256::outer_block(&inner));
        sha256::hex_portable(&outer, out);
    }

    /// [`Self::hex_into`] on SHA-NI; panics if the CPU lacks it.
    #[cfg(target_arch = "x86_64")]
    pub(crate) fn hex_into_shani(&self, message: &[u8], out: &mut Hex) {
        assert!(sha256::shani_available(), "hex_into_shani on a CPU without SHA-NI");
        // SAFETY: the CPU has SHA-NI, SSSE3 and SSE4.1 (asserted above).
        unsafe { sha256::shani::hmac_hex(&self.inner, &self.outer, message, out) }
    }

    /// [`Self::hex_into_pair`] on SHA-NI; panics if the CPU lacks it.
    #[cfg(target_arch = "x86_64")]
    pub(crate) fn hex_into_pair_shani(&self, messages: [&[u8]; 2], out: [&mut Hex; 2]) {
        assert!(sha256::shani_available(), "hex_into_pair_shani on a CPU without SHA-NI");
        // SAFETY: the CPU has SHA-NI, SSSE3 and SSE4.1 (asserted above).
        unsafe { sha256::shani::hmac_hex2(&self.inner, &self.outer, messages, out) }
    }
}
