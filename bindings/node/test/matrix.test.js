'use strict';
// The bad-input matrix (docs/bad-input-matrix.md): one test per row proving what a Node.js
// caller gets. scripts/check-matrix finds each row by the "matrix" comment above its test.

const test = require('node:test');
const assert = require('node:assert/strict');
const cw = require('chatwoot-identity');
const { nodeHmac, INVISIBLES } = require('./helpers');

const SECRET = 'your-secret-token-for-hmac';
const ID = 'unique-identifier-of-the-user';
const SAMPLE = 'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c';
const HEX64 = /^[0-9a-f]{64}$/;

/** verify() through both entry points, with a fresh key. */
function verifyBoth(identifier, hash) {
  const key = new cw.IdentityKey(SECRET);
  try {
    return [cw.verify(SECRET, identifier, hash), key.verify(identifier, hash)];
  } finally {
    key.close();
  }
}

/** The typed error of a call, checked by class, code and status. */
function throwsTyped(call, Class, code) {
  assert.throws(call, (err) => {
    assert.ok(err instanceof Class, `${err.name} is not a ${Class.name}`);
    assert.equal(err.code, code);
    assert.equal(err.status, cw.STATUS[code]);
    return true;
  });
}

// matrix: null-with-length
test('null or undefined as secret or identifier is a TypeError; as the hash, verify is false', () => {
  const key = new cw.IdentityKey(SECRET);
  for (const missing of [null, undefined]) {
    const secretError = { name: 'TypeError', message: /^secret must be a string or a Buffer\/Uint8Array/ };
    assert.throws(() => cw.identifierHash(missing, ID), secretError);
    assert.throws(() => new cw.IdentityKey(missing), secretError);
    assert.throws(() => cw.verify(missing, ID, SAMPLE), secretError);
    assert.throws(() => cw.explain(missing, ID, SAMPLE), secretError);
    const idError = { name: 'TypeError', message: /^identifier must be a string/ };
    assert.throws(() => cw.identifierHash(SECRET, missing), idError);
    assert.throws(() => key.identifierHash(missing), idError);
    assert.throws(() => cw.verify(SECRET, missing, SAMPLE), idError);
    assert.throws(() => key.identifierHashes([ID, missing]), { name: 'TypeError', message: /^identifiers\[1\] must be/ });
    assert.deepEqual(verifyBoth(ID, missing), [false, false]);
    assert.throws(() => cw.explain(SECRET, ID, missing), { name: 'TypeError', message: /^identifierHash must be/ });
  }
  key.close();
});

// matrix: null-zero-length
test('an empty string or empty bytes: EmptySecretError / EmptyIdentifierError; as the hash, verify is false', () => {
  for (const empty of ['', Buffer.alloc(0), new Uint8Array(0)]) {
    throwsTyped(() => cw.identifierHash(empty, ID), cw.EmptySecretError, 'EMPTY_SECRET');
    throwsTyped(() => new cw.IdentityKey(empty), cw.EmptySecretError, 'EMPTY_SECRET');
    throwsTyped(() => cw.identifierHash(SECRET, empty), cw.EmptyIdentifierError, 'EMPTY_IDENTIFIER');
    assert.deepEqual(verifyBoth(ID, empty), [false, false]);
    assert.equal(cw.explain(SECRET, ID, empty).verdict, 'blank_hash');
    throwsTyped(() => cw.explain(empty, ID, SAMPLE), cw.EmptySecretError, 'EMPTY_SECRET');
    throwsTyped(() => cw.explain(SECRET, empty, SAMPLE), cw.EmptyIdentifierError, 'EMPTY_IDENTIFIER');
  }
});

// matrix: empty-secret
test('an empty secret throws EmptySecretError (explain too); verify is false', () => {
  throwsTyped(() => cw.identifierHash('', ID), cw.EmptySecretError, 'EMPTY_SECRET');
  throwsTyped(() => new cw.IdentityKey(''), cw.EmptySecretError, 'EMPTY_SECRET');
  assert.equal(cw.verify('', ID, SAMPLE), false);
  throwsTyped(() => cw.explain('', ID, SAMPLE), cw.EmptySecretError, 'EMPTY_SECRET');
});

