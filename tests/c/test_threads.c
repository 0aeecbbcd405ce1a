/* Concurrency: 8 threads x 100,000 hashes sharing one cw_key, every result checked.
 *
 * The expected hashes come from one single-threaded batch call over the same 100,000
 * identifiers (itself spot-checked against the one-shot cw_identifier_hash). Each thread
 * walks the identifiers from its own starting point, so the threads hash different
 * identifiers at the same moment, and also verifies one result in eight with cw_key_verify.
 * Usage: test_threads [hashes-per-thread] (fewer under valgrind). */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chatwoot_identity.h"
#include "check.h"

#define THREADS 8
#define SECRET "7Zd3VqYtF9xPa2kLmN4bRcHs"

static size_t per_thread = 100000;
static char *identifiers;     /* all identifiers back to back */
static size_t *offsets;       /* per_thread + 1 offsets */
static char *expected;        /* per_thread * 64 hex characters from the batch call */
static pthread_barrier_t start_line;

struct job {
  const cw_key *key;
  size_t thread;
  size_t hashed, wrong;
};

static void *worker(void *arg) {
  struct job *job = arg;
  char out[65];
  size_t n;
  pthread_barrier_wait(&start_line);
  for (n = 0; n < per_thread; n++) {
    size_t i = (n + job->thread * (per_thread / THREADS)) % per_thread;
    const uint8_t *id = (const uint8_t *)identifiers + offsets[i];
    size_t len = offsets[i + 1] - offsets[i];
    if (cw_key_identifier_hash(job->key, id, len, out, sizeof out) != CW_STATUS_OK ||
        memcmp(out, expected + 64 * i, 64) != 0 || out[64] != '\0') {
      job->wrong++;
    } else if (n % 8 == 0 && !cw_key_verify(job->key, id, len, expected + 64 * i, 64)) {
      job->wrong++;
    }
    job->hashed++;
  }
  return NULL;
}

int main(int argc, char **argv) {
  cw_key *key = NULL;
  pthread_t threads[THREADS];
  struct job jobs[THREADS];
  size_t i, t, total = 0, pos = 0;

  if (argc > 1) per_thread = strtoul(argv[1], NULL, 10);
  if (per_thread < THREADS) per_thread = THREADS;
  identifiers = malloc(per_thread * 24);
  offsets = malloc((per_thread + 1) * sizeof *offsets);
  expected = malloc(per_thread * 64);
  if (!identifiers || !offsets || !expected) {
    fprintf(stderr, "test_threads: out of memory\n");
    return 1;
  }
  /* Identifiers of varying lengths (1..23 bytes), e.g. "u7@acme-42". */
  for (i = 0; i < per_thread; i++) {
    int n = snprintf(identifiers + pos, 24, "u%zu@acme-%zu", i, i % 997);
    offsets[i] = pos;
    pos += (size_t)n;
  }
  offsets[per_thread] = pos;

  CHECK_STATUS(cw_key_new((const uint8_t *)SECRET, strlen(SECRET), &key), CW_STATUS_OK, "cw_key_new");
  if (key == NULL) return cw_check_summary("test_threads");
  CHECK_STATUS(cw_key_identifier_hash_batch(key, (const uint8_t *)identifiers, pos, offsets, per_thread, expected,
                                            per_thread * 64),
               CW_STATUS_OK, "batch of the expected hashes");
  for (i = 0; i < per_thread; i += per_thread / 16) {
    char one[65];
    CHECK_STATUS(cw_identifier_hash((const uint8_t *)SECRET, strlen(SECRET), (const uint8_t *)identifiers + offsets[i],
                                    offsets[i + 1] - offsets[i], one, sizeof one),
                 CW_STATUS_OK, "one-shot");
    CHECK(memcmp(one, expected + 64 * i, 64) == 0, "batch and one-shot differ at %zu", i);
  }

  CHECK(pthread_barrier_init(&start_line, NULL, THREADS) == 0, "pthread_barrier_init");
  for (t = 0; t < THREADS; t++) {
    jobs[t].key = key;
    jobs[t].thread = t;
    jobs[t].hashed = jobs[t].wrong = 0;
    CHECK(pthread_create(&threads[t], NULL, worker, &jobs[t]) == 0, "pthread_create %zu", t);
  }
  for (t = 0; t < THREADS; t++) {
    CHECK(pthread_join(threads[t], NULL) == 0, "pthread_join %zu", t);
    CHECK(jobs[t].hashed == per_thread, "thread %zu hashed %zu of %zu", t, jobs[t].hashed, per_thread);
    CHECK(jobs[t].wrong == 0, "thread %zu: %zu wrong results", t, jobs[t].wrong);
    total += jobs[t].hashed;
  }
  pthread_barrier_destroy(&start_line);
  /* matrix: close-mid-call. Freeing a key while another thread (or a signal handler) is
   * still inside a call with it is the caller's bug, undefined behaviour as the header's
   * cw_key_free says; C has no way to detect it. The supported order, done here: join every
   * thread that uses the key, then free it once. */
  cw_key_free(key);
  free(identifiers);
  free(offsets);
  free(expected);
  printf("test_threads: %d threads x %zu hashes = %zu hashes on one shared cw_key\n", THREADS, per_thread, total);
  return cw_check_summary("test_threads");
}
