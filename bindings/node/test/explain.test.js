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

test('the vectors have an explain case for every verdict, and this suite runs them all', () => {
  const seen = new Set(vectors.explain.map((c) => c.verdict));
  for (const name of Object.keys(vectors.verdicts)) assert.ok(seen.has(name), `no explain vector for ${name}`);
  assert.deepEqual([...seen].sort(), Object.keys(cw.VERDICT_CODES).sort());
  assert.ok(vectors.explain_rejected.length >= 4);
});

const candidatesOf = (c) => ({
  otherSecrets: (c.other_secrets_hex || []).map(hex),
  otherIdentifiers: (c.other_identifiers_hex || []).map(hex),
});

for (const c of vectors.explain) {
  test(`explain vector: ${c.name} -> ${c.verdict}`, () => {
    const secret = hex(c.secret_hex);
    const identifier = hex(c.identifier_hex);
    const hash = hex(c.hash_hex); // the exact hash bytes (32 raw bytes for raw_digest)
    const why = cw.explain(secret, identifier, hash, candidatesOf(c));
    assert.equal(why.verdict, c.verdict);
    assert.equal(why.code, c.code);
    assert.equal(why.code, vectors.verdicts[c.verdict]);
    assert.equal(why.isMatch, c.verdict === 'match');
    assert.equal(why.message, native.verdictMessage(c.code));
    assert.deepEqual(why.candidate, c.candidate);
    assert.ok(Object.isFrozen(why));
    if (why.candidate) assert.ok(Object.isFrozen(why.candidate));
    // explain and verify agree on what matches.
    assert.equal(cw.verify(secret, identifier, hash), why.isMatch);
    // As text, the same verdict, when the vector's bytes are UTF-8 text.
    const text = hash.toString('utf8');
    if (Buffer.from(text, 'utf8').equals(hash) && typeof c.secret === 'string' && typeof c.identifier === 'string') {
      const { otherSecrets, otherIdentifiers } = candidatesOf(c);
      const asText = (list) => list.map((b) => b.toString('utf8'));
      assert.deepEqual(
        cw.explain(c.secret, c.identifier, text, { otherSecrets: asText(otherSecrets), otherIdentifiers: asText(otherIdentifiers) }),
        why,
      );
    }
  });
}

for (const c of vectors.explain_rejected) {
  test(`explain rejects: ${c.name} -> ${c.status}`, () => {
    assert.throws(
      () => cw.explain(hex(c.secret_hex), hex(c.identifier_hex), hex(c.hash_hex)),
      (err) => {
        assert.ok(err instanceof cw.ChatwootIdentityError);
        assert.equal(err.code, c.status);
        assert.equal(err.status, c.code);
        assert.equal(err.status, cw.STATUS[c.status]);
        assert.equal(err.message, native.statusMessage(c.code));
        return true;
      },
    );
  });
}

test('explain candidates: lists of any iterable, read once, never echoed', () => {
  const old = 'the-token-before-rotation';
  const hash = nodeHmac(old, ID);
  const seen = [];
  function* secrets() {
    seen.push('iterated');
    yield 'another-inbox-token';
    yield Buffer.from(old);
  }
  const why = cw.explain(SECRET, ID, hash, { otherSecrets: secrets() });
  assert.deepEqual(seen, ['iterated']);
  assert.equal(why.verdict, cw.Verdict.OTHER_CANDIDATE);
  assert.deepEqual(why.candidate, { kind: 'secret', index: 1 });
  assert.ok(!JSON.stringify(why).includes(old));
  // An options getter runs once.
  let reads = 0;
  const options = { get otherIdentifiers() { reads += 1; return ['someone@example.com', 42n, 'user@example.com']; } };
  const byEmail = cw.explain(SECRET, 42, nodeHmac(SECRET, 'user@example.com'), options);
  assert.equal(reads, 1);
  assert.deepEqual(byEmail.candidate, { kind: 'identifier', index: 2 });
  // No candidates, or empty lists: the plain verdict.
  assert.equal(cw.explain(SECRET, ID, hash, {}).verdict, 'mismatch');
  assert.equal(cw.explain(SECRET, ID, hash, { otherSecrets: [], otherIdentifiers: undefined }).verdict, 'mismatch');
});

test('explain candidates of the wrong type are TypeErrors naming the element', () => {
  assert.throws(() => cw.explain(SECRET, ID, SAMPLE, { otherSecrets: 'one-secret' }), { name: 'TypeError', message: /^otherSecrets must be an array/ });
  assert.throws(() => cw.explain(SECRET, ID, SAMPLE, { otherSecrets: [42] }), { name: 'TypeError', message: /^otherSecrets\[0\] must be/ });
  // A bad entry is named by its index, never by its value (the good entries are secrets too).
  for (const bad of [7, null, {}, 'SECRET-\uD800-XYZ']) {
    assert.throws(
      () => cw.explain(SECRET, ID, SAMPLE, { otherSecrets: ['SECRET-ONE-XYZ', 'SECRET-TWO-XYZ', 'SECRET-THREE-XYZ', bad] }),
      (err) => err instanceof TypeError && err.message.startsWith('otherSecrets[3] ') && !/SECRET-/.test(err.message + err.stack),
    );
  }
  assert.throws(() => cw.explain(SECRET, ID, SAMPLE, { otherIdentifiers: ['ok', 1.5] }), { name: 'TypeError', message: /^otherIdentifiers\[1\] must be a safe integer/ });
  assert.throws(() => cw.explain(SECRET, ID, SAMPLE, { otherIdentifiers: ['\uD800'] }), { name: 'TypeError', message: /^otherIdentifiers\[0\] is not well-formed Unicode/ });
  assert.throws(() => cw.explain(SECRET, ID, SAMPLE, 'x'), { name: 'TypeError', message: /^explain options must be an object/ });
});

test('the verdict table is pinned: names and codes of the vectors and of the library', () => {
  assert.deepEqual({ ...cw.VERDICT_CODES }, vectors.verdicts);
  assert.deepEqual(vectors.explain_order.slice().sort(), Object.keys(cw.VERDICT_CODES).sort());
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
    const message = explanationFor({ verdict: code }).message;
    assert.equal(typeof message, 'string');
    assert.ok(message.length > 10, `${code}: ${message}`);
  }
  assert.match(cw.explain(SECRET, ID, SAMPLE.toUpperCase()).message, /uppercase|lowercase/i);
});

test('an unknown code from a newer library is verdict "unknown", not a crash', () => {
  for (const code of [-1, -4, 99, 2 ** 31 - 1, -(2 ** 31)]) {
    const why = explanationFor({ verdict: code, candidate_kind: 7, candidate_index: 3 });
    assert.equal(why.candidate, null);
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

test('inputs explain cannot use are typed errors; a padded secret is a verdict', () => {
  assert.throws(() => cw.explain('', ID, SAMPLE), cw.EmptySecretError);
  assert.throws(() => cw.explain(' \t', ID, SAMPLE), cw.EmptySecretError);
  assert.throws(() => cw.explain(SECRET, '', SAMPLE), cw.EmptyIdentifierError);
  assert.equal(cw.explain(`${SECRET}\n`, ID, SAMPLE).verdict, 'secret_whitespace');
  assert.equal(cw.explain(SECRET, ID, '').verdict, 'blank_hash');
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
