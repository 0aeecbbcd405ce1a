'use strict';
// Finding the library (CHATWOOT_IDENTITY_LIB, platform package, system, checkout build), the ABI check,
// and the ESM entry point. Each case loads the package in a fresh child process.

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { PACKAGE_DIR } = require('./helpers');

const REPO_LIB = path.resolve(PACKAGE_DIR, '..', '..', 'target', 'release', 'libchatwoot_identity.so');

function load(env, code = "const cw = require('chatwoot-identity'); console.log(cw.libraryPath)") {
  return spawnSync(process.execPath, ['-e', code], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

test('without CHATWOOT_IDENTITY_LIB, in the checkout, the repository build is loaded (no system library here)', () => {
  const env = { ...process.env };
  delete env.CHATWOOT_IDENTITY_LIB;
  const run = spawnSync(process.execPath, ['-e', "console.log(require('chatwoot-identity').libraryPath)"], { cwd: PACKAGE_DIR, env, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), REPO_LIB);
});

test('CHATWOOT_IDENTITY_LIB is used first', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-node-'));
  try {
    const copy = path.join(dir, 'libchatwoot_identity.so');
    fs.copyFileSync(REPO_LIB, copy);
    const run = load({ CHATWOOT_IDENTITY_LIB: copy });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), copy);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('CHATWOOT_IDENTITY_LIB is strict: a library that does not load there is an error, nothing else is tried', () => {
  const missing = path.join(os.tmpdir(), 'no-such-dir', 'libchatwoot_identity.so');
  const run = load({ CHATWOOT_IDENTITY_LIB: missing });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /cannot load the library for target linux-x64-(gnu|musl)\. Tried:/);
  assert.ok(run.stderr.includes(`CHATWOOT_IDENTITY_LIB: ${missing} (not found)`), run.stderr);
  assert.ok(!run.stderr.includes('development checkout'), run.stderr);
  assert.ok(!run.stderr.includes('system library path'), run.stderr);
  assert.match(run.stderr, /CHATWOOT_IDENTITY_LIB is set, so nothing else was tried/);
});

test('outside a checkout and without a platform package: an Error naming the target and every place tried', () => {
  // A copy of the package outside the repository: the development checkout is never searched.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-node-'));
  try {
    const pkg = path.join(dir, 'pkg');
    fs.mkdirSync(pkg);
    fs.cpSync(path.join(PACKAGE_DIR, 'lib'), path.join(pkg, 'lib'), { recursive: true });
    const code = `require(${JSON.stringify(path.join(pkg, 'lib', 'index.js'))})`;
    const env = { ...process.env, NODE_PATH: path.join(PACKAGE_DIR, 'node_modules') };
    delete env.CHATWOOT_IDENTITY_LIB;
    const run = spawnSync(process.execPath, ['-e', code], { env, encoding: 'utf8' });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /cannot load the library for target linux-x64-gnu\. Tried:/);
    assert.ok(
      run.stderr.includes('platform package chatwoot-identity-linux-x64-gnu: chatwoot-identity-linux-x64-gnu/libchatwoot_identity.so (not installed)'),
      run.stderr,
    );
    assert.match(run.stderr, /system library path: libchatwoot_identity\.so\.0 \(.*cannot open shared object file/);
    assert.ok(!run.stderr.includes('development checkout'), run.stderr);
    assert.match(run.stderr, /not with --omit=optional/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a library of another ABI version is refused at load', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-node-'));
  try {
    // A stand-in library whose cw_abi_version() says 1 (the version before this package's).
    const source = path.join(dir, 'fake.c');
    const fake = path.join(dir, 'libchatwoot_identity.so');
    fs.writeFileSync(source, 'unsigned int cw_abi_version(void) { return 1; }\n');
    execFileSync('cc', ['-shared', '-fPIC', '-o', fake, source]);
    const run = load({ CHATWOOT_IDENTITY_LIB: fake });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /implements C ABI version 1, but this package needs version 2/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the ESM entry point exports the same API as the CommonJS one', () => {
  const code = `
    import cw, { identifierHash, IdentityKey, EmptySecretError } from 'chatwoot-identity';
    import { createRequire } from 'node:module';
    const cjs = createRequire(import.meta.url)('chatwoot-identity');
    if (cw !== cjs || IdentityKey !== cjs.IdentityKey || EmptySecretError !== cjs.EmptySecretError) process.exit(3);
    console.log(identifierHash('your-secret-token-for-hmac', 'unique-identifier-of-the-user'));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: PACKAGE_DIR, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), 'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c');
});

test('libraryVersion comes from the loaded library', () => {
  const cw = require('chatwoot-identity');
  const cargo = fs.readFileSync(path.resolve(PACKAGE_DIR, '..', '..', 'Cargo.toml'), 'utf8');
  assert.equal(cw.libraryVersion, /^version = "(.+)"/m.exec(cargo)[1]);
});
