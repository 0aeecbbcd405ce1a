'use strict';
// explain(): every case of the shared vectors' explain section, the verdict table pinned
// against the vectors and the library, and its input rules.

const test = require('node:test');
const assert = require('node:assert/strict');
const cw = require('chatwoot-identity');
const native = require('../lib/native');
const { explanationFor } = require('../lib/explain');
const { vectors, hex, nodeHmac } = require('./helpers');

const SECRET = 'your-secret-token-for-hmac';
const ID = 'unique-identifier-of-the-user';
const SAMPLE = 'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c';

test('the vectors file has an explain case for every non-negative verdict', () => {
  const seen = new Set(vectors.explain.map((c) => c.verdict));
  for (const [name, code] of Object.entries(vectors.verdicts)) {
    if (code >= 0) assert.ok(seen.has(name), `no explain vector for ${name}`);
  }
});

for (const c of vectors.explain) {
  test(`explain vector: ${c.name} -> ${c.verdict}`, () => {
    const secret = hex(c.secret_hex);
    const identifier = hex(c.identifier_hex);
    const hash = hex(c.hash_hex); // the exact hash bytes (32 raw bytes for raw_digest)
    const why = cw.explain(secret, identifier, hash);
    assert.equal(why.verdict, c.verdict);
    assert.equal(why.code, c.code);
    assert.equal(why.code, vectors.verdicts[c.verdict]);
    assert.equal(why.isMatch, c.verdict === 'match');
    assert.equal(why.message, native.verdictMessage(c.code));
    assert.ok(Object.isFrozen(why));
    // explain and verify agree on what matches.
    assert.equal(cw.verify(secret, identifier, hash), why.isMatch);
    // As text, the same verdict, when the vector's bytes are UTF-8 text.
    const text = hash.toString('utf8');
    if (Buffer.from(text, 'utf8').equals(hash) && typeof c.secret === 'string' && typeof c.identifier === 'string') {
      assert.deepEqual(cw.explain(c.secret, c.identifier, text), why);
    }
  });
}

test('the verdict table is pinned: names and codes of the vectors and of the library', () => {
  assert.deepEqual({ ...cw.VERDICT_CODES }, vectors.verdicts);
  for (const [name, code] of Object.entries(cw.VERDICT_CODES)) {
    assert.equal(native.verdictName(code), name, `cw_verdict_name(${code})`);
    assert.equal(cw.Verdict[name.toUpperCase()], name);
  }
  assert.equal(cw.Verdict.UPPERCASE_HEX, 'uppercase_hex');
  assert.equal(cw.Verdict.UNKNOWN, 'unknown');
  assert.equal(Object.keys(cw.Verdict).length, Object.keys(vectors.verdicts).length + 1);
  assert.ok(Object.isFrozen(cw.Verdict) && Object.isFrozen(cw.VERDICT_CODES));
});

test('each verdict carries the library message', () => {
  for (const code of Object.values(cw.VERDICT_CODES)) {
    const message = explanationFor(code).message;
    assert.equal(typeof message, 'string');
    assert.ok(message.length > 10, `${code}: ${message}`);
  }
  assert.match(cw.explain(SECRET, ID, SAMPLE.toUpperCase()).message, /uppercase|lowercase/i);
});

test('an unknown code from a newer library is verdict "unknown", not a crash', () => {
  for (const code of [14, 99, -5, 2 ** 31 - 1, -(2 ** 31)]) {
    const why = explanationFor(code);
    assert.equal(why.verdict, cw.Verdict.UNKNOWN);
    assert.equal(why.code, code);
    assert.equal(why.isMatch, false);
    assert.equal(why.message, native.verdictMessage(code));
    assert.ok(why.message.length > 0);
    assert.equal(native.verdictName(code), 'unknown');
  }
});

test('explain follows identifierHash input rules: numbers and bigints as decimal strings', () => {
  const hash = nodeHmac(SECRET, '42');
  assert.equal(cw.explain(SECRET, 42, hash).verdict, 'match');
  assert.equal(cw.explain(SECRET, 42n, hash).verdict, 'match');
  assert.equal(cw.explain(Buffer.from(SECRET), Buffer.from('42'), Buffer.from(hash)).verdict, 'match');
  assert.throws(() => cw.explain(SECRET, 1.5, hash), { name: 'TypeError', message: /^identifier must be a safe integer/ });
  assert.throws(() => cw.explain(SECRET, {}, hash), { name: 'TypeError', message: /^identifier must be/ });
  assert.throws(() => cw.explain(42, ID, SAMPLE), { name: 'TypeError', message: /^secret must be/ });
});

test('a hash of an unsupported type is a TypeError (verify says false instead)', () => {
  for (const bad of [undefined, null, 42, {}, [SAMPLE]]) {
    assert.throws(() => cw.explain(SECRET, ID, bad), { name: 'TypeError', message: /^identifierHash must be a string or a Buffer\/Uint8Array/ });
    assert.equal(cw.verify(SECRET, ID, bad), false);
  }
});

test('explain never throws for bad secret or identifier values: they are verdicts', () => {
  assert.equal(cw.explain('', ID, SAMPLE).verdict, 'invalid_secret');
  assert.equal(cw.explain(`${SECRET}\n`, ID, SAMPLE).verdict, 'secret_whitespace');
  assert.equal(cw.explain(SECRET, '', SAMPLE).verdict, 'empty_identifier');
  assert.equal(cw.explain(SECRET, ID, '').verdict, 'not_hex');
});

test('long inputs (beyond the scratch buffers) are explained too, and the secret never shows', () => {
  const secret = 'k'.repeat(5000);
  const identifier = 'é'.repeat(2000);
  const hash = nodeHmac(secret, identifier);
  assert.equal(cw.explain(secret, identifier, hash).verdict, 'match');
  assert.equal(cw.explain(secret, identifier, `${hash}\n${' '.repeat(300)}`).verdict, 'hash_whitespace');
  const why = cw.explain('super-secret-value-42', ID, SAMPLE);
  assert.equal(why.verdict, 'mismatch');
  assert.ok(!JSON.stringify(why).includes('super-secret-value-42'));
});
