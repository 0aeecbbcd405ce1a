/* Every cw_ function of include/chatwoot_identity.h, from C: every vector of
 * tests/vectors.json (hash, rejected, verify, explain; through build/c/vectors.h, generated
 * from the JSON), every bad input the header documents, and two threads sharing a cw_key.
 *
 * "Untouched" checks fill the caller's buffer with 0xAA first: the header promises that
 * outputs are written only on CW_STATUS_OK, and only 64 (+1 NUL) bytes of them. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chatwoot_identity.h"
#include "check.h"
#include "vectors.h"

#define DOC_SECRET "your-secret-token-for-hmac"
#define DOC_ID "unique-identifier-of-the-user"
#define DOC_HASH "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"
#define FILL 0xAA
#define U8(s) ((const uint8_t *)(s))

static const uint8_t *const NO_BYTES = NULL;
static char *const NO_OUT = NULL;

/* ---- helpers ------------------------------------------------------------------------ */

static cw_status hash1(const char *secret, size_t secret_len, const char *id, size_t id_len, char *out,
                       size_t out_len) {
  return cw_identifier_hash(U8(secret), secret_len, U8(id), id_len, out, out_len);
}

static bool verify1(const char *secret, size_t secret_len, const char *id, size_t id_len, const char *h,
                    size_t h_len) {
  return cw_verify(U8(secret), secret_len, U8(id), id_len, h, h_len);
}

static cw_key *new_key(const char *secret, size_t secret_len) {
  cw_key *key = NULL;
  cw_status st = cw_key_new(U8(secret), secret_len, &key);
  CHECK(st == CW_STATUS_OK && key != NULL, "cw_key_new: status %d", (int)st);
  return key;
}

/* One way of hashing DOC_ID into (out, out_len): one-shot or keyed. */
typedef cw_status (*hash_into_fn)(const cw_key *key, char *out, size_t out_len);

static cw_status doc_oneshot(const cw_key *key, char *out, size_t out_len) {
  (void)key;
  return hash1(DOC_SECRET, strlen(DOC_SECRET), DOC_ID, strlen(DOC_ID), out, out_len);
}

static cw_status doc_keyed(const cw_key *key, char *out, size_t out_len) {
  return cw_key_identifier_hash(key, U8(DOC_ID), strlen(DOC_ID), out, out_len);
}

/* Output sizes 0 and 63 fail and leave the buffer untouched; 64 gets the hash and no NUL;
 * 65 gets a NUL; a larger buffer gets 65 bytes and nothing more. */
static void check_output_sizes(const char *what, hash_into_fn fn, const cw_key *key) {
  char buf[128];
  size_t sizes[] = {0, 1, 63};
  size_t i;

  /* matrix: buffer-too-small */
  for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
    memset(buf, FILL, sizeof buf);
    CHECK_STATUS(fn(key, buf, sizes[i]), CW_STATUS_BUFFER_TOO_SMALL, what);
    CHECK(cw_untouched(buf, sizeof buf, FILL), "%s: out_len %zu: buffer written on error", what, sizes[i]);
  }
  /* matrix: null-zero-length */
  CHECK_STATUS(fn(key, NO_OUT, 0), CW_STATUS_BUFFER_TOO_SMALL, what);
  /* matrix: null-with-length */
  CHECK_STATUS(fn(key, NO_OUT, 65), CW_STATUS_NULL_POINTER, what);

  memset(buf, FILL, sizeof buf);
  CHECK_STATUS(fn(key, buf, 64), CW_STATUS_OK, what);
  CHECK(memcmp(buf, DOC_HASH, 64) == 0, "%s: out_len 64: wrong hash", what);
  CHECK(cw_untouched(buf + 64, sizeof buf - 64, FILL), "%s: out_len 64: wrote past 64 bytes", what);

  memset(buf, FILL, sizeof buf);
  CHECK_STATUS(fn(key, buf, 65), CW_STATUS_OK, what);
  CHECK(strcmp(buf, DOC_HASH) == 0, "%s: out_len 65: not the NUL-terminated hash", what);
  CHECK(cw_untouched(buf + 65, sizeof buf - 65, FILL), "%s: out_len 65: wrote past the NUL", what);

  memset(buf, FILL, sizeof buf);
  CHECK_STATUS(fn(key, buf, 100), CW_STATUS_OK, what);
  CHECK(strcmp(buf, DOC_HASH) == 0, "%s: out_len 100: not the NUL-terminated hash", what);
  CHECK(cw_untouched(buf + 65, sizeof buf - 65, FILL), "%s: out_len 100: wrote past the NUL", what);
}

/* ---- version, ABI, statuses --------------------------------------------------------- */

static void test_versions(void) {
  CHECK(cw_abi_version() == CW_ABI_VERSION, "cw_abi_version() %u != CW_ABI_VERSION %u", cw_abi_version(),
        (unsigned)CW_ABI_VERSION);
  CHECK(CW_ABI_VERSION == 2, "this test was written for ABI 2");
  CHECK(CW_HASH_LEN == 64, "CW_HASH_LEN is %d", CW_HASH_LEN);
  CHECK(cw_version() != NULL && strcmp(cw_version(), CW_VERSION) == 0, "cw_version() \"%s\" != CW_VERSION \"%s\"",
        cw_version() ? cw_version() : "(null)", CW_VERSION);
  /* Which path runs depends on the CPU (tests/portable checks each one); it is always one of three. */
  CHECK(cw_sha256_backend() != NULL &&
            (strcmp(cw_sha256_backend(), "sha-ni") == 0 || strcmp(cw_sha256_backend(), "armv8-sha2") == 0 ||
             strcmp(cw_sha256_backend(), "portable") == 0),
        "cw_sha256_backend() \"%s\"", cw_sha256_backend() ? cw_sha256_backend() : "(null)");
}

