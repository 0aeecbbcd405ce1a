'use strict';
// The focused script scripts/memcheck runs under valgrind: every call of the package once or in
// a small loop, every rejected input, and keys freed by close() and by the FinalizationRegistry.
// It checks its own answers, so a wrong result fails too (exit 1), not only a memory error.
// `node memcheck.js canary` instead leaks keys and overflows a buffer: valgrind must see both.
// Run with --expose-gc.

if (process.argv[2] === 'canary') {
  const koffi = require('koffi');
  const lib = koffi.load(process.env.CHATWOOT_IDENTITY_LIB);
  koffi.opaque('cw_key');
  const keyNew = lib.func('int32_t cw_key_new(const uint8_t *key, size_t key_len, _Out_ cw_key **out)');
  const hash = lib.func('int32_t cw_identifier_hash(const uint8_t *k, size_t kl, const uint8_t *i, size_t il, uint8_t *out, size_t ol)');
  const secret = Buffer.from('your-secret-token-for-hmac');
  for (let i = 0; i < 10; i++) {
    const out = [null];
    keyNew(secret, secret.length, out);
    out[0] = null; // the only copy of the pointer is dropped: nothing frees the key
  }
  global.gc();
  const out = Buffer.alloc(32); // its own malloc'd block: the library is told it holds 64 bytes
  hash(secret, secret.length, Buffer.from('id'), 2, out, 64);
  // A normal exit (not process.exit) tears V8's heap down, so the dropped keys are definitely lost.
  return;
}

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const cw = require('chatwoot-identity');

const SECRET = 'your-secret-token-for-hmac';
const ID = 'unique-identifier-of-the-user';
const { EmptySecretError, SecretWhitespaceError, EmptyIdentifierError, KeyClosedError } = cw;
const SAMPLE = 'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c';
const KEYS = Number(process.env.CW_MEMCHECK_KEYS || 3000);

const nodeHmac = (secret, identifier) => crypto.createHmac('sha256', secret).update(identifier).digest('hex');

// One-shot hash and verify, text and bytes, short and beyond the scratch buffers.
assert.equal(cw.identifierHash(SECRET, ID), SAMPLE);
assert.equal(cw.identifierHash(Buffer.from(SECRET), Buffer.from(ID)), SAMPLE);
const long = 'é'.repeat(5000);
assert.equal(cw.identifierHash('k'.repeat(5000), long), nodeHmac('k'.repeat(5000), long));
assert.equal(cw.verify(SECRET, ID, SAMPLE), true);
assert.equal(cw.verify(SECRET, 42, nodeHmac(SECRET, '42')), true);

// Key create / hash / verify / free in a loop.
for (let i = 0; i < KEYS; i++) {
  const key = new cw.IdentityKey(i % 2 ? `secret-${i}` : Buffer.from(`secret-${i}`));
  const hash = key.identifierHash(`user-${i}`);
  if (i % 500 === 0) assert.equal(hash, nodeHmac(`secret-${i}`, `user-${i}`));
  assert.equal(key.verify(`user-${i}`, hash), true);
  key.close();
  key.close(); // idempotent: never a second cw_key_free
}

// Batch: the ASCII fast path, the mixed path, and more than one chunk (4,096).
{
  const key = new cw.IdentityKey(SECRET);
  const mixed = ['a', 'é', Buffer.from([0xff, 0x00]), 7, 7n, 'x'.repeat(3000)];
  assert.deepEqual(key.identifierHashes(mixed), mixed.map((id) => key.identifierHash(id)));
  const many = Array.from({ length: 5000 }, (_, i) => `contact-${i}`);
  const hashes = key.identifierHashes(many);
  assert.equal(hashes[4999], nodeHmac(SECRET, 'contact-4999'));
  key.close();
}

