/*
 * Wine 8 has no bcryptprimitives.dll, and the Go runtime (1.22+) refuses to start without its
 * ProcessPrng. This stand-in forwards to RtlGenRandom (advapi32!SystemFunction036). The Go runtime
 * loads it from system32 only: scripts/bench.sh puts it in the benchmark's Wine prefix, and
 * scripts/test-windows.sh (built by scripts/build-native.sh) in the test suite's.
 * Build: x86_64-w64-mingw32-gcc -O2 -shared -o bcryptprimitives.dll bcryptprimitives_shim.c \
 *          -ladvapi32
 */
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