static void test_status_messages(void) {
  const int32_t unknown[] = {1, 2, 7, -15, -16, 100, -100, INT32_MAX, INT32_MIN};
  const char *known[8];
  const char *unknown_message = cw_status_message(1);
  size_t i, j;

  CHECK(unknown_message != NULL && strlen(unknown_message) > 0, "unknown status has no message");
  /* The header's enum and the shared vectors agree on every code. */
  CHECK(CW_STATUS_VECTOR_COUNT == 9, "vectors list %zu statuses", (size_t)CW_STATUS_VECTOR_COUNT);
  for (i = 0; i < CW_STATUS_VECTOR_COUNT; i++) {
    int code = CW_STATUS_VECTORS[i].code;
    CHECK((code <= 0 && code >= -7) || code == CW_STATUS_SECRET_INVISIBLE, "status %s has unexpected code %d",
          CW_STATUS_VECTORS[i].name, code);
  }
  CHECK(CW_STATUS_SECRET_INVISIBLE == -14, "CW_STATUS_SECRET_INVISIBLE moved");
  {
    /* The appended status has its own message, which lists the classes and holds no caller data. */
    const char *m = cw_status_message(CW_STATUS_SECRET_INVISIBLE);
    CHECK(m != NULL && strstr(m, "invisible") != NULL && strstr(m, "U+FEFF") != NULL && strstr(m, "U+00A0") != NULL,
          "CW_STATUS_SECRET_INVISIBLE message: %s", m ? m : "(null)");
    CHECK(m != NULL && strcmp(m, cw_status_message(CW_STATUS_SECRET_WHITESPACE)) != 0 &&
              strcmp(m, unknown_message) != 0 && strstr(m, "found") == NULL,
          "CW_STATUS_SECRET_INVISIBLE shares a message");
  }
  for (i = 0; i < 8; i++) {
    known[i] = cw_status_message(-(int32_t)i);
    CHECK(known[i] != NULL && strlen(known[i]) > 0, "status %d: empty message", -(int)i);
    CHECK(known[i] != NULL && unknown_message != NULL && strcmp(known[i], unknown_message) != 0,
          "status %d: message is the unknown-status one", -(int)i);
    CHECK(cw_status_message(-(int32_t)i) == known[i], "status %d: message is not static", -(int)i);
    for (j = 0; j < i; j++) {
      CHECK(strcmp(known[i], known[j]) != 0, "statuses %d and %d share a message", -(int)i, -(int)j);
    }
  }
  CHECK(strcmp(known[0], "success") == 0, "CW_STATUS_OK message: %s", known[0]);
  for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
    const char *m = cw_status_message(unknown[i]);
    CHECK(m != NULL && unknown_message != NULL && strcmp(m, unknown_message) == 0, "status %ld: not the unknown message",
          (long)unknown[i]);
  }
}

/* ---- the shared vectors ------------------------------------------------------------- */

static void test_hash_vectors(void) {
  size_t i;
  for (i = 0; i < CW_HASH_VECTOR_COUNT; i++) {
    const cw_hash_vector *v = &CW_HASH_VECTORS[i];
    char out[65], batch[3 * 64 + 1];
    size_t offsets[4];
    cw_key *key = NULL;

    /* matrix: non-utf8 (binary identifier and binary secrets among the vectors) */
    memset(out, FILL, sizeof out);
    CHECK_STATUS(hash1(v->secret, v->secret_len, v->identifier, v->identifier_len, out, sizeof out), CW_STATUS_OK,
                 v->name);
    CHECK(strcmp(out, v->identifier_hash) == 0, "%s: cw_identifier_hash gave %.64s", v->name, out);
    CHECK(verify1(v->secret, v->secret_len, v->identifier, v->identifier_len, v->identifier_hash, 64),
          "%s: cw_verify rejected the right hash", v->name);

    CHECK_STATUS(cw_key_new(U8(v->secret), v->secret_len, &key), CW_STATUS_OK, v->name);
    if (key == NULL) continue;
    memset(out, FILL, sizeof out);
    CHECK_STATUS(cw_key_identifier_hash(key, U8(v->identifier), v->identifier_len, out, sizeof out), CW_STATUS_OK,
                 v->name);
    CHECK(strcmp(out, v->identifier_hash) == 0, "%s: cw_key_identifier_hash gave %.64s", v->name, out);
    CHECK(cw_key_verify(key, U8(v->identifier), v->identifier_len, v->identifier_hash, 64),
          "%s: cw_key_verify rejected the right hash", v->name);

    /* The same identifier three times in one batch (offsets into a repeated buffer). */
    {
      size_t n = v->identifier_len, k;
      char *ids = malloc(3 * n);
      CHECK(ids != NULL, "out of memory");
      if (ids == NULL) { cw_key_free(key); continue; }
      for (k = 0; k < 3; k++) {
        memcpy(ids + k * n, v->identifier, n);
        offsets[k] = k * n;
      }
      offsets[3] = 3 * n;
      memset(batch, FILL, sizeof batch);
      CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), 3 * n, offsets, 3, batch, 3 * 64), CW_STATUS_OK, v->name);
      for (k = 0; k < 3; k++) {
        CHECK(memcmp(batch + 64 * k, v->identifier_hash, 64) == 0, "%s: batch hash %zu wrong", v->name, k);
      }
      CHECK((unsigned char)batch[3 * 64] == FILL, "%s: batch wrote a NUL", v->name);
      free(ids);
    }
    cw_key_free(key);
  }
}

static void test_rejected_vectors(void) {
  size_t i;
  for (i = 0; i < CW_REJECTED_VECTOR_COUNT; i++) {
    const cw_rejected_vector *v = &CW_REJECTED_VECTORS[i];
    char out[65];
    cw_key *key = NULL;
    cw_status key_status;

    memset(out, FILL, sizeof out);
    CHECK_STATUS(hash1(v->secret, v->secret_len, v->identifier, v->identifier_len, out, sizeof out), v->code, v->name);
    CHECK(cw_untouched(out, sizeof out, FILL), "%s: output written on error", v->name);
    CHECK(!verify1(v->secret, v->secret_len, v->identifier, v->identifier_len, DOC_HASH, 64),
          "%s: cw_verify returned true", v->name);

    key_status = cw_key_new(U8(v->secret), v->secret_len, &key);
    if (v->code == CW_STATUS_EMPTY_SECRET || v->code == CW_STATUS_SECRET_WHITESPACE ||
        v->code == CW_STATUS_SECRET_INVISIBLE) {
      CHECK(key_status == v->code && key == NULL, "%s: cw_key_new gave %d", v->name, (int)key_status);
    } else {
      CHECK(key_status == CW_STATUS_OK, "%s: cw_key_new gave %d", v->name, (int)key_status);
      CHECK_STATUS(cw_key_identifier_hash(key, U8(v->identifier), v->identifier_len, out, sizeof out), v->code, v->name);
      CHECK(cw_untouched(out, sizeof out, FILL), "%s: keyed output written on error", v->name);
      CHECK(!cw_key_verify(key, U8(v->identifier), v->identifier_len, DOC_HASH, 64), "%s: cw_key_verify true", v->name);
    }
    cw_key_free(key);
  }
}

static void test_verify_vectors(void) {
  size_t i;
  for (i = 0; i < CW_VERIFY_VECTOR_COUNT; i++) {
    const cw_verify_vector *v = &CW_VERIFY_VECTORS[i];
    cw_key *key = NULL;
    bool want = v->valid != 0;

    CHECK(verify1(v->secret, v->secret_len, v->identifier, v->identifier_len, v->identifier_hash,
                  v->identifier_hash_len) == want,
          "%s: cw_verify should return %d", v->name, v->valid);
    if (cw_key_new(U8(v->secret), v->secret_len, &key) == CW_STATUS_OK) {
      CHECK(cw_key_verify(key, U8(v->identifier), v->identifier_len, v->identifier_hash, v->identifier_hash_len) == want,
            "%s: cw_key_verify should return %d", v->name, v->valid);
      cw_key_free(key);
    } else {
      CHECK(!want, "%s: cw_key_new refused the secret of a valid case", v->name);
    }
  }
}

