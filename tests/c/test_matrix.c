/* The C column of the bad-input matrix, table-driven: every case of tests/bad_input_matrix.json
 * that applies to C (build/c/matrix_cases.h, written by `scripts/check-matrix --c-cases`), run
 * through the C API. A failure names the row and the case. Outputs are filled with 0xAA first:
 * on an error status they must be untouched. */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chatwoot_identity.h"
#include "check.h"

enum matrix_call {
  CALL_IDENTIFIER_HASH,
  CALL_KEY_NEW,
  CALL_KEY_IDENTIFIER_HASH,
  CALL_KEY_IDENTIFIER_HASHES,
  CALL_KEY_IDENTIFIER_HASHES_OFFSETS,
  CALL_VERIFY,
  CALL_KEY_VERIFY,
  CALL_EXPLAIN,
  CALL_SET_USER_SCRIPT,
};

/* A value of the data: `base` repeated `repeat` times, or (is_null) a NULL pointer with length `len`. */
struct matrix_value {
  const char *base;
  size_t len;
  size_t repeat;
  int is_null;
};

#define MATRIX_MAX_OFFSETS_CAP 8
#define MATRIX_MAX_ITEMS_CAP 8

struct matrix_case {
  const char *row;
  size_t number; /* the case's index in its row */
  enum matrix_call call;
  struct matrix_value secret, identifier, hash, data;
  struct matrix_value items[MATRIX_MAX_ITEMS_CAP];
  size_t n_items;
  size_t offsets[MATRIX_MAX_OFFSETS_CAP];
  size_t n_offsets;
  long out_len; /* -1: the natural size */
  cw_status status;
  long index;   /* unused by C: its batch reports no index */
  int verify;   /* -1: not a verify case */
  int verdict;  /* -1: not an explain verdict */
  const char *hashes;
};

#include "matrix_cases.h"

#if MATRIX_MAX_OFFSETS > MATRIX_MAX_OFFSETS_CAP || MATRIX_MAX_ITEMS > MATRIX_MAX_ITEMS_CAP
#error "tests/bad_input_matrix.json has a case larger than test_matrix.c's tables: raise the caps"
#endif

#define FILL 0xAA
#define FIELDS "{\"name\":\"n\"}"

/* A value's bytes, expanded into a fresh allocation (NULL for a NULL value); *len gets its length. */
static uint8_t *expand(const struct matrix_value *v, size_t *len) {
  size_t i;
  uint8_t *p;
  if (v->is_null) {
    *len = v->len;
    return NULL;
  }
  *len = v->len * v->repeat;
  p = malloc(*len ? *len : 1);
  if (!p) {
    fprintf(stderr, "test_matrix: out of memory\n");
    exit(2);
  }
  for (i = 0; i < v->repeat; i++) memcpy(p + i * v->len, v->base, v->len);
  return p;
}

/* The case's key, or NULL after a failed check. */
static cw_key *make_key(const struct matrix_case *c, const char *where) {
  size_t len;
  uint8_t *secret = expand(&c->secret, &len);
  cw_key *key = NULL;
  cw_status st = cw_key_new(secret, len, &key);
  free(secret);
  CHECK(st == CW_STATUS_OK && key, "%s: cw_key_new for the case's key: status %d", where, (int)st);
  return st == CW_STATUS_OK ? key : NULL;
}

/* A hashing call's result against the expectation: the status, then the hex written (or the
 * buffer untouched). */
static void check_hashed(const struct matrix_case *c, const char *where, cw_status st, const char *out, size_t cap,
                         size_t hex_len) {
  CHECK_STATUS(st, c->status, where);
  if (c->status != CW_STATUS_OK) {
    CHECK(cw_untouched(out, cap, FILL), "%s: output written on an error", where);
    return;
  }
  CHECK(strlen(c->hashes) == hex_len && memcmp(out, c->hashes, hex_len) == 0, "%s: wrong hash", where);
  CHECK(cw_untouched(out + cap, 1, FILL), "%s: wrote past the buffer", where);
}

