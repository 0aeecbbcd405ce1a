'use strict';
// Shared by the tests: the repository's vectors and bad-input matrix, and Node's own HMAC (the
// independent reference).

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const VECTORS_FILE = path.resolve(__dirname, '..', '..', '..', 'tests', 'vectors.json');
const vectors = JSON.parse(fs.readFileSync(VECTORS_FILE, 'utf8'));
const MATRIX_FILE = path.resolve(__dirname, '..', '..', '..', 'tests', 'bad_input_matrix.json');
const matrix = JSON.parse(fs.readFileSync(MATRIX_FILE, 'utf8'));

const hex = (s) => Buffer.from(s, 'hex');

/** Node's documented snippet: what Chatwoot's docs tell Node users to run. */
function nodeHmac(secret, identifier) {
  return crypto.createHmac('sha256', secret).update(identifier).digest('hex');
}

// Non-ASCII Unicode whitespace, format (Cf) and default-ignorable characters: what the core
// refuses at either end of a secret. Node's own Unicode tables, not the package's.
const INVISIBLE = /^[^\0-\x7f]$/u;
const INVISIBLE_CLASS = /^[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }) // a BOM is a character here;

/** The character at one edge of `bytes` when the 1 to 4 bytes there are UTF-8, else null. */
function edgeChar(bytes, last) {
  for (let n = 1; n <= Math.min(bytes.length, 4); n++) {
    try {
      const chars = [...strictUtf8.decode(last ? bytes.subarray(bytes.length - n) : bytes.subarray(0, n))];
      return last ? chars[chars.length - 1] : chars[0];
    } catch {
      // not UTF-8 yet: one more byte
    }
  }
  return null;
}

/** True when `secret` (bytes or a string) starts or ends with an invisible character as UTF-8. */
function invisibleEdge(secret) {
  const bytes = typeof secret === 'string' ? Buffer.from(secret) : Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength);
  return [edgeChar(bytes, false), edgeChar(bytes, true)].some((c) => c !== null && isInvisible(c));
}

/** True for one character (a string of one code point) the core refuses at a secret's edge. */
function isInvisible(char) {
  return INVISIBLE.test(char) && INVISIBLE_CLASS.test(char);
}

// Characters refused at either end of a secret (and hashed inside one).
const INVISIBLES = ['\ufeff', '\u00a0', '\u200b', '\u200c', '\u200d', '\u2060', '\u3000', '\u2028', '\u2029', '\u1680', '\u2000', '\u2005', '\u200a', '\u202f', '\u205f', '\u0085', '\u00ad', '\u200e', '\u202e', '\u180e', '\ufe0f', '\u{e0020}', '\u{e0001}'];

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

module.exports = { vectors, matrix, hex, nodeHmac, invisibleEdge, isInvisible, INVISIBLES, hookedBytes, hookedIterable, PACKAGE_DIR: path.resolve(__dirname, '..') };
