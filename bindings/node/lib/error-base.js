'use strict';
// The error classes that do not come from a library status: the base class, the closed key and
// the load error. Loads nothing native, so `chatwoot-identity/errors` works even when the
// library cannot be loaded (to test a caught require error with instanceof).

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

/** An IdentityKey used after close(). Not a library status: status is null, code 'KEY_CLOSED'. */
class KeyClosedError extends ChatwootIdentityError {}

/**
 * The library could not be loaded (missing, not a regular file, damaged, another machine's,
 * lacking the package's functions, another ABI version): thrown by require('chatwoot-identity').
 * code 'LIBRARY_LOAD', status null; `path` is the file that was refused, when there was one.
 */
class LibraryLoadError extends ChatwootIdentityError {
  constructor(message, path) {
    super(message, { code: 'LIBRARY_LOAD', status: null });
    if (path !== undefined) this.path = path;
  }
}

module.exports = { ChatwootIdentityError, KeyClosedError, LibraryLoadError };