static void run_case(const struct matrix_case *c, size_t n) {
  char where[96];
  size_t secret_len, id_len, hash_len, data_len, i;
  uint8_t *secret, *id, *hash;
  cw_key *key = NULL;
  cw_status st;

  snprintf(where, sizeof where, "%s case %zu (C table entry %zu)", c->row, c->number, n);
  secret = expand(&c->secret, &secret_len);
  id = expand(&c->identifier, &id_len);
  hash = expand(&c->hash, &hash_len);

  switch (c->call) {
  case CALL_IDENTIFIER_HASH:
  case CALL_KEY_IDENTIFIER_HASH: {
    size_t cap = c->out_len >= 0 ? (size_t)c->out_len : 65;
    char *out = malloc(cap + 1);
    memset(out, FILL, cap + 1);
    if (c->call == CALL_IDENTIFIER_HASH) {
      st = cw_identifier_hash(secret, secret_len, id, id_len, out, cap);
    } else if ((key = make_key(c, where)) != NULL) {
      st = cw_key_identifier_hash(key, id, id_len, out, cap);
    } else {
      free(out);
      break;
    }
    check_hashed(c, where, st, out, cap, 64);
    if (c->status == CW_STATUS_OK && cap > 64) CHECK(out[64] == '\0', "%s: no NUL after the hash", where);
    free(out);
    break;
  }
  case CALL_KEY_NEW:
    st = cw_key_new(secret, secret_len, &key);
    CHECK_STATUS(st, c->status, where);
    CHECK((st == CW_STATUS_OK) == (key != NULL), "%s: key set on an error, or not on success", where);
    break;
  case CALL_KEY_IDENTIFIER_HASHES:
  case CALL_KEY_IDENTIFIER_HASHES_OFFSETS: {
    size_t offsets[MATRIX_MAX_OFFSETS_CAP + MATRIX_MAX_ITEMS_CAP + 1], count, cap;
    uint8_t *data;
    char *out;
    if (c->call == CALL_KEY_IDENTIFIER_HASHES) { /* the items back to back, cut at their ends */
      size_t lens[MATRIX_MAX_ITEMS_CAP], total = 0;
      uint8_t *parts[MATRIX_MAX_ITEMS_CAP];
      offsets[0] = 0;
      for (i = 0; i < c->n_items; i++) {
        parts[i] = expand(&c->items[i], &lens[i]);
        total += lens[i];
        offsets[i + 1] = total;
      }
      data = malloc(total ? total : 1);
      for (i = 0, total = 0; i < c->n_items; total += lens[i], i++) {
        memcpy(data + total, parts[i], lens[i]);
        free(parts[i]);
      }
      data_len = total;
      count = c->n_items;
    } else {
      data = expand(&c->data, &data_len);
      memcpy(offsets, c->offsets, c->n_offsets * sizeof offsets[0]);
      count = c->n_offsets - 1;
    }
    cap = c->out_len >= 0 ? (size_t)c->out_len : 64 * count;
    out = malloc(cap + 1);
    memset(out, FILL, cap + 1);
    if ((key = make_key(c, where)) != NULL) {
      st = cw_key_identifier_hash_batch(key, data, data_len, offsets, count, out, cap);
      check_hashed(c, where, st, out, cap, 64 * count);
    }
    free(out);
    free(data);
    break;
  }
  case CALL_VERIFY:
    CHECK(cw_verify(secret, secret_len, id, id_len, (const char *)hash, hash_len) == (c->verify == 1),
          "%s: cw_verify is not %s", where, c->verify ? "true" : "false");
    break;
  case CALL_KEY_VERIFY:
    if ((key = make_key(c, where)) != NULL) {
      CHECK(cw_key_verify(key, id, id_len, (const char *)hash, hash_len) == (c->verify == 1),
            "%s: cw_key_verify is not %s", where, c->verify ? "true" : "false");
    }
    break;
  case CALL_EXPLAIN: {
    cw_explanation found;
    memset(&found, FILL, sizeof found);
    st = cw_explain(secret, secret_len, id, id_len, (const char *)hash, hash_len, NULL, &found);
    CHECK_STATUS(st, c->status, where);
    if (st == CW_STATUS_OK) CHECK(found.verdict == c->verdict, "%s: verdict %d, want %d", where, (int)found.verdict, c->verdict);
    break;
  }
  case CALL_SET_USER_SCRIPT: {
    char out[4096];
    size_t len = 0;
    memset(out, FILL, sizeof out);
    if ((key = make_key(c, where)) != NULL) {
      st = cw_key_set_user_script(key, id, id_len, (const uint8_t *)FIELDS, strlen(FIELDS), NULL, 0, out, sizeof out,
                                  &len);
      CHECK_STATUS(st, c->status, where);
      if (c->status != CW_STATUS_OK) CHECK(cw_untouched(out, sizeof out, FILL), "%s: output written on an error", where);
    }
    break;
  }
  default:
    CHECK(0, "%s: a call this test does not know: add it to test_matrix.c", where);
  }
  cw_key_free(key);
  free(secret);
  free(id);
  free(hash);
}

