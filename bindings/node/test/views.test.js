'use strict';
// Byte views are read through the engine, never through their own properties: a lying
// byteLength/length (own property, subclass getter), a Proxy, a shrinking resizable buffer or a
// detached one cannot make the library read past the bytes, and each value is read exactly once.

const test = require('node:test');
const assert = require('node:assert/strict');
const cw = require('chatwoot-identity');
const { nodeHmac, hookedBytes } = require('./helpers');

const SECRET = 'your-secret-token-for-hmac';
const ID = 'unique-identifier-of-the-user';

/** Every entry point that takes an identifier, with a fresh key, giving [hash, hash, hash, verified]. */
function allWays(identifier, expected) {
  const key = new cw.IdentityKey(SECRET);
  try {
    return [
      cw.identifierHash(SECRET, identifier),
      key.identifierHash(identifier),
      key.identifierHashes(['first', identifier])[1],
      cw.verify(SECRET, identifier, expected) && key.verify(identifier, expected),
    ];
  } finally {
    key.close();
  }
}

function lyingView(text, lie) {
  // A view in the middle of a bigger buffer: bytes past its end exist and must not be hashed.
  const backing = Buffer.from(`prefix-${text}-and-bytes-past-the-end`);
  const view = new Uint8Array(backing.buffer, backing.byteOffset + 7, Buffer.byteLength(text));
  lie(view);
  return view;
}

test('an own byteLength/length property is ignored: the real view is hashed, never past its end', () => {
  const expected = nodeHmac(SECRET, ID);
  for (const size of [ID.length + 8, 2 ** 40, 2 ** 53 - 1, -1, 0, 1, NaN]) {
    const view = lyingView(ID, (v) => {
      Object.defineProperty(v, 'byteLength', { value: size });
      Object.defineProperty(v, 'length', { value: size });
    });
    assert.deepEqual(allWays(view, expected), [expected, expected, expected, true], `byteLength ${size}`);
  }
});

test('a Uint8Array subclass lying about its length, offset or buffer is hashed as its real bytes', () => {
  const expected = nodeHmac(SECRET, ID);
  for (const lie of [(n) => n + 100, () => 2 ** 40, () => 1]) {
    const view = hookedBytes(ID, () => {}, lie);
    assert.deepEqual(allWays(view, expected), [expected, expected, expected, true]);
  }
  class Shifted extends Uint8Array {
    get byteOffset() {
      return super.byteOffset + 4096;
    }

    get buffer() {
      return new ArrayBuffer(1);
    }
  }
  const shifted = new Shifted(Buffer.from(ID));
  assert.deepEqual(allWays(shifted, expected), [expected, expected, expected, true]);
  // As a secret and as the hash to verify, too.
  const secret = lyingView(SECRET, (v) => Object.defineProperty(v, 'byteLength', { value: 2 ** 40 }));
  assert.equal(cw.identifierHash(secret, ID), expected);
  assert.equal(new cw.IdentityKey(secret).identifierHash(ID), expected);
  const hash = lyingView(expected, (v) => Object.defineProperty(v, 'byteLength', { value: 2 ** 40 }));
  assert.equal(cw.verify(SECRET, ID, hash), true);
  assert.equal(cw.explain(SECRET, ID, hash).verdict, 'match');
});

test('a Proxy around a Uint8Array is refused with a TypeError, and none of its traps runs', () => {
  let trapped = 0;
  const proxy = new Proxy(Buffer.from(ID), {
    get(target, name) {
      trapped++;
      return name === 'byteLength' ? 2 ** 40 : Reflect.get(target, name);
    },
    getPrototypeOf(target) {
      trapped++;
      return Reflect.getPrototypeOf(target);
    },
  });
  const key = new cw.IdentityKey(SECRET);
  try {
    assert.throws(() => cw.identifierHash(SECRET, proxy), { name: 'TypeError', message: /^identifier must be/ });
    assert.throws(() => key.identifierHash(proxy), TypeError);
    assert.throws(() => key.identifierHashes([proxy]), { name: 'TypeError', message: /^identifiers\[0\] must be/ });
    assert.throws(() => cw.identifierHash(proxy, ID), { name: 'TypeError', message: /^secret must be/ });
    assert.equal(cw.verify(SECRET, ID, proxy), false);
  } finally {
    key.close();
  }
  assert.equal(trapped, 0);
});

test('each batch element is read exactly once: a getter cannot answer short, then long', () => {
  const key = new cw.IdentityKey(SECRET);
  try {
    for (const [first, later] of [['a', 'b'.repeat(100_000)], ['short', 'é'.repeat(5000)], ['x', 12345]]) {
      let reads = 0;
      const list = ['user-1', 'user-2', 'user-3'];
      Object.defineProperty(list, 1, {
        get() {
          reads++;
          return reads === 1 ? first : later;
        },
      });
      const hashes = key.identifierHashes(list);
      assert.equal(reads, 1);
      assert.deepEqual(hashes, [nodeHmac(SECRET, 'user-1'), nodeHmac(SECRET, first), nodeHmac(SECRET, 'user-3')]);
    }
  } finally {
    key.close();
  }
});

test('a batch hashes each view as it was when read: a later element shrinking or detaching it changes nothing', () => {
  const key = new cw.IdentityKey(SECRET);
  try {
    const buffer = new ArrayBuffer(64, { maxByteLength: 64 });
    const tracking = new Uint8Array(buffer); // length-tracking: shrinks with its buffer
    tracking.set(Buffer.from('x'.repeat(64)));
    const list = [tracking, 'user-2'];
    Object.defineProperty(list, 1, { get: () => (buffer.resize(1), 'user-2') });
    assert.deepEqual(key.identifierHashes(list), [nodeHmac(SECRET, 'x'.repeat(64)), nodeHmac(SECRET, 'user-2')]);

    const transferable = new ArrayBuffer(16);
    new Uint8Array(transferable).fill(0x41);
    const view = new Uint8Array(transferable);
    const detaching = [view, 'user-2'];
    Object.defineProperty(detaching, 1, { get: () => (structuredClone(transferable, { transfer: [transferable] }), 'user-2') });
    assert.deepEqual(key.identifierHashes(detaching), [nodeHmac(SECRET, 'A'.repeat(16)), nodeHmac(SECRET, 'user-2')]);
    // A view already detached has no bytes: an empty identifier.
    assert.throws(() => key.identifierHash(view), cw.EmptyIdentifierError);
    assert.equal(cw.verify(SECRET, view, nodeHmac(SECRET, '')), false);
  } finally {
    key.close();
  }
});

test('typed arrays other than Uint8Array are refused as before, named by their real type', () => {
  for (const other of [new Uint16Array(4), new Uint8ClampedArray(4), new DataView(new ArrayBuffer(4)), new ArrayBuffer(4)]) {
    assert.throws(() => cw.identifierHash(SECRET, other), { name: 'TypeError', message: /^identifier must be/ });
    assert.equal(cw.verify(SECRET, ID, other), false);
  }
  assert.throws(() => cw.identifierHash(SECRET, new Uint16Array(4)), /got Uint16Array/);
});
