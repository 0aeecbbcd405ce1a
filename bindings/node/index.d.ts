// Type declarations for chatwoot-identity (CommonJS and ESM entry points share them). The regions
// between `// <generated:NAME>` markers are rewritten by scripts/gen-binding-tables from the header
// (`make header`); do not edit them by hand.

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

/**
 * The names of cw_verdict, in the header's order. The numbers live in lib/abi.js (generated
 * from the C header); a test checks that these names are the same.
 */
// <generated:verdict-names> (scripts/gen/node.py, from the header)
export type VerdictCodeName =
  | 'match'
  | 'uppercase_hex'
  | 'hash_whitespace'
  | 'secret_whitespace'
  | 'swapped_arguments'
  | 'hash_is_identifier'
  | 'identifier_is_hash'
  | 'base64'
  | 'raw_digest'
  | 'identifier_format'
  | 'other_algorithm'
  | 'not_hex'
  | 'wrong_length'
  | 'mismatch'
  | 'blank_hash'
  | 'padded_secret'
  | 'not_hmac'
  | 'token_as_hash'
  | 'js_rounded_number'
  | 'other_candidate';
// </generated:verdict-names>

/** cw_verdict name -> value, fixed by the C ABI, e.g. VERDICT_CODES.uppercase_hex === 1. */
export const VERDICT_CODES: Readonly<Record<VerdictCodeName, number>>;

/** A verdict of explain(): a cw_verdict name, or 'unknown' for a code from a newer library. */
export type VerdictName = VerdictCodeName | 'unknown';

/** The verdict names as constants, e.g. Verdict.UPPERCASE_HEX === 'uppercase_hex'. */
export const Verdict: Readonly<{ [K in VerdictName as Uppercase<K>]: K }>;

/** Which other candidate reproduced the hash: its list and its index there (never its value). */
export interface MatchedCandidate {
  readonly kind: 'secret' | 'identifier';
  readonly index: number;
}

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
  /** Set only for verdict 'other_candidate'. */
  readonly candidate: MatchedCandidate | null;
}

/** Other secrets and identifiers explain() tries when nothing else fits. */
export interface ExplainOptions {
  /** e.g. the inbox's token before a rotation, another inbox's token. */
  otherSecrets?: Iterable<Secret> | null;
  /** e.g. the user's email when the identifier is the user id, or the reverse. */
  otherIdentifiers?: Iterable<Identifier> | null;
}

/**
 * Why `identifierHash` does or does not match (uppercase hex, whitespace, swapped arguments,
 * a padded secret, plain SHA-256, a number rounded by JavaScript, another candidate, ...).
 * A debugging aid: NOT constant-time; use verify() to decide a login. Throws EmptySecretError
 * (empty or whitespace-only secret), EmptyIdentifierError, and TypeError for unsupported types.
 */
export function explain(
  secret: Secret,
  identifier: Identifier,
  identifierHash: string | Uint8Array,
  options?: ExplainOptions,
): Explanation;

/**
 * A user's contact fields for Chatwoot's setUser: one of name, email or avatar_url is required.
 * null or undefined means not set. Plain data only (no getters, no class instances).
 */
export interface UserFields {
  name?: string | null;
  email?: string | null;
  avatar_url?: string | null;
  phone_number?: string | null;
  description?: string | null;
  company_name?: string | null;
  country_code?: string | null;
  city?: string | null;
  custom_attributes?: Readonly<Record<string, string | number | boolean>> | null;
}

/** The user's identifier for the page: well-formed text, UTF-8 bytes, a safe integer or a bigint. */
export type RenderIdentifier = Identifier;

/** Options of the script renderers. */
export interface ScriptOptions {
  /** A CSP nonce (base64 / base64url characters) for `<script nonce="...">`. */
  nonce?: string | null;
}

/** The logout `<script>` that calls window.$chatwoot.reset(). */
export function resetScript(options?: ScriptOptions): string;

/** An inbox secret prepared once for fast repeated hashing. Call close() when done. */
export class IdentityKey {
  constructor(secret: Secret);
  /** Whether close() was called. */
  readonly closed: boolean;
  identifierHash(identifier: Identifier): string;
  verify(identifier: Identifier, identifierHash: unknown): boolean;
  /** Every identifier's hash, in order, through the library's batch call. */
  identifierHashes(identifiers: Iterable<Identifier>): string[];
  /**
   * The `<script>` that signs the user in to Chatwoot's widget (setUser with identifier_hash),
   * escaped for HTML by the library. The identifier is always emitted as a JSON string.
   */
  setUserScript(identifier: RenderIdentifier, fields: UserFields, options?: ScriptOptions): string;
  /** The JSON text `{"identifier": ..., "identifier_hash": ..., ...fields}` for an SPA's endpoint. */
  setUserPayload(identifier: RenderIdentifier, fields: UserFields): string;
  /** Frees the native key. Idempotent; using the key afterwards throws KeyClosedError. */
  close(): void;
  toJSON(): { secret: '[redacted]'; closed: boolean };
}

