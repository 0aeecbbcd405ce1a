'use strict';
// The bad-input matrix (tests/bad_input_matrix.json, format in docs/bad-input-matrix.md), run
// table-driven: one test per case of every row whose Node cell is not "n/a", named
// "<row id> #<case index>", and for a behaviour row one test checking that the tests named in
// BEHAVIOUR below exist. A row, call, value or expectation this file cannot run is a failing test.

const test = require('node:test');
const { describe } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const path = require('node:path');
const { promisify } = require('node:util');
const cw = require('chatwoot-identity');
const abi = require('../lib/abi');
const { CLASS_OF_STATUS_NAME } = require('../lib/status-errors');
const { matrix } = require('./helpers');

const LANGUAGE = 'Node';

// Behaviour rows: the tests (file in test/, top-level test name) that exercise each one. They
// run in the suite on their own; here they are only looked up, never run again.
const BEHAVIOUR = {
  'damaged-library-file': [['loading.test.js', 'a truncated, empty, text or foreign-machine library is a LibraryLoadError, not a crash']],
  'non-regular-library-path': [['loading.test.js', 'a FIFO, a directory or a symlink loop as the library is a LibraryLoadError, not a hang']],
  'key-double-free': [['key.test.js', 'close() is idempotent and a closed key throws KeyClosedError']],
  reentrancy: [
    ['reentrancy.test.js', 'a getter that hashes mid-call does not change the one-shot answers'],
    ['reentrancy.test.js', 'a getter that hashes mid-call does not change an IdentityKey answer'],
    ['reentrancy.test.js', 'an iterator or array getter that hashes (even on the same key) does not change a batch'],
    ['render.test.js', 'a trap that renders and hashes mid-call does not change the outer answer'],
  ],
  'close-mid-call': [
    ['close-mid-call.test.js', 'an iterator that closes the key (and allocates another) makes identifierHashes throw KeyClosedError'],
    ['close-mid-call.test.js', 'an array element getter or a Proxy trap that closes the key: KeyClosedError'],
    ['close-mid-call.test.js', 'a byteLength/length getter that would close the key is never consulted: the right hash or verdict'],
    ['render.test.js', 'a fields trap or a nonce getter that closes the key: KeyClosedError, never a freed key'],
  ],
  'non-unicode-string': [
    ['non-unicode.test.js', 'a lone surrogate in a secret or identifier is a TypeError in every hashing entry point'],
    ['non-unicode.test.js', 'verify is false for a lone surrogate anywhere, so two such strings never share a hash'],
    ['non-unicode.test.js', 'well-formed surrogate pairs hash as UTF-8; the same bytes as a Buffer are taken as bytes'],
    ['render.test.js', 'a lone surrogate anywhere (identifier, field, field name, nonce) is a TypeError'],
  ],
};

/** Runs `use(key)` with a key made from `secret`, closed after. */
function withKey(secret, use) {
  const key = new cw.IdentityKey(secret);
  try {
    return use(key);
  } finally {
    key.close();
  }
}

// The matrix's calls: the arguments each takes, and the package call.
const CALLS = {
  identifier_hash: [['secret', 'identifier'], (a) => cw.identifierHash(a.secret, a.identifier)],
  key_new: [['secret'], (a) => withKey(a.secret, () => undefined)],
  key_identifier_hash: [['secret', 'identifier'], (a) => withKey(a.secret, (key) => key.identifierHash(a.identifier))],
  key_identifier_hashes: [['secret', 'identifiers'], (a) => withKey(a.secret, (key) => key.identifierHashes(a.identifiers))],
  verify: [['secret', 'identifier', 'hash'], (a) => cw.verify(a.secret, a.identifier, a.hash)],
  key_verify: [['secret', 'identifier', 'hash'], (a) => withKey(a.secret, (key) => key.verify(a.identifier, a.hash))],
  explain: [['secret', 'identifier', 'hash'], (a) => cw.explain(a.secret, a.identifier, a.hash)],
  set_user_script: [['secret', 'identifier'], (a) => withKey(a.secret, (key) => key.setUserScript(a.identifier, { name: 'n' }))],
};

/**
 * The JavaScript values of one matrix value, as [label, value] pairs: a string is itself,
 * {hex} a Buffer, {text} a string, either with "repeat"; {null: n > 0} is both of JavaScript's
 * nulls (null, undefined); {null: 0} the empty string and the empty bytes (Buffer, Uint8Array).
 */
