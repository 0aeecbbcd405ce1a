/* The render functions from C: the required-size protocol (ask, allocate, render), hostile
 * values that must stay inside their JSON strings, every status, and buffers left untouched
 * on error. Built with -Wall -Wextra -Wpedantic -Werror and run under ASan/UBSan too. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chatwoot_identity.h"
#include "check.h"

#define U8(s) ((const uint8_t *)(s))
#define FILL 0xAA
#define UNSET ((size_t)0xDEAD)

static const char SECRET[] = "your-secret-token-for-hmac";
static const char PWN[] = "</script><script>window.__pwned=1</script>";

/* The documented two-call pattern: ask for the size, allocate it, render. Returns a
 * malloc'd NUL-terminated string (the caller frees it) or NULL with *status set. */
static char *render_script(const cw_key *key, const char *id, const char *fields, const char *nonce, enum cw_status *status) {
  size_t need = 0, len = UNSET;
  char *out;
  *status = cw_key_set_user_script(key, U8(id), strlen(id), U8(fields), strlen(fields), U8(nonce), strlen(nonce), NULL, 0, &need);
  if (*status != CW_STATUS_BUFFER_TOO_SMALL) return NULL;
  out = malloc(need);
  if (!out) return NULL;
  *status = cw_key_set_user_script(key, U8(id), strlen(id), U8(fields), strlen(fields), U8(nonce), strlen(nonce), out, need, &len);
  CHECK(*status != CW_STATUS_OK || len + 1 == need, "script: *out_len %zu, asked for %zu", len, need);
  CHECK(*status != CW_STATUS_OK || strlen(out) == len, "script: NUL not at *out_len");
  if (*status != CW_STATUS_OK) {
    free(out);
    return NULL;
  }
  return out;
}

static char *render_payload(const cw_key *key, const char *id, const char *fields, enum cw_status *status) {
  size_t need = 0, len = UNSET;
  char *out;
  *status = cw_key_set_user_payload(key, U8(id), strlen(id), U8(fields), strlen(fields), NULL, 0, &need);
  if (*status != CW_STATUS_BUFFER_TOO_SMALL) return NULL;
  out = malloc(need);
  if (!out) return NULL;
  *status = cw_key_set_user_payload(key, U8(id), strlen(id), U8(fields), strlen(fields), out, need, &len);
  CHECK(*status != CW_STATUS_OK || (len + 1 == need && strlen(out) == len), "payload: size protocol broken");
  if (*status != CW_STATUS_OK) {
    free(out);
    return NULL;
  }
  return out;
}

static size_t count(const char *hay, const char *needle) {
  size_t n = 0;
  const char *p = hay;
  while ((p = strstr(p, needle)) != NULL) {
    n++;
    p += strlen(needle);
  }
  return n;
}

static void test_script_and_payload(const cw_key *key) {
  enum cw_status status;
  char *script = render_script(key, "unique-identifier-of-the-user", "{\"name\":\"Ann\",\"email\":\"ann@example.com\"}", "r4nd0m", &status);
  char *payload;
  CHECK(script != NULL, "script: status %d", (int)status);
  if (script) {
    CHECK(strncmp(script, "<script nonce=\"r4nd0m\">", 23) == 0, "script starts with %.30s", script);
    CHECK(strstr(script, "\"identifier_hash\":\"fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c\"") != NULL,
          "script lacks the documented hash");
    CHECK(strstr(script, "var identifier = \"unique-identifier-of-the-user\"") != NULL, "identifier not a string");
    CHECK(strstr(script, "setUser(identifier, user)") != NULL, "no setUser call");
    free(script);
  }
  payload = render_payload(key, "9007199254740993", "{\"email\":\"big@example.com\"}", &status);
  CHECK(payload != NULL, "payload: status %d", (int)status);
  if (payload) {
    CHECK(strncmp(payload, "{\"identifier\":\"9007199254740993\",\"identifier_hash\":\"", 52) == 0, "payload %s", payload);
    free(payload);
  }
}

