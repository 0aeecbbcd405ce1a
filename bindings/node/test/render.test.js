'use strict';
// setUserScript / setUserPayload / resetScript: the hostile users of the browser test, the
// output parsed back with JSON.parse and checked against crypto.createHmac, one typed error per
// bad input class, and fields read once as plain data.

const test = require('node:test');
const assert = require('node:assert/strict');
const cw = require('chatwoot-identity');
const { nodeHmac } = require('./helpers');

const SECRET = 'your-secret-token-for-hmac';
const key = new cw.IdentityKey(SECRET);
test.after(() => key.close());

const BREAKOUT = '</script><script>window.__pwned=1</script>';
const USERS = [
  { identifier: BREAKOUT, text: BREAKOUT, fields: { name: BREAKOUT, email: 'x@example.com' } },
  { identifier: `O'Brien "quoted" & <b>`, text: `O'Brien "quoted" & <b>`, fields: { name: `O'Brien & "Sons" <b>`, email: `o'brien@example.com` } },
  { identifier: 'line\u2028sep\u2029para', text: 'line\u2028sep\u2029para', fields: { name: 'a\u2028b\u2029c' } },
  { identifier: 'emoji-😀-𝄞', text: 'emoji-😀-𝄞', fields: { name: '𝒥𝒮 😀', city: 'Zürich' } },
  { identifier: 9007199254740993n, text: '9007199254740993', fields: { email: 'big@example.com' } },
  { identifier: 42, text: '42', fields: { name: 'Ada', custom_attributes: { plan: 'pro', seats: 3, ratio: 0.5, trial: false } } },
  { identifier: Buffer.from('bytes-é'), text: 'bytes-é', fields: { avatar_url: 'https://example.com/a.png?x=1&y=<2>' } },
  { identifier: 'all-fields', text: 'all-fields', fields: { name: 'N', email: 'e@example.com', avatar_url: 'https://a/b', phone_number: '+15555550100', description: 'd', company_name: 'c', country_code: 'DE', city: 'Berlin', custom_attributes: { a: 1 } } },
];

