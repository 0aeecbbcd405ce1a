'use strict';
// 10,000 random (secret, identifier) pairs against Node's own crypto.createHmac: binary and
// UTF-8 identifiers of 0 to 300 bytes, so the package cannot agree with a bug in the core.

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const cw = require('chatwoot-identity');
const { nodeHmac, invisibleEdge, isInvisible, INVISIBLES } = require('./helpers');

const PAIRS = 10_000;
const WHITESPACE = new Set([0x20, 0x09, 0x0d, 0x0a]);

// Deterministic, so a failure can be replayed: seed printed in the assertion message.
function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A secret the library accepts: 1-200 random bytes, not starting or ending with whitespace. */
function randomSecret(random) {
  const bytes = crypto.randomBytes(1 + Math.floor(random() * 200));
  for (const i of [0, bytes.length - 1]) if (WHITESPACE.has(bytes[i])) bytes[i] = 0x41;
  return bytes;
}

const CODE_POINT_RANGES = [
  [0x20, 0x7e], // ASCII
  [0xa0, 0x7ff], // 2-byte UTF-8 (accents)
  [0x4e00, 0x9fff], // 3-byte UTF-8 (CJK)
  [0x1f300, 0x1faff], // 4-byte UTF-8 (emoji, surrogate pairs in JS)
];

/** A random UTF-8 string of at most maxBytes bytes (possibly empty). */
function randomText(random, maxBytes) {
  let text = '';
  let bytes = 0;
  const target = Math.floor(random() * (maxBytes + 1));
  for (;;) {
    const [lo, hi] = CODE_POINT_RANGES[Math.floor(random() * CODE_POINT_RANGES.length)];
    const char = String.fromCodePoint(lo + Math.floor(random() * (hi - lo + 1)));
    const size = Buffer.byteLength(char);
    if (bytes + size > target) return text;
    text += char;
    bytes += size;
  }
}

test(`${PAIRS} random pairs agree with crypto.createHmac (one-shot, keyed, verify)`, () => {
  const seed = crypto.randomInt(2 ** 31);
  const random = rng(seed);
  let empty = 0;
  let refused = 0;
  for (let i = 0; i < PAIRS; i++) {
    const secret = random() < 0.5 ? randomSecret(random) : randomSecret(random).toString('base64url');
    const identifier = i % 2 === 0
      ? crypto.randomBytes(Math.floor(random() * 301)) // binary, 0-300 bytes
      : randomText(random, 300); // UTF-8 text, 0-300 bytes
    const size = typeof identifier === 'string' ? Buffer.byteLength(identifier) : identifier.length;
    const where = `seed ${seed}, pair ${i}`;
    if (invisibleEdge(secret)) {
      // Random bytes that happen to be UTF-8 for an invisible character at an end: refused.
      refused++;
      assert.throws(() => cw.identifierHash(secret, identifier), cw.SecretInvisibleError, where);
      assert.throws(() => new cw.IdentityKey(secret), cw.SecretInvisibleError, where);
      assert.equal(cw.verify(secret, identifier, nodeHmac(secret, identifier)), false, where);
      continue;
    }
    if (size === 0) {
      empty++;
      assert.throws(() => cw.identifierHash(secret, identifier), cw.EmptyIdentifierError, where);
      continue;
    }
    const expected = nodeHmac(secret, identifier);
    assert.equal(cw.identifierHash(secret, identifier), expected, where);
    const key = new cw.IdentityKey(secret);
    assert.equal(key.identifierHash(identifier), expected, where);
    assert.equal(key.verify(identifier, expected), true, where);
    assert.equal(cw.verify(secret, identifier, expected), true, where);
    // One changed hex digit must fail.
    const flipped = expected.slice(0, 63) + (expected[63] === '0' ? '1' : '0');
    assert.equal(key.verify(identifier, flipped), false, where);
    key.close();
  }
  assert.ok(empty < PAIRS / 50, 'the generator should rarely produce empty identifiers');
  assert.ok(refused < PAIRS / 100, 'the generator should rarely produce invisible edges');
});

test('random secrets with an invisible character at an end throw SecretInvisibleError; inside, it is hashed', () => {
  const seed = crypto.randomInt(2 ** 31);
  const random = rng(seed);
  for (let i = 0; i < 500; i++) {
    const mark = Buffer.from(INVISIBLES[Math.floor(random() * INVISIBLES.length)]);
    const core = randomSecret(random);
    const where = `seed ${seed}, secret ${i}`;
    const bad = [Buffer.concat([mark, core]), Buffer.concat([core, mark]), Buffer.concat([mark, core, mark])][i % 3];
    assert.ok(invisibleEdge(bad), where);
    const asText = bad.toString();
    // As bytes, and as a string when the bytes are UTF-8 text.
    for (const secret of Buffer.from(asText).equals(bad) ? [bad, asText] : [bad]) {
      assert.throws(() => cw.identifierHash(secret, 'user'), (err) => err instanceof cw.SecretInvisibleError && err.status === -14 && err.code === 'SECRET_INVISIBLE', where);
      assert.throws(() => new cw.IdentityKey(secret), cw.SecretInvisibleError, where);
      assert.equal(cw.verify(secret, 'user', nodeHmac(secret, 'user')), false, where);
    }
    const inside = Buffer.concat([Buffer.from('k'), mark, Buffer.from('k')]);
    assert.equal(cw.identifierHash(inside, 'user'), nodeHmac(inside, 'user'), where);
  }
});

test('random safe integers and bigints hash as their decimal string', () => {
  const key = new cw.IdentityKey('your-secret-token-for-hmac');
  for (let i = 0; i < 1000; i++) {
    const n = Math.floor((Math.random() * 2 - 1) * Number.MAX_SAFE_INTEGER);
    const expected = nodeHmac('your-secret-token-for-hmac', String(n));
    assert.equal(key.identifierHash(n), expected, `number ${n}`);
    assert.equal(key.identifierHash(BigInt(n)), expected, `bigint ${n}`);
  }
  const huge = 2n ** 100n + 7n;
  assert.equal(key.identifierHash(huge), nodeHmac('your-secret-token-for-hmac', huge.toString()));
  assert.equal(key.identifierHash(-0), nodeHmac('your-secret-token-for-hmac', '0'));
  key.close();
});

test('long identifiers and secrets (beyond the scratch buffers) agree too', () => {
  const secret = 'k'.repeat(5000);
  for (const identifier of ['x'.repeat(1024), 'é'.repeat(2000), '😀'.repeat(3000), Buffer.alloc(100_000, 7)]) {
    const expected = nodeHmac(secret, identifier);
    assert.equal(cw.identifierHash(secret, identifier), expected);
    const key = new cw.IdentityKey(secret);
    assert.equal(key.identifierHash(identifier), expected);
    assert.equal(key.verify(identifier, expected), true);
    key.close();
  }
});

test('every code point at the end of a secret is refused exactly when Node\'s Unicode tables call it invisible', () => {
  const disagree = [];
  for (let code = 0x80; code <= 0x10ffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const char = String.fromCodePoint(code);
    let refused = false;
    try {
      cw.identifierHash(`k${char}`, 'u');
    } catch (err) {
      assert.ok(err instanceof cw.SecretInvisibleError, err.name);
      refused = true;
    }
    if (refused !== isInvisible(char)) disagree.push(`U+${code.toString(16).toUpperCase()}`);
  }
  assert.deepEqual(disagree, []);
});