static void test_hostile_values(const cw_key *key) {
  /* name: </script>..., email: quotes and &, city: U+2028, company: non-BMP (U+1F600). */
  const char *fields =
      "{\"name\":\"</script><script>window.__pwned=1</script>\",\"email\":\"o'brien&\\\"sons\\\"@example.com\","
      "\"city\":\"a\xe2\x80\xa8" "b\",\"company_name\":\"\xf0\x9f\x98\x80\",\"description\":\"<!-- ]]>\"}";
  enum cw_status status;
  char *script = render_script(key, PWN, fields, "", &status);
  char *payload = render_payload(key, PWN, fields, &status);
  CHECK(script != NULL && payload != NULL, "hostile: status %d", (int)status);
  if (script) {
    CHECK(strncmp(script, "<script>", 8) == 0, "an empty nonce gives no attribute");
    CHECK(count(script, "</script") == 1, "hostile script has %zu </script", count(script, "</script"));
    CHECK(count(script, "<") == 2, "hostile script has %zu '<' (want only its two tags)", count(script, "<"));
    CHECK(strstr(script, "<!--") == NULL && strstr(script, "\xe2\x80\xa8") == NULL, "comment or U+2028 left raw");
    CHECK(strstr(script, "\\u003c/script\\u003e\\u003cscript\\u003ewindow.__pwned=1") != NULL, "</script> not escaped");
    CHECK(strstr(script, "o\\u0027brien\\u0026\\\"sons\\\"@example.com") != NULL, "quotes/& not escaped: %s", script);
    CHECK(strstr(script, "a\\u2028b") != NULL, "U+2028 not escaped");
    CHECK(strstr(script, "\xf0\x9f\x98\x80") != NULL, "non-BMP character not kept as UTF-8");
    free(script);
  }
  if (payload) {
    CHECK(strchr(payload, '<') == NULL && strchr(payload, '>') == NULL && strchr(payload, '&') == NULL &&
              strchr(payload, '\'') == NULL,
          "payload has raw HTML characters: %s", payload);
    free(payload);
  }
}

/* A custom attribute named __proto__ is an own property in the script (a computed key: in an
   object literal "__proto__": v would set the prototype) and a plain key in the payload;
   social_profiles pass through; a number just below 2^53 is kept. */
static void test_fields_setuser_takes(const cw_key *key) {
  enum cw_status status;
  const char *fields = "{\"name\":\"A\",\"social_profiles\":{\"github\":\"a-gh\"},"
                       "\"custom_attributes\":{\"__proto__\":\"x\",\"n\":9007199254740991}}";
  char *script = render_script(key, "7", fields, "", &status);
  CHECK_STATUS(status, CW_STATUS_OK, "script with __proto__");
  char *payload = render_payload(key, "7", fields, &status);
  CHECK_STATUS(status, CW_STATUS_OK, "payload with __proto__");
  if (script) {
    CHECK(strstr(script, "[\"__proto__\"]:\"x\"") != NULL, "__proto__ not a computed key: %s", script);
    CHECK(strstr(script, "\"__proto__\":") == NULL, "__proto__ as a plain key in the script: %s", script);
    CHECK(strstr(script, "\"social_profiles\":{\"github\":\"a-gh\"}") != NULL, "social_profiles: %s", script);
    CHECK(strstr(script, "\"n\":9007199254740991") != NULL, "2^53-1 changed: %s", script);
    free(script);
  }
  if (payload) {
    CHECK(strstr(payload, "\"custom_attributes\":{\"__proto__\":\"x\",\"n\":9007199254740991}") != NULL, "payload %s", payload);
    free(payload);
  }
}

static void test_errors_write_nothing(const cw_key *key) {
  static const struct {
    const char *id, *fields, *nonce;
    enum cw_status want;
  } cases[] = {
      {"42", "{\"name\":\"A\"}", "a\"b", CW_STATUS_INVALID_NONCE},
      {"", "{\"name\":\"A\"}", "", CW_STATUS_EMPTY_IDENTIFIER},
      {"\xff\xfe", "{\"name\":\"A\"}", "", CW_STATUS_INVALID_IDENTIFIER},
      {"42", "{", "", CW_STATUS_INVALID_JSON},
      {"42", "[]", "", CW_STATUS_INVALID_JSON},
      {"42", "{\"name\":\"A\",\"name\":\"B\"}", "", CW_STATUS_INVALID_JSON},
      {"42", "{\"name\":\"A\",\"identifier_hash\":\"x\"}", "", CW_STATUS_UNKNOWN_FIELD},
      {"42", "{\"name\":1}", "", CW_STATUS_INVALID_FIELD_VALUE},
      {"42", "{\"name\":\"A\",\"custom_attributes\":{\"a\":[1]}}", "", CW_STATUS_INVALID_FIELD_VALUE},
      {"42", "{\"city\":\"Paris\"}", "", CW_STATUS_MISSING_CONTACT_FIELD},
      /* numbers the browser would change: integers at 2^53 or more, underflow, excess digits */
      {"42", "{\"name\":\"A\",\"custom_attributes\":{\"a\":9007199254740993}}", "", CW_STATUS_INVALID_FIELD_VALUE},
      {"42", "{\"name\":\"A\",\"custom_attributes\":{\"a\":-9223372036854775808}}", "", CW_STATUS_INVALID_FIELD_VALUE},
      {"42", "{\"name\":\"A\",\"custom_attributes\":{\"a\":1e-400}}", "", CW_STATUS_INVALID_FIELD_VALUE},
      {"42", "{\"name\":\"A\",\"custom_attributes\":{\"a\":0.10000000000000000001}}", "", CW_STATUS_INVALID_FIELD_VALUE},
      {"42", "{\"name\":\"A\",\"social_profiles\":{\"github\":1}}", "", CW_STATUS_INVALID_FIELD_VALUE},
      {"42", "{\"name\":\"A\",\"additional_attributes\":{}}", "", CW_STATUS_UNKNOWN_FIELD},
  };
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char buf[512];
    size_t len = UNSET;
    memset(buf, FILL, sizeof buf);
    CHECK_STATUS(cw_key_set_user_script(key, U8(cases[i].id), strlen(cases[i].id), U8(cases[i].fields), strlen(cases[i].fields),
                                        U8(cases[i].nonce), strlen(cases[i].nonce), buf, sizeof buf, &len),
                 cases[i].want, cases[i].fields);
    CHECK(len == UNSET && cw_untouched(buf, sizeof buf, FILL), "case %zu wrote output on error", i);
    CHECK(strcmp(cw_status_message(cases[i].want), cw_status_message(1)) != 0, "status %d has no message", (int)cases[i].want);
  }
}

