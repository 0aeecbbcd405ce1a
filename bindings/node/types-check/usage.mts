// Compiled (never run) by `make test`: the declarations must fit how ESM users import the package.
import chatwootIdentity, { identifierHash, IdentityKey, STATUS, type Identifier } from 'chatwoot-identity';

const id: Identifier = 10n;
const hash: string = identifierHash('secret', id);
const key = new IdentityKey('secret');
const status: -4 = STATUS.EMPTY_IDENTIFIER;
show(hash, key.verify(id, hash), chatwootIdentity.libraryVersion, status);
key.close();

declare function show(...values: unknown[]): void;
