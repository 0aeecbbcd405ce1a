'use strict';
// Typed errors, input types, and verify failing closed.

const test = require('node:test');
const assert = require('node:assert/strict');
const cw = require('chatwoot-identity');
const { vectors } = require('./helpers');

const SECRET = 'your-secret-token-for-hmac';
const SAMPLE = 'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c';

test('error classes form one hierarchy under ChatwootIdentityError', () => {
  for (const Class of [cw.EmptySecretError, cw.SecretWhitespaceError, cw.SecretInvisibleError, cw.EmptyIdentifierError, cw.InvalidIdentifierError, cw.InvalidJsonError, cw.UnknownFieldError, cw.InvalidFieldValueError, cw.MissingContactFieldError, cw.InvalidNonceError, cw.KeyClosedError]) {
    assert.ok(Class.prototype instanceof cw.ChatwootIdentityError, Class.name);
  }
  assert.ok(cw.ChatwootIdentityError.prototype instanceof Error);
});

test('each error carries its code, status, name and the library message', () => {
  const cases = [
    [() => cw.identifierHash('', 'id'), cw.EmptySecretError, 'EMPTY_SECRET', -2, /secret is empty/],
    [() => cw.identifierHash(`${SECRET}\n`, 'id'), cw.SecretWhitespaceError, 'SECRET_WHITESPACE', -3, /whitespace/],
    [() => cw.identifierHash(SECRET, ''), cw.EmptyIdentifierError, 'EMPTY_IDENTIFIER', -4, /identifier is empty/],
    [() => new cw.IdentityKey(' x'), cw.SecretWhitespaceError, 'SECRET_WHITESPACE', -3, /whitespace/],
    [() => cw.identifierHash(`\ufeff${SECRET}`, 'id'), cw.SecretInvisibleError, 'SECRET_INVISIBLE', -14, /invisible/],
    [() => new cw.IdentityKey(`${SECRET}\u00a0`), cw.SecretInvisibleError, 'SECRET_INVISIBLE', -14, /invisible/],
    [() => new cw.IdentityKey(new Uint8Array(0)), cw.EmptySecretError, 'EMPTY_SECRET', -2, /secret is empty/],
  ];
  for (const [call, Class, code, status, message] of cases) {
    assert.throws(call, (err) => {
      assert.ok(err instanceof Class);
      assert.equal(err.name, Class.name);
      assert.equal(err.code, code);
      assert.equal(err.status, status);
      assert.equal(err.status, cw.STATUS[code]);
      assert.match(err.message, message);
      assert.equal(err.index, undefined);
      return true;
    });
  }
});

test('the secret is checked before the identifier', () => {
  assert.throws(() => cw.identifierHash('', ''), cw.EmptySecretError);
});

test('identifiers of unsupported types are TypeErrors saying what to pass', () => {
  const key = new cw.IdentityKey(SECRET);
  for (const bad of [NaN, Infinity, -Infinity, 1.5, 2 ** 53, -(2 ** 53), 1e21]) {
    const expected = { name: 'TypeError', message: /^identifier must be a safe integer .*pass a string or a bigint/ };
    assert.throws(() => cw.identifierHash(SECRET, bad), expected, String(bad));
    assert.throws(() => key.identifierHash(bad), expected, String(bad));
    assert.throws(() => key.verify(bad, SAMPLE), expected, String(bad));
  }
  for (const bad of [null, undefined, {}, [], true, Symbol('x'), () => 1, new ArrayBuffer(4)]) {
    const expected = { name: 'TypeError', message: /^identifier must be a string, a Buffer\/Uint8Array, a safe integer or a bigint/ };
    assert.throws(() => cw.identifierHash(SECRET, bad), expected);
    assert.throws(() => key.identifierHash(bad), expected);
  }
  // The largest safe integers are fine.
  assert.equal(key.identifierHash(Number.MAX_SAFE_INTEGER), key.identifierHash(String(Number.MAX_SAFE_INTEGER)));
  assert.equal(key.identifierHash(-Number.MAX_SAFE_INTEGER), key.identifierHash(String(-Number.MAX_SAFE_INTEGER)));
  key.close();
});

test('secrets of unsupported types are TypeErrors', () => {
  for (const bad of [123, 12n, null, undefined, {}, ['s']]) {
    const expected = { name: 'TypeError', message: /^secret must be a string or a Buffer\/Uint8Array/ };
    assert.throws(() => cw.identifierHash(bad, 'id'), expected);
    assert.throws(() => new cw.IdentityKey(bad), expected);
    assert.throws(() => cw.verify(bad, 'id', SAMPLE), expected);
  }
});

