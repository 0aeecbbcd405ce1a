/* Re-entrancy: a timer signal fires every 50 us while the main loop hashes, and its handler
 * hashes too, with the same cw_key and one-shot. Both results must be right.
 *
 * The C API holds no shared, global or thread-local state and writes only the caller's own
 * output buffer, and the hash and verify paths do not allocate (so never re-enter malloc):
 * a call made from a signal handler in the middle of another call cannot disturb it.
 * Usage: test_reentrancy [signals] (fewer under valgrind). */
#define _XOPEN_SOURCE 700

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "chatwoot_identity.h"
#include "check.h"

#define SECRET "your-secret-token-for-hmac"
#define MAIN_ID "unique-identifier-of-the-user"
#define MAIN_HASH "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"
#define HANDLER_ID "42"
#define U8(s) ((const uint8_t *)(s))

static cw_key *key;
static char handler_expected[CW_HASH_LEN + 1];
static volatile sig_atomic_t handled, handler_wrong;

static void on_timer(int sig) {
  char out[CW_HASH_LEN + 1];
  (void)sig;
  /* memcmp is async-signal-safe; printf is not, so the handler only counts. */
  if (cw_key_identifier_hash(key, U8(HANDLER_ID), 2, out, sizeof out) != CW_STATUS_OK ||
      memcmp(out, handler_expected, sizeof out) != 0)
    handler_wrong++;
  if (cw_identifier_hash(U8(SECRET), strlen(SECRET), U8(HANDLER_ID), 2, out, sizeof out) != CW_STATUS_OK ||
      memcmp(out, handler_expected, sizeof out) != 0)
    handler_wrong++;
  if (!cw_key_verify(key, U8(HANDLER_ID), 2, handler_expected, CW_HASH_LEN)) handler_wrong++;
  handled++;
}

static double seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void set_timer(long usec) {
  struct itimerval timer;
  memset(&timer, 0, sizeof timer);
  timer.it_interval.tv_usec = usec;
  timer.it_value.tv_usec = usec;
  CHECK(setitimer(ITIMER_REAL, &timer, NULL) == 0, "setitimer");
}

/* matrix: reentrancy */
int main(int argc, char **argv) {
  const long want = argc > 1 ? atol(argv[1]) : 5000;
  const char ids[] = MAIN_ID HANDLER_ID;
  const size_t offsets[] = {0, strlen(MAIN_ID), strlen(MAIN_ID) + 2};
  struct sigaction action;
  unsigned long calls = 0, wrong = 0;
  double deadline;
  char out[2 * CW_HASH_LEN + 1];

  CHECK_STATUS(cw_key_new(U8(SECRET), strlen(SECRET), &key), CW_STATUS_OK, "cw_key_new");
  CHECK_STATUS(cw_key_identifier_hash(key, U8(HANDLER_ID), 2, handler_expected, sizeof handler_expected),
               CW_STATUS_OK, "the handler's expected hash");
  CHECK(strcmp(handler_expected, MAIN_HASH) != 0, "the two identifiers must hash differently");

  memset(&action, 0, sizeof action);
  action.sa_handler = on_timer;
  action.sa_flags = SA_RESTART;
  sigemptyset(&action.sa_mask);
  CHECK(sigaction(SIGALRM, &action, NULL) == 0, "sigaction");
  set_timer(50);
  deadline = seconds() + 30;
  while (handled < want && seconds() < deadline) {
    memset(out, 0, sizeof out);
    if (cw_key_identifier_hash(key, U8(MAIN_ID), strlen(MAIN_ID), out, CW_HASH_LEN + 1) != CW_STATUS_OK ||
        strcmp(out, MAIN_HASH) != 0)
      wrong++;
    if (cw_identifier_hash(U8(SECRET), strlen(SECRET), U8(MAIN_ID), strlen(MAIN_ID), out, CW_HASH_LEN + 1) !=
            CW_STATUS_OK ||
        strcmp(out, MAIN_HASH) != 0)
      wrong++;
    if (!cw_verify(U8(SECRET), strlen(SECRET), U8(MAIN_ID), strlen(MAIN_ID), MAIN_HASH, CW_HASH_LEN)) wrong++;
    if (cw_key_identifier_hash_batch(key, U8(ids), sizeof ids - 1, offsets, 2, out, 2 * CW_HASH_LEN) != CW_STATUS_OK ||
        memcmp(out, MAIN_HASH, CW_HASH_LEN) != 0 || memcmp(out + CW_HASH_LEN, handler_expected, CW_HASH_LEN) != 0)
      wrong++;
    calls += 4;
  }
  set_timer(0);

  CHECK(handled >= want, "only %ld of %ld timer signals arrived in 30 s", (long)handled, want);
  CHECK(wrong == 0, "%lu of %lu interrupted calls returned a wrong result", wrong, calls);
  CHECK(handler_wrong == 0, "%ld wrong results inside the signal handler", (long)handler_wrong);
  printf("test_reentrancy: %lu calls, %ld signal handlers hashing in between\n", calls, (long)handled);
  cw_key_free(key);
  return cw_check_summary("test_reentrancy");
}