// explain: a few verdicts, text and raw bytes.
assert.equal(cw.explain(SECRET, ID, SAMPLE).verdict, 'match');
assert.equal(cw.explain(SECRET, ID, SAMPLE.toUpperCase()).verdict, 'uppercase_hex');
assert.equal(cw.explain(SECRET, ID, `${SAMPLE}\n`).verdict, 'hash_whitespace');
assert.equal(cw.explain(SECRET, ID, Buffer.from(SAMPLE, 'hex')).verdict, 'raw_digest');
assert.equal(cw.explain(SECRET, ID, Buffer.from(SAMPLE, 'hex').toString('base64')).verdict, 'base64');
assert.equal(cw.explain(SECRET, ID, nodeHmac(ID, SECRET)).verdict, 'swapped_arguments');
assert.equal(cw.explain(SECRET, ID, 'z'.repeat(64)).verdict, 'not_hex');
assert.equal(cw.explain(SECRET, ID, SAMPLE.slice(0, 63)).verdict, 'wrong_length');
assert.equal(cw.explain(SECRET, ID, nodeHmac('other', ID)).verdict, 'mismatch');
// explain with candidates: arrays of { ptr, len } copied in, the explanation struct copied out.
{
  const why = cw.explain(SECRET, ID, nodeHmac('old-token', ID), { otherSecrets: ['x', Buffer.from('old-token')], otherIdentifiers: ['a'.repeat(5000)] });
  assert.deepEqual(why.candidate, { kind: 'secret', index: 1 });
  assert.deepEqual(cw.explain(SECRET, 42, nodeHmac(SECRET, 'mail@example.com'), { otherIdentifiers: [7n, 'mail@example.com'] }).candidate, { kind: 'identifier', index: 1 });
}

// Render: the shared output buffer, the size protocol's second call, every render error.
{
  const key = new cw.IdentityKey(SECRET);
  for (let i = 0; i < 50; i++) {
    const payload = JSON.parse(key.setUserPayload(`user-${i}`, { name: '</script>', custom_attributes: { n: i } }));
    assert.equal(payload.identifier_hash, nodeHmac(SECRET, `user-${i}`));
    assert.match(key.setUserScript(9007199254740993n, { email: 'e@example.com' }, { nonce: 'abc' }), /^<script nonce="abc">/);
    assert.match(cw.resetScript(i % 2 ? { nonce: 'n' } : undefined), /reset\(\)/);
  }
  const long = 'é'.repeat(20000);
  assert.equal(JSON.parse(key.setUserPayload(long, { name: long })).identifier, long);
  assert.throws(() => key.setUserScript('u', {}), cw.MissingContactFieldError);
  assert.throws(() => key.setUserScript('u', { name: 'n', x: 1 }), cw.UnknownFieldError);
  assert.throws(() => key.setUserScript('u', { name: 1 }), cw.InvalidFieldValueError);
  assert.throws(() => key.setUserScript('u', { name: 'n' }, { nonce: '<' }), cw.InvalidNonceError);
  assert.throws(() => key.setUserScript(Buffer.from([0xff]), { name: 'n' }), cw.InvalidIdentifierError);
  assert.throws(() => key.setUserScript('', { name: 'n' }), EmptyIdentifierError);
  // A fields trap that closes the key and allocates another: KeyClosedError, no use after free.
  const doomed = new cw.IdentityKey(SECRET);
  const fields = new Proxy({ name: 'n' }, { ownKeys(t) { doomed.close(); new cw.IdentityKey('other-secret').close(); return Reflect.ownKeys(t); } });
  assert.throws(() => doomed.setUserScript('u', fields), KeyClosedError);
  key.close();
}

