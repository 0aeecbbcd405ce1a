'use strict';
// IdentityKey: an inbox secret prepared once (cw_key_new) for fast repeated hashing.

const util = require('node:util');
const native = require('./native');
const input = require('./input');
const { identifierScratch, secretScratch, hashScratch } = input;
const { STATUS, errorForStatus, keyClosedError } = require('./errors');
const batch = require('./batch');
const { HASH_LEN, hashOut, readHash } = require('./output');
const render = require('./render');

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
    const bytes = secretScratch.load(input.secretInput(secret));
    const out = [null];
    const status = native.keyNew(bytes, secretScratch.length, out);
    secretScratch.wipe(bytes);
    if (status !== STATUS.OK) throw errorForStatus(status);
    this.#pointer = out[0];
    registry.register(this, this.#pointer, this);
  }

  /** Whether close() was called. */
  get closed() {
    return this.#pointer === null;
  }

  // Every method reads and copies all of its inputs first and takes the pointer last, right
  // before the native call: caller code (an iterator, a getter) runs only while inputs are
  // read, so a close() from it is seen here and no caller code can free the key mid-call.
  #live() {
    if (this.#pointer === null) throw keyClosedError();
    return this.#pointer;
  }

  /**
   * The identifier_hash Chatwoot expects for this identifier (64 lowercase hex characters).
   * @param {string | Uint8Array | number | bigint} identifier
   */
  identifierHash(identifier) {
    this.#live();
    const bytes = identifierScratch.load(input.identifierInput(identifier, 'identifier'));
    const status = native.keyIdentifierHash(this.#live(), bytes, identifierScratch.length, hashOut, HASH_LEN);
    if (status !== STATUS.OK) throw errorForStatus(status);
    return readHash();
  }

  /**
   * Whether identifierHash is exactly this identifier's hash (constant-time, in the library).
   * False for any hash that is not a string or bytes, for an empty identifier, and for a string
   * that is not well-formed Unicode.
   */
  verify(identifier, identifierHash) {
    this.#live();
    const idValue = input.readIdentifier(identifier, 'identifier');
    const hash = input.readHashInput(identifierHash);
    if (idValue === input.MALFORMED || hash === input.MALFORMED || hash === null) return false;
    const bytes = identifierScratch.load(idValue);
    const hashBytes = hashScratch.load(hash);
    return native.keyVerify(this.#live(), bytes, identifierScratch.length, hashBytes, hashScratch.length) === true;
  }

  /**
   * The identifier_hash of every identifier, in order, in few native calls.
   * @param {Iterable<string | Uint8Array | number | bigint>} identifiers
   * @returns {string[]}
   */
  identifierHashes(identifiers) {
    this.#live();
    const items = batch.readIdentifiers(identifiers);
    return batch.hashAll(this.#live(), items);
  }

  /**
   * The `<script>` that signs the user in to Chatwoot's widget: setUser(identifier,
   * {identifier_hash, ...fields}) now if the widget has loaded, else on chatwoot:ready. Every
   * value is escaped for HTML by the library, and the identifier is always a JSON string.
   * @param {string | Uint8Array | number | bigint} identifier the user's id (a number must be a safe integer)
   * @param {object} fields name, email, avatar_url, phone_number, description, company_name,
   *   country_code, city (strings), custom_attributes (strings, numbers, booleans); one of
   *   name, email or avatar_url is required. Plain data: getters and class instances are refused.
   * @param {{nonce?: string | null}} [options] a CSP nonce for `<script nonce="...">`
   * @returns {string}
   */
  setUserScript(identifier, fields, options) {
    this.#live();
    const { id, json } = render.readUser(identifier, fields);
    const nonce = render.nonceBytes(options);
    return render.render(native.keySetUserScript, [this.#live(), id, id.length, json, json.length, nonce, nonce.length]);
  }

  /**
   * The JSON text {"identifier": ..., "identifier_hash": ..., ...fields} for a single-page
   * app's endpoint; the page passes it to window.$chatwoot.setUser (it is the widget's data, not a
   * body for Chatwoot's public client API). Arguments as in setUserScript.
   * @returns {string}
   */
  setUserPayload(identifier, fields) {
    this.#live();
    const { id, json } = render.readUser(identifier, fields);
    return render.render(native.keySetUserPayload, [this.#live(), id, id.length, json, json.length]);
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
