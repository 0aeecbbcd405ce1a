//! HMAC-SHA256 with the x86 SHA extensions (SHA-NI), one message or two interleaved.
//!
//! `sha256rnds2` does two rounds and each call needs the previous call's result, so one
//! message keeps the SHA unit waiting on that latency most of the time. Two independent
//! messages whose rounds are issued alternately fill those gaps: that is the batch path
//! (the 2-lane scheme of OpenSSL's multi-block SHA code).
//!
//! The state stays in registers from the first block to the hex digits: the inner digest
//! becomes the outer block's message words without a trip through bytes.
//!
//! Safety: every function requires the CPU features in its `target_feature` attribute;
//! each is `unsafe` for that reason only, and callers check
//! [`super::shani_available`] first. The only other unsafe operations are unaligned
//! 16-byte loads and stores inside arrays whose bounds the types fix.

// Before Rust 1.87 (our MSRV is 1.85) the intrinsics are unsafe to call; since 1.87 they
// are safe inside a function with the same target features, which makes some of the
// `unsafe` blocks below redundant on newer compilers.
#![allow(unused_unsafe)]

use core::arch::x86_64::{
    __m128i, _mm_add_epi32, _mm_alignr_epi8, _mm_and_si128, _mm_blend_epi16, _mm_loadu_si128, _mm_set1_epi8,
    _mm_set_epi32, _mm_set_epi64x, _mm_setr_epi8, _mm_sha256msg1_epu32, _mm_sha256msg2_epu32, _mm_sha256rnds2_epu32,
    _mm_shuffle_epi32, _mm_shuffle_epi8, _mm_srli_epi16, _mm_storeu_si128, _mm_unpackhi_epi8, _mm_unpacklo_epi8,
};

use super::{Padded, TailBuffer, BLOCK, DIGEST, IV};

/// SHA-256 round constants (FIPS 180-4, 4.2.2), loaded four at a time.
static K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
    0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
    0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
    0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
];

/// A SHA-256 state in the layout `sha256rnds2` works on: lanes 3..0 hold A, B, E, F and
/// C, D, G, H.
#[derive(Clone, Copy)]
struct State {
    abef: __m128i,
    cdgh: __m128i,
}

/// Four message words (W[t..t+4], W[t] in lane 0) per register, a whole block in four.
type Words = [__m128i; 4];

/// Byte order within each 32-bit lane reversed: SHA-256 words are big-endian.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
unsafe fn bswap32_mask() -> __m128i {
    unsafe { _mm_set_epi64x(0x0c0d_0e0f_0809_0a0b, 0x0405_0607_0001_0203) }
}

/// A state from its eight words A..H.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
unsafe fn load_state(words: &[u32; 8]) -> State {
    // SAFETY: two 16-byte loads inside a 32-byte array.
    let (abcd, efgh) = unsafe {
        let ptr = words.as_ptr().cast::<__m128i>();
        (_mm_loadu_si128(ptr), _mm_loadu_si128(ptr.add(1)))
    };
    unsafe {
        let badc = _mm_shuffle_epi32(abcd, 0xb1);
        let hgfe = _mm_shuffle_epi32(efgh, 0x1b);
        State { abef: _mm_alignr_epi8(badc, hgfe, 8), cdgh: _mm_blend_epi16(hgfe, badc, 0xf0) }
    }
}

/// The state's words in order: (A, B, C, D) and (E, F, G, H), A in lane 0. These are also
/// the message words of the digest's bytes, which is how the outer block is built.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
unsafe fn state_words(state: State) -> (__m128i, __m128i) {
    unsafe {
        let feba = _mm_shuffle_epi32(state.abef, 0x1b);
        let dchg = _mm_shuffle_epi32(state.cdgh, 0xb1);
        (_mm_blend_epi16(feba, dchg, 0xf0), _mm_alignr_epi8(dchg, feba, 8))
    }
}

#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
unsafe fn store_state(state: State) -> [u32; 8] {
    let (abcd, efgh) = unsafe { state_words(state) };
    let mut words = [0u32; 8];
    // SAFETY: two 16-byte stores inside a 32-byte array.
    unsafe {
        let ptr = words.as_mut_ptr().cast::<__m128i>();
        _mm_storeu_si128(ptr, abcd);
        _mm_storeu_si128(ptr.add(1), efgh);
    }
    words
}

/// A block's sixteen message words.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
unsafe fn load_block(block: &[u8; BLOCK]) -> Words {
    let mask = unsafe { bswap32_mask() };
    let ptr = block.as_ptr().cast::<__m128i>();
    // SAFETY: four 16-byte loads inside a 64-byte array.
    unsafe {
        [
            _mm_shuffle_epi8(_mm_loadu_si128(ptr), mask),
            _mm_shuffle_epi8(_mm_loadu_si128(ptr.add(1)), mask),
            _mm_shuffle_epi8(_mm_loadu_si128(ptr.add(2)), mask),
            _mm_shuffle_epi8(_mm_loadu_si128(ptr.add(3)), mask),
        ]
    }
}