test('bytes and typed views hash the exact bytes', () => {
  const bytes = Buffer.from('unique-identifier-of-the-user');
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  assert.equal(cw.identifierHash(Buffer.from(SECRET), view), SAMPLE);
  // A view into the middle of a larger buffer hashes only its own bytes.
  const padded = Buffer.from(`XX${SECRET}YY`);
  assert.equal(cw.identifierHash(padded.subarray(2, 2 + SECRET.length), bytes.subarray(0)), SAMPLE);
});

test('verify fails closed and never throws for a bad hash', () => {
  const key = new cw.IdentityKey(SECRET);
  const id = 'unique-identifier-of-the-user';
  for (const bad of [undefined, null, 42, {}, '', SAMPLE.toUpperCase(), ` ${SAMPLE}`, `${SAMPLE}\n`, SAMPLE.slice(0, 63), `${SAMPLE}0`, 'é'.repeat(64), 'z'.repeat(10_000)]) {
    assert.equal(cw.verify(SECRET, id, bad), false, String(bad).slice(0, 20));
    assert.equal(key.verify(id, bad), false, String(bad).slice(0, 20));
  }
  assert.equal(cw.verify('', id, SAMPLE), false);
  assert.equal(cw.verify(`${SECRET} `, id, SAMPLE), false);
  assert.equal(cw.verify(SECRET, '', SAMPLE), false);
  assert.equal(key.verify('', SAMPLE), false);
  assert.equal(cw.verify(SECRET, id, SAMPLE), true);
  assert.equal(key.verify(id, SAMPLE), true);
  assert.equal(key.verify(Buffer.from(id), Buffer.from(SAMPLE)), true);
  key.close();
});

test('STATUS and VERDICT_CODES come from the generated table, and index.d.ts names the same entries', () => {
  const abi = require('../lib/abi');
  const fs = require('node:fs');
  const path = require('node:path');
  assert.deepEqual(Object.entries(cw.STATUS), Object.entries(abi.STATUSES).map(([n, v]) => [n.toUpperCase(), v]));
  assert.equal(cw.VERDICT_CODES, abi.VERDICTS);
  for (const [name, value] of Object.entries(vectors.statuses)) assert.equal(cw.STATUS[name], value);
  const dts = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8');
  const union = (type) => [...dts.match(new RegExp(`export type ${type} =([^;]*);`))[1].matchAll(/'([a-zA-Z0-9_]+)'/g)].map((m) => m[1]);
  assert.deepEqual(union('StatusName'), Object.keys(cw.STATUS));
  assert.deepEqual(union('VerdictCodeName'), Object.keys(abi.VERDICTS));
});

test('each library status has its typed error with the library message', () => {
  const native = require('../lib/native');
  const { errorForStatus } = require('../lib/errors');
  const classes = {
    EMPTY_SECRET: cw.EmptySecretError,
    SECRET_WHITESPACE: cw.SecretWhitespaceError,
    EMPTY_IDENTIFIER: cw.EmptyIdentifierError,
    INVALID_IDENTIFIER: cw.InvalidIdentifierError,
    INVALID_JSON: cw.InvalidJsonError,
    UNKNOWN_FIELD: cw.UnknownFieldError,
    INVALID_FIELD_VALUE: cw.InvalidFieldValueError,
    MISSING_CONTACT_FIELD: cw.MissingContactFieldError,
    INVALID_NONCE: cw.InvalidNonceError,
    SECRET_INVISIBLE: cw.SecretInvisibleError,
  };
  for (const [code, status] of Object.entries(cw.STATUS)) {
    if (status === 0) continue;
    const err = errorForStatus(status);
    // A status newer than this list gets its generated class, named after it.
    const generated = cw[`${code.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _u, c) => c.toUpperCase())}Error`];
    const Class = classes[code] || generated || cw.ChatwootIdentityError;
    assert.equal(Object.getPrototypeOf(err), Class.prototype, code);
    assert.equal(err.code, code);
    assert.equal(err.status, status);
    assert.equal(err.message, native.statusMessage(status));
  }
  assert.equal(errorForStatus(-99).code, 'UNKNOWN_STATUS');
});
