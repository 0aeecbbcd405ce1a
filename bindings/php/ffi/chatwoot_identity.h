// Generated from include/chatwoot_identity.h by tools/generate-ffi-header.php:
// do not edit. Run `make ffi-header` after the C header changes.

typedef enum cw_status {
  CW_STATUS_OK = 0,
  CW_STATUS_NULL_POINTER = -1,
  CW_STATUS_EMPTY_SECRET = -2,
  CW_STATUS_SECRET_WHITESPACE = -3,
  CW_STATUS_EMPTY_IDENTIFIER = -4,
  CW_STATUS_BUFFER_TOO_SMALL = -5,
  CW_STATUS_INVALID_OFFSETS = -6,
  CW_STATUS_INTERNAL_ERROR = -7,
  CW_STATUS_INVALID_IDENTIFIER = -8,
  CW_STATUS_INVALID_JSON = -9,
  CW_STATUS_UNKNOWN_FIELD = -10,
  CW_STATUS_INVALID_FIELD_VALUE = -11,
  CW_STATUS_MISSING_CONTACT_FIELD = -12,
  CW_STATUS_INVALID_NONCE = -13,
  CW_STATUS_SECRET_INVISIBLE = -14,
} cw_status;

typedef enum cw_verdict {
  CW_VERDICT_MATCH = 0,
  CW_VERDICT_UPPERCASE_HEX = 1,
  CW_VERDICT_HASH_WHITESPACE = 2,
  CW_VERDICT_SECRET_WHITESPACE = 3,
  CW_VERDICT_SWAPPED_ARGUMENTS = 4,
  CW_VERDICT_HASH_IS_IDENTIFIER = 5,
  CW_VERDICT_IDENTIFIER_IS_HASH = 6,
  CW_VERDICT_BASE64 = 7,
  CW_VERDICT_RAW_DIGEST = 8,
  CW_VERDICT_IDENTIFIER_FORMAT = 9,
  CW_VERDICT_OTHER_ALGORITHM = 10,
  CW_VERDICT_NOT_HEX = 11,
  CW_VERDICT_WRONG_LENGTH = 12,
  CW_VERDICT_MISMATCH = 13,
  CW_VERDICT_BLANK_HASH = 14,
  CW_VERDICT_PADDED_SECRET = 15,
  CW_VERDICT_NOT_HMAC = 16,
  CW_VERDICT_TOKEN_AS_HASH = 17,
  CW_VERDICT_JS_ROUNDED_NUMBER = 18,
  CW_VERDICT_OTHER_CANDIDATE = 19,
} cw_verdict;

typedef enum cw_candidate_kind {
  CW_CANDIDATE_KIND_NONE = 0,
  CW_CANDIDATE_KIND_SECRET = 1,
  CW_CANDIDATE_KIND_IDENTIFIER = 2,
} cw_candidate_kind;

typedef struct cw_key cw_key;

typedef struct cw_bytes {
  const char *ptr;
  size_t len;
} cw_bytes;

typedef struct cw_candidates {
  const struct cw_bytes *secrets;
  size_t secrets_count;
  const struct cw_bytes *identifiers;
  size_t identifiers_count;
} cw_candidates;

typedef struct cw_explanation {
  int32_t verdict;
  int32_t candidate_kind;
  size_t candidate_index;
} cw_explanation;

enum cw_status cw_identifier_hash(const char *secret,
                                  size_t secret_len,
                                  const char *identifier,
                                  size_t identifier_len,
                                  char *out,
                                  size_t out_len);

bool cw_verify(const char *secret,
               size_t secret_len,
               const char *identifier,
               size_t identifier_len,
               const char *identifier_hash,
               size_t identifier_hash_len);

enum cw_status cw_key_new(const char *secret,
                          size_t secret_len,
                          struct cw_key **out);

void cw_key_free(struct cw_key *key);

enum cw_status cw_key_identifier_hash(const struct cw_key *key,
                                      const char *identifier,
                                      size_t identifier_len,
                                      char *out,
                                      size_t out_len);

bool cw_key_verify(const struct cw_key *key,
                   const char *identifier,
                   size_t identifier_len,
                   const char *identifier_hash,
                   size_t identifier_hash_len);

enum cw_status cw_key_identifier_hash_batch(const struct cw_key *key,
                                            const char *identifiers,
                                            size_t identifiers_len,
                                            const size_t *offsets,
                                            size_t count,
                                            char *out,
                                            size_t out_len);

const char *cw_status_message(int32_t status);

const char *cw_version(void);

const char *cw_sha256_backend(void);

uint32_t cw_abi_version(void);

enum cw_status cw_key_set_user_script(const struct cw_key *key,
                                      const char *identifier,
                                      size_t identifier_len,
                                      const char *fields_json,
                                      size_t fields_json_len,
                                      const char *nonce,
                                      size_t nonce_len,
                                      char *out,
                                      size_t out_cap,
                                      size_t *out_len);

enum cw_status cw_key_set_user_payload(const struct cw_key *key,
                                       const char *identifier,
                                       size_t identifier_len,
                                       const char *fields_json,
                                       size_t fields_json_len,
                                       char *out,
                                       size_t out_cap,
                                       size_t *out_len);

enum cw_status cw_reset_script(const char *nonce,
                               size_t nonce_len,
                               char *out,
                               size_t out_cap,
                               size_t *out_len);

enum cw_status cw_explain(const char *secret,
                          size_t secret_len,
                          const char *identifier,
                          size_t identifier_len,
                          const char *identifier_hash,
                          size_t identifier_hash_len,
                          const struct cw_candidates *candidates,
                          struct cw_explanation *out);

const char *cw_verdict_message(int32_t verdict);

const char *cw_verdict_name(int32_t verdict);
