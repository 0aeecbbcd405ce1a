'use strict';
// The user's fields for the render functions, read once into the package's own plain data and
// encoded as one JSON object. Only own enumerable data properties of plain objects and arrays
// are read (no getter, toJSON or prototype runs), each exactly once; the library then decides
// which fields and values Chatwoot accepts.

const { isWellFormed } = require('./intrinsics');

const { ownKeys, getOwnPropertyDescriptor, getPrototypeOf, setPrototypeOf } = Reflect;
const { isArray } = Array;
const { hasOwn } = Object;
const { isFinite } = Number;
const { create, prototype: ObjectPrototype } = Object;
const stringify = JSON.stringify;

/** Nesting the library accepts is two levels (custom_attributes); deeper is refused early. */
const MAX_DEPTH = 8;

/**
 * The fields as JSON text of the package's own; undefined or null is `{}`. Properties whose
 * value is undefined are left out, as JSON.stringify does.
 * @param {unknown} fields
 * @returns {string}
 */
function fieldsJson(fields) {
  if (fields === undefined || fields === null) return '{}';
  if (typeof fields !== 'object' || isArray(fields)) throw new TypeError(`fields must be a plain object (got ${kind(fields)})`);
  return stringify(snapshot(fields, 'fields', 0));
}

function snapshot(value, path, depth) {
  switch (typeof value) {
    case 'string':
      if (!isWellFormed(value)) throw new TypeError(`${path} is not well-formed Unicode (it has a lone surrogate)`);
      return value;
    case 'boolean':
      return value;
    case 'number':
      // JSON.stringify would turn these into null silently.
      if (!isFinite(value)) throw new TypeError(`${path} must be a finite number (got ${value})`);
      return value;
    case 'object':
      if (value === null) return null;
      if (depth >= MAX_DEPTH) throw new TypeError(`${path} is nested too deeply`);
      return isArray(value) ? snapshotArray(value, path, depth) : snapshotObject(value, path, depth);
    default:
      throw new TypeError(`${path} must be a string, number, boolean, null or plain object (got ${kind(value)})`);
  }
}

function snapshotObject(object, path, depth) {
  const proto = getPrototypeOf(object);
  if (proto !== ObjectPrototype && proto !== null) {
    throw new TypeError(`${path} must be a plain object (got an instance of another class)`);
  }
  const copy = create(null);
  for (const key of ownKeys(object)) {
    if (typeof key !== 'string') continue; // symbols are not JSON
    const descriptor = getOwnPropertyDescriptor(object, key);
    if (descriptor === undefined || !descriptor.enumerable) continue;
    const where = `${path}.${key}`;
    if (!isWellFormed(key)) throw new TypeError(`a key of ${path} is not well-formed Unicode`);
    if (!hasOwn(descriptor, 'value')) throw new TypeError(`${where} is a getter or setter: pass plain data`);
    if (descriptor.value === undefined) continue;
    copy[key] = snapshot(descriptor.value, where, depth + 1);
  }
  return copy;
}

function snapshotArray(array, path, depth) {
  const lengthDescriptor = getOwnPropertyDescriptor(array, 'length');
  const length = lengthDescriptor === undefined ? 0 : lengthDescriptor.value;
  const copy = [];
  for (let i = 0; i < length; i++) {
    const descriptor = getOwnPropertyDescriptor(array, String(i));
    if (descriptor !== undefined && !hasOwn(descriptor, 'value')) throw new TypeError(`${path}[${i}] is a getter or setter: pass plain data`);
    const element = descriptor === undefined ? undefined : descriptor.value;
    copy[i] = element === undefined ? null : snapshot(element, `${path}[${i}]`, depth + 1);
  }
  setPrototypeOf(copy, null); // no Array.prototype.toJSON either
  return copy;
}

function kind(value) {
  if (value === null) return 'null';
  if (isArray(value)) return 'an array';
  return typeof value;
}

module.exports = { fieldsJson };
