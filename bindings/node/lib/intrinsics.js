'use strict';
// The engine's own readers of strings and byte views, captured when the package loads. A
// subclass, an own property or a Proxy cannot change what they report, and reading through
// them runs no caller code: a caller's byteLength getter is never consulted.

const { apply } = Reflect;
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const getterOf = (name) => Object.getOwnPropertyDescriptor(TypedArrayPrototype, name).get;
const typedArrayNameGetter = getterOf(Symbol.toStringTag);
const bufferGetter = getterOf('buffer');
const byteOffsetGetter = getterOf('byteOffset');
const byteLengthGetter = getterOf('byteLength');
const typedArraySet = TypedArrayPrototype.set;
const stringIsWellFormed = String.prototype.isWellFormed;
const allocUnsafe = Buffer.allocUnsafe;

/** The typed array's real type ('Uint8Array' for a Buffer or any subclass), else undefined. */
function typedArrayName(value) {
  return apply(typedArrayNameGetter, value, []);
}

/** Whether value is a Uint8Array (a Buffer, a subclass); false for a Proxy around one. */
function isBytes(value) {
  return typedArrayName(value) === 'Uint8Array';
}

/** The real byte length of a Uint8Array (0 once its buffer is detached or shrunk past it). */
function byteLengthOf(view) {
  return apply(byteLengthGetter, view, []);
}

/** A new view, made by the package, of exactly the bytes a caller's Uint8Array covers now. */
function realView(view) {
  const length = byteLengthOf(view);
  if (length === 0) return new Uint8Array(0);
  return new Uint8Array(apply(bufferGetter, view, []), apply(byteOffsetGetter, view, []), length);
}

/** Copies a view made by realView into target at offset. */
function copyInto(target, view, offset) {
  apply(typedArraySet, target, [view, offset]);
}

/** A Buffer of the package's own holding the bytes of a view made by realView. */
function copyOf(view) {
  const copy = apply(allocUnsafe, Buffer, [byteLengthOf(view)]);
  copyInto(copy, view, 0);
  return copy;
}

/** Whether a string has no lone surrogate (UTF-8 can encode it as it is). */
function isWellFormed(string) {
  return apply(stringIsWellFormed, string, []);
}

module.exports = { typedArrayName, isBytes, byteLengthOf, realView, copyInto, copyOf, isWellFormed };
