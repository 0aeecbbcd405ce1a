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

// A library path that is not a loadable library of this machine is refused before the dynamic
// loader sees it (which waits forever on a FIFO and dies of SIGBUS on a truncated file), with
// the typed LibraryLoadError naming the path and what is wrong.
function refused(file, expected) {
  const code = `
    try { require('chatwoot-identity'); console.log('loaded'); }
    catch (err) {
      const { LibraryLoadError } = require('chatwoot-identity/errors');
      console.log(JSON.stringify({ name: err.name, code: err.code, path: err.path, typed: err instanceof LibraryLoadError, message: err.message }));
    }`;
  const run = spawnSync(process.execPath, ['-e', code], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, CHATWOOT_IDENTITY_LIB: file },
    encoding: 'utf8',
    timeout: 60_000, // a hang (the FIFO) fails the test instead of stalling the suite
  });
  assert.equal(run.signal, null, `killed by ${run.signal}: ${run.stderr}`);
  assert.equal(run.status, 0, run.stderr);
  const err = JSON.parse(run.stdout);
  assert.equal(err.name, 'LibraryLoadError');
  assert.equal(err.code, 'LIBRARY_LOAD');
  assert.equal(err.typed, true);
  assert.equal(err.path, file);
  assert.ok(err.message.includes(`CHATWOOT_IDENTITY_LIB: ${file} (${expected}`), err.message);
  assert.match(err.message, /point it at a loadable libchatwoot_identity, or unset it/);
  return err;
}

function scratch(fn) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-node-lib-'));
  try {
    fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a FIFO, a directory or a symlink loop as the library is a LibraryLoadError, not a hang', () => {
  scratch((dir) => {
    const fifo = path.join(dir, 'libchatwoot_identity.so');
    execFileSync('mkfifo', [fifo]);
    refused(fifo, 'a named pipe (FIFO), not a library file');
    refused(dir, 'a directory');
    const loop = path.join(dir, 'loop.so');
    fs.symlinkSync(loop, loop);
    refused(loop, 'a symbolic link loop');
  });
});

test('a truncated, empty, text or foreign-machine library is a LibraryLoadError, not a crash', () => {
  scratch((dir) => {
    const whole = fs.readFileSync(REPO_LIB);
    for (const size of [0, 3, 40, 64, 1000, 4096, Math.floor(whole.length / 2), whole.length - 1]) {
      const cut = path.join(dir, `cut-${size}.so`);
      fs.writeFileSync(cut, whole.subarray(0, size));
      const err = refused(cut, size === 0 ? 'an empty file' : size < 52 ? '' : 'damaged or truncated');
      if (size > 0 && size < 52) assert.match(err.message, /(damaged or truncated|not a shared library)/);
    }
    const text = path.join(dir, 'text.so');
    fs.writeFileSync(text, 'INPUT(-lchatwoot_identity)\n');
    refused(text, 'not a shared library (no ELF header)');
    const arm = path.join(dir, 'arm.so');
    const copy = Buffer.from(whole);
    copy.writeUInt16LE(183, 18); // e_machine: AArch64
    fs.writeFileSync(arm, copy);
    refused(arm, 'an ELF library for another machine (e_machine 183, 64-bit), not for this x64 process');
  });
});

test('a library lacking the package\'s functions is a LibraryLoadError naming the missing one', () => {
  scratch((dir) => {
    const build = (name, source) => {
      const file = path.join(dir, name);
      fs.writeFileSync(`${file}.c`, source);
      execFileSync('cc', ['-shared', '-fPIC', '-o', file, `${file}.c`]);
      return file;
    };
    const none = build('none.so', 'int unrelated(void) { return 0; }\n');
    refused(none, 'lacks the function cw_abi_version: it is not libchatwoot_identity, or another version of it');
    const partial = build('partial.so', 'unsigned int cw_abi_version(void) { return 2; }\n');
    refused(partial, 'lacks the function cw_identifier_hash');
  });
});
