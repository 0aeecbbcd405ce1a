'use strict';
// Re-entrancy: caller code that itself calls the package in the middle of a call (a getter, an
// iterator, a Proxy) must not change the outer call's answer: the package shares scratch
// buffers between calls, so every input is read and copied before any of them is used.

const test = require('node:test');
const assert = require('node:assert/strict');
const cw = require('chatwoot-identity');
const { nodeHmac, hookedBytes, hookedIterable } = require('./helpers');

const SECRET = 'your-secret-token-for-hmac';
const ID = 'unique-identifier-of-the-user';
const SAMPLE = 'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c';

/** Calls every entry point of the package with other values (what a hostile getter might do). */
function hashElsewhere() {
  cw.identifierHash('other-secret', 'x');
  cw.verify('other-secret', 'y', 'f'.repeat(64));
  cw.explain('other-secret', 'z', 'A'.repeat(64));
  const key = new cw.IdentityKey('third-secret');
  key.identifierHash('w'.repeat(5000));
  key.identifierHashes(['p', 'q']);
  key.close();
}

test('a getter that hashes mid-call does not change the one-shot answers', () => {
  assert.equal(cw.identifierHash(hookedBytes(SECRET, hashElsewhere), ID), SAMPLE);
  assert.equal(cw.identifierHash(SECRET, hookedBytes(ID, hashElsewhere)), SAMPLE);
  assert.equal(cw.verify(SECRET, ID, hookedBytes(SAMPLE, hashElsewhere)), true);
  assert.equal(cw.verify(hookedBytes(SECRET, hashElsewhere), ID, SAMPLE), true);
  assert.equal(cw.verify(SECRET, hookedBytes(ID, hashElsewhere), SAMPLE), true);
  assert.equal(cw.explain(SECRET, ID, hookedBytes(SAMPLE, hashElsewhere)).verdict, 'match');
  assert.equal(cw.explain(hookedBytes(SECRET, hashElsewhere), ID, SAMPLE.toUpperCase()).verdict, 'uppercase_hex');
});

test('a getter that hashes mid-call does not change an IdentityKey answer', () => {
  const key = new cw.IdentityKey(hookedBytes(SECRET, hashElsewhere));
  try {
    assert.equal(key.identifierHash(hookedBytes(ID, hashElsewhere)), SAMPLE);
    assert.equal(key.verify(hookedBytes(ID, hashElsewhere), SAMPLE), true);
    assert.equal(key.verify(ID, hookedBytes(SAMPLE, hashElsewhere)), true);
    assert.equal(key.verify(ID, hookedBytes(nodeHmac('other-secret', ID), hashElsewhere)), false);
  } finally {
    key.close();
  }
});

test('an iterator or array getter that hashes (even on the same key) does not change a batch', () => {
  const key = new cw.IdentityKey(SECRET);
  try {
    const ids = Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? `üser-${i}` : `user-${i}`));
    const expected = ids.map((id) => nodeHmac(SECRET, id));
    const nested = () => {
      hashElsewhere();
      key.identifierHashes(['nested-1', 'nested-2']);
      key.identifierHash('nested-3');
    };
    assert.deepEqual(key.identifierHashes(hookedIterable(ids, nested)), expected);
    const list = ids.slice();
    for (let i = 0; i < list.length; i += 7) {
      const value = list[i];
      Object.defineProperty(list, i, { get: () => (nested(), value) });
    }
    assert.deepEqual(key.identifierHashes(list), expected);
    const withBytes = ids.map((id, i) => (i % 2 ? hookedBytes(id, nested) : id));
    assert.deepEqual(key.identifierHashes(withBytes), expected);
  } finally {
    key.close();
  }
});
