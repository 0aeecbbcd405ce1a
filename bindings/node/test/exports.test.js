'use strict';
// The generated lists agree with the package: index.mjs's exports and index.d.ts's default
// members are exactly the CommonJS exports; every status has a class or is one the generator
// lists as never produced; abi.js declares every function the header has.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const cw = require('chatwoot-identity');
const abi = require('../lib/abi');
const native = require('../lib/native');
const { CLASS_OF_STATUS_NAME } = require('../lib/status-errors');
const { PACKAGE_DIR } = require('./helpers');

const read = (rel) => fs.readFileSync(path.join(PACKAGE_DIR, rel), 'utf8');

test('index.mjs and index.d.ts list exactly the CommonJS exports', () => {
  const cjs = Object.keys(cw).sort();
  const mjs = /export const \{([^}]*)\}/.exec(read('index.mjs'))[1].split(',').map((s) => s.trim()).filter(Boolean).sort();
  assert.deepEqual(mjs, cjs);
  const dts = read('index.d.ts');
  const members = /<generated:default-members>[^\n]*\n([\s\S]*?)\/\/ <\/generated:default-members>/.exec(dts)[1];
  assert.deepEqual([...members.matchAll(/^\s*(\w+): typeof \1;$/gm)].map((m) => m[1]).sort(), cjs);
  for (const name of cjs.filter((n) => n.endsWith('Error'))) {
    assert.match(dts, new RegExp(`export class ${name} extends`), name);
    assert.equal(typeof cw[name], 'function');
  }
});

test('every status maps to its own class, but those the generator documents as never produced', () => {
  const NEVER = ['ok', 'null_pointer', 'buffer_too_small', 'invalid_offsets', 'internal_error'];
  for (const name of Object.keys(abi.STATUSES)) {
    if (NEVER.includes(name)) {
      assert.equal(CLASS_OF_STATUS_NAME[name], undefined, name);
      continue;
    }
    const Class = CLASS_OF_STATUS_NAME[name];
    assert.ok(Class && Class.prototype instanceof cw.ChatwootIdentityError, name);
    assert.equal(cw[Class.name], Class, `${Class.name} is exported`);
  }
});

test('koffi has a declaration for every function of the header', () => {
  const header = fs.readFileSync(path.resolve(PACKAGE_DIR, '..', '..', 'include', 'chatwoot_identity.h'), 'utf8');
  const names = [...header.matchAll(/^[a-z][\w ]*?\**\s*\b(cw_\w+)\(/gm)].map((m) => m[1]);
  assert.ok(names.length >= 17, names.join(' '));
  const declared = Object.values(abi.FUNCTIONS).map((p) => /(cw_\w+)\(/.exec(p)[1]);
  assert.deepEqual(declared.sort(), [...new Set(names)].sort());
  for (const name of Object.keys(abi.FUNCTIONS)) assert.equal(typeof native[name], 'function', name);
});
