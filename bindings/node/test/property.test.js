'use strict';
// Property suite (fast-check): random and hostile values through every entry point, compared
// with crypto.createHmac. Strings of any UTF-16 code units (lone surrogates included), bytes as
// Buffers, offset views, lying subclasses and own properties, resizable buffers, numbers and
// bigints; batches as arrays, Sets, generators and getter arrays whose caller code re-enters the
// package, closes the key or overwrites bytes already read.
// Brief in `make test`; `FUZZ_SECONDS=N make fuzz` runs the same properties for N seconds.
// A failure prints its seed and path; FC_SEED=<seed> replays it.

const test = require('node:test');
const assert = require('node:assert/strict');
const fc = require('fast-check');
const cw = require('chatwoot-identity');
const { nodeHmac, invisibleEdge, INVISIBLES } = require('./helpers');

const PROPERTIES = 6;
const FUZZ_MS = Number(process.env.FUZZ_SECONDS || 0) * 1000;

/** fast-check settings: a fixed number of runs in `make test`, a time budget under `make fuzz`. */
function settings(runs) {
  const seed = process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED) };
  if (FUZZ_MS > 0) {
    return { ...seed, numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: FUZZ_MS / PROPERTIES, markInterruptAsFailure: false };
  }
  return { ...seed, numRuns: runs };
}

// ---- values: what is hashed (a model), and how the caller passes it (a shape) ----

const codeUnitString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  codeUnitString,
  fc.constantFrom('', ' x', 'x\n', 'a\ud800', '\udfff', '\ud83d\ude00'),
);
const bytes = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 3000, maxLength: 5000 }));
const byteShape = fc.record({
  kind: fc.constantFrom('buffer', 'offsetView', 'lyingSubclass', 'lyingOwnProperty', 'resizable', 'poolSlice'),
  before: fc.nat(32),
  after: fc.nat(32),
  lie: fc.oneof(fc.constant(2 ** 40), fc.integer({ min: -4, max: 10_000 })),
});

/** A caller's value: { value, bytes (what must be hashed) } or { value, error: 'type' | 'unicode' }. */
const textCase = text.map((t) => (t.isWellFormed() ? { value: t, bytes: Buffer.from(t) } : { value: t, error: 'unicode' }));
const bytesCase = fc.tuple(bytes, byteShape).map(([b, shape]) => ({ value: wrapBytes(b, shape), bytes: Buffer.from(b) }));
const numberCase = fc.oneof(
  fc.maxSafeInteger().map((n) => ({ value: n, bytes: Buffer.from(String(n)) })),
  fc.bigInt().map((n) => ({ value: n, bytes: Buffer.from(String(n)) })),
  fc.constantFrom(1.5, NaN, Infinity, 2 ** 53, -0.25).map((n) => ({ value: n, error: 'type' })),
);
const wrongTypeCase = fc.constantFrom(null, undefined, true, {}, [], new Uint16Array(2), new DataView(new ArrayBuffer(2))).map((value) => ({ value, error: 'type' }));
const identifierCase = fc.oneof({ weight: 4, arbitrary: textCase }, { weight: 4, arbitrary: bytesCase }, numberCase, wrongTypeCase);
// A secret pasted with an invisible character (a byte-order mark, a no-break space) at an end.
const invisibleCase = fc.tuple(fc.constantFrom(...INVISIBLES), fc.string({ maxLength: 40 }), fc.boolean())
  .map(([mark, t, lead]) => (lead ? mark + t : t + mark))
  .map((t) => (t.isWellFormed() ? { value: t, bytes: Buffer.from(t) } : { value: t, error: 'unicode' }));
const secretCase = fc.oneof({ weight: 4, arbitrary: textCase }, { weight: 3, arbitrary: bytesCase }, invisibleCase, wrongTypeCase);

