'use strict';
// chatwoot-identity/express: middleware that puts Chatwoot's widget in res.locals for every
// view: the loader, window.chatwootSDK.run and, for a signed-in user, the verified setUser
// (the library's renderer), with helmet's res.locals.cspNonce when there is one. Express itself
// is never required: the middleware is a plain (req, res, next) function.

const { IdentityKey, resetScript } = require('./index');

// Remembers in the browser which user the widget was last signed in as (a hash prefix, never
// the identifier), so the first page after a logout or a switch of user resets the widget
// whatever ended the session (req.logout, session.destroy, an expired session).
const COOKIE = 'chatwoot_identity';

/** JSON for inside a <script>: no `</script>`, no `<!--`, no line separators that end JS strings. */
function scriptJson(value) {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function escapeAttribute(text) {
  return String(text).replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]);
}

/**
 * The default user mapping, from req.user (passport's convention): id (or _id) as the
 * identifier, and name, email, avatar and phone under their usual names. Returns null for a
 * visitor who is not signed in.
 */
function defaultUser(req) {
  const user = req.user;
  if (!user || typeof user !== 'object') return null;
  const identifier = user.id ?? user._id;
  if (identifier === undefined || identifier === null) return null;
  const first = (list) => (Array.isArray(list) && list[0] && typeof list[0].value === 'string' ? list[0].value : undefined);
  const fields = {
    name: user.name ?? user.displayName ?? user.username,
    email: user.email ?? first(user.emails),
    avatar_url: user.avatar_url ?? user.avatarUrl ?? first(user.photos),
    phone_number: user.phone_number ?? user.phone,
    company_name: user.company_name,
  };
  for (const name of Object.keys(fields)) if (typeof fields[name] !== 'string' || fields[name] === '') delete fields[name];
  // Mongo's ObjectId and other id objects: their string form, as Chatwoot stores it.
  const id = typeof identifier === 'object' ? String(identifier) : identifier;
  return { identifier: id, fields };
}

/** The inboxes of the options: { name: { websiteToken, hmacToken } }, with 'default' for the flat form. */
function readInboxes(options) {
  const inboxes = options.inboxes || { default: { websiteToken: options.websiteToken, hmacToken: options.hmacToken } };
  const out = new Map();
  for (const [name, inbox] of Object.entries(inboxes)) {
    if (!inbox || typeof inbox.websiteToken !== 'string' || inbox.websiteToken === '') {
      throw new TypeError(`chatwoot(): inbox ${name} needs a websiteToken`);
    }
    if (typeof inbox.hmacToken !== 'string' && !(inbox.hmacToken instanceof Uint8Array)) {
      throw new TypeError(`chatwoot(): inbox ${name} needs its hmacToken (the inbox's HMAC token, e.g. from process.env)`);
    }
    // The key holds the secret from here on; the options object keeps no reference we use.
    out.set(name, { websiteToken: inbox.websiteToken, settings: inbox.settings, key: new IdentityKey(inbox.hmacToken) });
  }
  return out;
}

