'use strict';
// Turns what callers pass (string, bytes, number, bigint) into the bytes the library hashes,
// exactly as Chatwoot's widget and server see them: UTF-8 for strings, decimal digits for numbers.
// Each value is read once, through the engine (see intrinsics.js), and copied before any use.

const { typedArrayName, isBytes, byteLengthOf, realView, copyInto, isWellFormed } = require('./intrinsics');

/** What the read* functions return for a string that is not well-formed Unicode. */
const MALFORMED = Symbol('malformed string');

/**
 * An identifier as text or bytes: a well-formed string, a view of the bytes of a Uint8Array,
 * or the decimal string of a safe integer or a bigint (what the widget's setUser sends for a
 * numeric id); MALFORMED for a string with a lone surrogate. Throws TypeError for other types.
 * @param {unknown} value
 * @param {string} label how the value is named in the TypeError, e.g. "identifiers[3]"
 * @returns {string | Uint8Array | typeof MALFORMED}
 */
function readIdentifier(value, label) {
  if (typeof value === 'string') return isWellFormed(value) ? value : MALFORMED;
  if (isBytes(value)) return realView(value);
  if (typeof value === 'bigint') return String(value);
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
 * A secret as a well-formed string or a view of its bytes; MALFORMED for a string with a lone
 * surrogate. The TypeError never repeats the value: it may be a secret.
 * @param {unknown} value
 * @param {string} [label] how the value is named in the TypeError, e.g. "otherSecrets[3]"
 * @returns {string | Uint8Array | typeof MALFORMED}
 */
function readSecret(value, label = 'secret') {
  if (typeof value === 'string') return isWellFormed(value) ? value : MALFORMED;
  if (isBytes(value)) return realView(value);
  throw new TypeError(`${label} must be a string or a Buffer/Uint8Array (got ${describe(value)})`);
}

/** A hash to check, as text or bytes: null for any other type, MALFORMED for a lone surrogate. */
function readHashInput(value) {
  if (typeof value === 'string') return isWellFormed(value) ? value : MALFORMED;
  if (isBytes(value)) return realView(value);
  return null;
}

/** The TypeError for a string with a lone surrogate; never repeats the value. */
function notUnicodeError(label) {
  return new TypeError(
    `${label} is not well-formed Unicode (it has a lone surrogate, which UTF-8 cannot encode): ` +
      'pass a well-formed string, or the exact bytes as a Buffer/Uint8Array',
  );
}

/** readIdentifier, throwing TypeError for a malformed string too. */
function identifierInput(value, label) {
  const input = readIdentifier(value, label);
  if (input === MALFORMED) throw notUnicodeError(label);
  return input;
}

/** readSecret, throwing TypeError for a malformed string too. */
function secretInput(value, label = 'secret') {
  const input = readSecret(value, label);
  if (input === MALFORMED) throw notUnicodeError(label);
  return input;
}

/** A type name for error messages, found without running caller code (no getter, no trap). */
function describe(value) {
  if (value === null) return 'null';
  return typedArrayName(value) || typeof value;
}

/**
 * A reusable buffer the package copies inputs into: strings are encoded into it and bytes
 * copied into it instead of allocating a Buffer per call. Safe to share because nothing of the
 * caller's runs between load() and the synchronous native call that reads it.
 */
class Utf8Scratch {
  constructor(size) {
    this.buffer = Buffer.allocUnsafe(size);
    /** Byte length of the last loaded value. */
    this.length = 0;
  }

  /**
   * Returns the package's own copy of the value's bytes (this.length of them): the scratch
   * buffer when they fit, else a new Buffer.
   * @param {string | Uint8Array} value a well-formed string or a view made by realView
   */
  load(value) {
    if (typeof value !== 'string') {
      const length = byteLengthOf(value);
      const target = length <= this.buffer.length ? this.buffer : Buffer.allocUnsafe(length);
      copyInto(target, value, 0);
      this.length = length;
      return target;
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

  /** Zeroes the bytes load() returned (for secrets: no copy of one outlives the call). */
  wipe(bytes) {
    bytes.fill(0, 0, this.length);
  }
}

// One scratch per argument of a call (identifier, secret, hash to verify), shared by the package.
const identifierScratch = new Utf8Scratch(3072);
const secretScratch = new Utf8Scratch(3072);
const hashScratch = new Utf8Scratch(256);

module.exports = {
  MALFORMED,
  readIdentifier,
  readSecret,
  readHashInput,
  identifierInput,
  secretInput,
  notUnicodeError,
  identifierScratch,
  secretScratch,
  hashScratch,
};