/* ---- cw_identifier_hash -------------------------------------------------------------- */

static void test_identifier_hash_bad_inputs(void) {
  const size_t S = strlen(DOC_SECRET), I = strlen(DOC_ID);
  const char *whitespace_secrets[] = {" " DOC_SECRET, DOC_SECRET " ", "\t" DOC_SECRET, DOC_SECRET "\t",
                                      DOC_SECRET "\n", "\n" DOC_SECRET, DOC_SECRET "\r", DOC_SECRET "\r\n",
                                      " ", "\n", "  \t "};
  /* UTF-8 for U+FEFF, U+00A0, U+200B, U+200D, U+2060, U+3000, U+2028, U+0085, U+00AD, U+E0020 */
  const char *invisible_secrets[] = {"\xef\xbb\xbf" DOC_SECRET, DOC_SECRET "\xef\xbb\xbf", DOC_SECRET "\xc2\xa0",
                                     "\xc2\xa0" DOC_SECRET,       DOC_SECRET "\xe2\x80\x8b", DOC_SECRET "\xe2\x80\x8d",
                                     DOC_SECRET "\xe2\x81\xa0", "\xe3\x80\x80" DOC_SECRET, DOC_SECRET "\xe2\x80\xa8",
                                     DOC_SECRET "\xc2\x85",     DOC_SECRET "\xc2\xad",       DOC_SECRET "\xf3\xa0\x80\xa0",
                                     "\xef\xbb\xbf"};
  /* Inside the secret, or bytes that are not UTF-8 at an edge (raw key bytes), are accepted. */
  const char *accepted_secrets[] = {"a b", "x", "\v" DOC_SECRET, DOC_SECRET "\f", "a\nb", "a\xc2\xa0" "b",
                                    "caf\xc3\xa9", "\xef\xbbkey", "key\xa0", "\xa0key", "key\xe2\x80"};
  char out[66];
  size_t i;

  /* matrix: null-with-length */
  memset(out, FILL, sizeof out);
  CHECK_STATUS(cw_identifier_hash(NO_BYTES, S, U8(DOC_ID), I, out, 65), CW_STATUS_NULL_POINTER, "NULL secret");
  CHECK_STATUS(cw_identifier_hash(U8(DOC_SECRET), S, NO_BYTES, I, out, 65), CW_STATUS_NULL_POINTER, "NULL identifier");
  CHECK_STATUS(cw_identifier_hash(U8(DOC_SECRET), S, U8(DOC_ID), I, NO_OUT, 65), CW_STATUS_NULL_POINTER, "NULL out");
  /* NULL pointers are checked first, before the secret and the identifier. */
  CHECK_STATUS(cw_identifier_hash(NO_BYTES, S, NO_BYTES, 0, out, 65), CW_STATUS_NULL_POINTER, "NULL secret first");
  CHECK_STATUS(cw_identifier_hash(U8(""), 0, NO_BYTES, I, out, 65), CW_STATUS_NULL_POINTER, "NULL identifier first");
  CHECK_STATUS(cw_identifier_hash(U8(""), 0, U8(""), 0, NO_OUT, 65), CW_STATUS_NULL_POINTER, "NULL out first");
  CHECK(cw_untouched(out, sizeof out, FILL), "output written on a NULL_POINTER error");

  /* matrix: null-zero-length */
  CHECK_STATUS(cw_identifier_hash(NO_BYTES, 0, U8(DOC_ID), I, out, 65), CW_STATUS_EMPTY_SECRET, "(NULL, 0) secret");
  CHECK_STATUS(cw_identifier_hash(U8(DOC_SECRET), S, NO_BYTES, 0, out, 65), CW_STATUS_EMPTY_IDENTIFIER,
               "(NULL, 0) identifier");
  CHECK_STATUS(cw_identifier_hash(U8(DOC_SECRET), S, U8(DOC_ID), I, NO_OUT, 0), CW_STATUS_BUFFER_TOO_SMALL,
               "(NULL, 0) out");

  /* matrix: empty-secret */
  CHECK_STATUS(hash1("", 0, DOC_ID, I, out, 65), CW_STATUS_EMPTY_SECRET, "empty secret");
  CHECK_STATUS(hash1("", 0, "", 0, out, 0), CW_STATUS_EMPTY_SECRET, "empty secret is checked before the rest");

  /* matrix: secret-whitespace */
  for (i = 0; i < sizeof whitespace_secrets / sizeof whitespace_secrets[0]; i++) {
    const char *s = whitespace_secrets[i];
    CHECK_STATUS(hash1(s, strlen(s), DOC_ID, I, out, 65), CW_STATUS_SECRET_WHITESPACE, "whitespace secret");
    CHECK_STATUS(hash1(s, strlen(s), "", 0, out, 0), CW_STATUS_SECRET_WHITESPACE, "secret checked before identifier");
  }
  /* matrix: secret-invisible */
  for (i = 0; i < sizeof invisible_secrets / sizeof invisible_secrets[0]; i++) {
    const char *s = invisible_secrets[i];
    CHECK_STATUS(hash1(s, strlen(s), DOC_ID, I, out, 65), CW_STATUS_SECRET_INVISIBLE, s);
    CHECK_STATUS(hash1(s, strlen(s), "", 0, out, 0), CW_STATUS_SECRET_INVISIBLE, "invisible: secret checked first");
    CHECK(!verify1(s, strlen(s), DOC_ID, I, DOC_HASH, 64), "an invisible-padded secret verified");
  }
  CHECK(cw_untouched(out, sizeof out, FILL), "output written on a secret error");
  /* Inner whitespace, and \v / \f around the secret (RFC 4231 keys are made of those), are accepted. */
  for (i = 0; i < sizeof accepted_secrets / sizeof accepted_secrets[0]; i++) {
    const char *s = accepted_secrets[i];
    CHECK_STATUS(hash1(s, strlen(s), DOC_ID, I, out, 65), CW_STATUS_OK, "secret with inner or \\v\\f whitespace");
  }

  /* matrix: empty-identifier */
  memset(out, FILL, sizeof out);
  CHECK_STATUS(hash1(DOC_SECRET, S, "", 0, out, 65), CW_STATUS_EMPTY_IDENTIFIER, "empty identifier");
  CHECK_STATUS(hash1(DOC_SECRET, S, "", 0, out, 0), CW_STATUS_EMPTY_IDENTIFIER, "identifier checked before size");
  CHECK(cw_untouched(out, sizeof out, FILL), "output written on EMPTY_IDENTIFIER");

  /* Identifiers are bytes: whitespace and NULs inside are hashed, not trimmed. */
  {
    char a[65], b[65];
    CHECK_STATUS(hash1(DOC_SECRET, S, "42", 2, a, 65), CW_STATUS_OK, "identifier 42");
    CHECK_STATUS(hash1(DOC_SECRET, S, "42\n", 3, b, 65), CW_STATUS_OK, "identifier 42\\n");
    CHECK(strcmp(a, b) != 0, "a trailing newline in the identifier was ignored");
    CHECK_STATUS(hash1(DOC_SECRET, S, "4\0002", 3, b, 65), CW_STATUS_OK, "identifier with a NUL");
    CHECK(strcmp(a, b) != 0, "a NUL inside the identifier was ignored");
  }

  check_output_sizes("cw_identifier_hash", doc_oneshot, NULL);
}

