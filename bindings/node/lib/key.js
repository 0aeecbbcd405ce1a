'use strict';
// IdentityKey: an inbox secret prepared once (cw_key_new) for fast repeated hashing.

const util = require('node:util');
const native = require('./native');
const { identifierInput, secretInput, identifierScratch, secretScratch, hashScratch } = require('./input');
const { STATUS, errorForStatus, keyClosedError } = require('./errors');
const batch = require('./batch');
const { HASH_LEN, hashOut, readHash, verifyHashInput } = require('./output');

// Safety net for keys nobody closed: frees the native key (wiping it) once the JS object is
// collected. close() unregisters, so a key is never freed twice.
const registry = new FinalizationRegistry((pointer) => native.keyFree(pointer));

class IdentityKey {
  /** The cw_key pointer (a BigInt), or null once closed. Private: never shown, never serialised. */
  #pointer = null;

  /**
   * Validates the inbox secret and prepares it for hashing.
   * @param {string | Uint8Array} secret the inbox's HMAC token
   */
  constructor(secret) {
    const value = secretInput(secret);
    const bytes = secretScratch.load(value);
    const out = [null];
    const status = native.keyNew(bytes, secretScratch.length, out);
    secretScratch.wipe(value, bytes);
    if (status !== STATUS.OK) throw errorForStatus(status);
    this.#pointer = out[0];
    registry.register(this, this.#pointer, this);
  }

  /** Whether close() was called. */
  get closed() {
    return this.#pointer === null;
  }

  #live() {
    if (this.#pointer === null) throw keyClosedError();
    return this.#pointer;
  }

  /**
   * The identifier_hash Chatwoot expects for this identifier (64 lowercase hex characters).
   * @param {string | Uint8Array | number | bigint} identifier
   */
  identifierHash(identifier) {
    const pointer = this.#live();
    const bytes = identifierScratch.load(identifierInput(identifier, 'identifier'));
    const status = native.keyIdentifierHash(pointer, bytes, identifierScratch.length, hashOut, HASH_LEN);
    if (status !== STATUS.OK) throw errorForStatus(status);
    return readHash();
  }

  /**
   * Whether identifierHash is exactly this identifier's hash (constant-time, in the library).
   * False for any hash that is not a string or bytes, and for an empty identifier.
   */
  verify(identifier, identifierHash) {
    const pointer = this.#live();
    const bytes = identifierScratch.load(identifierInput(identifier, 'identifier'));
    const hash = verifyHashInput(identifierHash);
    if (hash === null) return false;
    const hashBytes = hashScratch.load(hash);
    return native.keyVerify(pointer, bytes, identifierScratch.length, hashBytes, hashScratch.length) === true;
  }

  /**
   * The identifier_hash of every identifier, in order, in few native calls.
   * @param {Iterable<string | Uint8Array | number | bigint>} identifiers
   * @returns {string[]}
   */
  identifierHashes(identifiers) {
    return batch.identifierHashes(this.#live(), identifiers);
  }

  /** Frees the native key (wiping its key material). Idempotent; later use throws KeyClosedError. */
  close() {
    const pointer = this.#pointer;
    if (pointer === null) return;
    this.#pointer = null;
    registry.unregister(this);
    native.keyFree(pointer);
  }

  // Never print or serialise anything derived from the secret.
  [util.inspect.custom]() {
    return `IdentityKey { secret: [redacted], closed: ${this.closed} }`;
  }

  toJSON() {
    return { secret: '[redacted]', closed: this.closed };
  }
}

// `using key = new IdentityKey(secret)` closes the key at the end of the block.
if (typeof Symbol.dispose === 'symbol') {
  IdentityKey.prototype[Symbol.dispose] = IdentityKey.prototype.close;
}

module.exports = { IdentityKey };
