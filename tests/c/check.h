/* A tiny assertion harness for the C tests: every failed check is printed with its line,
 * counted, and makes the program exit non-zero (no test framework to install). */
#ifndef CW_CHECK_H
#define CW_CHECK_H

#include <stdio.h>
#include <string.h>

static unsigned long cw_checks_run;
static unsigned long cw_checks_failed;

#define CHECK(cond, ...)                                                        \
  do {                                                                          \
    cw_checks_run++;                                                            \
    if (!(cond)) {                                                              \
      cw_checks_failed++;                                                       \
      fprintf(stderr, "%s:%d: FAILED: %s: ", __FILE__, __LINE__, #cond);        \
      fprintf(stderr, __VA_ARGS__);                                             \
      fputc('\n', stderr);                                                      \
    }                                                                           \
  } while (0)

/* A status-returning call must return exactly `want`. */
#define CHECK_STATUS(call, want, what)                                          \
  do {                                                                          \
    int got_ = (int)(call);                                                     \
    CHECK(got_ == (int)(want), "%s: got status %d, want %d", (what), got_,      \
          (int)(want));                                                         \
  } while (0)

/* Whether the `n` bytes at `p` all still hold `fill` (the caller's buffer untouched). */
static inline int cw_untouched(const char *p, size_t n, unsigned char fill) {
  size_t i;
  for (i = 0; i < n; i++) {
    if ((unsigned char)p[i] != fill) return 0;
  }
  return 1;
}

static inline int cw_check_summary(const char *program) {
  if (cw_checks_failed) {
    fprintf(stderr, "%s: %lu of %lu checks FAILED\n", program, cw_checks_failed, cw_checks_run);
    return 1;
  }
  printf("%s: all %lu checks passed\n", program, cw_checks_run);
  return 0;
}

#endif