// matrix: secret-whitespace
test('whitespace around the secret throws SecretWhitespaceError; verify is false', () => {
  for (const secret of [`${SECRET}\n`, `${SECRET}\r\n`, ` ${SECRET}`, `\t${SECRET}`]) {
    throwsTyped(() => cw.identifierHash(secret, ID), cw.SecretWhitespaceError, 'SECRET_WHITESPACE');
    throwsTyped(() => new cw.IdentityKey(Buffer.from(secret)), cw.SecretWhitespaceError, 'SECRET_WHITESPACE');
    assert.equal(cw.verify(secret, ID, SAMPLE), false);
    assert.equal(cw.explain(secret, ID, SAMPLE).verdict, 'secret_whitespace');
  }
});

// matrix: secret-invisible
test('an invisible character at an end of the secret throws SecretInvisibleError; verify is false', () => {
  for (const mark of INVISIBLES) {
    for (const secret of [mark + SECRET, SECRET + mark, mark + SECRET + mark]) {
      for (const value of [secret, Buffer.from(secret), new Uint8Array(Buffer.from(secret))]) {
        throwsTyped(() => cw.identifierHash(value, ID), cw.SecretInvisibleError, 'SECRET_INVISIBLE');
        throwsTyped(() => new cw.IdentityKey(value), cw.SecretInvisibleError, 'SECRET_INVISIBLE');
      }
      assert.equal(cw.verify(secret, ID, nodeHmac(secret, ID)), false);
      assert.equal(cw.explain(secret, ID, SAMPLE).verdict, 'secret_whitespace');
    }
    // Inside a secret it is key material, hashed like any other byte.
    const inside = SECRET.slice(0, 4) + mark + SECRET.slice(4);
    assert.equal(cw.identifierHash(inside, ID), nodeHmac(inside, ID));
  }
  // Bytes at an edge that are not UTF-8 (half a byte-order mark) are raw key bytes.
  const raw = Buffer.concat([Buffer.from([0xbb, 0xbf]), Buffer.from(SECRET), Buffer.from([0xef, 0xbb])]);
  assert.equal(cw.identifierHash(raw, ID), nodeHmac(raw, ID));
  // A hash made with a secret read with a byte-order mark is explained as such.
  assert.equal(cw.explain(SECRET, ID, nodeHmac(`\ufeff${SECRET}`, ID)).verdict, 'padded_secret');
});

// matrix: empty-identifier
test('an empty identifier throws EmptyIdentifierError; verify is false', () => {
  const key = new cw.IdentityKey(SECRET);
  throwsTyped(() => cw.identifierHash(SECRET, ''), cw.EmptyIdentifierError, 'EMPTY_IDENTIFIER');
  throwsTyped(() => key.identifierHash(''), cw.EmptyIdentifierError, 'EMPTY_IDENTIFIER');
  assert.deepEqual(verifyBoth('', SAMPLE), [false, false]);
  throwsTyped(() => cw.explain(SECRET, '', SAMPLE), cw.EmptyIdentifierError, 'EMPTY_IDENTIFIER');
  key.close();
});

// matrix: identifier-1mib
test('a 1 MiB identifier hashes like crypto.createHmac (string and Buffer, one-shot, key, batch)', () => {
  const bytes = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = 0x61 + (i % 26);
  const text = bytes.toString('latin1');
  const expected = nodeHmac(SECRET, bytes);
  const key = new cw.IdentityKey(SECRET);
  for (const identifier of [bytes, text]) {
    assert.equal(cw.identifierHash(SECRET, identifier), expected);
    assert.equal(key.identifierHash(identifier), expected);
    assert.deepEqual(key.identifierHashes([identifier, 'x']), [expected, nodeHmac(SECRET, 'x')]);
    assert.equal(cw.verify(SECRET, identifier, expected), true);
  }
  key.close();
});

// matrix: non-utf8
test('non-UTF-8 bytes are hashed as the exact bytes, like crypto.createHmac', () => {
  const key = new cw.IdentityKey(SECRET);
  for (const identifier of [Buffer.from([0xff, 0xfe, 0x00, 0x80]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80])]) {
    const expected = nodeHmac(SECRET, identifier);
    assert.equal(cw.identifierHash(SECRET, identifier), expected);
    assert.equal(key.identifierHash(identifier), expected);
    assert.deepEqual(key.identifierHashes([identifier]), [expected]);
    assert.equal(cw.verify(SECRET, identifier, expected), true);
    // Not the same as the U+FFFD-replaced text: bytes are never decoded.
    assert.notEqual(expected, nodeHmac(SECRET, identifier.toString('utf8')));
  }
  key.close();
});

