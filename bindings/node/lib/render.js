'use strict';
// The render functions' inputs and output: the set-user script and payload (with a key, see
// key.js) and the logout script. The library escapes everything for HTML; the package reads
// each input once into its own copy and follows the library's required-size protocol.

const native = require('./native');
const input = require('./input');
const { copyOf, isWellFormed } = require('./intrinsics');
const { fieldsJson } = require('./fields');
const { STATUS, errorForStatus } = require('./errors');

// Shared like the hash output: nothing of the caller's runs between a call and its read.
const out = Buffer.allocUnsafe(8192);
const outLen = [0];
const EMPTY = Buffer.alloc(0);

/**
 * The identifier as the package's own UTF-8 bytes: a well-formed string, the bytes of a
 * Uint8Array (the library refuses bytes that are not UTF-8), or the decimal digits of a safe
 * integer or a bigint. Copied now, because reading the fields afterwards may run caller code.
 */
function identifierBytes(value) {
  const read = input.identifierInput(value, 'identifier');
  return typeof read === 'string' ? Buffer.from(read, 'utf8') : copyOf(read);
}

/** The nonce of `{ nonce }` (read once) as bytes; empty for none. */
function nonceBytes(options) {
  if (options === undefined || options === null) return EMPTY;
  if (typeof options !== 'object') throw new TypeError('options must be an object: { nonce }');
  const nonce = options.nonce;
  if (nonce === undefined || nonce === null) return EMPTY;
  if (typeof nonce !== 'string') throw new TypeError(`nonce must be a string (got ${typeof nonce})`);
  if (!isWellFormed(nonce)) throw new TypeError('nonce is not well-formed Unicode');
  return Buffer.from(nonce, 'utf8');
}

/**
 * Calls `call(...args, out, cap, outLen)`: into the shared buffer first, and once more into a
 * buffer of the size the library asked for when that was too small.
 */
function render(call, args) {
  let status = call(...args, out, out.length, outLen);
  let buffer = out;
  if (status === STATUS.BUFFER_TOO_SMALL) {
    buffer = Buffer.allocUnsafe(outLen[0]);
    status = call(...args, buffer, buffer.length, outLen);
  }
  if (status !== STATUS.OK) throw errorForStatus(status);
  return buffer.utf8Slice(0, outLen[0]);
}

/** The user's inputs of setUserScript / setUserPayload, each read once, in argument order. */
function readUser(identifier, fields) {
  const id = identifierBytes(identifier);
  const json = Buffer.from(fieldsJson(fields), 'utf8');
  return { id, json };
}

/**
 * The logout `<script>`: window.$chatwoot.reset() now if the widget has loaded, else on
 * chatwoot:ready, so the next visitor on this browser does not inherit the contact.
 * @param {{nonce?: string | null}} [options] a CSP nonce (base64 / base64url characters)
 * @returns {string}
 */
function resetScript(options) {
  const nonce = nonceBytes(options);
  return render(native.resetScript, [nonce, nonce.length]);
}

module.exports = { readUser, nonceBytes, render, resetScript };
