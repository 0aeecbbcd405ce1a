'use strict';
// Reads a caller's identifiers once into a list of the package's own, then packs it into the
// layout of cw_key_identifier_hash_batch (all bytes back to back plus count+1 offsets) and
// unpacks the hashes, a chunk at a time to bound memory.

const native = require('./native');
const { identifierInput, notUnicodeError } = require('./input');
const { isBytes, isWellFormed, byteLengthOf, copyInto, copyOf } = require('./intrinsics');
const { STATUS, errorForStatus } = require('./errors');
const { HASH_LEN } = require('./abi');

/** Identifiers per native call: 256 KiB of output, buffers reused across chunks. */
const CHUNK = 4096;

if (native.SIZE_T_BYTES !== 8 && native.SIZE_T_BYTES !== 4) {
  throw new Error(`chatwoot-identity: unsupported size_t of ${native.SIZE_T_BYTES} bytes`);
}
// size_t offsets are written as 32-bit words: the low word of each 64-bit size_t on a
// little-endian 64-bit platform (no BigInt per identifier); reserve() refuses a chunk over 4 GiB.
const WORDS_PER_OFFSET = native.SIZE_T_BYTES / 4;
if (WORDS_PER_OFFSET === 2 && new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error('chatwoot-identity: big-endian 64-bit platforms are not supported');
}

class BatchPacker {
  constructor() {
    this.bytes = Buffer.allocUnsafe(CHUNK * 64);
    // Zero-initialised; only the low words are ever written, so the high words stay 0.
    this.offsetWords = new Uint32Array((CHUNK + 1) * WORDS_PER_OFFSET);
    // koffi wants a typed array of the pointee's type: a size_t view of the same memory.
    this.offsets = WORDS_PER_OFFSET === 2 ? new BigUint64Array(this.offsetWords.buffer) : this.offsetWords;
    this.out = Buffer.allocUnsafe(CHUNK * HASH_LEN);
    this.used = 0;
  }

  /** Makes room for `extra` more bytes after the `used` ones already packed. */
  reserve(extra) {
    if (this.bytes.length - this.used >= extra) return;
    // Offsets are written as 32-bit words (see WORDS_PER_OFFSET).
    if (this.used + extra > 0xffffffff) throw new RangeError('identifiers: one chunk of identifiers exceeds 4 GiB');
    const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + extra));
    this.bytes.copy(bigger, 0, 0, this.used);
    this.bytes = bigger;
  }

  setOffset(i, value) {
    this.offsetWords[i * WORDS_PER_OFFSET] = value;
  }

  /** Packs items[start, end): strings and Buffers of the package's own, none empty. */
  pack(items, start, end) {
    this.used = 0;
    if (this.packAsciiStrings(items, start, end)) return;
    for (let i = start; i < end; i++) {
      const value = items[i];
      if (typeof value === 'string') {
        // At most 3 UTF-8 bytes per UTF-16 code unit: reserve that, write without truncation.
        this.reserve(value.length * 3);
        this.used += this.bytes.utf8Write(value, this.used);
      } else {
        const length = byteLengthOf(value);
        this.reserve(length);
        copyInto(this.bytes, value, this.used);
        this.used += length;
      }
      this.setOffset(i - start + 1, this.used);
    }
  }

  /**
   * The common case, in one UTF-8 write: every identifier a non-empty string, all ASCII (the
   * joined string then encodes to one byte per character, so offsets follow from lengths).
   */
  packAsciiStrings(items, start, end) {
    let chars = 0;
    for (let i = start; i < end; i++) {
      const value = items[i];
      if (typeof value !== 'string') return false;
      chars += value.length;
    }
    const joined = start === 0 && end === items.length ? items.join('') : items.slice(start, end).join('');
    this.reserve(chars * 3);
    const written = this.bytes.utf8Write(joined, 0);
    if (written !== chars) return false; // some non-ASCII character: take the general path
    let offset = 0;
    for (let i = start; i < end; i++) {
      offset += items[i].length;
      this.setOffset(i - start + 1, offset);
    }
    this.used = offset;
    return true;
  }

  /** Hashes the packed chunk into result[start, start + count). */
  hashInto(keyPointer, count, result, start) {
    const status = native.keyIdentifierHashBatch(
      keyPointer,
      this.bytes,
      this.used,
      this.offsets,
      count,
      this.out,
      count * HASH_LEN,
    );
    // Empty identifiers were refused with their index by readIdentifiers; anything else is the library's word.
    if (status !== STATUS.OK) throw errorForStatus(status);
    for (let i = 0; i < count; i++) {
      // latin1Slice makes an independent string (a substring of one big string would keep it alive).
      result[start + i] = this.out.latin1Slice(i * HASH_LEN, (i + 1) * HASH_LEN);
    }
  }
}

/**
 * Reads every identifier exactly once, in order, into a list of the package's own: well-formed
 * strings and copies of byte views. All caller code (the iterator, getters) runs here, before
 * the key is used; an ill-typed or empty identifier is reported with its index.
 * @returns {Array<string | Buffer>}
 */
function readIdentifiers(identifiers) {
  if (identifiers === null || identifiers === undefined || typeof identifiers === 'string' || isBytes(identifiers)) {
    throw notAListError();
  }
  const iterate = identifiers[Symbol.iterator];
  if (typeof iterate !== 'function') throw notAListError();
  // for-of over the method read once above (it closes the iterator if an identifier is refused).
  const once = { [Symbol.iterator]: () => Reflect.apply(iterate, identifiers, []) };
  const items = [];
  let count = 0;
  for (const value of once) {
    let item;
    if (typeof value === 'string') {
      // The common case, without building the label no error needs.
      if (!isWellFormed(value)) throw notUnicodeError(`identifiers[${count}]`);
      item = value;
    } else {
      const input = identifierInput(value, `identifiers[${count}]`);
      item = typeof input === 'string' ? input : copyOf(input);
    }
    if ((typeof item === 'string' ? item.length : byteLengthOf(item)) === 0) {
      throw errorForStatus(STATUS.EMPTY_IDENTIFIER, count);
    }
    items[count++] = item;
  }
  return items;
}

function notAListError() {
  return new TypeError('identifiers must be an array (or another iterable) of identifiers');
}

/** The identifier_hash of every item of readIdentifiers, in order, through the batch call. */
function hashAll(keyPointer, items) {
  const result = new Array(items.length);
  if (items.length === 0) return result;
  const packer = new BatchPacker();
  for (let start = 0; start < items.length; start += CHUNK) {
    const end = Math.min(items.length, start + CHUNK);
    packer.pack(items, start, end);
    packer.hashInto(keyPointer, end - start, result, start);
  }
  return result;
}

module.exports = { readIdentifiers, hashAll };
