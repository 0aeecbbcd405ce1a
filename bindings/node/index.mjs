// ESM entry point: the same module as the CommonJS one (one loaded library, one set of classes).
import chatwootIdentity from './lib/index.js';

export const {
  identifierHash,
  verify,
  explain,
  resetScript,
  IdentityKey,
  Verdict,
  VERDICT_CODES,
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
  STATUS,
  IDENTIFIER_HASH_LENGTH,
  libraryVersion,
  libraryPath,
  target,
} = chatwootIdentity;

export default chatwootIdentity;