/** The identifier and user objects of a set-user script, parsed back with JSON.parse. */
function parseScript(script) {
  const m = script.match(/^<script(?: nonce="([^"]*)")?>\(function \(w\) \{ var identifier = (".*?"), user = (\{.*?\}); function run\(\)/s);
  assert.ok(m, `unexpected script shape: ${script.slice(0, 120)}`);
  for (const json of [m[2], m[3]]) assert.doesNotMatch(json, /[<>&'\u2028\u2029]/, 'JSON values escape < > & \' U+2028 U+2029');
  return { nonce: m[1], identifier: JSON.parse(m[2]), user: JSON.parse(m[3]) };
}

/** What the library promises about any script: one script element, nothing that can close it early. */
function assertSafeInHtml(script) {
  const inner = script.slice(script.indexOf('>') + 1, script.lastIndexOf('</script>'));
  assert.ok(script.endsWith('</script>'));
  assert.ok(!inner.includes('<'), 'a raw < inside the script');
  assert.ok(!inner.includes('\u2028') && !inner.includes('\u2029'), 'a raw U+2028/U+2029');
  assert.ok(!script.includes('\0'));
}

for (const user of USERS) {
  test(`setUserScript and setUserPayload for ${JSON.stringify(user.text)}`, () => {
    const hash = nodeHmac(SECRET, user.text);
    const script = key.setUserScript(user.identifier, user.fields);
    assertSafeInHtml(script);
    const parsed = parseScript(script);
    assert.equal(parsed.nonce, undefined);
    assert.equal(parsed.identifier, user.text); // always a string, byte for byte
    assert.deepEqual(parsed.user, { identifier_hash: hash, ...user.fields });

    const payload = JSON.parse(key.setUserPayload(user.identifier, user.fields));
    assert.deepEqual(payload, { identifier: user.text, identifier_hash: hash, ...user.fields });
    assert.equal(typeof payload.identifier, 'string');
    assert.equal(payload.identifier_hash, key.identifierHash(user.identifier));
  });
}

test('9007199254740993 as a bigint is emitted as its exact digits; as a number it is a TypeError', () => {
  const payload = JSON.parse(key.setUserPayload(9007199254740993n, { name: 'n' }));
  assert.equal(payload.identifier, '9007199254740993');
  assert.equal(payload.identifier_hash, nodeHmac(SECRET, '9007199254740993'));
  // The literal below is already 9007199254740992 at run time: refuse rather than sign the wrong user.
  // eslint-disable-next-line no-loss-of-precision
  assert.throws(() => key.setUserScript(9007199254740993, { name: 'n' }), { name: 'TypeError', message: /safe integer/ });
  assert.equal(parseScript(key.setUserScript(Number.MAX_SAFE_INTEGER, { name: 'n' })).identifier, '9007199254740991');
  assert.equal(parseScript(key.setUserScript(-7, { name: 'n' })).identifier, '-7');
});

test('a nonce goes on the script; reset scripts with and without one', () => {
  const script = key.setUserScript('u', { name: 'n' }, { nonce: 'rAnd0m+/=-_' });
  assertSafeInHtml(script);
  assert.equal(parseScript(script).nonce, 'rAnd0m+/=-_');
  assert.equal(parseScript(key.setUserScript('u', { name: 'n' }, {})).nonce, undefined);
  assert.equal(parseScript(key.setUserScript('u', { name: 'n' }, { nonce: null })).nonce, undefined);
  assert.equal(parseScript(key.setUserScript('u', { name: 'n' }, { nonce: '' })).nonce, undefined);

  for (const reset of [cw.resetScript(), cw.resetScript({ nonce: 'abc' }), cw.resetScript({})]) {
    assertSafeInHtml(reset);
    assert.match(reset, /w\.\$chatwoot\.reset\(\)/);
    assert.match(reset, /chatwoot:ready/);
  }
  assert.match(cw.resetScript({ nonce: 'abc' }), /^<script nonce="abc">/);
  assert.match(cw.resetScript(), /^<script>/);
});

test('a long user takes the library\'s size protocol (a second call with the size it asks for)', () => {
  const long = 'é'.repeat(30000);
  const payload = JSON.parse(key.setUserPayload(long, { name: long, custom_attributes: { note: '<'.repeat(5000) } }));
  assert.equal(payload.identifier, long);
  assert.equal(payload.name, long);
  assert.equal(payload.custom_attributes.note, '<'.repeat(5000));
  assert.equal(payload.identifier_hash, nodeHmac(SECRET, long));
  assert.equal(parseScript(key.setUserScript(long, { name: 'n' })).identifier, long);
});

test('bad identifiers: TypeError for the wrong type, typed library errors for bad values', () => {
  for (const bad of [1.5, NaN, Infinity, 2 ** 53, true, false, null, undefined, {}, [], Symbol('s'), () => 1]) {
    assert.throws(() => key.setUserScript(bad, { name: 'n' }), TypeError, String(typeof bad));
    assert.throws(() => key.setUserPayload(bad, { name: 'n' }), TypeError, String(typeof bad));
  }
  assert.throws(() => key.setUserScript('', { name: 'n' }), cw.EmptyIdentifierError);
  assert.throws(() => key.setUserPayload(Buffer.alloc(0), { name: 'n' }), cw.EmptyIdentifierError);
  // Bytes are the page's text only when they are UTF-8.
  for (const bytes of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0x61, 0x80]]) {
    assert.throws(() => key.setUserScript(Buffer.from(bytes), { name: 'n' }), (err) => err instanceof cw.InvalidIdentifierError && err.code === 'INVALID_IDENTIFIER' && err.status === cw.STATUS.INVALID_IDENTIFIER);
  }
});

test('a lone surrogate anywhere (identifier, field, field name, nonce) is a TypeError', () => {
  assert.throws(() => key.setUserScript('a\uD800', { name: 'n' }), { name: 'TypeError', message: /^identifier is not well-formed Unicode/ });
  assert.throws(() => key.setUserPayload('ok', { name: '\uDC00x' }), { name: 'TypeError', message: /^fields\.name is not well-formed Unicode/ });
  assert.throws(() => key.setUserPayload('ok', { name: 'n', custom_attributes: { ['k\uD800']: 1 } }), { name: 'TypeError', message: /not well-formed Unicode/ });
  assert.throws(() => key.setUserScript('ok', { name: 'n' }, { nonce: 'a\uD800' }), { name: 'TypeError', message: /^nonce is not well-formed Unicode/ });
  assert.throws(() => cw.resetScript({ nonce: '\uDFFF' }), TypeError);
});

