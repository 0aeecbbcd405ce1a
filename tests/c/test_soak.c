/* Soak: 1,000,000 cw_key_new / cw_key_free cycles (each key used once), with the resident
 * set size checked flat: a leak of even 16 bytes per key would grow it by 16 MB.
 *
 * RSS is read from /proc/self/statm after a warm-up (allocator caches, and the quarantine
 * of ASan or the freed-block queue of valgrind, fill up first), then must not grow by more
 * than a generous 8 MiB over the remaining cycles.
 * Usage: test_soak [cycles] */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chatwoot_identity.h"
#include "check.h"

#define MAX_GROWTH_KIB (8 * 1024)

static long rss_kib(void) {
  long pages_total = 0, pages_resident = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (f == NULL) return -1;
  if (fscanf(f, "%ld %ld", &pages_total, &pages_resident) != 2) pages_resident = -1;
  fclose(f);
  return pages_resident < 0 ? -1 : pages_resident * (sysconf(_SC_PAGESIZE) / 1024);
}

int main(int argc, char **argv) {
  unsigned long cycles = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000UL;
  unsigned long warmup = cycles / 4, i, failures = 0;
  long rss_warm = -1, rss_end, rss_peak = 0;
  char secret[32], out[65];

  for (i = 0; i < cycles; i++) {
    cw_key *key = NULL;
    /* A different secret each time, so no allocation can be cached by value. */
    int n = snprintf(secret, sizeof secret, "soak-secret-%lu", i);
    if (cw_key_new((const uint8_t *)secret, (size_t)n, &key) != CW_STATUS_OK || key == NULL ||
        cw_key_identifier_hash(key, (const uint8_t *)"42", 2, out, sizeof out) != CW_STATUS_OK) {
      failures++;
    }
    cw_key_free(key);
    if (i + 1 == warmup) rss_warm = rss_kib();
    if ((i + 1) % (cycles / 10 ? cycles / 10 : 1) == 0) {
      long now = rss_kib();
      if (now > rss_peak) rss_peak = now;
      printf("test_soak: %lu keys created and freed, RSS %ld KiB\n", i + 1, now);
    }
  }
  rss_end = rss_kib();
  CHECK(failures == 0, "%lu of %lu cycles failed", failures, cycles);
  CHECK(rss_warm > 0 && rss_end > 0, "cannot read /proc/self/statm");
  CHECK(rss_peak - rss_warm <= MAX_GROWTH_KIB && rss_end - rss_warm <= MAX_GROWTH_KIB,
        "RSS grew from %ld KiB (after %lu keys) to %ld KiB (peak %ld KiB) at %lu keys", rss_warm, warmup, rss_end, rss_peak,
        cycles);
  printf("test_soak: %lu keys; RSS %ld KiB after %lu, %ld KiB at the end (growth %+ld KiB, bound %d KiB)\n", cycles,
         rss_warm, warmup, rss_end, rss_end - rss_warm, MAX_GROWTH_KIB);
  return cw_check_summary("test_soak");
}
