'use strict';
// Bad input in JavaScript's own terms, beyond what tests/bad_input_matrix.json expresses (that
// runs in matrix.test.js): undefined next to null, the TypeError's wording, secrets and hashes
// as Buffer or Uint8Array, and outputs the package sizes itself.

const test = require('node:test');
const assert = require('node:assert/strict');
const cw = require('chatwoot-identity');
const { nodeHmac, INVISIBLES } = require('./helpers');

const SECRET = 'your-secret-token-for-hmac';
const ID = 'unique-identifier-of-the-user';
const SAMPLE = 'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c';
const HEX64 = /^[0-9a-f]{64}$/;

test('null or undefined as a secret or identifier is a TypeError naming the argument, in verify too', () => {
  const key = new cw.IdentityKey(SECRET);
  try {
    for (const missing of [null, undefined]) {
      assert.throws(() => cw.explain(missing, ID, SAMPLE), { name: 'TypeError', message: /^secret must be a string or a Buffer\/Uint8Array/ });
      assert.throws(() => cw.verify(SECRET, missing, SAMPLE), { name: 'TypeError', message: /^identifier must be a string/ });
      assert.throws(() => key.verify(missing, SAMPLE), { name: 'TypeError', message: /^identifier must be a string/ });
      assert.throws(() => key.identifierHashes([ID, missing]), { name: 'TypeError', message: /^identifiers\[1\] must be/ });
    }
  } finally {
    key.close();
  }
});

test('a padded secret as a string, a Buffer or a Uint8Array: the same typed error; verify false; explain secret_whitespace', () => {
  const padded = [[`\t${SECRET}`, cw.SecretWhitespaceError]];
  for (const mark of INVISIBLES) {
    for (const secret of [mark + SECRET, SECRET + mark, mark + SECRET + mark]) padded.push([secret, cw.SecretInvisibleError]);
  }
  for (const [secret, Class] of padded) {
    for (const value of [secret, Buffer.from(secret), new Uint8Array(Buffer.from(secret))]) {
      assert.throws(() => cw.identifierHash(value, ID), Class, JSON.stringify(secret));
      assert.throws(() => new cw.IdentityKey(value), Class, JSON.stringify(secret));
    }
    assert.equal(cw.verify(secret, ID, nodeHmac(secret, ID)), false);
    assert.equal(cw.explain(secret, ID, SAMPLE).verdict, 'secret_whitespace');
  }
  // Inside a secret an invisible character is key material, hashed like any other.
  for (const mark of INVISIBLES) {
    const inside = SECRET.slice(0, 4) + mark + SECRET.slice(4);
    assert.equal(cw.identifierHash(inside, ID), nodeHmac(inside, ID));
  }
});

test('a 1 MiB string identifier in a batch and in verify hashes like crypto.createHmac', () => {
  const text = 'abcdefghijklmnopqrstuvwxyz'.repeat(40330).slice(0, 1024 * 1024);
  const expected = nodeHmac(SECRET, text);
  const key = new cw.IdentityKey(SECRET);
  try {
    assert.deepEqual(key.identifierHashes([text, 'x']), [expected, nodeHmac(SECRET, 'x')]);
    assert.equal(cw.verify(SECRET, text, expected), true);
  } finally {
    key.close();
  }
});

test('a bad hash as bytes, or with whitespace on both sides: verify false, explain names it', () => {
  const key = new cw.IdentityKey(SECRET);
  try {
    for (const hash of [Buffer.from(SAMPLE.toUpperCase()), Buffer.alloc(64, 0), `${SAMPLE.slice(0, 63)}g`, `\t${SAMPLE} `]) {
      assert.deepEqual([cw.verify(SECRET, ID, hash), key.verify(ID, hash)], [false, false], String(hash));
    }
  } finally {
    key.close();
  }
  assert.equal(cw.explain(SECRET, ID, Buffer.from(SAMPLE.toUpperCase())).verdict, 'uppercase_hex');
  for (const hash of [` ${SAMPLE}`, `${SAMPLE}\r\n`, `\t${SAMPLE} `]) {
    assert.equal(cw.explain(SECRET, ID, hash).verdict, 'hash_whitespace', JSON.stringify(hash));
  }
});

test('output buffers are sized by the package: every hash is exactly 64 lowercase hex characters', () => {
  const key = new cw.IdentityKey(SECRET);
  try {
    const identifiers = ['a', 'é', Buffer.from([0xff]), 7, 7n, 'x'.repeat(5000)];
    const hashes = [
      ...identifiers.map((id) => cw.identifierHash(SECRET, id)),
      ...identifiers.map((id) => key.identifierHash(id)),
      ...key.identifierHashes(identifiers),
    ];
    for (const hash of hashes) assert.match(hash, HEX64);
    assert.equal(cw.IDENTIFIER_HASH_LENGTH, 64);
  } finally {
    key.close();
  }
});
