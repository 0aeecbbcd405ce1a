'use strict';
// chatwoot-identity/express without Express: the middleware is a plain (req, res, next)
// function, driven here with minimal request/response objects (the real app, in Chromium, is
// examples/web/express, run by the e2e suite).

const test = require('node:test');
const assert = require('node:assert/strict');
const util = require('node:util');
const cw = require('chatwoot-identity');
const { chatwoot, logout, payloadRoute, defaultUser } = require('chatwoot-identity/express');
const { nodeHmac } = require('./helpers');

const SECRET = 'S3CRETMARK-inbox-token';
const BASE = 'https://chat.example.com';

function request({ user, cookie } = {}) {
  return { headers: cookie ? { cookie } : {}, user };
}

function response(locals = {}) {
  const headers = {};
  return {
    locals,
    headersSent: false,
    statusCode: 200,
    body: undefined,
    getHeader: (name) => headers[name.toLowerCase()],
    setHeader: (name, value) => {
      headers[name.toLowerCase()] = value;
    },
    end(body) {
      this.body = body;
    },
    headers,
  };
}

function run(middleware, req, res = response()) {
  let called = false;
  middleware(req, res, (err) => {
    if (err) throw err;
    called = true;
  });
  assert.ok(called, 'next() was called');
  return res;
}

const mw = chatwoot({ baseUrl: `${BASE}/`, websiteToken: 'tok-1', hmacToken: SECRET });

test('the widget for a signed-in passport-style user: loader, run, verified setUser with the hash', () => {
  const res = run(mw, request({ user: { id: 42, displayName: 'Ada', emails: [{ value: 'ada@example.com' }] } }));
  const html = res.locals.chatwootWidget;
  assert.ok(html.includes(`<script src="${BASE}/packs/js/sdk.js"></script>`), html);
  assert.ok(html.includes(`window.chatwootSDK.run({"websiteToken":"tok-1","baseUrl":"${BASE}"});`), html);
  assert.ok(html.includes(nodeHmac(SECRET, '42')), 'the hash of the identifier as a string');
  assert.ok(html.includes('"42"') && html.includes('Ada') && html.includes('ada@example.com'), html);
  assert.equal(html, res.locals.chatwoot.widget());
  assert.match(String(res.headers['set-cookie']), /^chatwoot_identity_tok-1=[0-9a-f]{16}; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/);
});

test('a visitor gets the loader only; helmet\'s res.locals.cspNonce goes on every script', () => {
  const res = run(mw, request(), response({ cspNonce: 'bm9uY2U=' }));
  const html = res.locals.chatwootWidget;
  assert.equal((html.match(/<script/g) || []).length, 2);
  assert.equal((html.match(/<script nonce="bm9uY2U="/g) || []).length, 2);
  assert.ok(!html.includes('setUser'));
  const signedIn = run(mw, request({ user: { id: 'u1', name: 'N' } }), response({ cspNonce: 'bm9uY2U=' }));
  const all = signedIn.locals.chatwootWidget;
  assert.equal((all.match(/<script/g) || []).length, (all.match(/<script nonce="bm9uY2U="/g) || []).length);
});

test('after a logout, and on the first page after the session ended, the widget is reset', () => {
  const first = run(mw, request({ user: { id: 'u1', name: 'N' } }));
  first.locals.chatwootWidget;
  const tag = /=([0-9a-f]{16});/.exec(String(first.headers['set-cookie']))[1];
  // The session ended elsewhere: the browser still has the cookie, the request has no user.
  const next = run(mw, request({ cookie: `other=1; chatwoot_identity_tok-1=${tag}` }));
  const html = next.locals.chatwootWidget;
  assert.ok(html.includes(cw.resetScript()), html);
  assert.match(String(next.headers['set-cookie']), /^chatwoot_identity_tok-1=; Path=\/; Max-Age=0/);
  // logout(): passport's req.logout is called, and this response resets the widget.
  let passportCalled = false;
  const req = request({ user: { id: 'u1', name: 'N' } });
  req.logout = (done) => {
    passportCalled = true;
    done();
  };
  const res = run(mw, req);
  logout(req, res, () => {});
  assert.ok(passportCalled);
  assert.ok(res.locals.chatwootWidget.includes(cw.resetScript()));
  assert.ok(!res.locals.chatwootWidget.includes('setUser('));
});

