'use strict';
// Shared by the tests: the repository's vectors and Node's own HMAC (the independent reference).

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const VECTORS_FILE = path.resolve(__dirname, '..', '..', '..', 'tests', 'vectors.json');
const vectors = JSON.parse(fs.readFileSync(VECTORS_FILE, 'utf8'));

const hex = (s) => Buffer.from(s, 'hex');

/** Node's documented snippet: what Chatwoot's docs tell Node users to run. */
function nodeHmac(secret, identifier) {
  return crypto.createHmac('sha256', secret).update(identifier).digest('hex');
}


/**
 * A Uint8Array of `text`'s UTF-8 bytes whose own length properties run `hook` whenever they are
 * read: a caller-controlled getter the package must never consult (it reads the real view).
 */
function hookedBytes(text, hook, lie = (real) => real) {
  class Hooked extends Uint8Array {
    get byteLength() {
      hook();
      return lie(super.byteLength);
    }

    get length() {
      hook();
      return lie(super.length);
    }
  }
  return new Hooked(Buffer.from(text));
}

/** An iterable over `values` that runs `hook(i)` before yielding values[i]. */
function* hookedIterable(values, hook) {
  for (let i = 0; i < values.length; i++) {
    hook(i);
    yield values[i];
  }
}

module.exports = { vectors, hex, nodeHmac, hookedBytes, hookedIterable, PACKAGE_DIR: path.resolve(__dirname, '..') };
