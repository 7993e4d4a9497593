/*
 * echo-server.exe <pipe-name> <byte|message> <instances> <clients-to-serve>
 *
 * A plain Win32 named-pipe echo server, the native peer of npipe4j's interop tests. It creates
 * <instances> instances of the pipe with CreateNamedPipeW, prints "ready" once they exist, and
 * serves one client at a time on each instance, on one thread per instance, with blocking I/O:
 *   byte mode     echoes every chunk it reads;
 *   message mode  reads each message whole (ERROR_MORE_DATA into a growing buffer) and writes it
 *                 back as one message.
 * After <clients-to-serve> clients have been served and have closed, it prints
 *   done clients=<n> bytes=<echoed bytes> messages=<reads or messages> errors=<n>
 * and exits 0, or 1 if any client failed. Bad arguments or a failed setup call exit 2; the
 * watchdog (NPIPE4J_NATIVE_TIMEOUT seconds, default 90) exits 3.
 */
#include "common.h"

#define MAX_INSTANCES 64
#define CHUNK 65536

static const wchar_t *g_name;
static int g_message;
static LONG g_clients;
static volatile LONG g_claimed;
static volatile LONG g_served;
static volatile LONG g_errors;
static volatile LONG64 g_bytes;
static volatile LONG64 g_messages;
static CRITICAL_SECTION g_print;

static void report(int instance, long client, const char *what, DWORD err) {
  EnterCriticalSection(&g_print);
  fprintf(stdout, "client-error: instance %d client %ld: %s: GetLastError=%lu\n", instance, client, what,
          (unsigned long)err);
  fflush(stdout);
  LeaveCriticalSection(&g_print);
  InterlockedIncrement(&g_errors);
}

static int write_all(HANDLE h, const char *buf, DWORD len, DWORD *err) {
  DWORD done = 0;
  do { /* a zero-length message is written once */
    DWORD n = 0;
    if (!WriteFile(h, buf + done, len - done, &n, NULL)) {
      *err = GetLastError();
      return 0;
    }
    done += n;
  } while (done < len);
  return 1;
}

/* Echoes until the client closes. Returns 1 if the client ended cleanly. */
static int serve_bytes(HANDLE h, int instance, long client, char *buf) {
  for (;;) {
    DWORD n = 0, err = 0;
    if (!ReadFile(h, buf, CHUNK, &n, NULL)) {
      err = GetLastError();
      if (err == ERROR_BROKEN_PIPE) return 1;
      report(instance, client, "ReadFile", err);
      return 0;
    }
    if (n == 0) continue;
    if (!write_all(h, buf, n, &err)) {
      report(instance, client, "WriteFile", err);
      return 0;
    }
    InterlockedAdd64(&g_bytes, n);
    InterlockedIncrement64(&g_messages);
  }
}

static int serve_messages(HANDLE h, int instance, long client, char **bufp, DWORD *capp) {
  for (;;) {
    DWORD len = 0, err = 0;
    for (;;) { /* one whole message */
      if (*capp - len < CHUNK) {
        DWORD cap = *capp * 2;
        char *grown = realloc(*bufp, cap);
        if (grown == NULL) die("out of memory (%lu bytes)", (unsigned long)cap);
        *bufp = grown;
        *capp = cap;
      }
      DWORD n = 0;
      if (ReadFile(h, *bufp + len, *capp - len, &n, NULL)) {
        len += n;
        break;
      }
      err = GetLastError();
      if (err == ERROR_MORE_DATA) {
        len += n;
        continue;
      }
      if (err == ERROR_BROKEN_PIPE && len == 0) return 1;
      report(instance, client, len == 0 ? "ReadFile" : "ReadFile (inside a message)", err);
      return 0;
    }
    if (!write_all(h, *bufp, len, &err)) {
      report(instance, client, "WriteFile", err);
      return 0;
    }
    InterlockedAdd64(&g_bytes, len);
    InterlockedIncrement64(&g_messages);
  }
}

static DWORD WINAPI instance_main(LPVOID arg) {
  HANDLE h = ((HANDLE *)arg)[0];
  int instance = (int)(INT_PTR)((HANDLE *)arg)[1];
  DWORD cap = 4 * CHUNK;
  char *buf = malloc(cap);
  if (buf == NULL) die("out of memory");
  long client;
  while ((client = InterlockedIncrement(&g_claimed)) <= g_clients) {
    if (!ConnectNamedPipe(h, NULL)) {
      DWORD err = GetLastError();
      /* ERROR_PIPE_CONNECTED: the client came first. ERROR_NO_DATA: it came and left already. */
      if (err != ERROR_PIPE_CONNECTED && err != ERROR_NO_DATA) {
        report(instance, client, "ConnectNamedPipe", err);
        InterlockedIncrement(&g_served);
        continue;
      }
    }
    if (g_message) {
      serve_messages(h, instance, client, &buf, &cap);
    } else {
      serve_bytes(h, instance, client, buf);
    }
    if (!DisconnectNamedPipe(h)) report(instance, client, "DisconnectNamedPipe", GetLastError());
    InterlockedIncrement(&g_served);
  }
  free(buf);
  CloseHandle(h);
  return 0;
}

int wmain(int argc, wchar_t **argv) {
  g_prog = "echo-server";
  if (argc != 5) {
    die("usage: echo-server.exe <pipe-name> <byte|message> <instances> <clients-to-serve>");
  }
  g_name = argv[1];
  g_message = parse_mode(argv[2]);
  int instances = (int)parse_long(argv[3], "instances", 1, MAX_INSTANCES);
  g_clients = parse_long(argv[4], "clients-to-serve", 1, 1000000);
  InitializeCriticalSection(&g_print);
  start_watchdog();

  DWORD type = g_message ? (PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE) : (PIPE_TYPE_BYTE | PIPE_READMODE_BYTE);
  static HANDLE args[MAX_INSTANCES][2];
  HANDLE threads[MAX_INSTANCES];
  for (int i = 0; i < instances; i++) {
    DWORD open_mode = PIPE_ACCESS_DUPLEX | (i == 0 ? FILE_FLAG_FIRST_PIPE_INSTANCE : 0);
    HANDLE h = CreateNamedPipeW(g_name, open_mode, type | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS,
                                PIPE_UNLIMITED_INSTANCES, CHUNK, CHUNK, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) die_win("CreateNamedPipeW");
    args[i][0] = h;
    args[i][1] = (HANDLE)(INT_PTR)i;
  }
  fprintf(stdout, "ready\n");
  fflush(stdout);
  for (int i = 0; i < instances; i++) {
    threads[i] = CreateThread(NULL, 0, instance_main, args[i], 0, NULL);
    if (threads[i] == NULL) die_win("CreateThread");
  }
  if (WaitForMultipleObjects(instances, threads, TRUE, INFINITE) == WAIT_FAILED) {
    die_win("WaitForMultipleObjects");
  }
  fprintf(stdout, "done clients=%ld bytes=%lld messages=%lld errors=%ld\n", g_served, (long long)g_bytes,
          (long long)g_messages, g_errors);
  fflush(stdout);
  return g_errors == 0 ? 0 : 1;
}