/* ---- cw_verify ----------------------------------------------------------------------- */

static void test_verify_bad_inputs(void) {
  const size_t S = strlen(DOC_SECRET), I = strlen(DOC_ID);
  char h[80];

  CHECK(verify1(DOC_SECRET, S, DOC_ID, I, DOC_HASH, 64), "the documented sample does not verify");
  /* matrix: null-with-length */
  CHECK(!cw_verify(NO_BYTES, S, U8(DOC_ID), I, DOC_HASH, 64), "NULL secret verified");
  CHECK(!cw_verify(U8(DOC_SECRET), S, NO_BYTES, I, DOC_HASH, 64), "NULL identifier verified");
  CHECK(!cw_verify(U8(DOC_SECRET), S, U8(DOC_ID), I, NULL, 64), "NULL hash verified");
  /* matrix: null-zero-length */
  CHECK(!cw_verify(NO_BYTES, 0, U8(DOC_ID), I, DOC_HASH, 64), "(NULL, 0) secret verified");
  CHECK(!cw_verify(U8(DOC_SECRET), S, NO_BYTES, 0, DOC_HASH, 64), "(NULL, 0) identifier verified");
  CHECK(!cw_verify(U8(DOC_SECRET), S, U8(DOC_ID), I, NULL, 0), "(NULL, 0) hash verified");
  /* matrix: empty-secret */
  CHECK(!verify1("", 0, DOC_ID, I, DOC_HASH, 64), "empty secret verified");
  /* matrix: secret-whitespace */
  CHECK(!verify1(DOC_SECRET "\n", S + 1, DOC_ID, I, DOC_HASH, 64), "secret with a newline verified");
  CHECK(!verify1(" " DOC_SECRET, S + 1, DOC_ID, I, DOC_HASH, 64), "secret with a leading space verified");
  /* matrix: empty-identifier */
  CHECK(!verify1(DOC_SECRET, S, "", 0, DOC_HASH, 64), "empty identifier verified");
  /* matrix: hash-wrong-length */
  CHECK(!verify1(DOC_SECRET, S, DOC_ID, I, DOC_HASH, 63), "63 characters verified");
  CHECK(!verify1(DOC_SECRET, S, DOC_ID, I, DOC_HASH, 65), "the hash and its NUL verified");
  CHECK(!verify1(DOC_SECRET, S, DOC_ID, I, DOC_HASH, 0), "empty hash verified");
  /* matrix: uppercase-hash */
  {
    size_t k;
    memcpy(h, DOC_HASH, 65);
    for (k = 0; k < 64; k++) {
      if (h[k] >= 'a' && h[k] <= 'f') h[k] = (char)(h[k] - 'a' + 'A');
    }
    CHECK(!verify1(DOC_SECRET, S, DOC_ID, I, h, 64), "uppercase hash verified");
    memcpy(h, DOC_HASH, 65);
    h[0] = 'F';
    CHECK(!verify1(DOC_SECRET, S, DOC_ID, I, h, 64), "hash with one uppercase letter verified");
  }
  /* matrix: non-hex-hash */
  memcpy(h, DOC_HASH, 65);
  h[10] = 'g';
  CHECK(!verify1(DOC_SECRET, S, DOC_ID, I, h, 64), "non-hex hash verified");
  CHECK(!verify1(DOC_SECRET, S, DOC_ID, I, "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", 64),
        "hash of z verified");
  /* matrix: hash-whitespace */
  CHECK(!verify1(DOC_SECRET, S, DOC_ID, I, " " DOC_HASH, 65), "hash with a leading space verified");
  CHECK(!verify1(DOC_SECRET, S, DOC_ID, I, DOC_HASH "\n", 65), "hash with a trailing newline verified");
  CHECK(!verify1(DOC_SECRET, S, DOC_ID, I, " " DOC_HASH, 64), "shifted hash verified");
}

/* ---- cw_key_new / cw_key_free -------------------------------------------------------- */

static void test_key_lifecycle(void) {
  const size_t S = strlen(DOC_SECRET);
  cw_key *sentinel = (cw_key *)(uintptr_t)0x1234;
  cw_key *key = sentinel;

  /* matrix: null-with-length */
  CHECK_STATUS(cw_key_new(U8(DOC_SECRET), S, NULL), CW_STATUS_NULL_POINTER, "cw_key_new NULL out");
  CHECK_STATUS(cw_key_new(NO_BYTES, 0, NULL), CW_STATUS_NULL_POINTER, "cw_key_new NULL out, empty secret");
  CHECK_STATUS(cw_key_new(NO_BYTES, S, &key), CW_STATUS_NULL_POINTER, "cw_key_new NULL secret");
  CHECK(key == sentinel, "cw_key_new wrote *out on NULL_POINTER");
  /* matrix: null-zero-length */
  CHECK_STATUS(cw_key_new(NO_BYTES, 0, &key), CW_STATUS_EMPTY_SECRET, "cw_key_new (NULL, 0)");
  /* matrix: empty-secret */
  CHECK_STATUS(cw_key_new(U8(""), 0, &key), CW_STATUS_EMPTY_SECRET, "cw_key_new empty secret");
  /* matrix: secret-whitespace */
  CHECK_STATUS(cw_key_new(U8(DOC_SECRET "\r\n"), S + 2, &key), CW_STATUS_SECRET_WHITESPACE, "cw_key_new CRLF");
  CHECK_STATUS(cw_key_new(U8("\t" DOC_SECRET), S + 1, &key), CW_STATUS_SECRET_WHITESPACE, "cw_key_new tab");
  /* matrix: secret-invisible */
  CHECK_STATUS(cw_key_new(U8("\xef\xbb\xbf" DOC_SECRET), S + 3, &key), CW_STATUS_SECRET_INVISIBLE, "cw_key_new BOM");
  CHECK_STATUS(cw_key_new(U8(DOC_SECRET "\xc2\xa0"), S + 2, &key), CW_STATUS_SECRET_INVISIBLE, "cw_key_new NBSP");
  CHECK(key == sentinel, "cw_key_new wrote *out on error");

  key = NULL;
  CHECK_STATUS(cw_key_new(U8(DOC_SECRET), S, &key), CW_STATUS_OK, "cw_key_new");
  CHECK(key != NULL, "cw_key_new gave NULL on success");
  {
    /* The library keeps no reference to the secret: overwrite our copy, the key still works. */
    char copy[] = DOC_SECRET;
    cw_key *k2 = NULL;
    char out[65];
    CHECK_STATUS(cw_key_new(U8(copy), S, &k2), CW_STATUS_OK, "cw_key_new from a copy");
    memset(copy, 'x', S);
    CHECK_STATUS(cw_key_identifier_hash(k2, U8(DOC_ID), strlen(DOC_ID), out, sizeof out), CW_STATUS_OK, "after wipe");
    CHECK(strcmp(out, DOC_HASH) == 0, "the key depended on the caller's secret buffer");
    cw_key_free(k2);
  }
  cw_key_free(key);

  /* matrix: key-double-free (the documented idiom: free once, then NULL the handle;
   * cw_key_free(NULL) does nothing, so a second free of the NULLed handle is harmless) */
  key = new_key(DOC_SECRET, S);
  cw_key_free(key);
  key = NULL;
  cw_key_free(key);
  cw_key_free(NULL);
  CHECK(1, "cw_key_free(NULL) returned");
}

