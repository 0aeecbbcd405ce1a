/* TEST HARNESS ONLY, never shipped: a bcryptprimitives.dll for wine 8, which has none.
 * Rust's std on Windows imports ProcessPrng from bcryptprimitives.dll (Windows 10 and later
 * have it); wine 8 lacks the DLL, so nothing Rust-built loads. This stand-in answers with
 * the operating system's generator (RtlGenRandom, i.e. advapi32's SystemFunction036), and is
 * placed beside the test programs in build/dist-test/windows-*, never in dist/. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len > 0) {
    ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
    if (!SystemFunction036(data, chunk)) return FALSE;
    data += chunk;
    len -= chunk;
  }
  return TRUE;
}
