'use strict';
// explain(): names the most likely reason an identifier_hash does not match (cw_explain),
// as a frozen { verdict, code, message, isMatch } with the library's message.

const native = require('./native');
const input = require('./input');
const { identifierScratch, secretScratch, hashScratch } = input;

/** cw_verdict name -> value, fixed forever by the C ABI (negative: inputs explain cannot use). */
const VERDICT_CODES = Object.freeze({
  match: 0,
  uppercase_hex: 1,
  hash_whitespace: 2,
  secret_whitespace: 3,
  swapped_arguments: 4,
  hash_is_identifier: 5,
  identifier_is_hash: 6,
  base64: 7,
  raw_digest: 8,
  identifier_format: 9,
  other_algorithm: 10,
  not_hex: 11,
  wrong_length: 12,
  mismatch: 13,
  null_pointer: -1,
  invalid_secret: -2,
  empty_identifier: -3,
  internal_error: -4,
});

/** The verdict names as constants, e.g. Verdict.UPPERCASE_HEX === 'uppercase_hex'. */
const Verdict = Object.freeze({
  ...Object.fromEntries(Object.keys(VERDICT_CODES).map((name) => [name.toUpperCase(), name])),
  // A code this package does not know (a newer library): never a crash.
  UNKNOWN: 'unknown',
});

const NAME_OF_CODE = new Map(Object.entries(VERDICT_CODES).map(([name, code]) => [code, name]));

/** The frozen explanation of a cw_verdict value; unknown values become verdict 'unknown'. */
function explanationFor(code) {
  const verdict = NAME_OF_CODE.get(code) || Verdict.UNKNOWN;
  return Object.freeze({
    verdict,
    code,
    message: native.verdictMessage(code),
    isMatch: verdict === Verdict.MATCH,
  });
}

/** The hash to explain as text (UTF-8) or bytes (e.g. 32 raw digest bytes). */
function explainHashInput(value) {
  const hash = input.readHashInput(value);
  if (hash === null) throw new TypeError('identifierHash must be a string or a Buffer/Uint8Array');
  if (hash === input.MALFORMED) throw input.notUnicodeError('identifierHash');
  return hash;
}

/**
 * Why `identifierHash` does or does not match `identifier` under `secret`: uppercase hex,
 * whitespace, swapped arguments, base64, raw bytes, another algorithm... A debugging aid
 * for logs and support: NOT constant-time, so never use it to decide a login; `verify` is
 * the production check. Bad secrets and empty identifiers are verdicts, not errors; only
 * arguments of unsupported types, and strings that are not well-formed Unicode, throw TypeError.
 * @param {string | Uint8Array} secret the inbox's HMAC token
 * @param {string | Uint8Array | number | bigint} identifier the user's identifier
 * @param {string | Uint8Array} identifierHash the hash that was sent
 * @returns {Readonly<{verdict: string, code: number, message: string, isMatch: boolean}>}
 */
function explain(secret, identifier, identifierHash) {
  const secretValue = input.secretInput(secret);
  const idValue = input.identifierInput(identifier, 'identifier');
  const hashValue = explainHashInput(identifierHash);
  const idBytes = identifierScratch.load(idValue);
  const hashBytes = hashScratch.load(hashValue);
  const secretBytes = secretScratch.load(secretValue);
  const code = native.explain(
    secretBytes,
    secretScratch.length,
    idBytes,
    identifierScratch.length,
    hashBytes,
    hashScratch.length,
  );
  secretScratch.wipe(secretBytes);
  return explanationFor(code);
}

module.exports = { explain, explanationFor, Verdict, VERDICT_CODES };