/* ---- cw_key_identifier_hash / cw_key_verify ------------------------------------------ */

static void test_keyed_bad_inputs(void) {
  const size_t I = strlen(DOC_ID);
  cw_key *key = new_key(DOC_SECRET, strlen(DOC_SECRET));
  char out[66];
  char *big;
  const size_t MIB = 1024 * 1024;

  if (key == NULL) return;
  memset(out, FILL, sizeof out);
  /* matrix: null-with-length */
  CHECK_STATUS(cw_key_identifier_hash(NULL, U8(DOC_ID), I, out, 65), CW_STATUS_NULL_POINTER, "NULL key");
  CHECK_STATUS(cw_key_identifier_hash(key, NO_BYTES, I, out, 65), CW_STATUS_NULL_POINTER, "NULL identifier");
  CHECK_STATUS(cw_key_identifier_hash(key, U8(DOC_ID), I, NO_OUT, 65), CW_STATUS_NULL_POINTER, "NULL out");
  CHECK_STATUS(cw_key_identifier_hash(NULL, U8(""), 0, out, 0), CW_STATUS_NULL_POINTER, "NULL key first");
  CHECK(cw_untouched(out, sizeof out, FILL), "keyed output written on NULL_POINTER");
  CHECK(!cw_key_verify(NULL, U8(DOC_ID), I, DOC_HASH, 64), "NULL key verified");
  CHECK(!cw_key_verify(key, NO_BYTES, I, DOC_HASH, 64), "NULL identifier verified");
  CHECK(!cw_key_verify(key, U8(DOC_ID), I, NULL, 64), "NULL hash verified");
  /* matrix: null-zero-length */
  CHECK_STATUS(cw_key_identifier_hash(key, NO_BYTES, 0, out, 65), CW_STATUS_EMPTY_IDENTIFIER, "(NULL, 0) identifier");
  CHECK(!cw_key_verify(key, NO_BYTES, 0, DOC_HASH, 64), "(NULL, 0) identifier verified");
  CHECK(!cw_key_verify(key, U8(DOC_ID), I, NULL, 0), "(NULL, 0) hash verified");
  /* matrix: empty-identifier */
  CHECK_STATUS(cw_key_identifier_hash(key, U8(""), 0, out, 65), CW_STATUS_EMPTY_IDENTIFIER, "empty identifier");
  CHECK_STATUS(cw_key_identifier_hash(key, U8(""), 0, out, 0), CW_STATUS_EMPTY_IDENTIFIER, "identifier before size");
  CHECK(cw_untouched(out, sizeof out, FILL), "keyed output written on EMPTY_IDENTIFIER");
  CHECK(!cw_key_verify(key, U8(""), 0, DOC_HASH, 64), "empty identifier verified");
  /* matrix: hash-wrong-length, uppercase-hash, non-hex-hash, hash-whitespace */
  CHECK(cw_key_verify(key, U8(DOC_ID), I, DOC_HASH, 64), "the right hash did not verify");
  CHECK(!cw_key_verify(key, U8(DOC_ID), I, DOC_HASH, 63), "63 characters verified");
  CHECK(!cw_key_verify(key, U8(DOC_ID), I, DOC_HASH, 65), "hash and NUL verified");
  CHECK(!cw_key_verify(key, U8(DOC_ID), I, "FA803C5EF0DC4056F15936CC79E6C9EB912FE55B5D7AFB9C0A14F3A1A491700C", 64),
        "uppercase verified");
  CHECK(!cw_key_verify(key, U8(DOC_ID), I, "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700g", 64),
        "non-hex verified");
  CHECK(!cw_key_verify(key, U8(DOC_ID), I, DOC_HASH " ", 65), "trailing space verified");
  CHECK(!cw_key_verify(key, U8(DOC_ID), I, "\t" DOC_HASH, 65), "leading tab verified");

  check_output_sizes("cw_key_identifier_hash", doc_keyed, key);

  /* matrix: identifier-1mib (one-shot, keyed and verify agree on a 1 MiB identifier) */
  big = malloc(MIB);
  CHECK(big != NULL, "out of memory");
  if (big != NULL) {
    char a[65], b[65];
    size_t k;
    for (k = 0; k < MIB; k++) big[k] = (char)('a' + k % 26);
    CHECK_STATUS(cw_key_identifier_hash(key, U8(big), MIB, a, sizeof a), CW_STATUS_OK, "1 MiB keyed");
    CHECK_STATUS(hash1(DOC_SECRET, strlen(DOC_SECRET), big, MIB, b, sizeof b), CW_STATUS_OK, "1 MiB one-shot");
    CHECK(strcmp(a, b) == 0, "1 MiB: keyed and one-shot differ");
    CHECK(cw_key_verify(key, U8(big), MIB, a, 64), "1 MiB: verify failed");
    CHECK(verify1(DOC_SECRET, strlen(DOC_SECRET), big, MIB, a, 64), "1 MiB: one-shot verify failed");
    big[MIB - 1] ^= 1;
    CHECK(!cw_key_verify(key, U8(big), MIB, a, 64), "1 MiB: last byte changed, still verified");
    free(big);
  }

  /* matrix: non-utf8, non-unicode-string (C has no string type apart from bytes: any
   * bytes, valid UTF-8 or not, are hashed exactly as given) */
  {
    const char bin[] = {'\xff', '\xfe', '\0', '\x80', '\xc3'};
    char a[65], b[65];
    CHECK_STATUS(cw_key_identifier_hash(key, U8(bin), sizeof bin, a, sizeof a), CW_STATUS_OK, "non-UTF-8 keyed");
    CHECK_STATUS(hash1(DOC_SECRET, strlen(DOC_SECRET), bin, sizeof bin, b, sizeof b), CW_STATUS_OK, "non-UTF-8");
    CHECK(strcmp(a, b) == 0, "non-UTF-8: keyed and one-shot differ");
    CHECK(cw_key_verify(key, U8(bin), sizeof bin, a, 64), "non-UTF-8 identifier did not verify");
    CHECK_STATUS(hash1("\xff\xfe", 2, DOC_ID, strlen(DOC_ID), b, sizeof b), CW_STATUS_OK, "non-UTF-8 secret");
  }
  cw_key_free(key);
}

