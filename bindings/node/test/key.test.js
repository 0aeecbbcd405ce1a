'use strict';
// IdentityKey's lifecycle (close, FinalizationRegistry) and that nothing shows its secret.

const test = require('node:test');
const assert = require('node:assert/strict');
const util = require('node:util');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const cw = require('chatwoot-identity');

const SECRET = 'your-secret-token-for-hmac';

test('close() is idempotent and a closed key throws KeyClosedError', () => {
  const key = new cw.IdentityKey(SECRET);
  assert.equal(key.closed, false);
  key.close();
  key.close();
  assert.equal(key.closed, true);
  const uses = [
    () => key.identifierHash('id'),
    () => key.verify('id', 'a'.repeat(64)),
    () => key.identifierHashes(['id']),
    () => key.setUserScript('id', { name: 'n' }),
    () => key.setUserPayload('id', { name: 'n' }),
  ];
  for (const use of uses) {
    assert.throws(use, (err) => {
      assert.ok(err instanceof cw.KeyClosedError);
      assert.ok(err instanceof cw.ChatwootIdentityError);
      assert.equal(err.code, 'KEY_CLOSED');
      // Its own condition, not a library status (the NULL-pointer one in particular).
      assert.equal(err.status, null);
      assert.equal(err.name, 'KeyClosedError');
      assert.match(err.message, /closed/);
      return true;
    });
  }
});

test('Symbol.dispose closes the key (for `using`)', () => {
  assert.equal(typeof Symbol.dispose, 'symbol', 'Node >= 20 defines Symbol.dispose');
  const key = new cw.IdentityKey(SECRET);
  key[Symbol.dispose]();
  assert.equal(key.closed, true);
});

test('util.inspect, JSON.stringify and String never show the secret', () => {
  const secret = 'super-secret-value-42';
  const key = new cw.IdentityKey(secret);
  const shown = [
    util.inspect(key),
    util.inspect(key, { showHidden: true, depth: Infinity, customInspect: true }),
    util.format('%o %O %j %s', key, key, key, key),
    JSON.stringify(key),
    JSON.stringify({ key }),
    String(key),
    Object.keys(key).join(','),
    Object.getOwnPropertyNames(key).join(','),
  ];
  for (const text of shown) {
    assert.ok(!text.includes(secret), text);
    assert.ok(!text.includes(Buffer.from(secret).toString('hex')), text);
  }
  assert.match(util.inspect(key), /IdentityKey \{ secret: \[redacted\], closed: false \}/);
  assert.deepEqual(JSON.parse(JSON.stringify(key)), { secret: '[redacted]', closed: false });
  key.close();
});

test('error messages never contain the secret', () => {
  for (const secret of [' padded-secret-value ', 'trailing-newline-secret\n']) {
    assert.throws(() => new cw.IdentityKey(secret), (err) => !util.inspect(err).includes(secret.trim()));
    assert.throws(() => cw.identifierHash(secret, 'id'), (err) => !util.inspect(err).includes(secret.trim()));
  }
  class SecretBox { toString() { return 'boxed-secret-value'; } }
  assert.throws(() => cw.identifierHash(new SecretBox(), 'id'), (err) => !err.message.includes('boxed-secret-value'));
});

test('the FinalizationRegistry frees keys nobody closed, and never a closed one again', () => {
  // In a child process with --expose-gc: count cw_key_free calls made by the registry.
  const script = `
    const native = require(${JSON.stringify(path.join(__dirname, '..', 'lib', 'native.js'))});
    const { IdentityKey } = require('chatwoot-identity');
    const freed = [];
    const free = native.keyFree;
    native.keyFree = (pointer) => { freed.push(pointer); free(pointer); };
    (function () {
      for (let i = 0; i < 50; i++) new IdentityKey('secret-' + i).identifierHash('x');
      for (let i = 0; i < 50; i++) new IdentityKey('closed-' + i).close();
    })();
    const closedFrees = freed.length;
    (async () => {
      for (let round = 0; round < 20 && freed.length < closedFrees + 50; round++) {
        global.gc();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      process.stdout.write(JSON.stringify({ closedFrees, total: freed.length }));
    })();
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '-e', script], { cwd: path.join(__dirname, '..') }).toString());
  assert.equal(out.closedFrees, 50, 'close() frees at once');
  assert.equal(out.total, 100, 'the registry freed the 50 unclosed keys and no closed one');
});
