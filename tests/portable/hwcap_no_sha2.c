/* Linked into an aarch64 test program with the static library: its getauxval() takes the
 * place of the C library's for the library's objects, and hides HWCAP_SHA2, so the library
 * sees a CPU without the ARMv8 SHA-256 instructions and runs the portable path.
 * (No aarch64 CPU model of QEMU 7.2 lacks them, and no -cpu property removes them.) */
#include <sys/auxv.h>

#define CW_HWCAP_SHA2 (1UL << 6) /* HWCAP_SHA2 of the Linux arm64 ABI */

unsigned long __getauxval(unsigned long type); /* the C library's (glibc and musl) */

unsigned long getauxval(unsigned long type) {
  unsigned long value = __getauxval(type);
  return type == AT_HWCAP ? value & ~CW_HWCAP_SHA2 : value;
}