/** The bytes `b` as the caller might hand them over: every shape must hash exactly `b`. */
function wrapBytes(b, { kind, before, after, lie }) {
  const inside = () => {
    const backing = new Uint8Array(before + b.length + after).fill(0xa5);
    backing.set(b, before);
    return new Uint8Array(backing.buffer, before, b.length);
  };
  switch (kind) {
    case 'buffer':
      return Buffer.from(b);
    case 'offsetView':
      return inside();
    case 'lyingSubclass': {
      class Lying extends Uint8Array {
        get byteLength() {
          return lie;
        }

        get length() {
          return lie;
        }

        get byteOffset() {
          return lie;
        }
      }
      const view = inside();
      return new Lying(view.buffer, view.byteOffset, view.length);
    }
    case 'lyingOwnProperty': {
      const view = inside();
      Object.defineProperty(view, 'byteLength', { value: lie });
      Object.defineProperty(view, 'length', { value: lie });
      return view;
    }
    case 'resizable': {
      const buffer = new ArrayBuffer(before + b.length, { maxByteLength: before + b.length + after + 1 });
      const view = new Uint8Array(buffer, before); // length-tracking
      view.set(b);
      return view;
    }
    case 'poolSlice':
      return Buffer.concat([Buffer.alloc(before, 1), Buffer.from(b), Buffer.alloc(after, 2)]).subarray(before, before + b.length);
    default:
      throw new Error(kind);
  }
}

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The error class a secret gets (null when it is a usable secret). */
function secretProblem(secret) {
  if (secret.error) return TypeError;
  if (secret.bytes.length === 0) return cw.EmptySecretError;
  if (SPACE.has(secret.bytes[0]) || SPACE.has(secret.bytes[secret.bytes.length - 1])) return cw.SecretWhitespaceError;
  if (invisibleEdge(secret.bytes)) return cw.SecretInvisibleError;
  return null;
}

/** The error class an identifier gets (null when it is hashable). */
function identifierProblem(identifier) {
  if (identifier.error) return TypeError;
  return identifier.bytes.length === 0 ? cw.EmptyIdentifierError : null;
}

function throwsClass(call, Class) {
  assert.throws(call, (err) => {
    assert.equal(err.constructor, Class, `${err.name}: ${err.message}`);
    return true;
  });
}

// ---- properties ----

test('property: identifierHash, IdentityKey and verify agree with createHmac for any value and shape', () => {
  fc.assert(
    fc.property(secretCase, identifierCase, (secret, identifier) => {
      const secretError = secretProblem(secret);
      // Type and Unicode errors of the secret come first, then the identifier's, then the library's.
      const oneShotError = secret.error ? TypeError : identifier.error ? TypeError : secretError || identifierProblem(identifier);
      if (oneShotError) {
        throwsClass(() => cw.identifierHash(secret.value, identifier.value), oneShotError);
      } else {
        assert.equal(cw.identifierHash(secret.value, identifier.value), nodeHmac(secret.bytes, identifier.bytes));
      }
      if (secretError) {
        throwsClass(() => new cw.IdentityKey(secret.value), secretError);
        return;
      }
      const key = new cw.IdentityKey(secret.value);
      try {
        const keyError = identifierProblem(identifier);
        if (keyError) {
          throwsClass(() => key.identifierHash(identifier.value), keyError);
          if (identifier.error !== 'type') assert.equal(key.verify(identifier.value, 'a'.repeat(64)), false);
        } else {
          const expected = nodeHmac(secret.bytes, identifier.bytes);
          assert.equal(key.identifierHash(identifier.value), expected);
          assert.equal(key.verify(identifier.value, expected), true);
          assert.equal(cw.verify(secret.value, identifier.value, expected), true);
        }
      } finally {
        key.close();
      }
    }),
    settings(400),
  );
});

test('property: verify is true only for the exact lowercase hash, in any shape; false for every variant', () => {
  const usableSecret = secretCase.filter((s) => secretProblem(s) === null);
  const usableIdentifier = identifierCase.filter((i) => identifierProblem(i) === null);
  const variant = fc.constantFrom('upper', 'space', 'newline', 'truncate', 'flip', 'bytes', 'lyingBytes', 'surrogate', 'other');
  fc.assert(
    fc.property(usableSecret, usableIdentifier, variant, fc.nat(63), (secret, identifier, how, at) => {
      const right = nodeHmac(secret.bytes, identifier.bytes);
      const flipped = right.slice(0, at) + (right[at] === '0' ? '1' : '0') + right.slice(at + 1);
      const variants = {
        upper: [right.toUpperCase(), right.toUpperCase() === right],
        space: [` ${right}`, false],
        newline: [`${right}\n`, false],
        truncate: [right.slice(0, at), false],
        flip: [flipped, false],
        bytes: [Buffer.from(right), true],
        lyingBytes: [wrapBytes(Buffer.from(right), { kind: 'lyingOwnProperty', before: 3, after: 3, lie: 2 ** 40 }), true],
        surrogate: [`${right.slice(0, at)}\ud800${right.slice(at + 1)}`, false],
        other: [{ toString: () => right }, false],
      };
      const [hash, expected] = variants[how];
      assert.equal(cw.verify(secret.value, identifier.value, hash), expected);
      const key = new cw.IdentityKey(secret.value);
      try {
        assert.equal(key.verify(identifier.value, hash), expected);
      } finally {
        key.close();
      }
    }),
    settings(300),
  );
});

