'use strict';
// Target detection and the loader's choice of platform package, with the detection inputs
// faked: an arm64 or a musl machine is simulated on this one.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { detectTarget, detectLibc, PLATFORM_PACKAGES } = require('../lib/target');
const { candidates, isCheckout, SYSTEM_NAME } = require('../lib/locate');

const glibcReport = () => ({ header: { glibcVersionRuntime: '2.36', glibcVersionCompiler: '2.28' } });
const muslReport = () => ({ header: { osName: 'Linux' } });
const noReport = () => {
  throw new Error('process.report is not available');
};

test('the C library comes from Node\'s report: glibcVersionRuntime means gnu, its absence musl', () => {
  assert.equal(detectLibc({ report: glibcReport, muslLoaderExists: () => true }), 'gnu');
  assert.equal(detectLibc({ report: muslReport, muslLoaderExists: () => false }), 'musl');
});

test('without a report, musl\'s loader in /lib decides', () => {
  assert.equal(detectLibc({ report: noReport, muslLoaderExists: () => true }), 'musl');
  assert.equal(detectLibc({ report: noReport, muslLoaderExists: () => false }), 'gnu');
});

test('each of the four Linux targets maps to its platform package', () => {
  const cases = [
    [{ arch: 'x64', report: glibcReport }, 'linux-x64-gnu'],
    [{ arch: 'arm64', report: glibcReport }, 'linux-arm64-gnu'],
    [{ arch: 'x64', report: muslReport }, 'linux-x64-musl'],
    [{ arch: 'arm64', report: noReport, muslLoaderExists: () => true }, 'linux-arm64-musl'],
  ];
  for (const [inputs, name] of cases) {
    const target = detectTarget({ platform: 'linux', ...inputs });
    assert.deepEqual(target, { name, packageName: `chatwoot-identity-${name}`, file: 'libchatwoot_identity.so' });
  }
});

test('macOS and Windows, x64 and arm64: their platform package and library file (no libc in the name)', () => {
  const cases = [
    ['darwin', 'arm64', 'libchatwoot_identity.dylib'],
    ['darwin', 'x64', 'libchatwoot_identity.dylib'],
    ['win32', 'x64', 'chatwoot_identity.dll'],
    ['win32', 'arm64', 'chatwoot_identity.dll'],
  ];
  for (const [platform, arch, file] of cases) {
    const name = `${platform}-${arch}`;
    assert.deepEqual(detectTarget({ platform, arch }), { name, packageName: `chatwoot-identity-${name}`, file });
    const resolve = (request) => path.join('/app/node_modules', request);
    const list = candidates({ target: detectTarget({ platform, arch }), env: {}, resolve, packageDir: '/app/node_modules/chatwoot-identity' });
    assert.equal(list[0].file, `/app/node_modules/chatwoot-identity-${name}/${file}`);
  }
});

test('the platform packages are exactly the npm targets of targets.toml', () => {
  const toml = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'targets.toml'), 'utf8');
  const npm = [...toml.matchAll(/^npm = "(.+)"$/gm)].map((m) => m[1]);
  assert.equal(npm.length, 8);
  assert.deepEqual(Object.keys(PLATFORM_PACKAGES).sort(), npm.sort());
});

test('a target with no platform package is named, with none to resolve', () => {
  assert.deepEqual(detectTarget({ platform: 'linux', arch: 'ia32', report: glibcReport }), { name: 'linux-ia32-gnu', packageName: null, file: 'libchatwoot_identity.so' });
  assert.deepEqual(detectTarget({ platform: 'freebsd', arch: 'x64' }), { name: 'freebsd-x64', packageName: null, file: 'libchatwoot_identity.so' });
  const list = candidates({ target: detectTarget({ platform: 'freebsd', arch: 'x64' }), env: {}, packageDir: '/app/node_modules/chatwoot-identity' });
  assert.match(list[0].problem, /no platform package is published for freebsd-x64/);
});

test('the loader resolves the platform package of the detected target, then the system path', () => {
  const requests = [];
  const resolve = (request) => {
    requests.push(request);
    return path.join('/app/node_modules', request);
  };
  const linux = Object.keys(PLATFORM_PACKAGES).filter((name) => name.startsWith('linux-'));
  for (const name of linux) {
    const target = { name, packageName: PLATFORM_PACKAGES[name], file: 'libchatwoot_identity.so' };
    const list = candidates({ target, env: {}, resolve, packageDir: '/app/node_modules/chatwoot-identity' });
    assert.deepEqual(list.map((c) => c.where), [`platform package chatwoot-identity-${name}`, 'system library path']);
    assert.equal(list[0].file, `/app/node_modules/chatwoot-identity-${name}/libchatwoot_identity.so`);
    assert.equal(list[1].file, SYSTEM_NAME);
  }
  assert.deepEqual(requests, linux.map((name) => `${PLATFORM_PACKAGES[name]}/libchatwoot_identity.so`));
});

test('CHATWOOT_IDENTITY_LIB, when set, is the only candidate', () => {
  const target = { name: 'linux-x64-gnu', packageName: PLATFORM_PACKAGES['linux-x64-gnu'], file: 'libchatwoot_identity.so' };
  const list = candidates({ target, env: { CHATWOOT_IDENTITY_LIB: '/opt/lib.so' }, resolve: () => '/x' });
  assert.deepEqual(list, [{ where: 'CHATWOOT_IDENTITY_LIB', file: '/opt/lib.so' }]);
});

test('the checkout build is a candidate only from a development checkout, never from node_modules', () => {
  const checkout = path.resolve(__dirname, '..');
  assert.equal(isCheckout(checkout), true);
  assert.equal(isCheckout('/app/node_modules/chatwoot-identity'), false);
  assert.equal(isCheckout('/srv/repo/node_modules/x/bindings/node'), false);
  const target = { name: 'linux-x64-gnu', packageName: 'chatwoot-identity-linux-x64-gnu', file: 'libchatwoot_identity.so' };
  const missing = () => {
    throw new Error('MODULE_NOT_FOUND');
  };
  const fromCheckout = candidates({ target, env: {}, resolve: missing, packageDir: checkout });
  assert.deepEqual(fromCheckout.map((c) => c.where), ['platform package chatwoot-identity-linux-x64-gnu', 'system library path', 'development checkout']);
  assert.equal(fromCheckout[2].file, path.resolve(checkout, '..', '..', 'target', 'release', 'libchatwoot_identity.so'));
  assert.equal(fromCheckout[0].problem, 'not installed');
});