test('bad fields: one typed error per class the library refuses', () => {
  const cases = [
    [{}, cw.MissingContactFieldError, 'MISSING_CONTACT_FIELD'],
    [undefined, cw.MissingContactFieldError, 'MISSING_CONTACT_FIELD'],
    [null, cw.MissingContactFieldError, 'MISSING_CONTACT_FIELD'],
    [{ name: '' }, cw.MissingContactFieldError, 'MISSING_CONTACT_FIELD'],
    [{ name: null, phone_number: '+1' }, cw.MissingContactFieldError, 'MISSING_CONTACT_FIELD'],
    [{ name: 'n', identifier_hash: 'forged' }, cw.UnknownFieldError, 'UNKNOWN_FIELD'],
    [{ name: 'n', identifier: 'other' }, cw.UnknownFieldError, 'UNKNOWN_FIELD'],
    [{ name: 'n', isAdmin: true }, cw.UnknownFieldError, 'UNKNOWN_FIELD'],
    [{ name: 42 }, cw.InvalidFieldValueError, 'INVALID_FIELD_VALUE'],
    [{ name: 'n', email: ['a@b'] }, cw.InvalidFieldValueError, 'INVALID_FIELD_VALUE'],
    [{ name: 'n', custom_attributes: { deep: { x: 1 } } }, cw.InvalidFieldValueError, 'INVALID_FIELD_VALUE'],
    [{ name: 'n', custom_attributes: 'plan=pro' }, cw.InvalidFieldValueError, 'INVALID_FIELD_VALUE'],
  ];
  for (const [fields, Class, code] of cases) {
    for (const call of [() => key.setUserScript('u', fields), () => key.setUserPayload('u', fields)]) {
      assert.throws(call, (err) => {
        assert.ok(err instanceof Class, `${JSON.stringify(fields)}: ${err.name}`);
        assert.equal(err.code, code);
        assert.equal(err.status, cw.STATUS[code]);
        return true;
      });
    }
  }
  // A field set to undefined is left out, as JSON.stringify does; null means not set.
  assert.deepEqual(JSON.parse(key.setUserPayload('u', { name: 'n', email: undefined, city: null })), {
    identifier: 'u',
    identifier_hash: nodeHmac(SECRET, 'u'),
    name: 'n',
  });
});

test('fields the package refuses before the library: not plain data', () => {
  class User {
    constructor() {
      this.name = 'n';
    }
  }
  const cases = [
    ['a string', 'name=n', /^fields must be a plain object/],
    ['an array', [['name', 'n']], /^fields must be a plain object/],
    ['a class instance', new User(), /^fields must be a plain object/],
    ['a Map', new Map([['name', 'n']]), /^fields must be a plain object/],
    ['a Date value', { name: 'n', description: new Date(0) }, /^fields\.description must be a plain object/],
    ['NaN', { name: 'n', custom_attributes: { score: NaN } }, /^fields\.custom_attributes\.score must be a finite number/],
    ['Infinity', { name: 'n', custom_attributes: { score: Infinity } }, /finite number/],
    ['a bigint', { name: 'n', custom_attributes: { id: 1n } }, /^fields\.custom_attributes\.id must be a string, number, boolean/],
    ['a function', { name: () => 'n' }, /^fields\.name must be/],
    ['a symbol', { name: Symbol('n') }, /^fields\.name must be/],
  ];
  for (const [what, fields, message] of cases) {
    assert.throws(() => key.setUserPayload('u', fields), { name: 'TypeError', message }, what);
  }
  const cyclic = { name: 'n', custom_attributes: {} };
  cyclic.custom_attributes.self = cyclic;
  assert.throws(() => key.setUserPayload('u', cyclic), { name: 'TypeError', message: /nested too deeply/ });
});

test('getters and toJSON are never run: a getter is refused, toJSON is just a (refused) field name', () => {
  let ran = 0;
  const withGetter = { email: 'e@example.com', get name() { ran += 1; return 'n'; } };
  assert.throws(() => key.setUserScript('u', withGetter), { name: 'TypeError', message: /^fields\.name is a getter or setter/ });
  const withToJSON = { name: 'n', toJSON() { ran += 1; return { name: 'forged', identifier_hash: 'x' }; } };
  assert.throws(() => key.setUserScript('u', withToJSON), TypeError); // a function value
  const inherited = Object.create({ name: 'from the prototype' });
  assert.throws(() => key.setUserPayload('u', inherited), { name: 'TypeError', message: /plain object/ });
  assert.equal(ran, 0);
  // A polluted prototype's toJSON is not consulted either: the package serialises its own copy.
  Object.prototype.toJSON = () => ({ name: 'forged' }); // eslint-disable-line no-extend-native
  try {
    assert.equal(JSON.parse(key.setUserPayload('u', { name: 'real' })).name, 'real');
  } finally {
    delete Object.prototype.toJSON;
  }
  // Non-enumerable and symbol-keyed properties are not fields.
  const hidden = { name: 'n' };
  Object.defineProperty(hidden, 'secret_note', { value: 'x', enumerable: false });
  hidden[Symbol('s')] = 'y';
  assert.deepEqual(Object.keys(JSON.parse(key.setUserPayload('u', hidden))), ['identifier', 'identifier_hash', 'name']);
  // A null-prototype object is plain data too.
  const bare = Object.assign(Object.create(null), { email: 'e@example.com' });
  assert.equal(JSON.parse(key.setUserPayload('u', bare)).email, 'e@example.com');
});