/** The names of cw_status (numbers in lib/abi.js, generated from the C header). */
// <generated:status-names> (scripts/gen/node.py, from the header)
export type StatusName =
  | 'OK'
  | 'NULL_POINTER'
  | 'EMPTY_SECRET'
  | 'SECRET_WHITESPACE'
  | 'EMPTY_IDENTIFIER'
  | 'BUFFER_TOO_SMALL'
  | 'INVALID_OFFSETS'
  | 'INTERNAL_ERROR'
  | 'INVALID_IDENTIFIER'
  | 'INVALID_JSON'
  | 'UNKNOWN_FIELD'
  | 'INVALID_FIELD_VALUE'
  | 'MISSING_CONTACT_FIELD'
  | 'INVALID_NONCE'
  | 'SECRET_INVISIBLE';
// </generated:status-names>

export type StatusCode = Exclude<StatusName, 'OK'> | 'UNKNOWN_STATUS' | 'KEY_CLOSED' | 'LIBRARY_LOAD';

/** Base class of every error the library reports. */
export class ChatwootIdentityError extends Error {
  /** e.g. 'EMPTY_SECRET' */
  readonly code: StatusCode;
  /** The library's cw_status value, e.g. -2; null for KeyClosedError (not a library status). */
  readonly status: number | null;
  /** For IdentityKey#identifierHashes: the index of the rejected identifier. */
  readonly index?: number;
}
// <generated:error-classes> (scripts/gen/node.py: one per status a caller can cause)
export class EmptySecretError extends ChatwootIdentityError {}
export class SecretWhitespaceError extends ChatwootIdentityError {}
export class EmptyIdentifierError extends ChatwootIdentityError {}
export class InvalidIdentifierError extends ChatwootIdentityError {}
export class InvalidJsonError extends ChatwootIdentityError {}
export class UnknownFieldError extends ChatwootIdentityError {}
export class InvalidFieldValueError extends ChatwootIdentityError {}
export class MissingContactFieldError extends ChatwootIdentityError {}
export class InvalidNonceError extends ChatwootIdentityError {}
export class SecretInvisibleError extends ChatwootIdentityError {}
// </generated:error-classes>
/** An IdentityKey used after close(): code 'KEY_CLOSED', status null. */
export class KeyClosedError extends ChatwootIdentityError {
  readonly code: 'KEY_CLOSED';
  readonly status: null;
}

/**
 * The library could not be loaded (thrown by require/import): code 'LIBRARY_LOAD', status null.
 * The message names the target, each place tried and what was wrong there. Also exported by
 * 'chatwoot-identity/errors', which loads no library.
 */
export class LibraryLoadError extends ChatwootIdentityError {
  readonly code: 'LIBRARY_LOAD';
  readonly status: null;
  /** The refused file, when CHATWOOT_IDENTITY_LIB named it. */
  readonly path?: string;
}

/** cw_status name -> value, e.g. STATUS.EMPTY_SECRET === -2. */
export const STATUS: Readonly<Record<StatusName, number>>;
/** 64: the length of an identifier_hash. */
export const IDENTIFIER_HASH_LENGTH: 64;
/** The loaded library's version, e.g. "0.1.0". */
export const libraryVersion: string;
/** Path of the libchatwoot_identity file that was loaded. */
export const libraryPath: string;
/** The target detected for this process, e.g. 'linux-x64-gnu' (its platform package is chatwoot-identity-<target>). */
export const target: string;

declare const chatwootIdentity: {
  // <generated:default-members> (scripts/gen/node.py)
  identifierHash: typeof identifierHash;
  verify: typeof verify;
  explain: typeof explain;
  resetScript: typeof resetScript;
  IdentityKey: typeof IdentityKey;
  Verdict: typeof Verdict;
  VERDICT_CODES: typeof VERDICT_CODES;
  ChatwootIdentityError: typeof ChatwootIdentityError;
  EmptySecretError: typeof EmptySecretError;
  SecretWhitespaceError: typeof SecretWhitespaceError;
  EmptyIdentifierError: typeof EmptyIdentifierError;
  InvalidIdentifierError: typeof InvalidIdentifierError;
  InvalidJsonError: typeof InvalidJsonError;
  UnknownFieldError: typeof UnknownFieldError;
  InvalidFieldValueError: typeof InvalidFieldValueError;
  MissingContactFieldError: typeof MissingContactFieldError;
  InvalidNonceError: typeof InvalidNonceError;
  SecretInvisibleError: typeof SecretInvisibleError;
  KeyClosedError: typeof KeyClosedError;
  LibraryLoadError: typeof LibraryLoadError;
  STATUS: typeof STATUS;
  IDENTIFIER_HASH_LENGTH: typeof IDENTIFIER_HASH_LENGTH;
  libraryVersion: typeof libraryVersion;
  libraryPath: typeof libraryPath;
  target: typeof target;
  // </generated:default-members>
};
export default chatwootIdentity;
