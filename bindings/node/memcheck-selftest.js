'use strict';
// Planted bugs for memcheck.sh's self-test: valgrind, with memcheck.supp, must report each one,
// which proves the suppressions cannot hide an error in the library or a leaked key.
//   overflow: the library is told a 32-byte output buffer holds 64 bytes (an invalid write)
//   leak:     cw_key_new without cw_key_free (definitely lost keys)
// Never run outside memcheck.sh. Run with --expose-gc.

const native = require('./lib/native');

const secret = Buffer.from('your-secret-token-for-hmac');
const mode = process.argv[2];

if (mode === 'overflow') {
  const out = Buffer.alloc(32); // its own malloc'd block, not a slice of Node's pool
  const identifier = Buffer.from('unique-identifier-of-the-user');
  native.identifierHash(secret, secret.length, identifier, identifier.length, out, 64);
} else if (mode === 'leak') {
  for (let i = 0; i < 10; i++) {
    const out = [null];
    native.keyNew(secret, secret.length, out);
    out[0] = null; // the only copy of the pointer is dropped: nothing frees the key
  }
  global.gc();
} else {
  throw new Error(`memcheck-selftest.js: unknown mode ${mode} (overflow or leak)`);
}
