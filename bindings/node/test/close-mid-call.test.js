'use strict';
// Closing an IdentityKey from caller code that runs inside one of its calls (an iterator, an
// array getter, a Proxy, a byteLength getter): the call gives KeyClosedError or the right hash,
// never a hash under freed memory or under another key allocated in its place.

const test = require('node:test');
const assert = require('node:assert/strict');
const cw = require('chatwoot-identity');
const { nodeHmac, hookedBytes, hookedIterable } = require('./helpers');

const SECRET = 'your-secret-token-for-hmac';
const ATTACKER = 'attacker-secret';

function isKeyClosed(err) {
  assert.ok(err instanceof cw.KeyClosedError, `${err && err.name}: ${err && err.message}`);
  assert.equal(err.code, 'KEY_CLOSED');
  return true;
}

test('an iterator that closes the key (and allocates another) makes identifierHashes throw KeyClosedError', () => {
  const others = [];
  try {
    for (const closeAt of [0, 1, 2]) {
      const key = new cw.IdentityKey(SECRET);
      const ids = hookedIterable(['user-42', 'user-43', 'user-44'], (i) => {
        if (i !== closeAt) return;
        key.close();
        // A new key may take the freed memory: a use-after-free would hash under it.
        for (let n = 0; n < 8; n++) others.push(new cw.IdentityKey(ATTACKER));
      });
      assert.throws(() => key.identifierHashes(ids), isKeyClosed);
    }
    // The exact example: close after the last yield.
    const key = new cw.IdentityKey(SECRET);
    function* ids() {
      yield 'user-42';
      key.close();
      others.push(new cw.IdentityKey(ATTACKER));
    }
    assert.throws(() => key.identifierHashes(ids()), isKeyClosed);
  } finally {
    for (const other of others) other.close();
  }
});

test('an array element getter or a Proxy trap that closes the key: KeyClosedError', () => {
  const others = [];
  try {
    const key1 = new cw.IdentityKey(SECRET);
    const list = ['user-1', 'user-2'];
    Object.defineProperty(list, 1, {
      get() {
        key1.close();
        others.push(new cw.IdentityKey(ATTACKER));
        return 'user-2';
      },
    });
    assert.throws(() => key1.identifierHashes(list), isKeyClosed);

    const key2 = new cw.IdentityKey(SECRET);
    const proxy = new Proxy(['user-1', 'user-2', 'user-3'], {
      get(target, name, receiver) {
        if (name === '2') {
          key2.close();
          others.push(new cw.IdentityKey(ATTACKER));
        }
        return Reflect.get(target, name, receiver);
      },
    });
    assert.throws(() => key2.identifierHashes(proxy), isKeyClosed);
  } finally {
    for (const other of others) other.close();
  }
});

test('a byteLength/length getter that would close the key is never consulted: the right hash or verdict', () => {
  const others = [];
  try {
    const calls = [
      [(key, closer) => key.identifierHash(hookedBytes('user-42', closer)), nodeHmac(SECRET, 'user-42')],
      [(key, closer) => key.identifierHashes(['user-1', hookedBytes('user-42', closer)])[1], nodeHmac(SECRET, 'user-42')],
      [(key, closer) => key.verify(hookedBytes('user-42', closer), nodeHmac(SECRET, 'user-42')), true],
      [(key, closer) => key.verify('user-42', hookedBytes(nodeHmac(SECRET, 'user-42'), closer)), true],
      [(key, closer) => key.verify('user-42', hookedBytes(nodeHmac(ATTACKER, 'user-42'), closer)), false],
    ];
    for (const [call, expected] of calls) {
      const key = new cw.IdentityKey(SECRET);
      let consulted = 0;
      const closer = () => {
        consulted++;
        key.close();
        others.push(new cw.IdentityKey(ATTACKER));
      };
      let result;
      try {
        result = call(key, closer);
      } catch (err) {
        isKeyClosed(err); // also acceptable: never a wrong answer
        continue;
      } finally {
        key.close();
      }
      assert.equal(result, expected);
      assert.equal(consulted, 0, 'the caller-defined getter was read');
    }
  } finally {
    for (const other of others) other.close();
  }
});

test('closing the key after a batch started hashing cannot affect it; the key is usable until close()', () => {
  const key = new cw.IdentityKey(SECRET);
  const ids = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
  const hashes = key.identifierHashes(ids);
  key.close();
  assert.equal(hashes[9_999], nodeHmac(SECRET, 'user-9999'));
  assert.throws(() => key.identifierHashes(ids), isKeyClosed);
});
