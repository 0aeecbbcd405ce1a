/* test-dist: loads a musl wheel's library with musl's own dynamic loader (this program is
 * built with musl-gcc) and hashes the documented sample; prints "<status> <hash>". */
#include <dlfcn.h>
#include <stdio.h>
#include <stddef.h>
int main(int argc, char **argv) {
  void *h = dlopen(argv[1], RTLD_NOW);
  if (!h) { printf("dlopen: %s\n", dlerror()); return 1; }
  int (*f)(const unsigned char *, size_t, const unsigned char *, size_t, char *, size_t) =
      (int (*)(const unsigned char *, size_t, const unsigned char *, size_t, char *, size_t))dlsym(h, "cw_identifier_hash");
  char out[65] = {0};
  int s = f((const unsigned char *)"your-secret-token-for-hmac", 26,
            (const unsigned char *)"unique-identifier-of-the-user", 29, out, 64);
  printf("%d %s\n", s, out);
  return s;
}
