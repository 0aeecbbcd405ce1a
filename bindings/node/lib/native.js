'use strict';
// Finds libchatwoot_identity, declares its C functions through koffi and checks its ABI.
// Everything else in the package goes through the functions exported here.

const fs = require('node:fs');
const path = require('node:path');
const koffi = require('koffi');

/** The C ABI version this binding was written for (CW_ABI_VERSION in chatwoot_identity.h). */
const ABI_VERSION = 1;

const LIB_FILE = {
  linux: 'libchatwoot_identity.so',
  darwin: 'libchatwoot_identity.dylib',
  win32: 'chatwoot_identity.dll',
}[process.platform] || 'libchatwoot_identity.so';

const PACKAGE_DIR = path.resolve(__dirname, '..');

/** Where the library is looked for, in order: [description, path] pairs. */
function candidates() {
  const list = [];
  const fromEnv = process.env.CHATWOOT_IDENTITY_LIB;
  if (fromEnv) list.push(['CHATWOOT_IDENTITY_LIB', path.resolve(fromEnv)]);
  // A copy bundled into the published package (see README: "Bundling the library").
  list.push(['bundled copy', path.join(PACKAGE_DIR, 'native', LIB_FILE)]);
  // Inside the repository: bindings/node -> ../../target/release.
  list.push(['repository build', path.resolve(PACKAGE_DIR, '..', '..', 'target', 'release', LIB_FILE)]);
  return list;
}

function loadLibrary() {
  const tried = [];
  for (const [where, file] of candidates()) {
    if (!fs.existsSync(file)) {
      tried.push(`  ${where}: ${file} (not found)`);
      continue;
    }
    try {
      return { lib: koffi.load(file), file };
    } catch (err) {
      tried.push(`  ${where}: ${file} (${err.message})`);
    }
  }
  throw new Error(
    `chatwoot-identity: cannot load ${LIB_FILE}. Tried:\n${tried.join('\n')}\n` +
      'Build it with `cargo build --release` in the chatwoot-identity repository, ' +
      'or set CHATWOOT_IDENTITY_LIB to its path.',
  );
}

const { lib, file } = loadLibrary();

// cw_key is opaque; koffi 3 hands its pointers to JS as BigInt values.
koffi.opaque('cw_key');

const abiVersion = lib.func('uint32_t cw_abi_version(void)');
const found = abiVersion();
if (found !== ABI_VERSION) {
  throw new Error(
    `chatwoot-identity: ${file} implements C ABI version ${found}, ` +
      `but this package needs version ${ABI_VERSION}: install matching versions of the library and the package.`,
  );
}

// Buffers are passed in place (koffi hands C a pointer to their memory), so the output
// buffers are plain `char *` and no copy is made in either direction.
module.exports = {
  ABI_VERSION,
  libraryPath: file,
  identifierHash: lib.func(
    'int32_t cw_identifier_hash(const uint8_t *key, size_t key_len, const uint8_t *identifier, size_t identifier_len, char *out, size_t out_len)',
  ),
  verify: lib.func(
    'bool cw_verify(const uint8_t *key, size_t key_len, const uint8_t *identifier, size_t identifier_len, const char *identifier_hash, size_t identifier_hash_len)',
  ),
  keyNew: lib.func('int32_t cw_key_new(const uint8_t *key, size_t key_len, _Out_ cw_key **out)'),
  keyFree: lib.func('void cw_key_free(cw_key *key)'),
  keyIdentifierHash: lib.func(
    'int32_t cw_key_identifier_hash(const cw_key *key, const uint8_t *identifier, size_t identifier_len, char *out, size_t out_len)',
  ),
  keyVerify: lib.func(
    'bool cw_key_verify(const cw_key *key, const uint8_t *identifier, size_t identifier_len, const char *identifier_hash, size_t identifier_hash_len)',
  ),
  keyIdentifierHashBatch: lib.func(
    'int32_t cw_key_identifier_hash_batch(const cw_key *key, const uint8_t *identifiers, size_t identifiers_len, const size_t *offsets, size_t count, char *out, size_t out_len)',
  ),
  // cw_verdict is a C enum (int-sized); declared as int32_t so unknown values pass through.
  explain: lib.func(
    'int32_t cw_explain(const uint8_t *key, size_t key_len, const uint8_t *identifier, size_t identifier_len, const char *identifier_hash, size_t identifier_hash_len)',
  ),
  verdictMessage: lib.func('const char *cw_verdict_message(int32_t verdict)'),
  verdictName: lib.func('const char *cw_verdict_name(int32_t verdict)'),
  statusMessage: lib.func('const char *cw_status_message(int32_t status)'),
  version: lib.func('const char *cw_version(void)'),
  SIZE_T_BYTES: koffi.sizeof('size_t'),
};
