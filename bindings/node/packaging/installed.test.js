'use strict';
// Run by `make test-dist` inside a fresh application OUTSIDE the checkout, after `npm install`
// of dist/node's tarballs, with Rust hidden: the documented sample and the shared vectors
// through the installed package, the library coming from the platform package npm chose,
// and the loader's choice for each target with the detection inputs faked.
// Expects beside it: vectors.json; in $PLATFORM_TARBALLS_DIR: every platform package unpacked.
// The same file runs on Linux (node --test) and under wine in a Windows application
// (node.exe, the win32-x64 packages; PLATFORM_TARGETS empty: the faked machines ran on Linux).

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const cw = require('chatwoot-identity');

const APP = process.cwd();
const vectors = JSON.parse(fs.readFileSync(path.join(APP, 'vectors.json'), 'utf8'));
const hex = (s) => Buffer.from(s, 'hex');
const INSTALLED = path.dirname(require.resolve('chatwoot-identity/package.json'));
const LIBRARY_FILE = { win32: 'chatwoot_identity.dll', darwin: 'libchatwoot_identity.dylib' }[process.platform] || 'libchatwoot_identity.so';

// Another node process in the application; its stdout goes through a file, not a pipe (under
// wine, node.exe cannot open a pipe as its stdout).
function nodeOutput(args) {
  const dir = fs.mkdtempSync(path.join(APP, 'out-'));
  const file = path.join(dir, 'stdout');
  const fd = fs.openSync(file, 'w');
  try {
    execFileSync(process.execPath, args, { cwd: APP, stdio: ['ignore', fd, 'inherit'] });
  } finally {
    fs.closeSync(fd);
  }
  const out = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  fs.rmSync(dir, { recursive: true });
  return out;
}

test('the package is the installed copy and its library comes from the platform package npm chose', () => {
  assert.ok(INSTALLED.startsWith(path.join(APP, 'node_modules')), INSTALLED);
  assert.equal(cw.target, process.env.EXPECTED_TARGET);
  const platformDir = path.join(APP, 'node_modules', `chatwoot-identity-${cw.target}`);
  assert.equal(cw.libraryPath, path.join(platformDir, LIBRARY_FILE));
  assert.equal(fs.realpathSync(cw.libraryPath), cw.libraryPath, 'a link back to the checkout');
  const manifest = JSON.parse(fs.readFileSync(path.join(INSTALLED, 'package.json'), 'utf8'));
  assert.equal(manifest.optionalDependencies[`chatwoot-identity-${cw.target}`], manifest.version);
  assert.equal(cw.libraryVersion, manifest.version);
});

test('the documented sample, as the README shows it', () => {
  const { identifierHash, verify, IdentityKey } = cw;
  const secret = 'your-secret-token-for-hmac';
  const hash = identifierHash(secret, 'unique-identifier-of-the-user');
  assert.equal(hash, 'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c');
  assert.equal(hash, crypto.createHmac('sha256', secret).update('unique-identifier-of-the-user').digest('hex'));
  assert.equal(verify(secret, 'unique-identifier-of-the-user', hash), true);
  const key = new IdentityKey(secret);
  assert.deepEqual(key.identifierHashes(['unique-identifier-of-the-user']), [hash]);
  key.close();
});

test("the installed README's example runs in the application and prints what it says", () => {
  const readme = fs.readFileSync(path.join(INSTALLED, 'README.md'), 'utf8');
  const example = /## Example\n\n```js\n([\s\S]*?)```/.exec(readme);
  assert.ok(example, 'README.md has an ## Example js block');
  const lines = nodeOutput(['-e', example[1]]).split('\n');
  const hmac = (id) => crypto.createHmac('sha256', 'your-secret-token-for-hmac').update(id).digest('hex');
  assert.equal(lines[0], hmac('unique-identifier-key-of-the-user'));
  assert.equal(lines[1], 'true');
  assert.equal(lines[2], hmac('42'));
});

test('the ESM entry point of the installed package', () => {
  const code = "import { identifierHash } from 'chatwoot-identity'; console.log(identifierHash('your-secret-token-for-hmac', 'unique-identifier-of-the-user'));";
  const out = nodeOutput(['--input-type=module', '-e', code]);
  assert.equal(out.trim(), 'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c');
});

