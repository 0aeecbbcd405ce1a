/* Per-target check of one built library (dist/lib/<target>/): it is the crate's version,
 * it runs the SHA-256 implementation expected on this (emulated) CPU, and that
 * implementation gives every hash vector of tests/vectors.json, one-shot and keyed.
 * Usage: test_target EXPECTED_VERSION EXPECTED_BACKEND
 * (tests/c/test_api.c, built for the same target, covers the rest of the API.) */
#include <stdint.h>
#include <string.h>

#include "chatwoot_identity.h"
#include "check.h"
#include "vectors.h"

#define U8(s) ((const uint8_t *)(s))

int main(int argc, char **argv) {
  size_t i;
  char out[65];
  const char *backend = cw_sha256_backend();

  if (argc != 3) {
    fprintf(stderr, "usage: %s EXPECTED_VERSION EXPECTED_BACKEND\n", argv[0]);
    return 2;
  }
  CHECK(cw_version() != NULL && strcmp(cw_version(), argv[1]) == 0, "cw_version() \"%s\", want \"%s\"",
        cw_version() ? cw_version() : "(null)", argv[1]);
  CHECK(backend != NULL && strcmp(backend, argv[2]) == 0, "cw_sha256_backend() \"%s\", want \"%s\"",
        backend ? backend : "(null)", argv[2]);

  CHECK_STATUS(cw_identifier_hash(U8("your-secret-token-for-hmac"), 26, U8("unique-identifier-of-the-user"), 29, out,
                                  sizeof out),
               CW_STATUS_OK, "documented sample");
  CHECK(strcmp(out, "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c") == 0,
        "documented sample gave %.64s", out);

  for (i = 0; i < CW_HASH_VECTOR_COUNT; i++) {
    const cw_hash_vector *v = &CW_HASH_VECTORS[i];
    cw_key *key = NULL;
    CHECK_STATUS(cw_identifier_hash(U8(v->secret), v->secret_len, U8(v->identifier), v->identifier_len, out, sizeof out),
                 CW_STATUS_OK, v->name);
    CHECK(strcmp(out, v->identifier_hash) == 0, "%s: cw_identifier_hash gave %.64s", v->name, out);
    CHECK_STATUS(cw_key_new(U8(v->secret), v->secret_len, &key), CW_STATUS_OK, v->name);
    if (key == NULL) continue;
    CHECK_STATUS(cw_key_identifier_hash(key, U8(v->identifier), v->identifier_len, out, sizeof out), CW_STATUS_OK,
                 v->name);
    CHECK(strcmp(out, v->identifier_hash) == 0, "%s: cw_key_identifier_hash gave %.64s", v->name, out);
    cw_key_free(key);
  }
  printf("test_target: version %s, backend %s, %zu hash vectors\n", cw_version(), backend ? backend : "(null)",
         (size_t)CW_HASH_VECTOR_COUNT);
  return cw_check_summary("test_target");
}
