'use strict';
// Strings that are not well-formed Unicode (lone surrogates): UTF-8 has no encoding for them, and
// replacing them with U+FFFD would make different strings share one hash. Every entry point
// refuses them with a TypeError; verify returns false; bytes are still taken as bytes.

const test = require('node:test');
const assert = require('node:assert/strict');
const cw = require('chatwoot-identity');
const { nodeHmac } = require('./helpers');

const SECRET = 'your-secret-token-for-hmac';
const ID = 'unique-identifier-of-the-user';
const SAMPLE = 'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c';
const MALFORMED = ['a\ud800', 'a\udfff', '\udc00b', 'x\ud800\ud800y', '\udc00\ud800', '\ud83d', 'ok-\ud83d-then-\ude00'];
const notUnicode = (label) => ({ name: 'TypeError', message: new RegExp(`^${label} is not well-formed Unicode`) });

test('a lone surrogate in a secret or identifier is a TypeError in every hashing entry point', () => {
  const key = new cw.IdentityKey(SECRET);
  try {
    for (const bad of MALFORMED) {
      assert.throws(() => cw.identifierHash(SECRET, bad), notUnicode('identifier'));
      assert.throws(() => cw.identifierHash(bad, ID), notUnicode('secret'));
      assert.throws(() => new cw.IdentityKey(bad), notUnicode('secret'));
      assert.throws(() => key.identifierHash(bad), notUnicode('identifier'));
      assert.throws(() => key.identifierHashes([ID, 'b', bad]), notUnicode('identifiers\\[2\\]'));
      assert.throws(() => key.identifierHashes(new Set([bad])), notUnicode('identifiers\\[0\\]'));
      assert.throws(() => cw.explain(SECRET, bad, SAMPLE), notUnicode('identifier'));
      assert.throws(() => cw.explain(bad, ID, SAMPLE), notUnicode('secret'));
      assert.throws(() => cw.explain(SECRET, ID, bad), notUnicode('identifierHash'));
    }
  } finally {
    key.close();
  }
});

test('verify is false for a lone surrogate anywhere, so two such strings never share a hash', () => {
  const key = new cw.IdentityKey(SECRET);
  try {
    // Before: 'a\ud800' and 'a\udfff' were both hashed as 'a\ufffd' and verified each other's hash.
    const replaced = nodeHmac(SECRET, 'a\ufffd');
    for (const bad of MALFORMED) {
      assert.equal(cw.verify(SECRET, bad, replaced), false);
      assert.equal(key.verify(bad, replaced), false);
      assert.equal(cw.verify(bad, ID, SAMPLE), false);
      assert.equal(cw.verify(SECRET, ID, `${SAMPLE.slice(0, 63)}\ud800`), false);
      assert.equal(key.verify(ID, `\udfff${SAMPLE.slice(1)}`), false);
    }
    assert.equal(cw.verify(SECRET, 'a\ufffd', replaced), true, 'U+FFFD itself is a valid character');
  } finally {
    key.close();
  }
});

test('well-formed surrogate pairs hash as UTF-8; the same bytes as a Buffer are taken as bytes', () => {
  const key = new cw.IdentityKey(SECRET);
  try {
    for (const id of ['\ud83d\ude00', 'user-\u{1F600}-\u{10FFFF}', '\ufffd']) {
      assert.equal(cw.identifierHash(SECRET, id), nodeHmac(SECRET, id));
      assert.equal(key.identifierHashes([id])[0], nodeHmac(SECRET, id));
    }
    // The WTF-8 bytes of a lone surrogate (not UTF-8) and other invalid UTF-8: hashed as given.
    for (const bytes of [Buffer.from([0x61, 0xed, 0xa0, 0x80]), Buffer.from([0xff, 0xfe]), Buffer.from([0xc0, 0x80])]) {
      assert.equal(cw.identifierHash(SECRET, bytes), nodeHmac(SECRET, bytes));
      assert.equal(key.identifierHash(bytes), nodeHmac(SECRET, bytes));
      assert.equal(key.identifierHashes([bytes])[0], nodeHmac(SECRET, bytes));
      assert.equal(cw.verify(SECRET, bytes, nodeHmac(SECRET, bytes)), true);
    }
  } finally {
    key.close();
  }
});
