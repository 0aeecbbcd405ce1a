'use strict';
// The README's copy-paste example must run and print what it claims.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { PACKAGE_DIR, nodeHmac } = require('./helpers');

test('the README example runs and prints the documented Node.js hash', () => {
  const readme = fs.readFileSync(path.join(PACKAGE_DIR, 'README.md'), 'utf8');
  const example = /## Example\n\n```js\n([\s\S]*?)```/.exec(readme);
  assert.ok(example, 'README.md has an ## Example js block');
  const run = spawnSync(process.execPath, ['-e', example[1]], { cwd: PACKAGE_DIR, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.equal(lines[0], nodeHmac('your-secret-token-for-hmac', 'unique-identifier-key-of-the-user'));
  assert.equal(lines[1], 'true');
  assert.equal(lines[2], nodeHmac('your-secret-token-for-hmac', '42'));
  assert.ok(run.stdout.includes(nodeHmac('your-secret-token-for-hmac', 'bob@example.com')));
});

test('the README explain example runs and prints the uppercase_hex verdict', () => {
  const readme = fs.readFileSync(path.join(PACKAGE_DIR, 'README.md'), 'utf8');
  const example = /## Explaining a mismatch\n[\s\S]*?```js\n([\s\S]*?)```/.exec(readme);
  assert.ok(example, 'README.md has an explain js block');
  const run = spawnSync(process.execPath, ['-e', example[1]], { cwd: PACKAGE_DIR, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.equal(lines[0], 'uppercase_hex 1 false');
  assert.equal(lines[1], 'true');
  assert.match(lines[2], /uppercase|lowercase/i);
  assert.equal(lines[3], "other_candidate { kind: 'secret', index: 1 }");
});

test('the README "Putting the hash in the page" snippet runs with a user and a response', () => {
  const readme = fs.readFileSync(path.join(PACKAGE_DIR, 'README.md'), 'utf8');
  const example = /## Putting the hash in the page\n[\s\S]*?```js\n([\s\S]*?)```/.exec(readme);
  assert.ok(example, 'README.md has a page-snippet js block');
  // What an app around the snippet provides: its user, a response, a CSP nonce.
  const prelude = `
    process.env.CHATWOOT_HMAC_TOKEN = 'your-secret-token-for-hmac';
    const user = { id: 9007199254740993n, name: "O'Brien </script>", email: 'ob@example.com' };
    let body = '';
    const res = { locals: { cspNonce: 'bm9uY2U' }, setHeader() {}, end(text) { body = text; } };
  `;
  const after = `
    console.log(JSON.stringify({ snippet, body, logout }));
  `;
  const run = spawnSync(process.execPath, ['-e', prelude + example[1] + after], { cwd: PACKAGE_DIR, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const { snippet, body, logout } = JSON.parse(run.stdout);
  const hash = nodeHmac('your-secret-token-for-hmac', '9007199254740993');
  assert.match(snippet, /^<script nonce="bm9uY2U">/);
  assert.ok(snippet.includes(`"identifier_hash":"${hash}"`));
  assert.ok(!snippet.slice(0, -'</script>'.length).includes('</script'));
  assert.deepEqual(JSON.parse(body), { identifier: '9007199254740993', identifier_hash: hash, name: "O'Brien </script>", email: 'ob@example.com' });
  assert.match(logout, /^<script nonce="bm9uY2U">.*\$chatwoot\.reset\(\)/);
});
