'use strict';
// Typed errors: one class per status a caller can cause, all under ChatwootIdentityError.
// Messages come from the library (cw_status_message) and never contain caller data.

const native = require('./native');

/** cw_status values, fixed forever by the C ABI. */
const STATUS = Object.freeze({
  OK: 0,
  NULL_POINTER: -1,
  EMPTY_SECRET: -2,
  SECRET_WHITESPACE: -3,
  EMPTY_IDENTIFIER: -4,
  BUFFER_TOO_SMALL: -5,
  INVALID_OFFSETS: -6,
  INTERNAL_ERROR: -7,
});

const CODE_OF_STATUS = new Map(Object.entries(STATUS).map(([code, status]) => [status, code]));

class ChatwootIdentityError extends Error {
  /**
   * @param {string} message
   * @param {{code: string, status: number, index?: number}} details
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
/** Thrown when an IdentityKey is used after close(); status is NULL_POINTER (the key is gone). */
class KeyClosedError extends ChatwootIdentityError {}

const CLASS_OF_STATUS = new Map([
  [STATUS.EMPTY_SECRET, EmptySecretError],
  [STATUS.SECRET_WHITESPACE, SecretWhitespaceError],
  [STATUS.EMPTY_IDENTIFIER, EmptyIdentifierError],
]);

/** The typed error for a non-OK status; `index` names the rejected identifier of a batch. */
function errorForStatus(status, index) {
  const Class = CLASS_OF_STATUS.get(status) || ChatwootIdentityError;
  const code = CODE_OF_STATUS.get(status) || 'UNKNOWN_STATUS';
  const message = native.statusMessage(status);
  return new Class(index === undefined ? message : `identifiers[${index}]: ${message}`, { code, status, index });
}

function keyClosedError() {
  return new KeyClosedError('this IdentityKey is closed: create a new IdentityKey(secret) to keep hashing', {
    code: 'KEY_CLOSED',
    status: STATUS.NULL_POINTER,
  });
}

module.exports = {
  STATUS,
  ChatwootIdentityError,
  EmptySecretError,
  SecretWhitespaceError,
  EmptyIdentifierError,
  KeyClosedError,
  errorForStatus,
  keyClosedError,
};