// Every rejected input: typed errors, verify false, explain verdicts.
for (const secret of ['', Buffer.alloc(0)]) {
  assert.throws(() => cw.identifierHash(secret, ID), EmptySecretError);
  assert.throws(() => new cw.IdentityKey(secret), EmptySecretError);
  assert.equal(cw.verify(secret, ID, SAMPLE), false);
  assert.throws(() => cw.explain(secret, ID, SAMPLE), EmptySecretError);
}
for (const secret of [`${SECRET}\n`, `${SECRET}\r\n`, ` ${SECRET}`]) {
  assert.throws(() => cw.identifierHash(secret, ID), SecretWhitespaceError);
  assert.throws(() => new cw.IdentityKey(secret), SecretWhitespaceError);
  assert.equal(cw.verify(secret, ID, SAMPLE), false);
  assert.equal(cw.explain(secret, ID, SAMPLE).verdict, 'secret_whitespace');
}
{
  const key = new cw.IdentityKey(SECRET);
  assert.throws(() => cw.identifierHash(SECRET, ''), EmptyIdentifierError);
  assert.throws(() => key.identifierHash(''), EmptyIdentifierError);
  assert.throws(() => key.identifierHashes(['a', '', 'c']), (err) => err instanceof EmptyIdentifierError && err.index === 1);
  assert.throws(() => key.identifierHashes(['a', null]), TypeError);
  assert.equal(key.verify('', SAMPLE), false);
  assert.throws(() => cw.explain(SECRET, '', SAMPLE), EmptyIdentifierError);
  for (const bad of [null, undefined, '', SAMPLE.toUpperCase(), ` ${SAMPLE}`, SAMPLE.slice(0, 63), 'z'.repeat(64), 'a'.repeat(10_000)]) {
    assert.equal(cw.verify(SECRET, ID, bad), false);
    assert.equal(key.verify(ID, bad), false);
  }
  for (const bad of [null, undefined, {}, 1.5, NaN]) {
    assert.throws(() => cw.identifierHash(SECRET, bad), TypeError);
    assert.throws(() => key.identifierHash(bad), TypeError);
  }
  assert.throws(() => cw.identifierHash(null, ID), TypeError);
  assert.throws(() => cw.explain(SECRET, ID, null), TypeError);
  key.close();
  assert.throws(() => key.identifierHash(ID), KeyClosedError);
  assert.throws(() => key.identifierHashes([ID]), KeyClosedError);
}

// Hostile callers: a key closed (and its memory reused) by an iterator mid-batch, views lying
// about their length, a resizable buffer shrunk mid-batch: errors or right hashes, and no
// invalid read or use after free for valgrind to see.
{
  const key = new cw.IdentityKey(SECRET);
  const others = [];
  function* closing() {
    yield ID;
    key.close();
    for (let i = 0; i < 4; i++) others.push(new cw.IdentityKey('attacker-secret'));
    yield ID;
  }
  assert.throws(() => key.identifierHashes(closing()), KeyClosedError);
  for (const other of others) other.close();
  const backing = Buffer.from(`xx${ID}yy`);
  const lying = new Uint8Array(backing.buffer, backing.byteOffset + 2, ID.length);
  Object.defineProperty(lying, 'byteLength', { value: 2 ** 40 });
  Object.defineProperty(lying, 'length', { value: 2 ** 40 });
  assert.equal(cw.identifierHash(SECRET, lying), SAMPLE);
  const second = new cw.IdentityKey(SECRET);
  assert.equal(second.identifierHash(lying), SAMPLE);
  const resizable = new ArrayBuffer(64, { maxByteLength: 64 });
  new Uint8Array(resizable).fill(0x41);
  const list = [new Uint8Array(resizable), 'b'];
  Object.defineProperty(list, 1, { get: () => (resizable.resize(1), 'b') });
  assert.deepEqual(second.identifierHashes(list), [nodeHmac(SECRET, 'A'.repeat(64)), nodeHmac(SECRET, 'b')]);
  assert.equal(second.verify('a\ud800', nodeHmac(SECRET, 'a\ufffd')), false);
  second.close();
}

// Keys nobody closed: the FinalizationRegistry must free them after garbage collection, or
// valgrind reports them lost at exit.
(function dropKeys() {
  for (let i = 0; i < 200; i++) new cw.IdentityKey(`dropped-${i}`).identifierHash('x');
})();
(async () => {
  for (let round = 0; round < 10; round++) {
    global.gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  console.log(`memcheck.js: ok (${KEYS} keys closed, 200 left to the FinalizationRegistry)`);
})();