test('property: explain says match for the right hash and uppercase_hex for it in capitals', () => {
  const usableSecret = secretCase.filter((s) => secretProblem(s) === null);
  const usableIdentifier = identifierCase.filter((i) => identifierProblem(i) === null);
  fc.assert(
    fc.property(usableSecret, usableIdentifier, (secret, identifier) => {
      const right = nodeHmac(secret.bytes, identifier.bytes);
      assert.equal(cw.explain(secret.value, identifier.value, right).verdict, 'match');
      if (/[a-f]/.test(right)) assert.equal(cw.explain(secret.value, identifier.value, right.toUpperCase()).verdict, 'uppercase_hex');
    }),
    settings(150),
  );
});

// ---- rendering: any well-formed text stays text, byte for byte, and never leaves the script ----

const pageText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('<', '>', '&', "'", '"', '/', '\\', '\u2028', '\u2029', '\0', '\n', '😀', 's', 'c', 'r', 'i', 'p', 't', '!', '-'), maxLength: 60 }),
  fc.constantFrom('</script>', '</SCRIPT ', '<!--', '<script>', ']]>', '\u2028'),
);
const renderCase = fc.record({
  identifier: fc.oneof(
    pageText.filter((t) => t.length > 0).map((t) => ({ value: t, text: t })),
    fc.bigInt().map((n) => ({ value: n, text: String(n) })),
    fc.maxSafeInteger().map((n) => ({ value: n, text: String(n) })),
    pageText.filter((t) => t.length > 0).map((t) => ({ value: Buffer.from(t), text: t })),
  ),
  fields: fc.record(
    {
      name: pageText.filter((t) => t.length > 0),
      email: pageText,
      city: fc.option(pageText, { nil: null }),
      custom_attributes: fc.dictionary(pageText, fc.oneof(pageText, fc.boolean(), fc.integer(), fc.integer().map((n) => n / 100)), { maxKeys: 4 }),
    },
    { requiredKeys: ['name'] },
  ),
  nonce: fc.option(fc.string({ unit: fc.constantFrom(...'AZaz09+/=-_'), minLength: 1, maxLength: 24 }), { nil: undefined }),
});

test('property: setUserScript and setUserPayload round-trip any text through JSON.parse and never leave the script', () => {
  const key = new cw.IdentityKey('your-secret-token-for-hmac');
  fc.assert(
    fc.property(renderCase, ({ identifier, fields, nonce }) => {
      const hash = nodeHmac('your-secret-token-for-hmac', Buffer.from(identifier.text));
      // JSON.parse(JSON.stringify(...)) is the model: -0 becomes 0, as in any JSON.
      const expected = { identifier: identifier.text, identifier_hash: hash, ...JSON.parse(JSON.stringify(fields)) };
      // Not set: a null field and an empty custom_attributes are left out by the library.
      if (expected.city === null) delete expected.city;
      if (Object.keys(expected.custom_attributes || {}).length === 0) delete expected.custom_attributes;
      assert.deepEqual(JSON.parse(key.setUserPayload(identifier.value, fields)), expected);
      const script = key.setUserScript(identifier.value, fields, { nonce });
      const body = script.slice(0, -'</script>'.length);
      assert.ok(script.endsWith('</script>'));
      assert.ok(!/<\/script/i.test(body) && !body.slice(1).includes('<') && !/[\u2028\u2029]/.test(body));
      const m = /var identifier = (".*?"), user = (\{.*\}); function run/s.exec(body);
      assert.equal(JSON.parse(m[1]), identifier.text);
      const { identifier: _, ...user } = expected;
      assert.deepEqual(JSON.parse(m[2]), user);
    }),
    settings(200),
  );
  key.close();
});

// ---- batches, with caller code running in the middle ----