/* ---- cw_key_identifier_hash_batch ----------------------------------------------------- */

static void test_batch(void) {
  cw_key *key = new_key(DOC_SECRET, strlen(DOC_SECRET));
  const char ids[] = "abc" "unique-identifier-of-the-user" "42";
  const size_t len = sizeof ids - 1;
  size_t offsets[4] = {0, 3, 32, 34};
  char out[3 * 64 + 8], one[65];
  size_t k;

  if (key == NULL) return;
  memset(out, FILL, sizeof out);
  CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), len, offsets, 3, out, 3 * 64), CW_STATUS_OK, "batch");
  for (k = 0; k < 3; k++) {
    CHECK_STATUS(cw_key_identifier_hash(key, U8(ids + offsets[k]), offsets[k + 1] - offsets[k], one, sizeof one),
                 CW_STATUS_OK, "single");
    CHECK(memcmp(out + 64 * k, one, 64) == 0, "batch hash %zu differs from the single call", k);
  }
  CHECK(memcmp(out + 64, DOC_HASH, 64) == 0, "batch: the documented sample is wrong");
  CHECK(cw_untouched(out + 3 * 64, sizeof out - 3 * 64, FILL), "batch wrote past count * 64 bytes");
  memset(out, FILL, sizeof out);
  CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), len, offsets, 3, out, sizeof out), CW_STATUS_OK, "big out");
  CHECK(cw_untouched(out + 3 * 64, sizeof out - 3 * 64, FILL), "batch wrote a NUL or more into a larger buffer");
  {
    /* Offsets need not start at 0 nor end at the buffer's end. */
    size_t inner[2] = {3, 32};
    memset(out, FILL, sizeof out);
    CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), len, inner, 1, out, 64), CW_STATUS_OK, "inner slice");
    CHECK(memcmp(out, DOC_HASH, 64) == 0, "inner slice hash wrong");
  }

  /* count 0: OK, reads nothing but the key, writes nothing. */
  memset(out, FILL, sizeof out);
  CHECK_STATUS(cw_key_identifier_hash_batch(key, NO_BYTES, 0, NULL, 0, NO_OUT, 0), CW_STATUS_OK, "count 0, all NULL");
  CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), len, NULL, 0, out, sizeof out), CW_STATUS_OK, "count 0");
  CHECK(cw_untouched(out, sizeof out, FILL), "count 0 wrote output");

  /* matrix: null-with-length */
  CHECK_STATUS(cw_key_identifier_hash_batch(NULL, U8(ids), len, offsets, 3, out, 3 * 64), CW_STATUS_NULL_POINTER,
               "batch NULL key");
  CHECK_STATUS(cw_key_identifier_hash_batch(NULL, NO_BYTES, 0, NULL, 0, NO_OUT, 0), CW_STATUS_NULL_POINTER,
               "batch NULL key, count 0");
  CHECK_STATUS(cw_key_identifier_hash_batch(key, NO_BYTES, len, offsets, 3, out, 3 * 64), CW_STATUS_NULL_POINTER,
               "batch NULL identifiers");
  CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), len, NULL, 3, out, 3 * 64), CW_STATUS_NULL_POINTER,
               "batch NULL offsets");
  CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), len, offsets, 3, NO_OUT, 3 * 64), CW_STATUS_NULL_POINTER,
               "batch NULL out");
  CHECK(cw_untouched(out, sizeof out, FILL), "batch wrote output on NULL_POINTER");

  /* matrix: null-zero-length */
  {
    size_t empty[2] = {0, 0};
    CHECK_STATUS(cw_key_identifier_hash_batch(key, NO_BYTES, 0, empty, 1, out, 64), CW_STATUS_EMPTY_IDENTIFIER,
                 "batch (NULL, 0) identifiers");
    CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), len, offsets, 3, NO_OUT, 0), CW_STATUS_BUFFER_TOO_SMALL,
                 "batch (NULL, 0) out");
  }

  /* matrix: batch-bad-offsets */
  {
    size_t decreasing[4] = {0, 32, 3, 34};
    size_t past_end[4] = {0, 3, 32, 35};
    size_t far_past_end[2] = {0, (size_t)-1};
    size_t start_past_end[2] = {40, 41};
    memset(out, FILL, sizeof out);
    CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), len, decreasing, 3, out, 3 * 64),
                 CW_STATUS_INVALID_OFFSETS, "decreasing offsets");
    CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), len, past_end, 3, out, 3 * 64), CW_STATUS_INVALID_OFFSETS,
                 "offset past the end");
    CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), len, far_past_end, 1, out, 64), CW_STATUS_INVALID_OFFSETS,
                 "offset SIZE_MAX");
    CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), len, start_past_end, 1, out, 64),
                 CW_STATUS_INVALID_OFFSETS, "both offsets past the end");
    CHECK(cw_untouched(out, sizeof out, FILL), "batch wrote output on INVALID_OFFSETS");
  }

  /* matrix: empty-identifier (two equal consecutive offsets; nothing written even for the
   * identifiers before it) */
  {
    size_t with_empty[4] = {0, 3, 3, 34};
    memset(out, FILL, sizeof out);
    CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), len, with_empty, 3, out, 3 * 64),
                 CW_STATUS_EMPTY_IDENTIFIER, "empty identifier in a batch");
    CHECK(cw_untouched(out, sizeof out, FILL), "batch wrote output on EMPTY_IDENTIFIER");
  }

  /* matrix: buffer-too-small */
  memset(out, FILL, sizeof out);
  CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), len, offsets, 3, out, 3 * 64 - 1), CW_STATUS_BUFFER_TOO_SMALL,
               "batch out one byte short");
  CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), len, offsets, 3, out, 64), CW_STATUS_BUFFER_TOO_SMALL,
               "batch out for one hash");
  CHECK_STATUS(cw_key_identifier_hash_batch(key, U8(ids), len, offsets, 3, out, 0), CW_STATUS_BUFFER_TOO_SMALL,
               "batch out of 0 bytes");
  CHECK(cw_untouched(out, sizeof out, FILL), "batch wrote output on BUFFER_TOO_SMALL");

  /* A count whose count + 1 offsets overflow is refused before anything is read. */
  CHECK(cw_key_identifier_hash_batch(key, U8(ids), len, offsets, (size_t)-1, out, sizeof out) != CW_STATUS_OK,
        "count SIZE_MAX accepted");
  CHECK(cw_untouched(out, sizeof out, FILL), "batch wrote output on an overflowing count");
  cw_key_free(key);
}

