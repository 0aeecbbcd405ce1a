'use strict';
// IdentityKey#identifierHashes (the batch call) must equal hashing one by one, in order.

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const cw = require('chatwoot-identity');
const { nodeHmac } = require('./helpers');

const SECRET = 'your-secret-token-for-hmac';

/** Every kind of identifier the package accepts, mixed, none empty. */
function mixedIdentifiers(count) {
  const list = new Array(count);
  for (let i = 0; i < count; i++) {
    switch (i % 6) {
      case 0: list[i] = `user-${i}@example.com`; break;
      case 1: list[i] = `utilisateur-${i}-é-漢字-😀`; break;
      case 2: list[i] = crypto.randomBytes(1 + (i % 300)); break;
      case 3: list[i] = i; break;
      case 4: list[i] = BigInt(i) * 1_000_003n; break;
      default: list[i] = 'x'.repeat(1 + (i % 300)); break;
    }
  }
  return list;
}

test('a batch of 100,000 mixed identifiers equals hashing them one by one', () => {
  const key = new cw.IdentityKey(SECRET);
  const identifiers = mixedIdentifiers(100_000);
  const batch = key.identifierHashes(identifiers);
  assert.equal(batch.length, identifiers.length);
  for (let i = 0; i < identifiers.length; i++) {
    assert.equal(batch[i], key.identifierHash(identifiers[i]), `identifier ${i}`);
  }
  // And with Node's own HMAC on a sample, so the batch path cannot share a core bug.
  for (let i = 0; i < identifiers.length; i += 997) {
    const value = identifiers[i];
    const message = typeof value === 'number' || typeof value === 'bigint' ? String(value) : value;
    assert.equal(batch[i], nodeHmac(SECRET, message), `identifier ${i}`);
  }
  key.close();
});

test('a batch of 100,000 ASCII strings (the packed fast path) equals one by one', () => {
  const key = new cw.IdentityKey(SECRET);
  const identifiers = Array.from({ length: 100_000 }, (_, i) => `contact-${i}`);
  const batch = key.identifierHashes(identifiers);
  for (let i = 0; i < identifiers.length; i++) assert.equal(batch[i], key.identifierHash(identifiers[i]));
  key.close();
});

test('chunk boundaries: sizes around the 4,096-identifier chunk', () => {
  const key = new cw.IdentityKey(SECRET);
  for (const size of [0, 1, 2, 4095, 4096, 4097, 8192, 8193]) {
    const identifiers = Array.from({ length: size }, (_, i) => (i % 2 ? `id-${i}` : `ïd-${i}`));
    const batch = key.identifierHashes(identifiers);
    assert.equal(batch.length, size);
    if (size > 0) assert.equal(batch[size - 1], nodeHmac(SECRET, identifiers[size - 1]), `size ${size}`);
    assert.deepEqual(batch, identifiers.map((id) => key.identifierHash(id)), `size ${size}`);
  }
  key.close();
});

test('a batch accepts any iterable', () => {
  const key = new cw.IdentityKey(SECRET);
  const expected = ['a', 'b', 'c'].map((id) => nodeHmac(SECRET, id));
  assert.deepEqual(key.identifierHashes(new Set(['a', 'b', 'c'])), expected);
  assert.deepEqual(key.identifierHashes((function* () { yield 'a'; yield 'b'; yield 'c'; })()), expected);
  key.close();
});

test('an empty identifier in a batch is reported with its index', () => {
  const key = new cw.IdentityKey(SECRET);
  for (const [list, index] of [
    [['a', '', 'c'], 1],
    [['', 'b'], 0],
    [['a', Buffer.alloc(0)], 1],
    [Array.from({ length: 10_000 }, (_, i) => (i === 5000 ? '' : `id-${i}`)), 5000], // second chunk
  ]) {
    assert.throws(() => key.identifierHashes(list), (err) => {
      assert.ok(err instanceof cw.EmptyIdentifierError);
      assert.equal(err.code, 'EMPTY_IDENTIFIER');
      assert.equal(err.status, -4);
      assert.equal(err.index, index);
      assert.match(err.message, new RegExp(`^identifiers\\[${index}\\]: the identifier is empty`));
      return true;
    });
  }
  key.close();
});

test('an identifier of the wrong type in a batch is a TypeError naming its index', () => {
  const key = new cw.IdentityKey(SECRET);
  assert.throws(() => key.identifierHashes(['a', 'b', null]), { name: 'TypeError', message: /^identifiers\[2\] must be/ });
  assert.throws(() => key.identifierHashes(['a', 1.5]), { name: 'TypeError', message: /^identifiers\[1\] must be a safe integer/ });
  assert.throws(() => key.identifierHashes([{}]), { name: 'TypeError', message: /^identifiers\[0\].*got object/ });
  for (const notAList of ['abc', Buffer.from('abc'), 42, null, undefined, {}]) {
    assert.throws(() => key.identifierHashes(notAList), { name: 'TypeError', message: /identifiers must be an array/ });
  }
  key.close();
});
