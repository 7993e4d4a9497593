/* Shared helpers of the npipe4j native interop peers (plain Win32, mingw-w64). */
#ifndef NPIPE4J_NATIVE_COMMON_H
#define NPIPE4J_NATIVE_COMMON_H

#include <windows.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Exit code of a program killed by its own watchdog. */
#define EXIT_TIMEOUT 3
/* Exit code for bad arguments or a failed Win32 call. */
#define EXIT_ERROR 2

static const char *g_prog = "?";

static void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stdout, "error: %s: ", g_prog);
  vfprintf(stdout, fmt, ap);
  fprintf(stdout, "\n");
  va_end(ap);
  fflush(stdout);
  ExitProcess(EXIT_ERROR);
}

/* Dies with the failed call's name and GetLastError(). */
static void die_win(const char *what) {
  DWORD err = GetLastError();
  die("%s failed: GetLastError=%lu", what, (unsigned long)err);
}

static DWORD WINAPI watchdog(LPVOID arg) {
  DWORD seconds = (DWORD)(UINT_PTR)arg;
  Sleep(seconds * 1000);
  fprintf(stdout, "error: %s: timed out after %lu s (watchdog)\n", g_prog, (unsigned long)seconds);
  fflush(stdout);
  ExitProcess(EXIT_TIMEOUT);
  return 0;
}

/* Kills the whole process after NPIPE4J_NATIVE_TIMEOUT seconds (default 90), so a peer never hangs. */
static void start_watchdog(void) {
  DWORD seconds = 90;
  char buf[32];
  DWORD n = GetEnvironmentVariableA("NPIPE4J_NATIVE_TIMEOUT", buf, sizeof buf);
  if (n > 0 && n < sizeof buf) {
    long v = strtol(buf, NULL, 10);
    if (v > 0) seconds = (DWORD)v;
  }
  HANDLE t = CreateThread(NULL, 0, watchdog, (LPVOID)(UINT_PTR)seconds, 0, NULL);
  if (t == NULL) die_win("CreateThread(watchdog)");
  CloseHandle(t);
}

static inline int parse_mode(const wchar_t *s) {
  if (wcscmp(s, L"byte") == 0) return 0;
  if (wcscmp(s, L"message") == 0) return 1;
  die("mode must be byte or message, got '%ls'", s);
  return -1;
}

static inline long parse_long(const wchar_t *s, const char *what, long min, long max) {
  wchar_t *end;
  long v = wcstol(s, &end, 10);
  if (*s == 0 || *end != 0 || v < min || v > max) {
    die("%s must be an integer in [%ld, %ld], got '%ls'", what, min, max, s);
  }
  return v;
}

/* splitmix64: the deterministic generator of sizes and contents (mirrored by the Java tests). */
static inline uint64_t splitmix64(uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

#endif
