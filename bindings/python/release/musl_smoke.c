/* test-dist: loads a musl wheel's library with musl's own dynamic loader (this program is
 * built with musl-gcc), reads its ABI version and hashes the documented sample; prints
 * "<abi version> <status> <hash>". */
#include <dlfcn.h>
#include <stdio.h>
#include <stddef.h>
int main(int argc, char **argv) {
  void *h = dlopen(argv[1], RTLD_NOW);
  if (!h) { printf("dlopen: %s\n", dlerror()); return 1; }
  int (*f)(const unsigned char *, size_t, const unsigned char *, size_t, char *, size_t) =
      (int (*)(const unsigned char *, size_t, const unsigned char *, size_t, char *, size_t))dlsym(h, "cw_identifier_hash");
  unsigned (*abi)(void) = (unsigned (*)(void))dlsym(h, "cw_abi_version");
  if (!f || !abi) { printf("dlsym: %s\n", dlerror()); return 1; }
  char out[65] = {0};
  int s = f((const unsigned char *)"your-secret-token-for-hmac", 26,
            (const unsigned char *)"unique-identifier-of-the-user", 29, out, 64);
  printf("%u %d %s\n", abi(), s, out);
  return s;
}