/// The outer HMAC block built from the inner state: its digest (the state's words) then
/// the padding of a 64 + 32-byte message: 0x80, zeros, 768 bits.
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
unsafe fn outer_words(inner: State) -> Words {
    let (abcd, efgh) = unsafe { state_words(inner) };
    let bits = ((BLOCK + DIGEST) * 8) as i32;
    unsafe { [abcd, efgh, _mm_set_epi32(0, 0, 0, 0x8000_0000u32 as i32), _mm_set_epi32(bits, 0, 0, 0)] }
}

/// The round constants K[4i..4i+4].
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
unsafe fn k4(i: usize) -> __m128i {
    // SAFETY: i < 16, so the 16-byte load stays inside K.
    unsafe { _mm_loadu_si128(K[4 * i..4 * i + 4].as_ptr().cast()) }
}

/// Four rounds on the message words `$w` (four of W[t], in order from lane 0) plus the
/// round constants `$k`: two `sha256rnds2`, each taking two words in its low lanes.
macro_rules! rounds4 {
    ($s:expr, $w:expr, $k:expr) => {{
        let wk = _mm_add_epi32($w, $k);
        $s.cdgh = _mm_sha256rnds2_epu32($s.cdgh, $s.abef, wk);
        $s.abef = _mm_sha256rnds2_epu32($s.abef, $s.cdgh, _mm_shuffle_epi32(wk, 0x0e));
    }};
}

/// The message schedule: W[t+16..t+20] from W[t..t+4], W[t+4..], W[t+8..], W[t+12..].
macro_rules! schedule {
    ($w0:expr, $w1:expr, $w2:expr, $w3:expr) => {
        _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32($w0, $w1), _mm_alignr_epi8($w3, $w2, 4)), $w3)
    };
}

/// Rounds 4i..4i+4 of every listed stream: for each, `$w0` holds W[4i..4i+4] and the
/// other three the next twelve words. With `more`, `$w0` is then replaced with
/// W[4i+16..4i+20] (rounds 0..48 still have words to make). The streams' rounds
/// alternate, which is the interleaving.
macro_rules! quad {
    (more, $i:literal, $(($s:expr, $w0:ident, $w1:ident, $w2:ident, $w3:ident)),+) => {{
        let k = k4($i);
        $( rounds4!($s, $w0, k); )+
        $( $w0 = schedule!($w0, $w1, $w2, $w3); )+
    }};
    (last, $i:literal, $(($s:expr, $w0:ident, $w1:ident, $w2:ident, $w3:ident)),+) => {{
        let k = k4($i);
        $( rounds4!($s, $w0, k); )+
    }};
}

/// The 64 rounds of one block, for one or several streams at once (their words in
/// variables named by the caller, rotated through the four names as in FIPS 180-4).
macro_rules! rounds64 {
    ($(($s:expr, $a:ident, $b:ident, $c:ident, $d:ident)),+) => {{
        quad!(more, 0, $(($s, $a, $b, $c, $d)),+);
        quad!(more, 1, $(($s, $b, $c, $d, $a)),+);
        quad!(more, 2, $(($s, $c, $d, $a, $b)),+);
        quad!(more, 3, $(($s, $d, $a, $b, $c)),+);
        quad!(more, 4, $(($s, $a, $b, $c, $d)),+);
        quad!(more, 5, $(($s, $b, $c, $d, $a)),+);
        quad!(more, 6, $(($s, $c, $d, $a, $b)),+);
        quad!(more, 7, $(($s, $d, $a, $b, $c)),+);
        quad!(more, 8, $(($s, $a, $b, $c, $d)),+);
        quad!(more, 9, $(($s, $b, $c, $d, $a)),+);
        quad!(more, 10, $(($s, $c, $d, $a, $b)),+);
        quad!(more, 11, $(($s, $d, $a, $b, $c)),+);
        quad!(last, 12, $(($s, $a, $b, $c, $d)),+);
        quad!(last, 13, $(($s, $b, $c, $d, $a)),+);
        quad!(last, 14, $(($s, $c, $d, $a, $b)),+);
        quad!(last, 15, $(($s, $d, $a, $b, $c)),+);
    }};
}

/// One compression: the state `$s` (a `State` variable) absorbs the block words `$w`.
/// A macro rather than a function so that it is always inlined, state in registers.
macro_rules! compress {
    ($s:ident, $w:expr) => {{
        let start: State = $s;
        let [mut w0, mut w1, mut w2, mut w3]: Words = $w;
        rounds64!(($s, w0, w1, w2, w3));
        $s.abef = _mm_add_epi32($s.abef, start.abef);
        $s.cdgh = _mm_add_epi32($s.cdgh, start.cdgh);
    }};
}

