'use strict';
// Finds libchatwoot_identity, declares its C functions through koffi and checks its ABI.
// Everything else in the package goes through the functions exported here.

const koffi = require('koffi');
const { detectTarget } = require('./target');
const { candidates, loadFirst } = require('./locate');
const { ABI_VERSION } = require('./abi');

const target = detectTarget();
const { lib, file } = loadFirst(target, candidates({ target }), (where) => koffi.load(where));

// cw_key is opaque; koffi 3 hands its pointers to JS as BigInt values.
koffi.opaque('cw_key');
koffi.struct('cw_bytes', { ptr: 'const uint8_t *', len: 'size_t' });
koffi.struct('cw_candidates', {
  secrets: 'const cw_bytes *',
  secrets_count: 'size_t',
  identifiers: 'const cw_bytes *',
  identifiers_count: 'size_t',
});
koffi.struct('cw_explanation', { verdict: 'int32_t', candidate_kind: 'int32_t', candidate_index: 'size_t' });

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
  target: target.name,
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
  // koffi copies the candidates (arrays of { ptr, len }) in and the explanation out.
  explain: lib.func(
    'int32_t cw_explain(const uint8_t *key, size_t key_len, const uint8_t *identifier, size_t identifier_len, const char *identifier_hash, size_t identifier_hash_len, const cw_candidates *candidates, _Out_ cw_explanation *out)',
  ),
  keySetUserScript: lib.func(
    'int32_t cw_key_set_user_script(const cw_key *key, const uint8_t *identifier, size_t identifier_len, const uint8_t *fields_json, size_t fields_json_len, const uint8_t *nonce, size_t nonce_len, char *out, size_t out_cap, _Out_ size_t *out_len)',
  ),
  keySetUserPayload: lib.func(
    'int32_t cw_key_set_user_payload(const cw_key *key, const uint8_t *identifier, size_t identifier_len, const uint8_t *fields_json, size_t fields_json_len, char *out, size_t out_cap, _Out_ size_t *out_len)',
  ),
  resetScript: lib.func(
    'int32_t cw_reset_script(const uint8_t *nonce, size_t nonce_len, char *out, size_t out_cap, _Out_ size_t *out_len)',
  ),
  verdictMessage: lib.func('const char *cw_verdict_message(int32_t verdict)'),
  verdictName: lib.func('const char *cw_verdict_name(int32_t verdict)'),
  statusMessage: lib.func('const char *cw_status_message(int32_t status)'),
  version: lib.func('const char *cw_version(void)'),
  SIZE_T_BYTES: koffi.sizeof('size_t'),
};