function jsValues(value, where) {
  if (typeof value === 'string') return [[JSON.stringify(value), value]];
  if (Array.isArray(value)) {
    const lists = combinations(value.map((element, i) => jsValues(element, `${where}[${i}]`)));
    return lists.map(([labels, list]) => [`[${labels.join(', ')}]`, list]);
  }
  if (value === null || typeof value !== 'object') throw new Error(`${where}: unknown value ${JSON.stringify(value)}`);
  const keys = Object.keys(value).sort().join(',');
  if (keys === 'null') {
    if (!Number.isInteger(value.null) || value.null < 0) throw new Error(`${where}: bad {null: ${value.null}}`);
    return value.null > 0 ? [['null', null], ['undefined', undefined]] : [["''", ''], ['Buffer(0)', Buffer.alloc(0)], ['Uint8Array(0)', new Uint8Array(0)]];
  }
  const repeat = 'repeat' in value ? value.repeat : 1;
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`${where}: bad repeat ${value.repeat}`);
  if (keys === 'hex' || keys === 'hex,repeat') {
    const bytes = Buffer.from(value.hex, 'hex');
    if (bytes.toString('hex') !== value.hex.toLowerCase()) throw new Error(`${where}: bad hex`);
    return [[`Buffer(${bytes.length * repeat})`, Buffer.concat(Array(repeat).fill(bytes))]];
  }
  if ((keys === 'text' || keys === 'repeat,text') && typeof value.text === 'string') {
    return [[`text(${value.text.length * repeat})`, value.text.repeat(repeat)]];
  }
  throw new Error(`${where}: unknown value ${JSON.stringify(value).slice(0, 80)}`);
}

/** Every combination of one [label, value] from each list of alternatives: [labels, values] pairs. */
function combinations(alternatives) {
  return alternatives.reduce(
    (combos, choices) => combos.flatMap(([labels, values]) => choices.map(([label, value]) => [[...labels, label], [...values, value]])),
    [[[], []]],
  );
}

/** Every combination of the case's arguments (a missing one from the defaults), labelled. */
function argumentSets(names, theCase) {
  const known = new Set([...names, 'call', 'expect', 'only']);
  const unknown = Object.keys(theCase).filter((name) => !known.has(name));
  if (unknown.length) throw new Error(`${theCase.call} takes no argument ${unknown.join(', ')} in Node`);
  const alternatives = names.map((name) => {
    const value = name in theCase ? theCase[name] : matrix.defaults[name];
    if (value === undefined) throw new Error(`no value and no default for the argument ${name}`);
    return jsValues(value, name).map(([label, v]) => [name in theCase ? `${name}=${label}` : '', v]);
  });
  return combinations(alternatives).map(([labels, values]) => [
    labels.filter(Boolean).join(' ') || 'defaults',
    Object.fromEntries(names.map((name, i) => [name, values[i]])),
  ]);
}

/** Asserts that `outcome` ({ value } or { error }) is what `expect` says. */
function check(outcome, expect) {
  const kinds = Object.keys(expect).filter((name) => name !== 'index');
  if (kinds.length !== 1 || ('index' in expect && kinds[0] !== 'error')) throw new Error(`unknown expectation ${JSON.stringify(expect)}`);
  const [kind] = kinds;
  if (kind === 'error') return checkError(outcome, expect);
  if (outcome.error) throw outcome.error;
  const { value } = outcome;
  switch (kind) {
    case 'hash':
      return assert.equal(value, expect.hash);
    case 'hashes':
      return assert.deepEqual(value, expect.hashes);
    case 'verify':
      return assert.equal(value, expect.verify);
    case 'verdict':
      assert.ok(Object.hasOwn(abi.VERDICTS, expect.verdict), `no verdict ${expect.verdict} in the generated table`);
      assert.equal(value.verdict, expect.verdict);
      return assert.equal(value.code, abi.VERDICTS[expect.verdict]);
    case 'ok':
      return assert.equal(expect.ok, true, 'unknown expectation {"ok": false}');
    default:
      throw new Error(`unknown expectation ${JSON.stringify(expect)}`);
  }
}

/**
 * The typed error of a status, from the generated status -> class table; NULL_POINTER is
 * JavaScript's TypeError for a null argument (the package never passes a NULL to the library).
 */
