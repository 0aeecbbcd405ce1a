//! Not part of the API: hooks for this crate's own tests and benches, which must check
//! the portable and the SHA-NI paths on the same machine whichever the CPU would pick.
//! They take any secret (no validation) and return the raw 64 hex characters.

use crate::hmac::Midstates;

/// Whether this CPU runs the SHA-NI path (what the public API uses when true).
pub fn shani_available() -> bool {
    crate::sha256::shani_available()
}

/// The identifier hash computed entirely on the portable path (`sha2::compress256`).
pub fn identifier_hash_portable(secret: &[u8], identifier: &[u8]) -> [u8; 64] {
    let mut out = [0u8; 64];
    Midstates::new_portable(secret).hex_into_portable(identifier, &mut out);
    out
}

/// The identifier hash computed entirely on the SHA-NI path; `None` without SHA-NI.
pub fn identifier_hash_shani(secret: &[u8], identifier: &[u8]) -> Option<[u8; 64]> {
    #[cfg(target_arch = "x86_64")]
    if shani_available() {
        let mut out = [0u8; 64];
        Midstates::new_shani(secret).hex_into_shani(identifier, &mut out);
        return Some(out);
    }
    let _ = (secret, identifier);
    None
}

/// Two identifier hashes through the 2-way interleaved SHA-NI path; `None` without SHA-NI.
pub fn identifier_hash_pair_shani(secret: &[u8], identifiers: [&[u8]; 2]) -> Option<[[u8; 64]; 2]> {
    #[cfg(target_arch = "x86_64")]
    if shani_available() {
        let (mut a, mut b) = ([0u8; 64], [0u8; 64]);
        Midstates::new_shani(secret).hex_into_pair_shani(identifiers, [&mut a, &mut b]);
        return Some([a, b]);
    }
    let _ = (secret, identifiers);
    None
}
