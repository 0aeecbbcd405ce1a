'use strict';
// explain(): names the most likely reason an identifier_hash does not match (cw_explain), as a
// frozen { verdict, code, message, isMatch, candidate } with the library's message.

const native = require('./native');
const abi = require('./abi');
const input = require('./input');
const { identifierScratch, secretScratch, hashScratch } = input;
const { copyOf, isBytes } = require('./intrinsics');
const { STATUS, errorForStatus } = require('./errors');

/** cw_verdict name -> value (from the header, see abi.js). */
const VERDICT_CODES = abi.VERDICTS;

/** The verdict names as constants, e.g. Verdict.UPPERCASE_HEX === 'uppercase_hex'. */
const Verdict = Object.freeze({
  ...Object.fromEntries(Object.keys(VERDICT_CODES).map((name) => [name.toUpperCase(), name])),
  // A code this package does not know (a newer library): never a crash.
  UNKNOWN: 'unknown',
});

const NAME_OF_CODE = new Map(Object.entries(VERDICT_CODES).map(([name, code]) => [code, name]));
const KIND_OF_CODE = new Map(Object.entries(abi.CANDIDATE_KINDS).map(([name, code]) => [code, name]));

/**
 * The frozen explanation of a cw_explanation; unknown verdicts become 'unknown'. `candidate` is
 * null unless another candidate matched: then its list ('secret' or 'identifier') and index.
 */
function explanationFor({ verdict: code, candidate_kind: kind = 0, candidate_index: index = 0 }) {
  const verdict = NAME_OF_CODE.get(code) || Verdict.UNKNOWN;
  const kindName = KIND_OF_CODE.get(kind);
  const candidate = kind === abi.CANDIDATE_KINDS.none || kindName === undefined ? null : Object.freeze({ kind: kindName, index: Number(index) });
  return Object.freeze({
    verdict,
    code,
    message: native.verdictMessage(code),
    isMatch: verdict === Verdict.MATCH,
    candidate,
  });
}

/** The hash to explain as text (UTF-8) or bytes (e.g. 32 raw digest bytes). */
function explainHashInput(value) {
  const hash = input.readHashInput(value);
  if (hash === null) throw new TypeError('identifierHash must be a string or a Buffer/Uint8Array');
  if (hash === input.MALFORMED) throw input.notUnicodeError('identifierHash');
  return hash;
}

/** The package's own bytes of a value read by secretInput / identifierInput. */
function ownBytes(value) {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : copyOf(value);
}

/**
 * A candidate list read once (the iterator's method once, each element once) into
 * { ptr, len } entries of the package's own bytes; undefined or null is an empty list.
 */
function readCandidates(list, label, readOne) {
  if (list === undefined || list === null) return [];
  if (typeof list === 'string' || isBytes(list)) throw notAListError(label);
  const iterate = list[Symbol.iterator];
  if (typeof iterate !== 'function') throw notAListError(label);
  const once = { [Symbol.iterator]: () => Reflect.apply(iterate, list, []) };
  const entries = [];
  for (const value of once) {
    const bytes = ownBytes(readOne(value, `${label}[${entries.length}]`));
    entries.push({ ptr: bytes, len: bytes.length });
  }
  return entries;
}

function notAListError(label) {
  return new TypeError(`${label} must be an array (or another iterable)`);
}

/** { otherSecrets, otherIdentifiers } read once each; null when neither has an entry. */
function readOptions(options) {
  if (options === undefined || options === null) return null;
  if (typeof options !== 'object') throw new TypeError('explain options must be an object: { otherSecrets, otherIdentifiers }');
  const otherSecrets = options.otherSecrets;
  const otherIdentifiers = options.otherIdentifiers;
  const secrets = readCandidates(otherSecrets, 'otherSecrets', input.secretInput);
  const identifiers = readCandidates(otherIdentifiers, 'otherIdentifiers', input.identifierInput);
  if (secrets.length === 0 && identifiers.length === 0) return null;
  return { secrets, secrets_count: secrets.length, identifiers, identifiers_count: identifiers.length };
}

/**
 * Why `identifierHash` does or does not match `identifier` under `secret`: uppercase hex,
 * whitespace, swapped arguments, a padded secret, a plain SHA-256, a number rounded by
 * JavaScript, a token passed as the hash, another candidate... A debugging aid for logs and
 * support: NOT constant-time, so never use it to decide a login; `verify` is the production check.
 * @param {string | Uint8Array} secret the inbox's HMAC token (whitespace around it is a verdict)
 * @param {string | Uint8Array | number | bigint} identifier the user's identifier
 * @param {string | Uint8Array} identifierHash the hash that was sent
 * @param {{otherSecrets?: Iterable<string | Uint8Array>, otherIdentifiers?: Iterable<string | Uint8Array | number | bigint>}} [options]
 *   other secrets (the token before a rotation) and identifiers (the user's email) to try
 * @returns {Readonly<{verdict: string, code: number, message: string, isMatch: boolean, candidate: null | {kind: string, index: number}}>}
 * @throws {EmptySecretError} for an empty or whitespace-only secret
 * @throws {EmptyIdentifierError} for an empty identifier
 * @throws {TypeError} for arguments of unsupported types and strings that are not well-formed Unicode
 */
function explain(secret, identifier, identifierHash, options) {
  // The candidate lists run caller code (iterators, getters): read them before the views of
  // the other arguments are taken, so nothing can change those between read and copy.
  const candidates = readOptions(options);
  const secretValue = input.secretInput(secret);
  const idValue = input.identifierInput(identifier, 'identifier');
  const hashValue = explainHashInput(identifierHash);
  const idBytes = identifierScratch.load(idValue);
  const hashBytes = hashScratch.load(hashValue);
  const secretBytes = secretScratch.load(secretValue);
  const out = {};
  const status = native.explain(
    secretBytes,
    secretScratch.length,
    idBytes,
    identifierScratch.length,
    hashBytes,
    hashScratch.length,
    candidates,
    out,
  );
  secretScratch.wipe(secretBytes);
  if (candidates !== null) for (const entry of candidates.secrets) entry.ptr.fill(0);
  if (status !== STATUS.OK) throw errorForStatus(status);
  return explanationFor(out);
}

module.exports = { explain, explanationFor, Verdict, VERDICT_CODES };
