'use strict';
// The development path of the README: after `make build` and `make -C bindings/node deps`, an
// application elsewhere runs `npm install <checkout>/bindings/node` (npm links the folder; the
// package finds koffi in its own node_modules and the library in the checkout's target/release).

const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { PACKAGE_DIR } = require('./helpers');

test('npm install <checkout>/bindings/node from an application outside the checkout works', () => {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-node-devapp-'));
  try {
    fs.writeFileSync(path.join(app, 'package.json'), '{ "name": "dev-app", "version": "1.0.0", "private": true }\n');
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', PACKAGE_DIR], { cwd: app, encoding: 'utf8' });
    assert.equal(fs.realpathSync(path.join(app, 'node_modules', 'chatwoot-identity')), PACKAGE_DIR);
    const env = { ...process.env };
    delete env.CHATWOOT_IDENTITY_LIB;
    const code = "const cw = require('chatwoot-identity'); console.log(cw.libraryPath); console.log(cw.identifierHash('your-secret-token-for-hmac', 'unique-identifier-of-the-user'))";
    const [libraryPath, hash] = execFileSync(process.execPath, ['-e', code], { cwd: app, env, encoding: 'utf8' }).trim().split('\n');
    assert.equal(libraryPath, path.resolve(PACKAGE_DIR, '..', '..', 'target', 'release', 'libchatwoot_identity.so'));
    assert.equal(hash, 'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c');
  } finally {
    fs.rmSync(app, { recursive: true, force: true });
  }
});
