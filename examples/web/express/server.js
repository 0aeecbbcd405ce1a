'use strict';
// An Express app with the Chatwoot widget on every page, signed in as the session's user,
// through chatwoot-identity/express (tests/e2e/README.md's example-app contract, plus /page).
// Configuration from the environment: PORT, CHATWOOT_BASE_URL, CHATWOOT_WEBSITE_TOKEN,
// CHATWOOT_HMAC_TOKEN (the inbox secret: handed to the middleware, never logged).

const crypto = require('node:crypto');
const express = require('express');
const session = require('express-session');
const { ChatwootIdentityError } = require('chatwoot-identity');
const { chatwoot, logout, payloadRoute } = require('chatwoot-identity/express');

const { PORT = '3000', CHATWOOT_BASE_URL, CHATWOOT_WEBSITE_TOKEN, CHATWOOT_HMAC_TOKEN } = process.env;
if (!CHATWOOT_BASE_URL || !CHATWOOT_WEBSITE_TOKEN || !CHATWOOT_HMAC_TOKEN) {
  console.error('set CHATWOOT_BASE_URL, CHATWOOT_WEBSITE_TOKEN and CHATWOOT_HMAC_TOKEN');
  process.exit(2);
}

const app = express();
app.set('view engine', 'ejs');
app.set('views', `${__dirname}/views`);
app.use(session({ secret: crypto.randomBytes(32).toString('hex'), resave: false, saveUninitialized: false }));

// What passport's session support does: req.user from the session (JSON, so a numeric id is
// kept as its digits and made a BigInt again: a Number loses digits above 2^53).
app.use((req, _res, next) => {
  const stored = req.session.user;
  if (stored) req.user = { ...stored, id: stored.idType === 'integer' ? BigInt(stored.id) : stored.id };
  next();
});

app.use(
  chatwoot({
    baseUrl: CHATWOOT_BASE_URL,
    websiteToken: CHATWOOT_WEBSITE_TOKEN,
    hmacToken: CHATWOOT_HMAC_TOKEN,
  }),
);

/** Signs the query's user in to the session (the stand-in for a real login form). */
function signIn(req, _res, next) {
  const { identifier = '', identifier_type: idType, name, email } = req.query;
  if (idType === 'integer' && !/^[0-9]+$/.test(identifier)) return next(new RangeError('identifier is not an integer'));
  const user = { id: identifier, idType };
  if (name) user.name = name;
  if (email) user.email = email;
  req.session.user = user;
  req.user = { ...user, id: idType === 'integer' ? BigInt(identifier) : identifier };
  next();
}

function cspNonce(_req, res, next) {
  // helmet's documented pattern: a fresh nonce per response in res.locals.cspNonce.
  res.locals.cspNonce = crypto.randomBytes(16).toString('base64');
  res.setHeader('Content-Security-Policy', `script-src 'nonce-${res.locals.cspNonce}'`);
  next();
}

const noStore = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
app.use(noStore);

app.get('/login', signIn, (_req, res) => res.render('page', { title: 'Signed in' }));
app.get('/csp-login', cspNonce, signIn, (_req, res) => res.render('page', { title: 'Signed in' }));
app.get('/page', (req, res) => res.render('page', { title: req.user ? 'Another page' : 'Not signed in' }));
app.get('/logout', (req, res, next) => {
  logout(req, res, (err) => {
    if (err) return next(err);
    delete req.session.user;
    delete req.user;
    res.render('page', { title: 'Signed out' });
  });
});
app.get('/payload', signIn, payloadRoute());

// The library's errors say what is wrong with the user's data, never the secret.
app.use((err, _req, res, next) => {
  if (err instanceof ChatwootIdentityError || err instanceof TypeError || err instanceof RangeError) {
    return res.status(400).type('text/plain').send(`${err.name}: ${err.message}\n`);
  }
  return next(err);
});

const server = app.listen(Number(PORT), '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
