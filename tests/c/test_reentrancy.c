/* Re-entrancy: a timer signal interrupts the main loop's hashing, and its handler hashes too,
 * with the same cw_key and one-shot. Both results must be right.
 *
 * The C API holds no shared, global or thread-local state and writes only the caller's own
 * output buffer, and the hash and verify paths do not allocate (so never re-enter malloc):
 * a call made from a signal handler in the middle of another call cannot disturb it.
 *
 * The handler never nests, on any machine, however loaded: the timer is one-shot (re-armed by
 * the main loop only after the previous handler has returned), and SIGALRM is blocked while its
 * handler runs. The test counts the main-loop calls that a handler really interrupted (the
 * handler count changed during the call) and runs until enough have been, so a slow machine
 * takes longer but cannot pass without interruptions or fail for being slow.
 * Usage: test_reentrancy [interrupted calls] (fewer under valgrind). */
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
static volatile sig_atomic_t handled, handler_wrong, in_handler, nested;

static void on_timer(int sig) {
  char out[CW_HASH_LEN + 1];
  (void)sig;
  if (in_handler) nested++; /* cannot happen: SIGALRM is masked here and the timer is one-shot */
  in_handler = 1;
  /* memcmp is async-signal-safe; printf is not, so the handler only counts. */
  if (cw_key_identifier_hash(key, U8(HANDLER_ID), 2, out, sizeof out) != CW_STATUS_OK ||
      memcmp(out, handler_expected, sizeof out) != 0)
    handler_wrong++;
  if (cw_identifier_hash(U8(SECRET), strlen(SECRET), U8(HANDLER_ID), 2, out, sizeof out) != CW_STATUS_OK ||
      memcmp(out, handler_expected, sizeof out) != 0)
    handler_wrong++;
  if (!cw_key_verify(key, U8(HANDLER_ID), 2, handler_expected, CW_HASH_LEN)) handler_wrong++;
  handled++;
  in_handler = 0;
}

static double seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One shot after `usec` (it_interval stays zero: the kernel never queues a second one). */
static void arm_timer(long usec) {
  struct itimerval timer;
  memset(&timer, 0, sizeof timer);
  timer.it_value.tv_usec = usec;
  CHECK(setitimer(ITIMER_REAL, &timer, NULL) == 0, "setitimer");
}

/* matrix: reentrancy */
int main(int argc, char **argv) {
  const long want = argc > 1 ? atol(argv[1]) : 2000;
  const char ids[] = MAIN_ID HANDLER_ID;
  const size_t offsets[] = {0, strlen(MAIN_ID), strlen(MAIN_ID) + 2};
  struct sigaction action;
  unsigned long calls = 0, wrong = 0, interrupted = 0, delay = 0;
  sig_atomic_t armed_at;
  double deadline;
  char out[2 * CW_HASH_LEN + 1];

  CHECK_STATUS(cw_key_new(U8(SECRET), strlen(SECRET), &key), CW_STATUS_OK, "cw_key_new");
  CHECK_STATUS(cw_key_identifier_hash(key, U8(HANDLER_ID), 2, handler_expected, sizeof handler_expected),
               CW_STATUS_OK, "the handler's expected hash");
  CHECK(strcmp(handler_expected, MAIN_HASH) != 0, "the two identifiers must hash differently");

  memset(&action, 0, sizeof action);
  action.sa_handler = on_timer;
  action.sa_flags = SA_RESTART; /* no SA_NODEFER: SIGALRM stays blocked inside its handler */
  sigemptyset(&action.sa_mask);
  sigaddset(&action.sa_mask, SIGALRM);
  CHECK(sigaction(SIGALRM, &action, NULL) == 0, "sigaction");

  armed_at = handled;
  arm_timer(20);
  /* Generous: on an idle machine 2000 interruptions take well under a second. */
  deadline = seconds() + 300;
  while ((long)interrupted < want && seconds() < deadline) {
    sig_atomic_t before;
    int bad = 0;
    /* Re-arm only once the previous shot has been handled, at a varying delay (20..147 us)
     * so the signal lands at different points of the calls below. */
    if (handled != armed_at) {
      armed_at = handled;
      delay = (delay * 1103515245UL + 12345UL) & 0x7fffffffUL;
      arm_timer(20 + (long)(delay % 128));
    }
    before = handled;
    memset(out, 0, sizeof out);
    if (cw_key_identifier_hash(key, U8(MAIN_ID), strlen(MAIN_ID), out, CW_HASH_LEN + 1) != CW_STATUS_OK ||
        strcmp(out, MAIN_HASH) != 0)
      bad++;
    if (cw_identifier_hash(U8(SECRET), strlen(SECRET), U8(MAIN_ID), strlen(MAIN_ID), out, CW_HASH_LEN + 1) !=
            CW_STATUS_OK ||
        strcmp(out, MAIN_HASH) != 0)
      bad++;
    if (!cw_verify(U8(SECRET), strlen(SECRET), U8(MAIN_ID), strlen(MAIN_ID), MAIN_HASH, CW_HASH_LEN)) bad++;
    if (cw_key_identifier_hash_batch(key, U8(ids), sizeof ids - 1, offsets, 2, out, 2 * CW_HASH_LEN) != CW_STATUS_OK ||
        memcmp(out, MAIN_HASH, CW_HASH_LEN) != 0 || memcmp(out + CW_HASH_LEN, handler_expected, CW_HASH_LEN) != 0)
      bad++;
    wrong += (unsigned long)bad;
    calls += 4;
    if (handled != before) interrupted++;
  }
  arm_timer(0);

  CHECK((long)interrupted >= want, "only %lu of %ld wanted interruptions in 300 s", interrupted, want);
  CHECK(wrong == 0, "%lu of %lu calls (%lu rounds interrupted) returned a wrong result", wrong, calls, interrupted);
  CHECK(handler_wrong == 0, "%ld wrong results inside the signal handler", (long)handler_wrong);
  CHECK(nested == 0, "the signal handler nested %ld times", (long)nested);
  printf("test_reentrancy: %lu calls, %lu rounds interrupted, %ld signal handlers hashing in between\n", calls,
         interrupted, (long)handled);
  cw_key_free(key);
  return cw_check_summary("test_reentrancy");
}
