/*
 * echo-client.exe <pipe-name> <byte|message> <count> <min-size> <max-size> <seed>
 *
 * A plain Win32 named-pipe echo client, the native peer of npipe4j's interop tests. It opens the
 * pipe (WaitNamedPipeW while every instance is busy; a missing pipe fails at once), switches to
 * PIPE_READMODE_MESSAGE in message mode, and sends <count> messages. Message 0 has <min-size>
 * bytes, message 1 <max-size>, the others a size in [min, max]; sizes and contents come from
 * splitmix64 seeded with <seed> (the Java tests mirror the sizes). After each message it reads
 * the echo back while its overlapped write is still in flight (so echoes larger than the pipe
 * buffers cannot deadlock):
 *   byte mode     exactly as many bytes as it sent;
 *   message mode  one whole message, read in 64 KiB pieces through ERROR_MORE_DATA, whose length
 *                 must be exactly the sent length;
 * and checks every byte. Prints "ok <total bytes sent>" and exits 0, or prints the first mismatch
 * and exits 1. Bad arguments or a failed Win32 call exit 2; the watchdog (NPIPE4J_NATIVE_TIMEOUT
 * seconds, default 90) exits 3.
 */
#include "common.h"

#define CHUNK 65536
#define IO_TIMEOUT_MS 60000
#define OPEN_TIMEOUT_MS 60000

static HANDLE open_pipe(const wchar_t *name) {
  ULONGLONG deadline = GetTickCount64() + OPEN_TIMEOUT_MS;
  unsigned busy = 0;
  for (;;) {
    HANDLE h = CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    if (h != INVALID_HANDLE_VALUE) return h;
    DWORD err = GetLastError();
    if (err != ERROR_PIPE_BUSY) die("CreateFileW(%ls) failed: GetLastError=%lu", name, (unsigned long)err);
    busy++;
    ULONGLONG now = GetTickCount64();
    if (now >= deadline) die("pipe still busy after %u tries and %d ms", busy, OPEN_TIMEOUT_MS);
    if (!WaitNamedPipeW(name, (DWORD)(deadline - now))) {
      err = GetLastError();
      /* ERROR_SEM_TIMEOUT: the deadline check above ends the loop. Anything else is fatal. */
      if (err != ERROR_SEM_TIMEOUT) die("WaitNamedPipeW(%ls) failed: GetLastError=%lu", name, (unsigned long)err);
    }
  }
}

/* Waits for an overlapped operation; returns its GetOverlappedResult error (0 on success). */
static DWORD wait_io(HANDLE h, OVERLAPPED *ov, DWORD *n, const char *what) {
  DWORD w = WaitForSingleObject(ov->hEvent, IO_TIMEOUT_MS);
  if (w == WAIT_TIMEOUT) die("%s did not complete in %d ms", what, IO_TIMEOUT_MS);
  if (w != WAIT_OBJECT_0) die_win("WaitForSingleObject");
  *n = 0;
  return GetOverlappedResult(h, ov, n, FALSE) ? 0 : GetLastError();
}

/* Starts an overlapped read; returns its result as wait_io does. */
static DWORD read_some(HANDLE h, OVERLAPPED *ov, char *dst, DWORD len, DWORD *n) {
  ResetEvent(ov->hEvent);
  if (!ReadFile(h, dst, len, NULL, ov)) {
    DWORD err = GetLastError();
    if (err != ERROR_IO_PENDING && err != ERROR_MORE_DATA) {
      *n = 0;
      return err;
    }
  }
  return wait_io(h, ov, n, "ReadFile");
}

static void fill(char *buf, DWORD len, uint64_t *state) {
  DWORD i = 0;
  while (i < len) {
    uint64_t r = splitmix64(state);
    for (int k = 0; k < 8 && i < len; k++, i++) buf[i] = (char)(r >> (8 * k));
  }
}

