'use strict';
// The one place hashes come out of: a shared 64-byte output buffer (single-threaded JS and
// synchronous calls make sharing safe: nothing of the caller's runs between the native call
// and readHash).

const { HASH_LEN } = require('./abi');
const hashOut = Buffer.allocUnsafe(HASH_LEN);

/** The hash the last successful call wrote into hashOut, as a new string. */
function readHash() {
  return hashOut.latin1Slice(0, HASH_LEN);
}

module.exports = { HASH_LEN, hashOut, readHash };
