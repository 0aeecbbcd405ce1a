'use strict';
// No secret in any error: every error each secret-taking function can raise, with a
// recognisable secret, searched in its message, stack, inspect output (hidden properties and
// all), JSON and String form, and in the whole uncaught trace of a child process.

const test = require('node:test');
const assert = require('node:assert/strict');
const util = require('node:util');
const { spawnSync } = require('node:child_process');
const cw = require('chatwoot-identity');
const { PACKAGE_DIR } = require('./helpers');

const MARK = 'S3CRETMARK';
/** Every error path of every function that receives a secret, each with the secret in hand. */
const CASES = casesSource(cw);

function everyForm(err) {
  return [
    String(err),
    err.message,
    err.stack,
    util.inspect(err),
    util.inspect(err, { showHidden: true, depth: Infinity, getters: true }),
    JSON.stringify(err),
    JSON.stringify(Object.getOwnPropertyDescriptors(err), (_k, v) => (typeof v === 'bigint' ? String(v) : v)),
  ].join('\n');
}

test('no error of a secret-taking function shows the secret in any form', () => {
  for (const [name, call] of Object.entries(CASES)) {
    let caught;
    try {
      call();
    } catch (err) {
      caught = err;
    }
    assert.ok(caught, `${name}: expected an error`);
    assert.ok(!everyForm(caught).includes(MARK), `${name}: the secret is in\n${everyForm(caught)}`);
  }
});

test('an uncaught error prints no secret in the whole trace', () => {
  for (const name of Object.keys(CASES)) {
    const code = `
      const cw = require('chatwoot-identity');
      const cases = (${String(casesSource)})(cw);
      cases[${JSON.stringify(name)}]();`;
    const run = spawnSync(process.execPath, ['--stack-trace-limit=100', '-e', code], { cwd: PACKAGE_DIR, encoding: 'utf8' });
    assert.notEqual(run.status, 0, `${name}: expected an uncaught error`);
    assert.ok(!(run.stdout + run.stderr).includes(MARK), `${name}: the secret is in\n${run.stderr}`);
  }
});

// The cases; a function on its own so the child process can run the same source.
function casesSource(cw) {
  const MARK = 'S3CRETMARK';
  const SECRET = `${MARK}-inbox-token`;
  const OTHER = `${MARK}-other-token`;
  const HASH = 'a'.repeat(64);
  return {
    'identifierHash: padded secret': () => cw.identifierHash(` ${SECRET} `, 'id'),
    'identifierHash: empty identifier': () => cw.identifierHash(SECRET, ''),
    'identifierHash: bad identifier type': () => cw.identifierHash(SECRET, {}),
    'identifierHash: unsafe integer': () => cw.identifierHash(SECRET, 2 ** 60),
    'identifierHash: secret with a lone surrogate': () => cw.identifierHash(`${SECRET}\uD800`, 'id'),
    'identifierHash: secret of a wrong type': () => cw.identifierHash([SECRET], 'id'),
    'verify: identifier of a wrong type': () => cw.verify(SECRET, {}, HASH),
    'explain: empty identifier': () => cw.explain(SECRET, '', HASH),
    'explain: hash of a wrong type': () => cw.explain(SECRET, 'id', 42),
    'explain: bad other secret': () => cw.explain(SECRET, 'id', HASH, { otherSecrets: [OTHER, 5] }),
    'explain: malformed other secret': () => cw.explain(SECRET, 'id', HASH, { otherSecrets: [OTHER, `${OTHER}\uDC00`] }),
    'explain: bad other identifier': () => cw.explain(SECRET, 'id', HASH, { otherSecrets: [OTHER], otherIdentifiers: [null] }),
    'explain: candidates not a list': () => cw.explain(SECRET, 'id', HASH, { otherSecrets: OTHER }),
    'IdentityKey: padded secret': () => new cw.IdentityKey(`${SECRET}\n`),
    'IdentityKey: empty bytes': () => new cw.IdentityKey(Buffer.alloc(0)),
    'IdentityKey: secret of a wrong type': () => new cw.IdentityKey({ secret: SECRET }),
    'IdentityKey#identifierHash: empty identifier': () => new cw.IdentityKey(SECRET).identifierHash(''),
    'IdentityKey#identifierHashes: bad entry': () => new cw.IdentityKey(SECRET).identifierHashes(['a', '']),
    'IdentityKey#setUserScript: unknown field': () => new cw.IdentityKey(SECRET).setUserScript('id', { name: 'n', x: 1 }),
    'IdentityKey#setUserScript: bad nonce': () => new cw.IdentityKey(SECRET).setUserScript('id', { name: 'n' }, { nonce: '"><' }),
    'IdentityKey#setUserPayload: no contact field': () => new cw.IdentityKey(SECRET).setUserPayload('id', {}),
    'IdentityKey: closed': () => {
      const key = new cw.IdentityKey(SECRET);
      key.close();
      key.identifierHash('id');
    },
  };
}
