'use strict';
// The Express example (examples/web/express/server.js) on this checkout's package, over HTTP
// with one browser's cookies: sign-in, another page, a second user, logout, the page after it,
// the SPA payload and a refused user. (The same app, installed from the built tarballs, signs
// users in to the stand-in Chatwoot in Chromium: tests/e2e.)

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const cw = require('chatwoot-identity');
const { nodeHmac, PACKAGE_DIR } = require('./helpers');

const SECRET = 'S3CRETMARK-express-app';
const APP = path.resolve(PACKAGE_DIR, '..', '..', 'examples', 'web', 'express');

/** The app in a scratch directory whose node_modules link this package and its dev dependencies. */
async function startApp(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-express-test-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(path.join(APP, 'server.js'), path.join(dir, 'server.js'));
  fs.cpSync(path.join(APP, 'views'), path.join(dir, 'views'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(PACKAGE_DIR, path.join(dir, 'node_modules', 'chatwoot-identity'));
  for (const name of ['express', 'express-session', 'ejs']) {
    fs.symlinkSync(path.join(PACKAGE_DIR, 'node_modules', name), path.join(dir, 'node_modules', name));
  }
  const env = { ...process.env, PORT: '0', CHATWOOT_BASE_URL: 'http://chat.invalid', CHATWOOT_WEBSITE_TOKEN: 'tok', CHATWOOT_HMAC_TOKEN: SECRET };
  const child = spawn(process.execPath, ['server.js'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGTERM'));
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      log += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the app exited (${code}): ${log}`)));
  });
  return { base: `http://127.0.0.1:${port}`, log: () => log };
}

/** A browser's cookie jar over fetch. */
function browser(base) {
  const jar = new Map();
  return async (route) => {
    const res = await fetch(base + route, { headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [k, v] = pair.split('=');
      if (attrs.some((a) => a.trim() === 'Max-Age=0')) jar.delete(k);
      else jar.set(k, v);
    }
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  };
}

test('sign-in, another page, a second user, logout, the page after it, the payload', async (t) => {
  const app = await startApp(t);
  const get = browser(app.base);
  const reset = cw.resetScript();

  const first = await get('/login?identifier=1001&identifier_type=integer&name=Ada');
  assert.equal(first.status, 200);
  assert.ok(first.body.includes('window.chatwootSDK.run({"websiteToken":"tok","baseUrl":"http://chat.invalid"});'));
  assert.ok(first.body.includes(nodeHmac(SECRET, '1001')) && first.body.includes('"1001"'), first.body);
  assert.ok(!first.body.includes(reset));

  const page = await get('/page');
  assert.ok(page.body.includes('<title>Another page</title>') && page.body.includes(nodeHmac(SECRET, '1001')), page.body);
  assert.ok(!page.body.includes(reset), 'the same user again: no reset');

  const second = await get('/login?identifier=bob&name=Bob');
  assert.ok(second.body.indexOf(reset) >= 0 && second.body.indexOf(reset) < second.body.indexOf(nodeHmac(SECRET, 'bob')), second.body);

  const out = await get('/logout');
  assert.ok(out.body.includes(reset) && !out.body.includes('setUser('), out.body);
  const after = await get('/page');
  assert.ok(after.body.includes('<title>Not signed in</title>') && !after.body.includes('setUser(') && !after.body.includes(reset), after.body);

  const payload = await get('/payload?identifier=9007199254740993&identifier_type=integer&email=c%40example.com');
  assert.equal(payload.type, 'application/json');
  assert.deepEqual(JSON.parse(payload.body), { identifier: '9007199254740993', identifier_hash: nodeHmac(SECRET, '9007199254740993'), email: 'c@example.com' });

  const refused = await get('/login?identifier=x');
  assert.equal(refused.status, 400);
  assert.match(refused.body, /^MissingContactFieldError: /);
  assert.ok(!(refused.body + app.log()).includes('S3CRETMARK'));
});
