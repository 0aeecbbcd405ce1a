'use strict';
// An app on node:http that signs its user in to Chatwoot's widget with chatwoot-identity:
// /login (and /csp-login with a CSP nonce) renders the set-user script, /logout the reset
// script, /payload the JSON for a single-page app. Configuration from the environment:
// PORT, CHATWOOT_BASE_URL, CHATWOOT_WEBSITE_TOKEN, CHATWOOT_HMAC_TOKEN (the inbox secret).

const http = require('node:http');
const crypto = require('node:crypto');
const { IdentityKey, resetScript, ChatwootIdentityError } = require('chatwoot-identity');

const PORT = Number(process.env.PORT || 3000);
const BASE_URL = process.env.CHATWOOT_BASE_URL;
const WEBSITE_TOKEN = process.env.CHATWOOT_WEBSITE_TOKEN;
if (!BASE_URL || !WEBSITE_TOKEN || !process.env.CHATWOOT_HMAC_TOKEN) {
  console.error('set CHATWOOT_BASE_URL, CHATWOOT_WEBSITE_TOKEN and CHATWOOT_HMAC_TOKEN');
  process.exit(2);
}
// One key for the app's lifetime: the secret is prepared once and never kept as a string here.
const key = new IdentityKey(process.env.CHATWOOT_HMAC_TOKEN);

/** The signed-in user, here from the query string (a real app takes it from its session). */
function userFrom(query) {
  const raw = query.get('identifier') || '';
  // A numeric id as the app holds it: a BigInt (a Number loses digits above 2^53).
  const identifier = query.get('identifier_type') === 'integer' ? BigInt(raw) : raw;
  const fields = {};
  for (const name of ['name', 'email']) {
    const value = query.get(name);
    if (value) fields[name] = value;
  }
  return { identifier, fields };
}

const escapeAttribute = (text) =>
  text.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]);

function page(title, snippet, nonce) {
  const attr = nonce ? ` nonce="${nonce}"` : '';
  const config = JSON.stringify({ websiteToken: WEBSITE_TOKEN, baseUrl: BASE_URL }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head><body>
<script${attr} src="${escapeAttribute(BASE_URL)}/packs/js/sdk.js"></script>
<script${attr}>window.chatwootSDK.run(${config});</script>
${snippet}
</body></html>
`;
}

function respond(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  switch (url.pathname) {
    case '/login': {
      const { identifier, fields } = userFrom(url.searchParams);
      // The session: the user's query in a cookie (a real app keeps a signed session).
      const session = `session=${encodeURIComponent(url.search.slice(1))}; Path=/; HttpOnly; SameSite=Lax`;
      return respond(res, 200, 'text/html; charset=utf-8', page('Signed in', key.setUserScript(identifier, fields)), {
        'Set-Cookie': session,
      });
    }
    case '/page': {
      const cookie = (req.headers.cookie || '').split(/;\s*/).find((c) => c.startsWith('session='));
      if (!cookie || cookie === 'session=') return respond(res, 401, 'text/plain; charset=utf-8', 'not signed in\n');
      const { identifier, fields } = userFrom(new URLSearchParams(decodeURIComponent(cookie.slice(8))));
      return respond(res, 200, 'text/html; charset=utf-8', page('Signed in', key.setUserScript(identifier, fields)));
    }
    case '/csp-login': {
      const { identifier, fields } = userFrom(url.searchParams);
      const nonce = crypto.randomBytes(16).toString('base64url');
      const snippet = key.setUserScript(identifier, fields, { nonce });
      return respond(res, 200, 'text/html; charset=utf-8', page('Signed in', snippet, nonce), {
        'Content-Security-Policy': `script-src 'nonce-${nonce}'`,
      });
    }
    case '/logout':
      return respond(res, 200, 'text/html; charset=utf-8', page('Signed out', resetScript()), {
        'Set-Cookie': 'session=; Path=/; Max-Age=0',
      });
    case '/payload': {
      const { identifier, fields } = userFrom(url.searchParams);
      return respond(res, 200, 'application/json', key.setUserPayload(identifier, fields));
    }
    default:
      return respond(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  }
}

const server = http.createServer((req, res) => {
  try {
    handle(req, res);
  } catch (err) {
    // The library's errors (and a TypeError or a bad integer) say what is wrong with the user, never the secret.
    if (err instanceof ChatwootIdentityError || err instanceof TypeError || err instanceof SyntaxError || err instanceof RangeError) {
      respond(res, 400, 'text/plain; charset=utf-8', `${err.name}: ${err.message}\n`);
    } else {
      console.error(err);
      respond(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
    }
  }
});

server.listen(PORT, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${PORT}`));
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  key.close();
});
