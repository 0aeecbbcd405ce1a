// Compiled (never run) by `make test`: the declarations must fit how ESM users import the package.
import chatwootIdentity, { identifierHash, IdentityKey, STATUS, explain, resetScript, MissingContactFieldError, KeyClosedError, Verdict, VERDICT_CODES, type Identifier, type Explanation, type VerdictName } from 'chatwoot-identity';

const id: Identifier = 10n;
const hash: string = identifierHash('secret', id);
const key = new IdentityKey('secret');
const status: number = STATUS.EMPTY_IDENTIFIER;
show(hash, key.verify(id, hash), chatwootIdentity.libraryVersion, status);
key.close();

const why: Explanation = explain('secret', 42, hash.toUpperCase(), { otherSecrets: ['old'], otherIdentifiers: [7n] });
if (why.candidate) show(why.candidate.kind === 'secret', why.candidate.index);
const name: VerdictName = why.verdict;
const upper: 'uppercase_hex' = Verdict.UPPERCASE_HEX;
const unknown: 'unknown' = Verdict.UNKNOWN;
const code: number = VERDICT_CODES.uppercase_hex;
if (why.verdict === Verdict.UPPERCASE_HEX && !why.isMatch) show(why.message, why.code, name, upper, unknown, code);
explain('secret', 'id', new Uint8Array(32));
// @ts-expect-error: a hash to explain is text or bytes
explain('secret', 'id', null);
// @ts-expect-error: explanations are read-only
why.verdict = 'match';
// @ts-expect-error: not a verdict name
const wrong: VerdictName = 'uppercase';
show(wrong, chatwootIdentity.explain === explain);

// Rendering the snippet.
const signer = new IdentityKey('secret');
const script: string = signer.setUserScript(9007199254740993n, { name: 'Ada', custom_attributes: { plan: 'pro', seats: 3 } }, { nonce: 'abc' });
const payload: string = signer.setUserPayload('user-1', { email: 'ada@example.com', city: null });
const logout: string = resetScript({ nonce: 'abc' }) + resetScript();
// @ts-expect-error: not a field Chatwoot accepts
signer.setUserPayload('user-1', { nickname: 'x' });
// @ts-expect-error: a nonce is a string
resetScript({ nonce: 1 });
try {
  signer.setUserScript('', {});
} catch (err) {
  if (err instanceof MissingContactFieldError || err instanceof KeyClosedError) show(err.code, err.status);
}
show(script, payload, logout);

declare function show(...values: unknown[]): void;