test('every shared vector through the installed package', () => {
  const classOf = { EMPTY_SECRET: cw.EmptySecretError, SECRET_WHITESPACE: cw.SecretWhitespaceError, EMPTY_IDENTIFIER: cw.EmptyIdentifierError, SECRET_INVISIBLE: cw.SecretInvisibleError };
  for (const c of vectors.hash) {
    const [secret, identifier] = [hex(c.secret_hex), hex(c.identifier_hex)];
    assert.equal(cw.identifierHash(secret, identifier), c.identifier_hash, c.name);
    const key = new cw.IdentityKey(secret);
    assert.deepEqual(key.identifierHashes([identifier, identifier]), [c.identifier_hash, c.identifier_hash], c.name);
    key.close();
  }
  for (const c of vectors.rejected) {
    assert.ok(classOf[c.status], `no error class for ${c.status}`);
    assert.throws(() => cw.identifierHash(hex(c.secret_hex), hex(c.identifier_hex)), classOf[c.status], c.name);
  }
  for (const c of vectors.verify) {
    assert.equal(cw.verify(hex(c.secret_hex), hex(c.identifier_hex), c.identifier_hash), c.valid, c.name);
  }
  for (const c of vectors.explain) {
    const options = { otherSecrets: (c.other_secrets_hex || []).map(hex), otherIdentifiers: (c.other_identifiers_hex || []).map(hex) };
    const why = cw.explain(hex(c.secret_hex), hex(c.identifier_hex), hex(c.hash_hex), options);
    assert.equal(why.verdict, c.verdict, c.name);
    assert.equal(why.code, c.code, c.name);
    assert.deepEqual(why.candidate, c.candidate, c.name);
  }
  for (const c of vectors.explain_rejected) {
    assert.throws(() => cw.explain(hex(c.secret_hex), hex(c.identifier_hex), hex(c.hash_hex)), (err) => err.status === c.code, c.name);
  }
  assert.ok(vectors.hash.length >= 30 && vectors.explain.length >= 10);
});

test('the render functions of the installed package', () => {
  const key = new cw.IdentityKey('your-secret-token-for-hmac');
  const hmac = (id) => crypto.createHmac('sha256', 'your-secret-token-for-hmac').update(id).digest('hex');
  const payload = JSON.parse(key.setUserPayload(9007199254740993n, { name: '</script>' }));
  assert.deepEqual(payload, { identifier: '9007199254740993', identifier_hash: hmac('9007199254740993'), name: '</script>' });
  const script = key.setUserScript('u', { email: 'u@example.com' }, { nonce: 'abc' });
  assert.match(script, /^<script nonce="abc">/);
  assert.ok(script.includes(hmac('u')));
  assert.match(cw.resetScript(), /\$chatwoot\.reset\(\)/);
  assert.throws(() => key.setUserScript('u', {}), cw.MissingContactFieldError);
  key.close();
});

// The installed loader, with each machine faked, picks the platform package built for it.
const { detectTarget } = require(path.join(INSTALLED, 'lib', 'target.js'));
const { candidates } = require(path.join(INSTALLED, 'lib', 'locate.js'));
const FAKES = {
  'linux-x64-gnu': { arch: 'x64', report: () => ({ header: { glibcVersionRuntime: '2.17' } }), machine: 'X86-64', libc: 'libc.so.6' },
  'linux-arm64-gnu': { arch: 'arm64', report: () => ({ header: { glibcVersionRuntime: '2.17' } }), machine: 'AArch64', libc: 'libc.so.6' },
  'linux-x64-musl': { arch: 'x64', report: () => ({ header: {} }), machine: 'X86-64', libc: 'libc.so' },
  'linux-arm64-musl': { arch: 'arm64', report: () => ({ header: {} }), machine: 'AArch64', libc: 'libc.so' },
};
const { problemWith } = require(path.join(INSTALLED, 'lib', 'libfile.js'));
const OTHER_OS = {
  'darwin-arm64': { platform: 'darwin', arch: 'arm64', file: 'libchatwoot_identity.dylib' },
  'darwin-x64': { platform: 'darwin', arch: 'x64', file: 'libchatwoot_identity.dylib' },
  'win32-x64': { platform: 'win32', arch: 'x64', file: 'chatwoot_identity.dll' },
  'win32-arm64': { platform: 'win32', arch: 'arm64', file: 'chatwoot_identity.dll' },
};