function checkError(outcome, expect) {
  assert.ok(outcome.error, `expected ${expect.error}, got ${JSON.stringify(outcome.value)}`);
  const err = outcome.error;
  if (expect.error === 'NULL_POINTER') {
    assert.ok(Object.getPrototypeOf(err) === TypeError.prototype, `${err.name} is not a TypeError: ${err.message}`);
    if ('index' in expect) assert.match(err.message, new RegExp(`^identifiers\\[${expect.index}\\]`));
    return;
  }
  const name = expect.error.toLowerCase();
  const Class = CLASS_OF_STATUS_NAME[name];
  assert.ok(Class, `no generated error class for the status ${expect.error}`);
  assert.ok(Object.getPrototypeOf(err) === Class.prototype, `${err.name} is not a ${Class.name}: ${err.message}`);
  assert.equal(err.code, expect.error);
  assert.equal(err.status, abi.STATUSES[name]);
  assert.equal(err.index, expect.index);
}

/** Runs one case for every combination of its JavaScript values. */
function runCase(theCase) {
  const call = CALLS[theCase.call];
  if (!call) throw new Error(`unknown call ${JSON.stringify(theCase.call)}: the Node matrix test cannot run it`);
  const [names, run] = call;
  if (!theCase.expect || typeof theCase.expect !== 'object') throw new Error('the case has no expectation');
  for (const [label, args] of argumentSets(names, theCase)) {
    let outcome;
    try {
      outcome = { value: run(args) };
    } catch (error) {
      outcome = { error };
    }
    try {
      check(outcome, theCase.expect);
    } catch (err) {
      err.message = `${theCase.call}(${label}): ${err.message}`;
      throw err;
    }
  }
}

const appliesHere = (theCase) => theCase.only === undefined || theCase.only.includes(LANGUAGE);
const brief = (theCase) => `${theCase.call} -> ${JSON.stringify(theCase.expect)}`.slice(0, 120);

// The top-level test names each test file registers, read once per file.
const registered = new Map();
function registeredTests(file) {
  if (!registered.has(file)) {
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT; // a plain run, not a child of this file's runner
    const args = ['--test-only', '--test-reporter', path.join(__dirname, 'test-names-reporter.js'), path.join(__dirname, file)];
    registered.set(file, promisify(execFile)(process.execPath, args, { env, maxBuffer: 1 << 24 }).then(({ stdout }) => new Set(
      stdout.split('\n').filter((line) => line.startsWith('{"registeredTest":')).map((line) => JSON.parse(line).registeredTest),
    )));
  }
  return registered.get(file);
}

test(`the matrix has a ${LANGUAGE} column`, () => {
  assert.ok(matrix.languages.includes(LANGUAGE), JSON.stringify(matrix.languages));
});

for (const row of matrix.rows) {
  const cell = row.cells[LANGUAGE];
  if (typeof cell === 'string' && cell.startsWith('n/a')) {
    // Not applicable to Node: no test, unless the data gives this row a case to run here.
    const runnable = (row.cases || []).map((c, i) => [c, i]).filter(([c]) => appliesHere(c));
    for (const [, i] of runnable) test(`${row.id} #${i}: the ${LANGUAGE} cell says n/a, yet the case applies to ${LANGUAGE}`, () => assert.fail(cell));
    continue;
  }
  describe(row.id, () => {
    if (typeof cell !== 'string' || cell.trim() === '') test(`${row.id}: no ${LANGUAGE} cell`, () => assert.fail(JSON.stringify(row.cells)));
    if (row.behaviour === true) {
      test(`${row.id}: behaviour, exercised by the tests named in matrix.test.js`, async () => {
        const entries = BEHAVIOUR[row.id];
        assert.ok(entries && entries.length, `no test is named for the behaviour row ${row.id}: add it to BEHAVIOUR in test/matrix.test.js`);
        for (const [file, name] of entries) {
          assert.match(file, /^[\w.-]+\.test\.js$/, `${file} is not a test file the suite runs`);
          const names = await registeredTests(file);
          assert.ok(names.has(name), `test/${file} has no test ${JSON.stringify(name)}`);
        }
      });
    } else if (Array.isArray(row.cases)) {
      const here = row.cases.map((c, i) => [c, i]).filter(([c]) => appliesHere(c));
      if (here.length === 0) test(`${row.id}: no case runs in ${LANGUAGE}`, () => assert.fail(cell));
      for (const [theCase, i] of here) test(`${row.id} #${i}: ${brief(theCase)}`, () => runCase(theCase));
    } else {
      test(`${row.id}: neither cases nor a behaviour row`, () => assert.fail(JSON.stringify(row).slice(0, 200)));
    }
  });
}

test('every behaviour row named in matrix.test.js is in the matrix', () => {
  const ids = new Set(matrix.rows.filter((row) => row.behaviour === true).map((row) => row.id));
  assert.deepEqual(Object.keys(BEHAVIOUR).filter((id) => !ids.has(id)), []);
});
