'use strict';
// Typed errors: one class per status a caller can cause, all under ChatwootIdentityError.
// Messages come from the library (cw_status_message) and never contain caller data.

const native = require('./native');
const abi = require('./abi');

/** cw_status name -> value (from the header, see abi.js), e.g. STATUS.EMPTY_SECRET === -2. */
const STATUS = Object.freeze(
  Object.fromEntries(Object.entries(abi.STATUSES).map(([name, value]) => [name.toUpperCase(), value])),
);

const CODE_OF_STATUS = new Map(Object.entries(STATUS).map(([code, status]) => [status, code]));

class ChatwootIdentityError extends Error {
  /**
   * @param {string} message
   * @param {{code: string, status: number | null, index?: number}} details
   */
  constructor(message, { code, status, index }) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    // Set only by IdentityKey#identifierHashes: which identifier of the list was rejected.
    if (index !== undefined) this.index = index;
  }
}

class EmptySecretError extends ChatwootIdentityError {}
class SecretWhitespaceError extends ChatwootIdentityError {}
class EmptyIdentifierError extends ChatwootIdentityError {}
// Render functions (setUserScript, setUserPayload, resetScript).
class InvalidIdentifierError extends ChatwootIdentityError {}
class InvalidJsonError extends ChatwootIdentityError {}
class UnknownFieldError extends ChatwootIdentityError {}
class InvalidFieldValueError extends ChatwootIdentityError {}
class MissingContactFieldError extends ChatwootIdentityError {}
class InvalidNonceError extends ChatwootIdentityError {}
/** An IdentityKey used after close(). Not a library status: status is null, code 'KEY_CLOSED'. */
class KeyClosedError extends ChatwootIdentityError {}

const CLASS_OF_STATUS = new Map([
  [STATUS.EMPTY_SECRET, EmptySecretError],
  [STATUS.SECRET_WHITESPACE, SecretWhitespaceError],
  [STATUS.EMPTY_IDENTIFIER, EmptyIdentifierError],
  [STATUS.INVALID_IDENTIFIER, InvalidIdentifierError],
  [STATUS.INVALID_JSON, InvalidJsonError],
  [STATUS.UNKNOWN_FIELD, UnknownFieldError],
  [STATUS.INVALID_FIELD_VALUE, InvalidFieldValueError],
  [STATUS.MISSING_CONTACT_FIELD, MissingContactFieldError],
  [STATUS.INVALID_NONCE, InvalidNonceError],
]);

/** The typed error for a non-OK status; `index` names the rejected identifier of a batch. */
function errorForStatus(status, index) {
  const Class = CLASS_OF_STATUS.get(status) || ChatwootIdentityError;
  const code = CODE_OF_STATUS.get(status) || 'UNKNOWN_STATUS';
  const message = native.statusMessage(status);
  return new Class(index === undefined ? message : `identifiers[${index}]: ${message}`, { code, status, index });
}

function keyClosedError() {
  return new KeyClosedError('this IdentityKey is closed: create a new IdentityKey(secret) to keep using it', {
    code: 'KEY_CLOSED',
    status: null,
  });
}

module.exports = {
  STATUS,
  ChatwootIdentityError,
  EmptySecretError,
  SecretWhitespaceError,
  EmptyIdentifierError,
  InvalidIdentifierError,
  InvalidJsonError,
  UnknownFieldError,
  InvalidFieldValueError,
  MissingContactFieldError,
  InvalidNonceError,
  KeyClosedError,
  errorForStatus,
  keyClosedError,
};