test('another user on the same browser: reset, then the new user', () => {
  const res = run(mw, request({ user: { id: 'u2', name: 'Second' }, cookie: 'chatwoot_identity_tok-1=0123456789abcdef' }));
  const html = res.locals.chatwootWidget;
  const reset = html.indexOf(cw.resetScript());
  assert.ok(reset >= 0 && reset < html.indexOf('Second'), html);
});

test('settings, several inboxes, a custom user mapping, integer ids as strings', () => {
  const many = chatwoot({
    baseUrl: BASE,
    settings: { locale: 'de', launcherTitle: '</script><b>' },
    inboxes: {
      site: { websiteToken: 'tok-site', hmacToken: SECRET },
      help: { websiteToken: 'tok-help', hmacToken: 'other-inbox-secret', settings: { position: 'left' } },
    },
    user: (req) => (req.account ? { identifier: req.account.pk, fields: { email: req.account.mail } } : null),
  });
  const req = request();
  req.account = { pk: 9007199254740993n, mail: 'b@example.com' };
  const res = run(many, req);
  const site = res.locals.chatwootWidget;
  assert.ok(site.includes('window.chatwootSettings = {"locale":"de","launcherTitle":"\\u003c/script\\u003e\\u003cb\\u003e"};'), site);
  assert.ok(site.includes('"tok-site"') && site.includes(nodeHmac(SECRET, '9007199254740993')), site);
  const help = res.locals.chatwoot.widget({ inbox: 'help' });
  assert.ok(help.includes('"tok-help"') && help.includes('{"position":"left"}'), help);
  assert.ok(help.includes(nodeHmac('other-inbox-secret', '9007199254740993')), help);
  assert.throws(() => res.locals.chatwoot.widget({ inbox: 'nope' }), /no inbox named "nope" \(configured: site, help\)/);
  assert.deepEqual(JSON.parse(res.locals.chatwoot.payload()), {
    identifier: '9007199254740993',
    identifier_hash: nodeHmac(SECRET, '9007199254740993'),
    email: 'b@example.com',
  });
});

test('the SPA route: the payload for the user, 401 when signed out', () => {
  const route = payloadRoute();
  const res = run(mw, request({ user: { id: 7, name: 'Seven' } }));
  route({}, res, assert.fail);
  assert.equal(res.headers['content-type'], 'application/json');
  assert.equal(JSON.parse(res.body).identifier_hash, nodeHmac(SECRET, '7'));
  const anon = run(mw, request());
  route({}, anon, assert.fail);
  assert.equal(anon.statusCode, 401);
});

test('the default mapping: passport profiles and plain user objects', () => {
  assert.equal(defaultUser(request()), null);
  assert.deepEqual(defaultUser(request({ user: { _id: { toString: () => 'oid' }, username: 'u', photos: [{ value: 'https://a/p.png' }] } })), {
    identifier: 'oid',
    fields: { name: 'u', avatar_url: 'https://a/p.png' },
  });
});

test('bad configuration is a clear TypeError; the secret never appears anywhere', () => {
  assert.throws(() => chatwoot({ baseUrl: 'chat.example.com', websiteToken: 't', hmacToken: SECRET }), /baseUrl must be your Chatwoot URL/);
  assert.throws(() => chatwoot({ baseUrl: BASE, websiteToken: 't' }), /inbox default needs its hmacToken/);
  let err;
  try {
    chatwoot({ baseUrl: BASE, websiteToken: 't', hmacToken: ` ${SECRET} ` });
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof cw.SecretWhitespaceError);
  const res = run(mw, request({ user: { id: 'u', name: 'n' } }));
  const seen = [util.inspect(mw, { showHidden: true, depth: Infinity }), util.inspect(res.locals, { showHidden: true, depth: Infinity }), res.locals.chatwootWidget, util.inspect(err, { showHidden: true }), err.stack];
  assert.ok(!seen.join('\n').includes('S3CRETMARK'));
});
