// Compiled (never run) by `make test`: the declarations must fit how CommonJS users call the package.
import { identifierHash, verify, IdentityKey, ChatwootIdentityError, EmptyIdentifierError } from 'chatwoot-identity';

const hash: string = identifierHash('your-secret-token-for-hmac', 'unique-identifier-of-the-user');
const ok: boolean = verify('your-secret-token-for-hmac', 42, hash);
const key = new IdentityKey(new Uint8Array([1, 2, 3]));
const hashes: string[] = key.identifierHashes(['a', 1, 2n, new Uint8Array([7])]);
try {
  key.identifierHash('');
} catch (err) {
  if (err instanceof EmptyIdentifierError) show(err.code, err.status, err.index);
  if (err instanceof ChatwootIdentityError) show(err.message);
}
key.close();
// @ts-expect-error: a secret is text or bytes, never a number
identifierHash(123, 'x');
// @ts-expect-error: objects are not identifiers
key.identifierHash({ id: 1 });
show(ok, hashes, key.closed);

declare function show(...values: unknown[]): void;

// chatwoot-identity/express and chatwoot-identity/errors
import express = require('chatwoot-identity/express');
import errorsOnly = require('chatwoot-identity/errors');
const middleware = express.chatwoot({
  baseUrl: 'https://app.chatwoot.com',
  inboxes: { site: { websiteToken: 'tok', hmacToken: 'secret', settings: { locale: 'de' } } },
  user: () => ({ identifier: 42n, fields: { name: 'Ada' } }),
});
const route = express.payloadRoute({ inbox: 'site' });
void middleware;
void route;
const loadError: typeof errorsOnly.LibraryLoadError = errorsOnly.LibraryLoadError;
void loadError;
