'use strict';
// Finds libchatwoot_identity, declares its C functions through koffi (the declarations are
// generated from the header, see abi.js) and checks its ABI. Everything else in the package
// goes through the functions exported here.

const koffi = require('koffi');
const { detectTarget } = require('./target');
const { candidates, loadFirst } = require('./locate');
const abi = require('./abi');

// cw_key is opaque; koffi 3 hands its pointers to JS as BigInt values.
for (const name of abi.OPAQUE) koffi.opaque(name);
for (const [name, fields] of abi.STRUCTS) koffi.struct(name, fields);

/**
 * Every function of the header, from the library at `file` (already checked by locate.js);
 * throws an Error whose message says what is wrong with the file (loadFirst adds the path).
 */
function open(file) {
  const lib = koffi.load(file);
  const declare = (prototype) => {
    try {
      return lib.func(prototype);
    } catch {
      const name = /(cw_\w+)\(/.exec(prototype)[1];
      throw new Error(`lacks the function ${name}: it is not libchatwoot_identity, or another version of it`);
    }
  };
  // The ABI version first: an older or newer library is named as such, not by a missing function.
  const found = declare(abi.FUNCTIONS.abiVersion)();
  if (found !== abi.ABI_VERSION) {
    throw new Error(
      `implements C ABI version ${found}, but this package needs version ${abi.ABI_VERSION}: ` +
        'install matching versions of the library and the package',
    );
  }
  return Object.fromEntries(Object.entries(abi.FUNCTIONS).map(([name, prototype]) => [name, declare(prototype)]));
}

const target = detectTarget();
const { lib, file } = loadFirst(target, candidates({ target }), open);

// Buffers are passed in place (koffi hands C a pointer to their memory), so the output
// buffers are plain `char *` and no copy is made in either direction; koffi copies the explain
// candidates (arrays of { ptr, len }) in and the explanation out.
module.exports = {
  ...lib,
  ABI_VERSION: abi.ABI_VERSION,
  libraryPath: file,
  target: target.name,
  SIZE_T_BYTES: koffi.sizeof('size_t'),
};