/// Two independent compressions with their rounds interleaved: while one `sha256rnds2`
/// waits for its predecessor, the other message's round can issue.
macro_rules! compress2 {
    ($a:ident, $wa:expr, $b:ident, $wb:expr) => {{
        let (start_a, start_b): (State, State) = ($a, $b);
        let [mut a0, mut a1, mut a2, mut a3]: Words = $wa;
        let [mut b0, mut b1, mut b2, mut b3]: Words = $wb;
        rounds64!(($a, a0, a1, a2, a3), ($b, b0, b1, b2, b3));
        $a.abef = _mm_add_epi32($a.abef, start_a.abef);
        $a.cdgh = _mm_add_epi32($a.cdgh, start_a.cdgh);
        $b.abef = _mm_add_epi32($b.abef, start_b.abef);
        $b.cdgh = _mm_add_epi32($b.cdgh, start_b.cdgh);
    }};
}

/// Lowercase hex of the final state's big-endian bytes: each nibble indexes a 16-byte
/// table with `pshufb` (no memory lookup, so no data-dependent timing).
#[inline]
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
unsafe fn hex(state: State, out: &mut [u8; 2 * DIGEST]) {
    unsafe {
        let digits = _mm_setr_epi8(
            b'0' as i8, b'1' as i8, b'2' as i8, b'3' as i8, b'4' as i8, b'5' as i8, b'6' as i8, b'7' as i8, b'8' as i8,
            b'9' as i8, b'a' as i8, b'b' as i8, b'c' as i8, b'd' as i8, b'e' as i8, b'f' as i8,
        );
        let low = _mm_set1_epi8(0x0f);
        let (abcd, efgh) = state_words(state);
        for (half, words) in out.chunks_exact_mut(32).zip([abcd, efgh]) {
            let bytes = _mm_shuffle_epi8(words, bswap32_mask());
            let hi = _mm_shuffle_epi8(digits, _mm_and_si128(_mm_srli_epi16(bytes, 4), low));
            let lo = _mm_shuffle_epi8(digits, _mm_and_si128(bytes, low));
            // SAFETY: two 16-byte stores inside a 32-byte chunk.
            let ptr = half.as_mut_ptr().cast::<__m128i>();
            _mm_storeu_si128(ptr, _mm_unpacklo_epi8(hi, lo));
            _mm_storeu_si128(ptr.add(1), _mm_unpackhi_epi8(hi, lo));
        }
    }
}

/// The HMAC midstates: IV compressed with `key ^ ipad` and with `key ^ opad`, interleaved.
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
pub(crate) unsafe fn midstates(ipad: &[u8; BLOCK], opad: &[u8; BLOCK]) -> ([u32; 8], [u32; 8]) {
    unsafe {
        let mut inner = load_state(&IV);
        let mut outer = inner;
        compress2!(inner, load_block(ipad), outer, load_block(opad));
        (store_state(inner), store_state(outer))
    }
}

/// Hex HMAC of `message` from the midstates `inner` and `outer`.
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
pub(crate) unsafe fn hmac_hex(inner: &[u32; 8], outer: &[u32; 8], message: &[u8], out: &mut [u8; 2 * DIGEST]) {
    let mut tail: TailBuffer = [0; 2 * BLOCK];
    let blocks = Padded::new(message, BLOCK as u64, &mut tail);
    unsafe {
        let mut s = load_state(inner);
        for i in 0..blocks.len() {
            compress!(s, load_block(blocks.block(i)));
        }
        let mut o = load_state(outer);
        compress!(o, outer_words(s));
        hex(o, out);
    }
}

/// Hex HMACs of two messages under the same midstates, their compressions interleaved.
/// When one message needs more inner blocks (55 and 56 bytes, say), its extra blocks run
/// alone; batches are mostly of similar identifiers, so that case is kept simple.
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
pub(crate) unsafe fn hmac_hex2(
    inner: &[u32; 8],
    outer: &[u32; 8],
    messages: [&[u8]; 2],
    out: [&mut [u8; 2 * DIGEST]; 2],
) {
    let (mut tail_a, mut tail_b): (TailBuffer, TailBuffer) = ([0; 2 * BLOCK], [0; 2 * BLOCK]);
    let a = Padded::new(messages[0], BLOCK as u64, &mut tail_a);
    let b = Padded::new(messages[1], BLOCK as u64, &mut tail_b);
    let both = a.len().min(b.len());
    unsafe {
        let mut sa = load_state(inner);
        let mut sb = sa;
        for i in 0..both {
            compress2!(sa, load_block(a.block(i)), sb, load_block(b.block(i)));
        }
        for i in both..a.len() {
            compress!(sa, load_block(a.block(i)));
        }
        for i in both..b.len() {
            compress!(sb, load_block(b.block(i)));
        }
        let mut oa = load_state(outer);
        let mut ob = oa;
        compress2!(oa, outer_words(sa), ob, outer_words(sb));
        let [out_a, out_b] = out;
        hex(oa, out_a);
        hex(ob, out_b);
    }
}
