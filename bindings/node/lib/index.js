'use strict';
// chatwoot-identity: Chatwoot's identifier_hash (HMAC-SHA256 of the user's identifier under the
// inbox secret, lowercase hex) through libchatwoot_identity. CommonJS entry point.

const native = require('./native');
const errors = require('./errors');
const input = require('./input');
const { identifierScratch, secretScratch, hashScratch } = input;
const { HASH_LEN, hashOut, readHash } = require('./output');
const { IdentityKey } = require('./key');
const { explain, Verdict, VERDICT_CODES } = require('./explain');
const { resetScript } = require('./render');

/**
 * The identifier_hash Chatwoot expects: lowercase hex HMAC-SHA256(secret, identifier).
 * For many identifiers under one secret, use an IdentityKey.
 * @param {string | Uint8Array} secret the inbox's HMAC token
 * @param {string | Uint8Array | number | bigint} identifier the user's identifier
 * @returns {string} 64 lowercase hex characters
 */
function identifierHash(secret, identifier) {
  const secretValue = input.secretInput(secret);
  const idBytes = identifierScratch.load(input.identifierInput(identifier, 'identifier'));
  const secretBytes = secretScratch.load(secretValue);
  const status = native.identifierHash(
    secretBytes,
    secretScratch.length,
    idBytes,
    identifierScratch.length,
    hashOut,
    HASH_LEN,
  );
  secretScratch.wipe(secretBytes);
  if (status !== errors.STATUS.OK) throw errors.errorForStatus(status);
  return readHash();
}

/**
 * Whether identifierHash is exactly what Chatwoot computes for identifier under secret,
 * compared in constant time by the library. Fails closed: false for a bad secret, an empty
 * identifier, a hash that is not 64 lowercase hex characters, a hash that is not a string
 * or bytes, and a string that is not well-formed Unicode in any argument. Throws TypeError
 * only for a secret or identifier of an unsupported type.
 * @returns {boolean}
 */
function verify(secret, identifier, identifierHash) {
  const secretValue = input.readSecret(secret);
  const idValue = input.readIdentifier(identifier, 'identifier');
  const hash = input.readHashInput(identifierHash);
  if (secretValue === input.MALFORMED || idValue === input.MALFORMED || hash === input.MALFORMED || hash === null) {
    return false;
  }
  const idBytes = identifierScratch.load(idValue);
  const hashBytes = hashScratch.load(hash);
  const secretBytes = secretScratch.load(secretValue);
  const valid = native.verify(
    secretBytes,
    secretScratch.length,
    idBytes,
    identifierScratch.length,
    hashBytes,
    hashScratch.length,
  );
  secretScratch.wipe(secretBytes);
  return valid === true;
}

module.exports = {
  identifierHash,
  verify,
  explain,
  resetScript,
  IdentityKey,
  /** explain()'s verdict names, e.g. Verdict.UPPERCASE_HEX === 'uppercase_hex'. */
  Verdict,
  /** cw_verdict name -> code, e.g. VERDICT_CODES.uppercase_hex === 1. */
  VERDICT_CODES,
  // The error classes: the base, one per library status (generated), KeyClosedError, LibraryLoadError.
  ...errors.CLASSES,
  /** cw_status name -> code, e.g. STATUS.EMPTY_SECRET === -2. */
  STATUS: errors.STATUS,
  /** Length of an identifier_hash: 64 hex characters. */
  IDENTIFIER_HASH_LENGTH: HASH_LEN,
  /** The loaded library's version, e.g. "0.1.0". */
  libraryVersion: native.version(),
  /** Path of the libchatwoot_identity file that was loaded. */
  libraryPath: native.libraryPath,
  /** The target detected for this process, e.g. "linux-x64-gnu" (names its platform package). */
  target: native.target,
};