const action = fc.constantFrom('none', 'none', 'reenter', 'overwrite', 'close');
const batchCase = fc.record({
  items: fc.array(fc.tuple(fc.oneof(textCase.filter((t) => !t.error && t.bytes.length > 0), bytesCase.filter((b) => b.bytes.length > 0), numberCase.filter((n) => !n.error)), action), { maxLength: 40 }),
  container: fc.constantFrom('array', 'getterArray', 'generator', 'set', 'proxy'),
});

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const realGetter = (name) => Object.getOwnPropertyDescriptor(TypedArrayPrototype, name).get;

/** A plain view of the bytes a (possibly lying) view really covers. */
function realBytes(view) {
  const [buffer, offset, length] = ['buffer', 'byteOffset', 'byteLength'].map((name) => Reflect.apply(realGetter(name), view, []));
  return new Uint8Array(buffer, offset, length);
}

/**
 * Caller code run while item i is read: re-entering the package (also on the same key),
 * overwriting the bytes of every view read so far, or closing the key.
 */
function runAction(name, key, views) {
  if (name === 'reenter') {
    cw.identifierHash('other-secret', 'x');
    key.identifierHash('nested');
    key.identifierHashes(['n1', Buffer.from('n2')]);
  } else if (name === 'overwrite') {
    for (const view of views) realBytes(view).fill(0x5a);
  } else if (name === 'close') {
    key.close();
  }
}

function container(kind, values, hook) {
  switch (kind) {
    case 'array':
      return values;
    case 'getterArray': {
      const list = values.slice();
      values.forEach((value, i) => Object.defineProperty(list, i, { get: () => (hook(i), value) }));
      return list;
    }
    case 'generator':
      return (function* generate() {
        for (let i = 0; i < values.length; i++) {
          hook(i);
          yield values[i];
        }
      })();
    case 'set':
      return new Set(values); // equal primitives collapse; the expectation follows the Set
    case 'proxy':
      return new Proxy(values, {
        get(target, name, receiver) {
          if (typeof name === 'string' && /^\d+$/.test(name)) hook(Number(name));
          return Reflect.get(target, name, receiver);
        },
      });
    default:
      throw new Error(kind);
  }
}

test('property: identifierHashes equals createHmac per identifier, whatever caller code does mid-call', () => {
  fc.assert(
    fc.property(batchCase, ({ items, container: kind }) => {
      const key = new cw.IdentityKey('batch-secret');
      try {
        const values = items.map(([item]) => item.value);
        const expectedOf = new Map(items.map(([item]) => [item.value, nodeHmac('batch-secret', item.bytes)]));
        const hooked = kind !== 'array' && kind !== 'set';
        const views = [];
        const seen = new Set();
        let closed = false;
        const hook = (i) => {
          if (seen.has(i)) return;
          seen.add(i);
          const name = items[i][1];
          runAction(name, key, views);
          if (name === 'close') closed = true;
          if (typeof values[i] !== 'string' && ArrayBuffer.isView(values[i])) views.push(values[i]);
        };
        const list = container(kind, values, hooked ? hook : () => {});
        const order = kind === 'set' ? [...new Set(values)] : values;
        if (closed || (hooked && items.some(([, name]) => name === 'close'))) {
          assert.throws(() => key.identifierHashes(list), cw.KeyClosedError);
          return;
        }
        // Expected from the bytes as they were before any caller code ran (copies are taken on read).
        assert.deepEqual(key.identifierHashes(list), order.map((value) => expectedOf.get(value)));
      } finally {
        key.close();
      }
    }),
    settings(250),
  );
});

test('property: the batch and one-by-one paths agree on any mix of types', () => {
  fc.assert(
    fc.property(fc.array(identifierCase, { maxLength: 30 }), (cases) => {
      const key = new cw.IdentityKey('mixed-secret');
      try {
        const firstBad = cases.findIndex((c) => identifierProblem(c) !== null);
        const values = cases.map((c) => c.value);
        if (firstBad === -1) {
          assert.deepEqual(key.identifierHashes(values), cases.map((c) => nodeHmac('mixed-secret', c.bytes)));
        } else {
          assert.throws(() => key.identifierHashes(values), (err) => {
            assert.equal(err.constructor, identifierProblem(cases[firstBad]));
            if (err instanceof cw.EmptyIdentifierError) assert.equal(err.index, firstBad);
            else assert.match(err.message, new RegExp(`^identifiers\\[${firstBad}\\]`));
            return true;
          });
        }
      } finally {
        key.close();
      }
    }),
    settings(200),
  );
});
