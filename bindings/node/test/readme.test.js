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
});
