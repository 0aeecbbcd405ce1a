'use strict';
// The one place hashes come out of: a shared 64-byte output buffer (single-threaded JS and
// synchronous calls make sharing safe), and what verify accepts as a hash to check.

const HASH_LEN = 64;
const hashOut = Buffer.allocUnsafe(HASH_LEN);

/** The hash the last successful call wrote into hashOut, as a new string. */
function readHash() {
  return hashOut.latin1Slice(0, HASH_LEN);
}

/** A hash to verify as text or bytes; null (verify returns false) for anything else. */
function verifyHashInput(value) {
  return typeof value === 'string' || value instanceof Uint8Array ? value : null;
}

module.exports = { HASH_LEN, hashOut, readHash, verifyHashInput };