static void test_size_protocol_and_nulls(const cw_key *key) {
  char buf[4096];
  size_t need = 0, len = UNSET;
  const char *f = "{\"name\":\"A\"}";
  CHECK_STATUS(cw_reset_script(NULL, 0, NULL, 0, &need), CW_STATUS_BUFFER_TOO_SMALL, "reset size");
  memset(buf, FILL, sizeof buf);
  CHECK_STATUS(cw_reset_script(NULL, 0, buf, need - 1, &len), CW_STATUS_BUFFER_TOO_SMALL, "reset one short");
  CHECK(len == need && cw_untouched(buf, sizeof buf, FILL), "one short: wrote output or a wrong size");
  CHECK_STATUS(cw_reset_script(NULL, 0, buf, need, &len), CW_STATUS_OK, "reset exact");
  CHECK(len + 1 == need && buf[len] == '\0' && strstr(buf, "w.$chatwoot.reset();") != NULL, "reset text %s", buf);
  CHECK(cw_untouched(buf + need, sizeof buf - need, FILL), "reset wrote past its size");
  CHECK_STATUS(cw_reset_script(U8("n0nce"), 5, buf, sizeof buf, &len), CW_STATUS_OK, "reset nonce");
  CHECK(strncmp(buf, "<script nonce=\"n0nce\">", 22) == 0, "reset nonce attribute");
  CHECK_STATUS(cw_reset_script(U8("'"), 1, buf, sizeof buf, &len), CW_STATUS_INVALID_NONCE, "reset bad nonce");

  len = UNSET;
  CHECK_STATUS(cw_key_set_user_script(NULL, U8("1"), 1, U8(f), strlen(f), NULL, 0, buf, sizeof buf, &len), CW_STATUS_NULL_POINTER, "NULL key");
  CHECK_STATUS(cw_key_set_user_script(key, NULL, 1, U8(f), strlen(f), NULL, 0, buf, sizeof buf, &len), CW_STATUS_NULL_POINTER, "NULL identifier");
  CHECK_STATUS(cw_key_set_user_script(key, U8("1"), 1, NULL, 3, NULL, 0, buf, sizeof buf, &len), CW_STATUS_NULL_POINTER, "NULL fields");
  CHECK_STATUS(cw_key_set_user_script(key, U8("1"), 1, U8(f), strlen(f), NULL, 2, buf, sizeof buf, &len), CW_STATUS_NULL_POINTER, "NULL nonce");
  CHECK_STATUS(cw_key_set_user_script(key, U8("1"), 1, U8(f), strlen(f), NULL, 0, NULL, 8, &len), CW_STATUS_NULL_POINTER, "NULL out");
  CHECK_STATUS(cw_key_set_user_script(key, U8("1"), 1, U8(f), strlen(f), NULL, 0, buf, sizeof buf, NULL), CW_STATUS_NULL_POINTER, "NULL out_len");
  CHECK_STATUS(cw_key_set_user_payload(NULL, U8("1"), 1, U8(f), strlen(f), buf, sizeof buf, &len), CW_STATUS_NULL_POINTER, "payload NULL key");
  CHECK_STATUS(cw_reset_script(NULL, 0, buf, sizeof buf, NULL), CW_STATUS_NULL_POINTER, "reset NULL out_len");
  CHECK(len == UNSET, "*out_len written on a NULL-pointer error");
}

int main(void) {
  cw_key *key = NULL;
  CHECK_STATUS(cw_key_new(U8(SECRET), strlen(SECRET), &key), CW_STATUS_OK, "cw_key_new");
  if (!key) return cw_check_summary("test_render");
  test_script_and_payload(key);
  test_hostile_values(key);
  test_errors_write_nothing(key);
  test_size_protocol_and_nulls(key);
  test_fields_setuser_takes(key);
  cw_key_free(key);
  return cw_check_summary("test_render");
}
