'use strict';
// The shared vectors of tests/vectors.json, through every entry point of the package.

const test = require('node:test');
const assert = require('node:assert/strict');
const cw = require('chatwoot-identity');
const { vectors, hex, nodeHmac } = require('./helpers');

const ERROR_CLASS = {
  EMPTY_SECRET: cw.EmptySecretError,
  SECRET_WHITESPACE: cw.SecretWhitespaceError,
  EMPTY_IDENTIFIER: cw.EmptyIdentifierError,
  SECRET_INVISIBLE: cw.SecretInvisibleError,
};

test('the vectors file has every kind of case', () => {
  assert.ok(vectors.hash.length >= 30);
  assert.ok(vectors.rejected.length >= 8);
  assert.ok(vectors.verify.length >= 10);
});

test('the documented samples, from Chatwoot docs, as text', () => {
  assert.equal(
    cw.identifierHash('your-secret-token-for-hmac', 'unique-identifier-of-the-user'),
    'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c',
  );
  const node = vectors.hash.find((c) => c.name === 'documented Node.js sample');
  assert.equal(cw.identifierHash('your-secret-token-for-hmac', 'unique-identifier-key-of-the-user'), node.identifier_hash);
  // Node's own HMAC agrees: the binding cannot share a bug with the core.
  assert.equal(nodeHmac('your-secret-token-for-hmac', 'unique-identifier-key-of-the-user'), node.identifier_hash);
});

for (const c of vectors.hash) {
  test(`hash vector: ${c.name}`, () => {
    const secret = hex(c.secret_hex);
    const identifier = hex(c.identifier_hex);
    assert.equal(nodeHmac(secret, identifier), c.identifier_hash, 'Node crypto disagrees with the vector');
    assert.equal(cw.identifierHash(secret, identifier), c.identifier_hash);
    assert.equal(cw.verify(secret, identifier, c.identifier_hash), true);
    // As text too, when the vector's bytes are UTF-8 text.
    if (typeof c.identifier === 'string' && Buffer.from(c.identifier, 'utf8').equals(identifier)) {
      assert.equal(cw.identifierHash(secret, c.identifier), c.identifier_hash);
    }
    const key = new cw.IdentityKey(secret);
    try {
      assert.equal(key.identifierHash(identifier), c.identifier_hash);
      assert.equal(key.verify(identifier, c.identifier_hash), true);
      assert.deepEqual(key.identifierHashes([identifier]), [c.identifier_hash]);
    } finally {
      key.close();
    }
  });
}

test('integer identifiers hash as their decimal string', () => {
  const c = vectors.hash.find((v) => v.name === 'integer identifier hashed as its decimal string');
  const digits = hex(c.identifier_hex).toString('latin1');
  assert.match(digits, /^\d+$/);
  const secret = hex(c.secret_hex);
  assert.equal(cw.identifierHash(secret, Number(digits)), c.identifier_hash);
  assert.equal(cw.identifierHash(secret, BigInt(digits)), c.identifier_hash);
  const key = new cw.IdentityKey(secret);
  assert.deepEqual(key.identifierHashes([Number(digits), BigInt(digits), digits]), Array(3).fill(c.identifier_hash));
  key.close();
});

for (const c of vectors.rejected) {
  test(`rejected vector: ${c.name} -> ${c.status}`, () => {
    const Class = ERROR_CLASS[c.status];
    assert.ok(Class, `no error class for ${c.status}`);
    const secret = hex(c.secret_hex);
    const identifier = hex(c.identifier_hex);
    const expected = (err) => {
      assert.ok(err instanceof Class, `${err.name} is not a ${Class.name}`);
      assert.ok(err instanceof cw.ChatwootIdentityError);
      assert.equal(err.code, c.status);
      assert.equal(err.status, c.code);
      assert.equal(err.status, vectors.statuses[c.status]);
      return true;
    };
    assert.throws(() => cw.identifierHash(secret, identifier), expected);
    assert.equal(cw.verify(secret, identifier, vectors.hash[0].identifier_hash), false);
    // A bad secret is refused when the key is made; an empty identifier when it is hashed.
    if (c.status === 'EMPTY_IDENTIFIER') {
      const key = new cw.IdentityKey(secret);
      assert.throws(() => key.identifierHash(identifier), expected);
      assert.throws(() => key.identifierHashes([identifier]), expected);
      assert.equal(key.verify(identifier, vectors.hash[0].identifier_hash), false);
      key.close();
    } else {
      assert.throws(() => new cw.IdentityKey(secret), expected);
    }
    // As text, the same error.
    assert.throws(() => cw.identifierHash(c.secret, c.identifier), expected);
  });
}

for (const c of vectors.verify) {
  test(`verify vector: ${c.name} -> ${c.valid}`, () => {
    const secret = hex(c.secret_hex);
    const identifier = hex(c.identifier_hex);
    assert.equal(cw.verify(secret, identifier, c.identifier_hash), c.valid);
    assert.equal(cw.verify(secret, identifier, Buffer.from(c.identifier_hash, 'utf8')), c.valid);
    let key;
    try {
      key = new cw.IdentityKey(secret);
    } catch (err) {
      assert.equal(c.valid, false, 'a valid case must have a usable secret');
      assert.ok(err instanceof cw.ChatwootIdentityError);
      return;
    }
    assert.equal(key.verify(identifier, c.identifier_hash), c.valid);
    key.close();
  });
}