// matrix: hash-wrong-length
test('a hash of the wrong length: verify is false', () => {
  for (const hash of [SAMPLE.slice(0, 63), `${SAMPLE}0`, SAMPLE.slice(0, 40), `${SAMPLE}${SAMPLE}`, 'a'.repeat(10_000)]) {
    assert.deepEqual(verifyBoth(ID, hash), [false, false]);
  }
  assert.equal(cw.explain(SECRET, ID, SAMPLE.slice(0, 63)).verdict, 'wrong_length');
});

// matrix: uppercase-hash
test('an uppercase hash: verify is false', () => {
  assert.deepEqual(verifyBoth(ID, SAMPLE.toUpperCase()), [false, false]);
  assert.deepEqual(verifyBoth(ID, Buffer.from(SAMPLE.toUpperCase())), [false, false]);
  assert.equal(cw.explain(SECRET, ID, SAMPLE.toUpperCase()).verdict, 'uppercase_hex');
});

// matrix: non-hex-hash
test('a non-hex hash: verify is false', () => {
  for (const hash of ['z'.repeat(64), `${SAMPLE.slice(0, 63)}g`, 'é'.repeat(32), Buffer.alloc(64, 0)]) {
    assert.deepEqual(verifyBoth(ID, hash), [false, false]);
  }
  assert.equal(cw.explain(SECRET, ID, 'z'.repeat(64)).verdict, 'not_hex');
});

// matrix: hash-whitespace
test('a hash with surrounding whitespace: verify is false', () => {
  for (const hash of [`${SAMPLE}\n`, ` ${SAMPLE}`, `${SAMPLE}\r\n`, `\t${SAMPLE} `]) {
    assert.deepEqual(verifyBoth(ID, hash), [false, false]);
    assert.equal(cw.explain(SECRET, ID, hash).verdict, 'hash_whitespace');
  }
});

// matrix: batch-bad-offsets
test('batch: offsets are built by the package; an empty element is EmptyIdentifierError with .index, a bad type a TypeError naming it', () => {
  const key = new cw.IdentityKey(SECRET);
  assert.throws(() => key.identifierHashes(['a', 'b', '']), (err) => {
    assert.ok(err instanceof cw.EmptyIdentifierError);
    assert.equal(err.code, 'EMPTY_IDENTIFIER');
    assert.equal(err.index, 2);
    assert.match(err.message, /^identifiers\[2\]: /);
    return true;
  });
  assert.throws(() => key.identifierHashes(['a', {}, 'c']), { name: 'TypeError', message: /^identifiers\[1\] must be/ });
  assert.throws(() => key.identifierHashes(['a', 0.5]), { name: 'TypeError', message: /^identifiers\[1\] must be a safe integer/ });
  key.close();
});

// matrix: buffer-too-small
test('output buffers are sized by the package: every hash is exactly 64 lowercase hex characters', () => {
  const key = new cw.IdentityKey(SECRET);
  const identifiers = ['a', 'é', Buffer.from([0xff]), 7, 7n, 'x'.repeat(5000)];
  const hashes = [
    ...identifiers.map((id) => cw.identifierHash(SECRET, id)),
    ...identifiers.map((id) => key.identifierHash(id)),
    ...key.identifierHashes(identifiers),
  ];
  for (const hash of hashes) assert.match(hash, HEX64);
  assert.equal(cw.IDENTIFIER_HASH_LENGTH, 64);
  key.close();
});

// matrix: key-double-free
test('close() twice is a no-op; using a closed key throws KeyClosedError', () => {
  const key = new cw.IdentityKey(SECRET);
  key.close();
  key.close();
  assert.equal(key.closed, true);
  for (const use of [() => key.identifierHash(ID), () => key.verify(ID, SAMPLE), () => key.identifierHashes([ID])]) {
    assert.throws(use, (err) => err instanceof cw.KeyClosedError && err.code === 'KEY_CLOSED');
  }
});