/* Each behaviour row (what a table cannot hold) and the C test that exercises it, by its source
 * file and function: a behaviour row without an entry, or an entry whose function is gone, fails. */
static const struct {
  const char *row, *file, *function;
} behaviour_tests[] = {
    {"key-double-free", "tests/c/test_api.c", "test_key_lifecycle"},
    {"reentrancy", "tests/c/test_reentrancy.c", "main"},
    {"close-mid-call", "tests/c/test_threads.c", "main"},
};

/* Whether `file` (relative to the repository root, the tests' working directory) defines `function`. */
static int defines(const char *file, const char *function) {
  char line[512], want[128];
  int found = 0;
  FILE *f = fopen(file, "r");
  if (!f) return 0;
  snprintf(want, sizeof want, " %s(", function);
  while (!found && fgets(line, sizeof line, f)) found = line[0] != ' ' && strstr(line, want) != NULL;
  fclose(f);
  return found;
}

static void check_behaviour_rows(void) {
  size_t i, j;
  for (i = 0; i < MATRIX_N_BEHAVIOUR; i++) {
    int named = 0;
    for (j = 0; j < sizeof behaviour_tests / sizeof behaviour_tests[0]; j++) {
      if (strcmp(behaviour_tests[j].row, matrix_behaviour[i]) != 0) continue;
      named = 1;
      CHECK(defines(behaviour_tests[j].file, behaviour_tests[j].function), "behaviour row %s: %s defines no %s()",
            matrix_behaviour[i], behaviour_tests[j].file, behaviour_tests[j].function);
    }
    CHECK(named, "behaviour row %s names no C test: add it to behaviour_tests in tests/c/test_matrix.c",
          matrix_behaviour[i]);
  }
  for (j = 0; j < sizeof behaviour_tests / sizeof behaviour_tests[0]; j++) {
    int known = 0;
    for (i = 0; i < MATRIX_N_BEHAVIOUR; i++) known |= strcmp(behaviour_tests[j].row, matrix_behaviour[i]) == 0;
    CHECK(known, "behaviour_tests names %s, which is no behaviour row of C in the data", behaviour_tests[j].row);
  }
}

int main(void) {
  size_t i, n = sizeof matrix_cases / sizeof matrix_cases[0];
  for (i = 0; i < n; i++) run_case(&matrix_cases[i], i);
  check_behaviour_rows();
  printf("test_matrix: %zu cases and %d behaviour rows of tests/bad_input_matrix.json\n", n, MATRIX_N_BEHAVIOUR);
  return cw_check_summary("test_matrix");
}
