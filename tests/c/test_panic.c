/* Panic containment seen from C: run against the library built with the test-only
 * `panic-test` feature (target/panic-test/release), where an entry point panics when an
 * input buffer holds the bytes "cw-force-panic". Each forced panic must come back as
 * CW_STATUS_INTERNAL_ERROR (or false, or CW_VERDICT_INTERNAL_ERROR), write nothing, and
 * leave this process and its keys working. Against a normal library this program fails:
 * the forced panics never happen. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "chatwoot_identity.h"
#include "check.h"

#define MAGIC "cw-force-panic"
#define DOC_SECRET "your-secret-token-for-hmac"
#define DOC_ID "unique-identifier-of-the-user"
#define DOC_HASH "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"
#define FILL 0xAA
#define U8(s) ((const uint8_t *)(s))
#define LEN(s) (sizeof(s) - 1)

static void still_works(const cw_key *key, const char *after) {
  char out[65];
  CHECK_STATUS(cw_identifier_hash(U8(DOC_SECRET), LEN(DOC_SECRET), U8(DOC_ID), LEN(DOC_ID), out, sizeof out),
               CW_STATUS_OK, after);
  CHECK(strcmp(out, DOC_HASH) == 0, "after %s: wrong one-shot hash", after);
  CHECK_STATUS(cw_key_identifier_hash(key, U8(DOC_ID), LEN(DOC_ID), out, sizeof out), CW_STATUS_OK, after);
  CHECK(strcmp(out, DOC_HASH) == 0, "after %s: wrong keyed hash", after);
  CHECK(cw_key_verify(key, U8(DOC_ID), LEN(DOC_ID), DOC_HASH, 64), "after %s: key no longer verifies", after);
}

int main(void) {
  cw_key *key = NULL, *untouched = NULL;
  char out[65];
  size_t offsets[2] = {0, LEN(MAGIC)};

  CHECK_STATUS(cw_key_new(U8(DOC_SECRET), LEN(DOC_SECRET), &key), CW_STATUS_OK, "cw_key_new");
  if (key == NULL) return cw_check_summary("test_panic");

  memset(out, FILL, sizeof out);
  CHECK_STATUS(cw_identifier_hash(U8(MAGIC), LEN(MAGIC), U8(DOC_ID), LEN(DOC_ID), out, sizeof out),
               CW_STATUS_INTERNAL_ERROR, "cw_identifier_hash, panicking secret");
  CHECK_STATUS(cw_identifier_hash(U8(DOC_SECRET), LEN(DOC_SECRET), U8(MAGIC), LEN(MAGIC), out, sizeof out),
               CW_STATUS_INTERNAL_ERROR, "cw_identifier_hash, panicking identifier");
  CHECK(cw_untouched(out, sizeof out, FILL), "cw_identifier_hash wrote output after a panic");
  still_works(key, "cw_identifier_hash");

  CHECK(!cw_verify(U8(MAGIC), LEN(MAGIC), U8(DOC_ID), LEN(DOC_ID), DOC_HASH, 64), "cw_verify, panicking secret");
  CHECK(!cw_verify(U8(DOC_SECRET), LEN(DOC_SECRET), U8(MAGIC), LEN(MAGIC), DOC_HASH, 64), "cw_verify, identifier");
  CHECK(!cw_verify(U8(DOC_SECRET), LEN(DOC_SECRET), U8(DOC_ID), LEN(DOC_ID), MAGIC, LEN(MAGIC)), "cw_verify, hash");
  still_works(key, "cw_verify");

  CHECK_STATUS(cw_key_new(U8(MAGIC), LEN(MAGIC), &untouched), CW_STATUS_INTERNAL_ERROR, "cw_key_new, panicking secret");
  CHECK(untouched == NULL, "cw_key_new wrote *out after a panic");
  still_works(key, "cw_key_new");

  memset(out, FILL, sizeof out);
  CHECK_STATUS(cw_key_identifier_hash(key, U8(MAGIC), LEN(MAGIC), out, sizeof out), CW_STATUS_INTERNAL_ERROR,
               "cw_key_identifier_hash, panicking identifier");
  CHECK(cw_untouched(out, sizeof out, FILL), "cw_key_identifier_hash wrote output after a panic");
  CHECK(!cw_key_verify(key, U8(MAGIC), LEN(MAGIC), DOC_HASH, 64), "cw_key_verify, panicking identifier");
  CHECK(!cw_key_verify(key, U8(DOC_ID), LEN(DOC_ID), MAGIC, LEN(MAGIC)), "cw_key_verify, panicking hash");
  still_works(key, "the keyed functions");

  memset(out, FILL, sizeof out);
  CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(MAGIC), LEN(MAGIC), offsets, 1, out, 64), CW_STATUS_INTERNAL_ERROR,
               "cw_key_identifier_hash_batch, panicking identifiers");
  CHECK(cw_untouched(out, sizeof out, FILL), "the batch wrote output after a panic");
  still_works(key, "cw_key_identifier_hash_batch");

  {
    cw_explanation e = {-99, -99, 99};
    const cw_bytes other[1] = {{U8(MAGIC), LEN(MAGIC)}};
    cw_candidates candidates;
    candidates.secrets = NULL;
    candidates.secrets_count = 0;
    candidates.identifiers = other;
    candidates.identifiers_count = 1;
    CHECK_STATUS(cw_explain(U8(MAGIC), LEN(MAGIC), U8(DOC_ID), LEN(DOC_ID), DOC_HASH, 64, NULL, &e),
                 CW_STATUS_INTERNAL_ERROR, "cw_explain, panicking secret");
    CHECK_STATUS(cw_explain(U8(DOC_SECRET), LEN(DOC_SECRET), U8(DOC_ID), LEN(DOC_ID), MAGIC, LEN(MAGIC), NULL, &e),
                 CW_STATUS_INTERNAL_ERROR, "cw_explain, panicking hash");
    CHECK_STATUS(cw_explain(U8(DOC_SECRET), LEN(DOC_SECRET), U8(DOC_ID), LEN(DOC_ID), DOC_HASH, 64, &candidates, &e),
                 CW_STATUS_INTERNAL_ERROR, "cw_explain, panicking candidate");
    CHECK(e.verdict == -99 && e.candidate_kind == -99 && e.candidate_index == 99, "cw_explain wrote after a panic");
  }
  still_works(key, "cw_explain");

  cw_key_free(key);
  printf("test_panic: every forced panic came back as CW_STATUS_INTERNAL_ERROR or false; the process lives\n");
  return cw_check_summary("test_panic");
}
