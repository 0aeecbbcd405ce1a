'use strict';
// Turns what callers pass (string, bytes, number, bigint) into the bytes the library hashes,
// exactly as Chatwoot's widget and server see them: UTF-8 for strings, decimal digits for numbers.

/**
 * An identifier as text or bytes: strings and bytes pass through, a safe integer or a bigint
 * becomes its decimal string (what the widget's setUser sends for a numeric id).
 * @param {unknown} value
 * @param {string} label how the value is named in the TypeError, e.g. "identifiers[3]"
 * @returns {string | Uint8Array}
 */
function identifierInput(value, label) {
  if (typeof value === 'string' || value instanceof Uint8Array) return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    // Unsafe integers have already lost digits, and 1.5 or NaN has no decimal form the server
    // would agree on: refuse rather than hash something the user did not mean.
    if (Number.isSafeInteger(value)) return String(value);
    throw new TypeError(
      `${label} must be a safe integer when it is a number (got ${value}): pass a string or a bigint instead`,
    );
  }
  throw new TypeError(`${label} must be a string, a Buffer/Uint8Array, a safe integer or a bigint (got ${describe(value)})`);
}

/**
 * A secret as text or bytes. The TypeError never repeats the value: it may be a secret.
 * @param {unknown} value
 * @returns {string | Uint8Array}
 */
function secretInput(value) {
  if (typeof value === 'string' || value instanceof Uint8Array) return value;
  throw new TypeError(`secret must be a string or a Buffer/Uint8Array (got ${describe(value)})`);
}

function describe(value) {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value.constructor && value.constructor.name) || 'object';
  return typeof value;
}

/**
 * A reusable buffer for UTF-8 encoding: strings are written into it instead of allocating a
 * Buffer per call. Safe to share because koffi's synchronous calls finish before returning.
 */
class Utf8Scratch {
  constructor(size) {
    this.buffer = Buffer.allocUnsafe(size);
    /** Byte length of the last encoded value. */
    this.length = 0;
  }

  /**
   * Returns a Uint8Array holding the value's bytes (this.length of them): the value itself
   * for bytes, the scratch buffer for short strings, a new Buffer for long ones.
   * @param {string | Uint8Array} value
   */
  load(value) {
    if (typeof value !== 'string') {
      this.length = value.byteLength;
      return value;
    }
    // UTF-8 needs at most 3 bytes per UTF-16 code unit, so this write cannot truncate.
    if (value.length * 3 <= this.buffer.length) {
      this.length = this.buffer.utf8Write(value, 0);
      return this.buffer;
    }
    const bytes = Buffer.from(value, 'utf8');
    this.length = bytes.length;
    return bytes;
  }

  /**
   * Zeroes the bytes load(value) returned when this package made them from a string (for
   * secrets: a caller's own Buffer is left alone).
   */
  wipe(value, bytes) {
    if (typeof value === 'string') bytes.fill(0, 0, this.length);
  }
}

// One scratch per argument of a call (identifier, secret, hash to verify), shared by the package.
const identifierScratch = new Utf8Scratch(3072);
const secretScratch = new Utf8Scratch(3072);
const hashScratch = new Utf8Scratch(256);

module.exports = { identifierInput, secretInput, identifierScratch, secretScratch, hashScratch };