/* ---- two threads sharing one cw_key -------------------------------------------------- */

#define SHARED_ROUNDS 20000

struct shared_job {
  const cw_key *key;
  int thread;
  unsigned long mismatches;
};

static void *shared_key_worker(void *arg) {
  struct shared_job *job = arg;
  char id[48], keyed[65], oneshot[65];
  int i;
  for (i = 0; i < SHARED_ROUNDS; i++) {
    int n = snprintf(id, sizeof id, "thread-%d-user-%d", job->thread, i);
    if (cw_key_identifier_hash(job->key, U8(id), (size_t)n, keyed, sizeof keyed) != CW_STATUS_OK ||
        hash1(DOC_SECRET, strlen(DOC_SECRET), id, (size_t)n, oneshot, sizeof oneshot) != CW_STATUS_OK ||
        strcmp(keyed, oneshot) != 0 || !cw_key_verify(job->key, U8(id), (size_t)n, keyed, 64)) {
      job->mismatches++;
    }
  }
  return NULL;
}

static void test_two_threads_share_a_key(void) {
  cw_key *key = new_key(DOC_SECRET, strlen(DOC_SECRET));
  pthread_t threads[2];
  struct shared_job jobs[2];
  int t;
  if (key == NULL) return;
  for (t = 0; t < 2; t++) {
    jobs[t].key = key;
    jobs[t].thread = t;
    jobs[t].mismatches = 0;
    CHECK(pthread_create(&threads[t], NULL, shared_key_worker, &jobs[t]) == 0, "pthread_create");
  }
  for (t = 0; t < 2; t++) {
    CHECK(pthread_join(threads[t], NULL) == 0, "pthread_join");
    CHECK(jobs[t].mismatches == 0, "thread %d: %lu of %d hashes wrong", t, jobs[t].mismatches, SHARED_ROUNDS);
  }
  cw_key_free(key);
}

/* ---- cw_explain, cw_verdict_name, cw_verdict_message ---------------------------------- */

static void test_verdict_strings(void) {
  /* Negative values are statuses, never verdicts. */
  const int32_t unknown[] = {20, 21, 100, -1, -2, -3, -4, -100, INT32_MAX, INT32_MIN};
  size_t i, j;
  CHECK(CW_VERDICT_VECTOR_COUNT == 20, "vectors list %zu verdicts", (size_t)CW_VERDICT_VECTOR_COUNT);
  for (i = 0; i < CW_VERDICT_VECTOR_COUNT; i++) {
    const cw_status_vector *v = &CW_VERDICT_VECTORS[i];
    const char *name = cw_verdict_name(v->code), *message = cw_verdict_message(v->code);
    CHECK(name != NULL && strcmp(name, v->name) == 0, "verdict %d: name %s, want %s", v->code, name ? name : "(null)",
          v->name);
    CHECK(message != NULL && strlen(message) > 0, "verdict %s: no message", v->name);
    CHECK(message != NULL && strcmp(message, cw_verdict_message(INT32_MAX)) != 0, "verdict %s: unknown message",
          v->name);
    for (j = 0; j < i; j++) {
      CHECK(strcmp(message, cw_verdict_message(CW_VERDICT_VECTORS[j].code)) != 0, "verdicts %s and %s share a message",
            v->name, CW_VERDICT_VECTORS[j].name);
    }
  }
  CHECK(CW_VERDICT_MATCH == 0 && CW_VERDICT_MISMATCH == 13 && CW_VERDICT_BLANK_HASH == 14 &&
            CW_VERDICT_OTHER_CANDIDATE == 19,
        "the header's verdict values moved");
  CHECK(CW_CANDIDATE_KIND_NONE == 0 && CW_CANDIDATE_KIND_SECRET == 1 && CW_CANDIDATE_KIND_IDENTIFIER == 2,
        "the header's candidate kinds moved");
  /* The verdict secret_whitespace covers both secret statuses' conditions. */
  CHECK(strstr(cw_verdict_message(CW_VERDICT_SECRET_WHITESPACE), "whitespace") != NULL &&
            strstr(cw_verdict_message(CW_VERDICT_SECRET_WHITESPACE), "byte-order mark") != NULL,
        "secret_whitespace message: %s", cw_verdict_message(CW_VERDICT_SECRET_WHITESPACE));
  for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
    const char *name = cw_verdict_name(unknown[i]), *message = cw_verdict_message(unknown[i]);
    CHECK(name != NULL && strcmp(name, "unknown") == 0, "verdict %ld: name %s", (long)unknown[i], name ? name : "(null)");
    CHECK(message != NULL && strlen(message) > 0, "verdict %ld: no message", (long)unknown[i]);
  }
}

/* cw_explain on the documented sample's secret and identifier with `hash`, no candidates. */
static cw_status explain_doc(const uint8_t *secret, size_t secret_len, const uint8_t *id, size_t id_len,
                             const char *hash, size_t hash_len, cw_explanation *out) {
  return cw_explain(secret, secret_len, id, id_len, hash, hash_len, NULL, out);
}

static const cw_explanation UNTOUCHED = {-99, -99, 99};

static int untouched(const cw_explanation *e) {
  return e->verdict == UNTOUCHED.verdict && e->candidate_kind == UNTOUCHED.candidate_kind &&
         e->candidate_index == UNTOUCHED.candidate_index;
}

/* A vector's candidate list as the cw_bytes array cw_explain takes (at most 8 here). */
static void to_bytes(const char *const *items, const size_t *lens, size_t count, cw_bytes *out) {
  size_t i;
  for (i = 0; i < count && i < 8; i++) {
    out[i].ptr = U8(items[i]);
    out[i].len = lens[i];
  }
}