int wmain(int argc, wchar_t **argv) {
  g_prog = "echo-client";
  if (argc != 7) die("usage: echo-client.exe <pipe-name> <byte|message> <count> <min-size> <max-size> <seed>");
  const wchar_t *name = argv[1];
  int message = parse_mode(argv[2]);
  long count = parse_long(argv[3], "count", 1, 1000000);
  long min = parse_long(argv[4], "min-size", 1, 64L * 1024 * 1024);
  long max = parse_long(argv[5], "max-size", min, 64L * 1024 * 1024);
  uint64_t seed = (uint64_t)_wcstoui64(argv[6], NULL, 10);
  start_watchdog();

  HANDLE h = open_pipe(name);
  if (message) {
    DWORD mode = PIPE_READMODE_MESSAGE;
    if (!SetNamedPipeHandleState(h, &mode, NULL, NULL)) die_win("SetNamedPipeHandleState(PIPE_READMODE_MESSAGE)");
  }
  /* Room for an echo longer than expected, so message mode can detect one. */
  DWORD rcap = (DWORD)max + CHUNK;
  char *sent = malloc(max);
  char *got = malloc(rcap);
  if (sent == NULL || got == NULL) die("out of memory");
  OVERLAPPED wo = {0}, ro = {0};
  wo.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
  ro.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
  if (wo.hEvent == NULL || ro.hEvent == NULL) die_win("CreateEventW");

  uint64_t sizes = seed, content = seed ^ 0x6A09E667F3BCC908ULL;
  long long total = 0;
  for (long i = 0; i < count; i++) {
    DWORD len = i == 0 ? (DWORD)min : i == 1 ? (DWORD)max : (DWORD)(min + splitmix64(&sizes) % (uint64_t)(max - min + 1));
    fill(sent, len, &content);

    ResetEvent(wo.hEvent);
    if (!WriteFile(h, sent, len, NULL, &wo) && GetLastError() != ERROR_IO_PENDING) {
      die("message %ld (%lu bytes): WriteFile failed: GetLastError=%lu", i, (unsigned long)len,
          (unsigned long)GetLastError());
    }
    DWORD have = 0, n, err;
    if (message) {
      for (;;) { /* one whole message */
        DWORD room = rcap - have < CHUNK ? rcap - have : CHUNK;
        if (room == 0) {
          fprintf(stdout, "mismatch: message %ld: echo longer than %lu bytes, sent %lu\n", i, (unsigned long)have,
                  (unsigned long)len);
          return 1;
        }
        err = read_some(h, &ro, got + have, room, &n);
        have += n;
        if (err == 0) break;
        if (err != ERROR_MORE_DATA) {
          die("message %ld: ReadFile failed after %lu of %lu bytes: GetLastError=%lu", i, (unsigned long)have,
              (unsigned long)len, (unsigned long)err);
        }
      }
      if (have != len) {
        fprintf(stdout, "mismatch: message %ld: echoed message has %lu bytes, sent %lu\n", i, (unsigned long)have,
                (unsigned long)len);
        return 1;
      }
    } else {
      while (have < len) {
        DWORD want = len - have < CHUNK ? len - have : CHUNK;
        err = read_some(h, &ro, got + have, want, &n);
        if (err != 0) {
          die("message %ld: ReadFile failed after %lu of %lu bytes: GetLastError=%lu", i, (unsigned long)have,
              (unsigned long)len, (unsigned long)err);
        }
        have += n;
      }
    }
    err = wait_io(h, &wo, &n, "WriteFile");
    if (err != 0 || n != len) {
      die("message %ld: WriteFile wrote %lu of %lu bytes: GetLastError=%lu", i, (unsigned long)n, (unsigned long)len,
          (unsigned long)err);
    }
    for (DWORD k = 0; k < len; k++) {
      if (got[k] != sent[k]) {
        fprintf(stdout, "mismatch: message %ld (%lu bytes): byte %lu expected 0x%02x got 0x%02x\n", i,
                (unsigned long)len, (unsigned long)k, (unsigned char)sent[k], (unsigned char)got[k]);
        return 1;
      }
    }
    total += len;
  }
  CloseHandle(h);
  fprintf(stdout, "ok %lld\n", total);
  fflush(stdout);
  return 0;
}