function readCookie(req, name) {
  const header = req.headers && req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

function setCookie(res, name, value, maxAge) {
  const cookie = `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax`;
  const previous = res.getHeader('Set-Cookie');
  const list = previous === undefined ? [] : [].concat(previous).filter((c) => !String(c).startsWith(`${name}=`));
  res.setHeader('Set-Cookie', [...list, cookie]);
}

/**
 * The middleware. Options:
 *   baseUrl        your Chatwoot's URL, e.g. https://app.chatwoot.com
 *   websiteToken   the inbox's website token; hmacToken: its HMAC token (from the environment
 *                  or a secret store; kept only inside an IdentityKey, never logged)
 *   inboxes        instead of the two above: { name: { websiteToken, hmacToken, settings? } },
 *                  picked per call with widget({ inbox: name }) (the first one by default)
 *   settings       window.chatwootSettings (locale, position, type, launcherTitle, darkMode, ...)
 *   user(req)      the signed-in user as { identifier, fields: { name, email, ... } } or null;
 *                  the default reads req.user (passport): id, name/displayName, email, ...
 * Sets res.locals.chatwoot = { widget(options?), payload(options?), logout() } and
 * res.locals.chatwootWidget (the default inbox's widget, rendered when a view reads it).
 */
function chatwoot(options = {}) {
  if (typeof options.baseUrl !== 'string' || !/^https?:\/\//.test(options.baseUrl)) {
    throw new TypeError('chatwoot(): baseUrl must be your Chatwoot URL, e.g. https://app.chatwoot.com');
  }
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const inboxes = readInboxes(options);
  const firstInbox = inboxes.keys().next().value;
  const mapUser = options.user || defaultUser;
  const defaultSettings = options.settings; // nothing else of `options` (the tokens) is kept

  function inboxOf(name = firstInbox) {
    const inbox = inboxes.get(name);
    if (!inbox) throw new TypeError(`chatwoot: no inbox named ${JSON.stringify(name)} (configured: ${[...inboxes.keys()].join(', ')})`);
    return inbox;
  }

  return function chatwootMiddleware(req, res, next) {
    let user; // read once per request, when a view first asks
    const currentUser = () => (user === undefined ? (user = mapUser(req) || null) : user);
    let loggedOut = false;

    function widget({ inbox: name } = {}) {
      const inbox = inboxOf(name);
      const nonce = typeof res.locals.cspNonce === 'string' && res.locals.cspNonce !== '' ? res.locals.cspNonce : null;
      const attr = nonce ? ` nonce="${escapeAttribute(nonce)}"` : '';
      const parts = [];
      const settings = inbox.settings || defaultSettings;
      if (settings) parts.push(`<script${attr}>window.chatwootSettings = ${scriptJson(settings)};</script>`);
      parts.push(`<script${attr} src="${escapeAttribute(baseUrl)}/packs/js/sdk.js"></script>`);
      parts.push(`<script${attr}>window.chatwootSDK.run(${scriptJson({ websiteToken: inbox.websiteToken, baseUrl })});</script>`);
      const signedIn = loggedOut ? null : currentUser();
      const cookie = `${COOKIE}_${inbox.websiteToken}`;
      const seen = readCookie(req, cookie);
      const scriptOptions = nonce ? { nonce } : undefined;
      if (signedIn) {
        const tag = inbox.key.identifierHash(signedIn.identifier).slice(0, 16);
        // Another user than the widget last knew on this browser: forget that one first.
        if (seen && seen !== tag) parts.push(resetScript(scriptOptions));
        parts.push(inbox.key.setUserScript(signedIn.identifier, signedIn.fields || {}, scriptOptions));
        if (seen !== tag && !res.headersSent) setCookie(res, cookie, tag, 365 * 24 * 3600);
      } else if (seen || loggedOut) {
        parts.push(resetScript(scriptOptions));
        if (!res.headersSent) setCookie(res, cookie, '', 0);
      }
      return parts.join('\n');
    }

    /** The JSON text for a single-page app: { identifier, identifier_hash, ...fields }; null when signed out. */
    function payload({ inbox: name } = {}) {
      const signedIn = currentUser();
      return signedIn ? inboxOf(name).key.setUserPayload(signedIn.identifier, signedIn.fields || {}) : null;
    }

    res.locals.chatwoot = {
      widget,
      payload,
      /** This response's widget resets Chatwoot's widget even if req.user is still set. */
      logout() {
        loggedOut = true;
      },
    };
    // A getter, so the widget is rendered when res.render merges the locals: after the route
    // signed the user in or out. Enumerable, or Express would not copy it into the view.
    Object.defineProperty(res.locals, 'chatwootWidget', { get: () => widget(), enumerable: true, configurable: true });
    next();
  };
}

/**
 * Ends the session through passport when it is there (req.logout), and resets the widget on
 * the page this response renders (and, through the cookie, on the next one in any case).
 * Call it from your logout route: logout(req, res, (err) => ...).
 */
function logout(req, res, callback = () => {}) {
  if (res.locals.chatwoot) res.locals.chatwoot.logout();
  if (typeof req.logout === 'function') return req.logout(callback);
  return callback();
}

/** A route handler for SPAs: 200 with the payload JSON, 401 {"error": ...} when signed out. */
function payloadRoute({ inbox } = {}) {
  return function chatwootPayload(req, res, next) {
    try {
      const body = res.locals.chatwoot.payload({ inbox });
      res.setHeader('Cache-Control', 'no-store');
      if (body === null) {
        res.statusCode = 401;
        res.setHeader('Content-Type', 'application/json');
        return res.end('{"error":"not signed in"}');
      }
      res.setHeader('Content-Type', 'application/json');
      return res.end(body);
    } catch (err) {
      return next(err);
    }
  };
}

module.exports = { chatwoot, logout, payloadRoute, defaultUser };