static void test_explain(void) {
  const size_t S = strlen(DOC_SECRET), I = strlen(DOC_ID);
  cw_explanation e;
  size_t i;
  for (i = 0; i < CW_EXPLAIN_VECTOR_COUNT; i++) {
    const cw_explain_vector *v = &CW_EXPLAIN_VECTORS[i];
    cw_bytes secrets[8], identifiers[8];
    cw_candidates candidates;
    CHECK(v->other_secrets_count <= 8 && v->other_identifiers_count <= 8, "explain %s: too many candidates", v->name);
    to_bytes(v->other_secrets, v->other_secret_lens, v->other_secrets_count, secrets);
    to_bytes(v->other_identifiers, v->other_identifier_lens, v->other_identifiers_count, identifiers);
    candidates.secrets = secrets;
    candidates.secrets_count = v->other_secrets_count;
    candidates.identifiers = identifiers;
    candidates.identifiers_count = v->other_identifiers_count;
    e = UNTOUCHED;
    CHECK_STATUS(cw_explain(U8(v->secret), v->secret_len, U8(v->identifier), v->identifier_len, v->hash, v->hash_len,
                            &candidates, &e),
                 CW_STATUS_OK, v->name);
    CHECK(e.verdict == v->code, "explain %s: got %d (%s), want %d (%s)", v->name, (int)e.verdict,
          cw_verdict_name(e.verdict), v->code, v->verdict);
    CHECK(e.candidate_kind == v->candidate_kind && e.candidate_index == v->candidate_index,
          "explain %s: candidate %d #%zu, want %d #%zu", v->name, (int)e.candidate_kind, e.candidate_index,
          v->candidate_kind, v->candidate_index);
    /* explain says "match" exactly when verify accepts. */
    CHECK((e.verdict == CW_VERDICT_MATCH) ==
              verify1(v->secret, v->secret_len, v->identifier, v->identifier_len, v->hash, v->hash_len),
          "explain %s: disagrees with cw_verify", v->name);
  }
  for (i = 0; i < CW_EXPLAIN_REJECTED_VECTOR_COUNT; i++) {
    const cw_explain_rejected_vector *v = &CW_EXPLAIN_REJECTED_VECTORS[i];
    e = UNTOUCHED;
    CHECK_STATUS(explain_doc(U8(v->secret), v->secret_len, U8(v->identifier), v->identifier_len, v->hash, v->hash_len, &e),
                 v->code, v->name);
    CHECK(untouched(&e), "explain %s: wrote its output on an error", v->name);
  }
  /* matrix: null-with-length */
  e = UNTOUCHED;
  CHECK_STATUS(explain_doc(NO_BYTES, S, U8(DOC_ID), I, DOC_HASH, 64, &e), CW_STATUS_NULL_POINTER, "explain NULL secret");
  CHECK_STATUS(explain_doc(U8(DOC_SECRET), S, NO_BYTES, I, DOC_HASH, 64, &e), CW_STATUS_NULL_POINTER,
               "explain NULL identifier");
  CHECK_STATUS(explain_doc(U8(DOC_SECRET), S, U8(DOC_ID), I, NULL, 64, &e), CW_STATUS_NULL_POINTER, "explain NULL hash");
  CHECK_STATUS(explain_doc(U8(DOC_SECRET), S, U8(DOC_ID), I, DOC_HASH, 64, NULL), CW_STATUS_NULL_POINTER,
               "explain NULL out");
  {
    const cw_bytes null_item[1] = {{NULL, 3}};
    cw_candidates bad;
    bad.secrets = NULL;
    bad.secrets_count = 1;
    bad.identifiers = NULL;
    bad.identifiers_count = 0;
    CHECK_STATUS(cw_explain(U8(DOC_SECRET), S, U8(DOC_ID), I, DOC_HASH, 64, &bad, &e), CW_STATUS_NULL_POINTER,
                 "explain NULL candidate array with a count");
    bad.secrets_count = 0;
    bad.identifiers = null_item;
    bad.identifiers_count = 1;
    CHECK_STATUS(cw_explain(U8(DOC_SECRET), S, U8(DOC_ID), I, DOC_HASH, 64, &bad, &e), CW_STATUS_NULL_POINTER,
                 "explain NULL candidate with a length");
  }
  CHECK(untouched(&e), "explain wrote its output on a NULL pointer");
  /* matrix: null-zero-length */
  CHECK_STATUS(explain_doc(NO_BYTES, 0, U8(DOC_ID), I, DOC_HASH, 64, &e), CW_STATUS_EMPTY_SECRET,
               "explain (NULL, 0) secret");
  CHECK_STATUS(explain_doc(U8(DOC_SECRET), S, NO_BYTES, 0, DOC_HASH, 64, &e), CW_STATUS_EMPTY_IDENTIFIER,
               "explain (NULL, 0) identifier");
  CHECK_STATUS(explain_doc(U8(DOC_SECRET), S, U8(DOC_ID), I, NULL, 0, &e), CW_STATUS_OK, "explain (NULL, 0) hash");
  CHECK(e.verdict == CW_VERDICT_BLANK_HASH && e.candidate_kind == CW_CANDIDATE_KIND_NONE && e.candidate_index == 0,
        "explain: a (NULL, 0) hash is not blank_hash");
  /* matrix: empty-secret */
  CHECK_STATUS(explain_doc(U8(""), 0, U8(DOC_ID), I, DOC_HASH, 64, &e), CW_STATUS_EMPTY_SECRET, "explain empty secret");
  /* matrix: empty-identifier */
  CHECK_STATUS(explain_doc(U8(DOC_SECRET), S, U8(""), 0, DOC_HASH, 64, &e), CW_STATUS_EMPTY_IDENTIFIER,
               "explain empty identifier");
  /* The candidates never change the answer when an earlier verdict fits. */
  {
    const cw_bytes other[1] = {{U8(DOC_SECRET), 26}};
    cw_candidates c;
    c.secrets = other;
    c.secrets_count = 1;
    c.identifiers = NULL;
    c.identifiers_count = 0;
    CHECK_STATUS(cw_explain(U8(DOC_SECRET), S, U8(DOC_ID), I, DOC_HASH, 64, &c, &e), CW_STATUS_OK, "explain, match");
    CHECK(e.verdict == CW_VERDICT_MATCH && e.candidate_kind == CW_CANDIDATE_KIND_NONE, "a candidate outranked match");
  }
}

int main(void) {
  test_versions();
  test_status_messages();
  test_hash_vectors();
  test_rejected_vectors();
  test_verify_vectors();
  test_identifier_hash_bad_inputs();
  test_verify_bad_inputs();
  test_key_lifecycle();
  test_keyed_bad_inputs();
  test_batch();
  test_verdict_strings();
  test_explain();
  test_two_threads_share_a_key();
  printf("test_api: %zu hash, %zu rejected, %zu verify, %zu explain vectors\n", (size_t)CW_HASH_VECTOR_COUNT,
         (size_t)CW_REJECTED_VECTOR_COUNT, (size_t)CW_VERIFY_VECTOR_COUNT, (size_t)CW_EXPLAIN_VECTOR_COUNT);
  return cw_check_summary("test_api");
}
