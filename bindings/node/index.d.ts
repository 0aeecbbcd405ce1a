// Type declarations for chatwoot-identity (CommonJS and ESM entry points share them).

/** A user's identifier: UTF-8 text, raw bytes, or a safe integer / bigint (hashed as its decimal string). */
export type Identifier = string | Uint8Array | number | bigint;
/** An inbox secret (its HMAC token): UTF-8 text or raw bytes. */
export type Secret = string | Uint8Array;

/** The identifier_hash Chatwoot expects: 64 lowercase hex characters of HMAC-SHA256(secret, identifier). */
export function identifierHash(secret: Secret, identifier: Identifier): string;

/**
 * Whether `identifierHash` is exactly what Chatwoot computes (constant-time, in the library).
 * Fails closed: false for a bad secret, an empty identifier, a malformed hash, or a string that
 * is not well-formed Unicode (a lone surrogate) in any argument.
 */
export function verify(secret: Secret, identifier: Identifier, identifierHash: unknown): boolean;

/** cw_verdict name -> value, fixed by the C ABI (negative: inputs explain cannot use). */
export const VERDICT_CODES: Readonly<{
  match: 0;
  uppercase_hex: 1;
  hash_whitespace: 2;
  secret_whitespace: 3;
  swapped_arguments: 4;
  hash_is_identifier: 5;
  identifier_is_hash: 6;
  base64: 7;
  raw_digest: 8;
  identifier_format: 9;
  other_algorithm: 10;
  not_hex: 11;
  wrong_length: 12;
  mismatch: 13;
  null_pointer: -1;
  invalid_secret: -2;
  empty_identifier: -3;
  internal_error: -4;
}>;

/** A verdict of explain(): a cw_verdict name, or 'unknown' for a code from a newer library. */
export type VerdictName = keyof typeof VERDICT_CODES | 'unknown';

/** The verdict names as constants, e.g. Verdict.UPPERCASE_HEX === 'uppercase_hex'. */
export const Verdict: Readonly<{ [K in VerdictName as Uppercase<K>]: K }>;

/** What explain() found. Frozen. */
export interface Explanation {
  /** e.g. 'uppercase_hex' */
  readonly verdict: VerdictName;
  /** The library's cw_verdict value, e.g. 1. */
  readonly code: number;
  /** The library's English sentence: what happened and what to do. */
  readonly message: string;
  /** Whether the hash matches (verdict 'match'). */
  readonly isMatch: boolean;
}

/**
 * Why `identifierHash` does or does not match (uppercase hex, whitespace, swapped arguments,
 * base64, raw bytes, ...). A debugging aid: NOT constant-time; use verify() to decide a login.
 * Bad secrets and empty identifiers are verdicts; only unsupported argument types throw TypeError.
 */
export function explain(secret: Secret, identifier: Identifier, identifierHash: string | Uint8Array): Explanation;

/** An inbox secret prepared once for fast repeated hashing. Call close() when done. */
export class IdentityKey {
  constructor(secret: Secret);
  /** Whether close() was called. */
  readonly closed: boolean;
  identifierHash(identifier: Identifier): string;
  verify(identifier: Identifier, identifierHash: unknown): boolean;
  /** Every identifier's hash, in order, through the library's batch call. */
  identifierHashes(identifiers: Iterable<Identifier>): string[];
  /** Frees the native key. Idempotent; using the key afterwards throws KeyClosedError. */
  close(): void;
  toJSON(): { secret: '[redacted]'; closed: boolean };
}

export type StatusCode =
  | 'NULL_POINTER'
  | 'EMPTY_SECRET'
  | 'SECRET_WHITESPACE'
  | 'EMPTY_IDENTIFIER'
  | 'BUFFER_TOO_SMALL'
  | 'INVALID_OFFSETS'
  | 'INTERNAL_ERROR'
  | 'UNKNOWN_STATUS'
  | 'KEY_CLOSED';

/** Base class of every error the library reports. */
export class ChatwootIdentityError extends Error {
  /** e.g. 'EMPTY_SECRET' */
  readonly code: StatusCode;
  /** The library's cw_status value, e.g. -2. */
  readonly status: number;
  /** For IdentityKey#identifierHashes: the index of the rejected identifier. */
  readonly index?: number;
}
export class EmptySecretError extends ChatwootIdentityError {}
export class SecretWhitespaceError extends ChatwootIdentityError {}
export class EmptyIdentifierError extends ChatwootIdentityError {}
export class KeyClosedError extends ChatwootIdentityError {}

/** cw_status name -> value. */
export const STATUS: Readonly<{
  OK: 0;
  NULL_POINTER: -1;
  EMPTY_SECRET: -2;
  SECRET_WHITESPACE: -3;
  EMPTY_IDENTIFIER: -4;
  BUFFER_TOO_SMALL: -5;
  INVALID_OFFSETS: -6;
  INTERNAL_ERROR: -7;
}>;
/** 64: the length of an identifier_hash. */
export const IDENTIFIER_HASH_LENGTH: 64;
/** The loaded library's version, e.g. "0.1.0". */
export const libraryVersion: string;
/** Path of the libchatwoot_identity file that was loaded. */
export const libraryPath: string;
/** The target detected for this process, e.g. 'linux-x64-gnu' (its platform package is chatwoot-identity-<target>). */
export const target: string;

declare const chatwootIdentity: {
  identifierHash: typeof identifierHash;
  verify: typeof verify;
  explain: typeof explain;
  IdentityKey: typeof IdentityKey;
  Verdict: typeof Verdict;
  VERDICT_CODES: typeof VERDICT_CODES;
  ChatwootIdentityError: typeof ChatwootIdentityError;
  EmptySecretError: typeof EmptySecretError;
  SecretWhitespaceError: typeof SecretWhitespaceError;
  EmptyIdentifierError: typeof EmptyIdentifierError;
  KeyClosedError: typeof KeyClosedError;
  STATUS: typeof STATUS;
  IDENTIFIER_HASH_LENGTH: typeof IDENTIFIER_HASH_LENGTH;
  libraryVersion: typeof libraryVersion;
  libraryPath: typeof libraryPath;
  target: typeof target;
};
export default chatwootIdentity;