test('a Proxy as fields is read once: each trap once per property, and its answers kept', () => {
  const calls = [];
  const target = { name: 'first', email: 'e@example.com' };
  const fields = new Proxy(target, {
    ownKeys(t) {
      calls.push('ownKeys');
      return Reflect.ownKeys(t);
    },
    getOwnPropertyDescriptor(t, k) {
      calls.push(`gopd:${String(k)}`);
      const d = Reflect.getOwnPropertyDescriptor(t, k);
      t.name = 'changed-after-read';
      return d;
    },
    get() {
      calls.push('get');
      throw new Error('the package must not [[Get]] a field');
    },
  });
  const payload = JSON.parse(key.setUserPayload('u', fields));
  assert.equal(payload.name, 'first');
  assert.deepEqual(calls, ['ownKeys', 'gopd:name', 'gopd:email']);
});

test('the identifier is copied before the fields are read (a trap that rewrites its bytes changes nothing)', () => {
  const id = Buffer.from('original-id');
  const fields = new Proxy({ name: 'n' }, {
    ownKeys(t) {
      id.fill(0x7a);
      return Reflect.ownKeys(t);
    },
  });
  const payload = JSON.parse(key.setUserPayload(id, fields));
  assert.equal(payload.identifier, 'original-id');
  assert.equal(payload.identifier_hash, nodeHmac(SECRET, 'original-id'));
});

test('a fields trap or a nonce getter that closes the key: KeyClosedError, never a freed key', () => {
  for (const render of ['setUserScript', 'setUserPayload']) {
    const doomed = new cw.IdentityKey(SECRET);
    const fields = new Proxy({ name: 'n' }, {
      ownKeys(t) {
        doomed.close();
        new cw.IdentityKey('another-secret').close(); // reuse the freed memory if anything could
        return Reflect.ownKeys(t);
      },
    });
    assert.throws(() => doomed[render]('u', fields), (err) => err instanceof cw.KeyClosedError && err.status === null);
  }
  const doomed = new cw.IdentityKey(SECRET);
  const options = { get nonce() { doomed.close(); return 'abc'; } };
  assert.throws(() => doomed.setUserScript('u', { name: 'n' }, options), cw.KeyClosedError);
});

test('a trap that renders and hashes mid-call does not change the outer answer', () => {
  const fields = new Proxy({ name: 'outer', email: 'outer@example.com' }, {
    ownKeys(t) {
      key.setUserScript('inner-'.repeat(2000), { name: 'inner' }, { nonce: 'n1' });
      key.setUserPayload(7n, { email: 'inner@example.com' });
      cw.resetScript({ nonce: 'n2' });
      key.identifierHash('inner');
      return Reflect.ownKeys(t);
    },
  });
  const parsed = parseScript(key.setUserScript('outer-id', fields, { nonce: 'outer' }));
  assert.equal(parsed.nonce, 'outer');
  assert.equal(parsed.identifier, 'outer-id');
  assert.deepEqual(parsed.user, { identifier_hash: nodeHmac(SECRET, 'outer-id'), name: 'outer', email: 'outer@example.com' });
});

test('bad options and nonces', () => {
  assert.throws(() => key.setUserScript('u', { name: 'n' }, { nonce: 'a"b' }), (err) => err instanceof cw.InvalidNonceError && err.code === 'INVALID_NONCE');
  assert.throws(() => key.setUserScript('u', { name: 'n' }, { nonce: 'a b' }), cw.InvalidNonceError);
  assert.throws(() => cw.resetScript({ nonce: '<script>' }), cw.InvalidNonceError);
  assert.throws(() => key.setUserScript('u', { name: 'n' }, { nonce: 123 }), { name: 'TypeError', message: /^nonce must be a string/ });
  assert.throws(() => key.setUserScript('u', { name: 'n' }, 'abc'), { name: 'TypeError', message: /^options must be an object/ });
  assert.throws(() => cw.resetScript('abc'), TypeError);
});

test('the ESM entry point exports the render API', async () => {
  const esm = await import('chatwoot-identity');
  assert.equal(esm.resetScript, cw.resetScript);
  assert.equal(esm.InvalidNonceError, cw.InvalidNonceError);
  assert.equal(esm.MissingContactFieldError, cw.MissingContactFieldError);
  assert.equal(typeof esm.IdentityKey.prototype.setUserScript, 'function');
});