for (const name of (process.env.PLATFORM_TARGETS || '').split(' ').filter((n) => OTHER_OS[n])) {
  test(`a ${name} machine (faked) loads chatwoot-identity-${name}, whose ${OTHER_OS[name].file} is for that machine`, () => {
    const fake = OTHER_OS[name];
    const target = detectTarget({ platform: fake.platform, arch: fake.arch });
    assert.equal(target.name, name);
    const base = path.join(process.env.PLATFORM_TARBALLS_DIR, 'node_modules', 'chatwoot-identity', 'lib');
    const resolve = (request) => require.resolve(request, { paths: [base] });
    const [first] = candidates({ target, env: {}, resolve, packageDir: INSTALLED });
    assert.equal(first.problem, undefined, `${first.where}: ${first.problem}`);
    assert.equal(first.file, path.join(process.env.PLATFORM_TARBALLS_DIR, 'node_modules', `chatwoot-identity-${name}`, fake.file));
    // The installed loader's own check (format, machine, every segment inside the file).
    assert.equal(problemWith(first.file, fake), null);
    assert.notEqual(problemWith(first.file, { platform: fake.platform, arch: fake.arch === 'x64' ? 'arm64' : 'x64' }), null);
    const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(first.file), 'package.json'), 'utf8'));
    assert.deepEqual([manifest.os, manifest.cpu, manifest.libc], [[fake.platform], [fake.arch], undefined]);
    assert.deepEqual(fs.readdirSync(path.dirname(first.file)).sort(), ['README.md', fake.file, 'package.json']);
  });
}

for (const name of (process.env.PLATFORM_TARGETS || '').split(' ').filter((n) => FAKES[n])) {
  test(`a ${name} machine (faked) loads chatwoot-identity-${name}, whose library is ${FAKES[name].machine} for ${FAKES[name].libc}`, () => {
    const fake = FAKES[name];
    const target = detectTarget({ platform: 'linux', arch: fake.arch, report: fake.report });
    assert.equal(target.name, name);
    // Resolved from the installed package, as its loader does (the unpacked platform packages stand beside it).
    const base = path.join(process.env.PLATFORM_TARBALLS_DIR, 'node_modules', 'chatwoot-identity', 'lib');
    const resolve = (request) => require.resolve(request, { paths: [base] });
    const [first] = candidates({ target, env: {}, resolve, packageDir: INSTALLED });
    assert.equal(first.problem, undefined, `${first.where}: ${first.problem}`);
    assert.equal(first.file, path.join(process.env.PLATFORM_TARBALLS_DIR, 'node_modules', `chatwoot-identity-${name}`, 'libchatwoot_identity.so'));
    const header = execFileSync('readelf', ['-h', first.file], { encoding: 'utf8' });
    assert.match(header, new RegExp(`Machine:\\s+${fake.machine === 'X86-64' ? 'Advanced Micro Devices X86-64' : 'AArch64'}`));
    const needed = [...execFileSync('readelf', ['-d', first.file], { encoding: 'utf8' }).matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]);
    assert.ok(needed.includes(fake.libc), `NEEDED ${needed.join(', ')} lacks ${fake.libc}`);
    if (fake.libc === 'libc.so') assert.ok(!needed.includes('libc.so.6'), 'a musl library needing glibc');
    const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(first.file), 'package.json'), 'utf8'));
    assert.deepEqual([manifest.os, manifest.cpu, manifest.libc], [['linux'], [fake.arch], [fake.libc === 'libc.so' ? 'musl' : 'glibc']]);
    assert.deepEqual(fs.readdirSync(path.dirname(first.file)).sort(), ['README.md', 'libchatwoot_identity.so', 'package.json']);
  });
}
