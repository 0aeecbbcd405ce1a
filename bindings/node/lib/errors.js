'use strict';
// Typed errors: one class per status a caller can cause (generated, status-errors.js), all
// under ChatwootIdentityError. Messages come from the library (cw_status_message) and never
// contain caller data.

const native = require('./native');
const abi = require('./abi');
const base = require('./error-base');
const statusErrors = require('./status-errors');

/** cw_status name -> value (from the header, see abi.js), e.g. STATUS.EMPTY_SECRET === -2. */
const STATUS = Object.freeze(
  Object.fromEntries(Object.entries(abi.STATUSES).map(([name, value]) => [name.toUpperCase(), value])),
);

const CODE_OF_STATUS = new Map(Object.entries(STATUS).map(([code, status]) => [status, code]));
const CLASS_OF_STATUS = new Map(
  Object.entries(statusErrors.CLASS_OF_STATUS_NAME).map(([name, Class]) => [abi.STATUSES[name], Class]),
);

/** The typed error for a non-OK status; `index` names the rejected identifier of a batch. */
function errorForStatus(status, index) {
  const Class = CLASS_OF_STATUS.get(status) || base.ChatwootIdentityError;
  const code = CODE_OF_STATUS.get(status) || 'UNKNOWN_STATUS';
  const message = native.statusMessage(status);
  return new Class(index === undefined ? message : `identifiers[${index}]: ${message}`, { code, status, index });
}

function keyClosedError() {
  return new base.KeyClosedError('this IdentityKey is closed: create a new IdentityKey(secret) to keep using it', {
    code: 'KEY_CLOSED',
    status: null,
  });
}

/** The error classes users see: the base, one per status (generated), KeyClosedError, LibraryLoadError. */
const CLASSES = Object.freeze({
  ChatwootIdentityError: base.ChatwootIdentityError,
  ...Object.fromEntries(Object.entries(statusErrors).filter(([name]) => name.endsWith('Error'))),
  KeyClosedError: base.KeyClosedError,
  LibraryLoadError: base.LibraryLoadError,
});

module.exports = { STATUS, CLASSES, errorForStatus, keyClosedError, ...CLASSES };
