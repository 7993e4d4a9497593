/*
 * The raw C baseline for Windows named pipes (the limit): overlapped I/O completed through an I/O
 * completion port, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS when the system grants it. Same protocol,
 * tests and output as dev.npipe4j.bench.Harness (see its javadoc) and unix_bench.c.
 *
 *   pipe_bench server \\.\pipe\NAME
 *   pipe_bench client \\.\pipe\NAME --test rtt|throughput|connect|clients --size N --count N
 *                                         [--clients N]
 *   pipe_bench stop \\.\pipe\NAME
 *
 * The server keeps the next instance listening while it serves one, as npipe4j's PipeListener;
 * byte mode, 64 KiB buffers in each direction (npipe4j's defaults), one client at a time. The
 * many-clients test (op M) uses a thread per connection on both sides, each waiting for its own
 * overlapped operations on an event (the low bit of hEvent set, so no packet reaches the port).
 * Build: x86_64-w64-mingw32-gcc -O2 -o pipe_bench.exe pipe_bench.c
 */
#include <windows.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER 13
#define PIPE_BUF_SIZE 65536

static HANDLE iocp;
static int skip_on_success = 1; /* cleared if the system refuses the mode */
static LARGE_INTEGER freq;

static void die(const char *what) {
  fprintf(stderr, "%s failed: error %lu\n", what, GetLastError());
  exit(1);
}

static double now_ns(void) {
  LARGE_INTEGER c;
  QueryPerformanceCounter(&c);
  return (double)c.QuadPart * 1e9 / (double)freq.QuadPart;
}

static void attach(HANDLE h) {
  if (!CreateIoCompletionPort(h, iocp, 0, 0)) die("CreateIoCompletionPort");
  if (skip_on_success &&
      !SetFileCompletionNotificationModes(h, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))
    skip_on_success = 0;
}

/* Waits for the completion of ov. Returns the error code (0 on success), *done = bytes. */
static DWORD wait_packet(OVERLAPPED *ov, DWORD *done) {
  DWORD n;
  ULONG_PTR key;
  OVERLAPPED *got;
  for (;;) {
    BOOL ok = GetQueuedCompletionStatus(iocp, &n, &key, &got, INFINITE);
    if (got == NULL) die("GetQueuedCompletionStatus");
    if (got != ov) continue; /* a stale packet: cannot happen with one operation at a time */
    *done = n;
    return ok ? 0 : GetLastError();
  }
}

/* One overlapped read or write. Returns 0 on success (*done bytes) or the error. */
static DWORD io(HANDLE h, int write, void *buf, DWORD len, DWORD *done) {
  OVERLAPPED ov;
  memset(&ov, 0, sizeof ov);
  BOOL ok = write ? WriteFile(h, buf, len, NULL, &ov) : ReadFile(h, buf, len, NULL, &ov);
  if (ok) {
    if (skip_on_success) {
      *done = (DWORD)ov.InternalHigh;
      return 0;
    }
    return wait_packet(&ov, done);
  }
  DWORD e = GetLastError();
  if (e != ERROR_IO_PENDING) return e;
  return wait_packet(&ov, done);
}

static int read_fully(HANDLE h, void *buf, DWORD n) { /* 1 ok, 0 eof at start, -1 error */
  DWORD got = 0, d;
  while (got < n) {
    if (io(h, 0, (char *)buf + got, n - got, &d) != 0) return got == 0 ? 0 : -1;
    got += d;
  }
  return 1;
}

static int write_fully(HANDLE h, const void *buf, DWORD n) {
  DWORD put = 0, d;
  while (put < n) {
    if (io(h, 1, (char *)buf + put, n - put, &d) != 0) return -1;
    put += d;
  }
  return 0;
}

static HANDLE create_instance(const char *name, int first) {
  DWORD open_mode = PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED;
  if (first) open_mode |= FILE_FLAG_FIRST_PIPE_INSTANCE;
  HANDLE h = CreateNamedPipeA(name, open_mode,
                              PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT |
                                  PIPE_REJECT_REMOTE_CLIENTS,
                              PIPE_UNLIMITED_INSTANCES, PIPE_BUF_SIZE, PIPE_BUF_SIZE, 0, NULL);
  if (h == INVALID_HANDLE_VALUE) die("CreateNamedPipe");
  attach(h);
  return h;
}

static void accept_on(HANDLE h) {
  OVERLAPPED ov;
  memset(&ov, 0, sizeof ov);
  if (ConnectNamedPipe(h, &ov)) return; /* overlapped connect returning TRUE: connected */
  DWORD e = GetLastError(), d;
  if (e == ERROR_PIPE_CONNECTED) return;
  if (e != ERROR_IO_PENDING) die("ConnectNamedPipe");
  if (wait_packet(&ov, &d) != 0) die("ConnectNamedPipe completion");
}

static HANDLE open_client(const char *name) {
  for (;;) {
    HANDLE h = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                           FILE_FLAG_OVERLAPPED, NULL);
    if (h != INVALID_HANDLE_VALUE) {
      attach(h);
      return h;
    }
    DWORD e = GetLastError();
    if (e != ERROR_PIPE_BUSY && e != ERROR_FILE_NOT_FOUND) die("CreateFile");
    if (e == ERROR_FILE_NOT_FOUND) Sleep(1);
    else WaitNamedPipeA(name, 10000);
  }
}

static void send_header(HANDLE h, char op, int32_t size, int64_t total) {
  unsigned char b[HEADER];
  b[0] = (unsigned char)op;
  memcpy(b + 1, &size, 4);
  memcpy(b + 5, &total, 8);
  if (write_fully(h, b, HEADER) < 0) die("write header");
}

static void drain(HANDLE h) {
  char b;
  DWORD d;
  while (io(h, 0, &b, 1, &d) == 0) {
  }
}

/* One overlapped operation waited for on an event, no completion packet. 0 or the error. */
static DWORD io_ev(HANDLE h, int write, void *buf, DWORD len, DWORD *done, HANDLE ev) {
  OVERLAPPED ov;
  memset(&ov, 0, sizeof ov);
  ov.hEvent = (HANDLE)((ULONG_PTR)ev | 1);
  BOOL ok = write ? WriteFile(h, buf, len, NULL, &ov) : ReadFile(h, buf, len, NULL, &ov);
  if (!ok && GetLastError() != ERROR_IO_PENDING) return GetLastError();
  if (!GetOverlappedResult(h, &ov, done, TRUE)) return GetLastError();
  return 0;
}

static int xfer_ev(HANDLE h, int write, char *buf, DWORD n, HANDLE ev) { /* 1 ok, else 0 */
  DWORD got = 0, d;
  while (got < n) {
    if (io_ev(h, write, buf + got, n - got, &d, ev) != 0) return 0;
    got += d;
  }
  return 1;
}

struct echo_arg {
  HANDLE h;
  int size;
};

static DWORD WINAPI echo_thread(void *p) {
  struct echo_arg a = *(struct echo_arg *)p;
  free(p);
  HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
  char *buf = malloc(a.size);
  while (xfer_ev(a.h, 0, buf, a.size, ev) && xfer_ev(a.h, 1, buf, a.size, ev)) {
  }
  free(buf);
  CloseHandle(ev);
  DisconnectNamedPipe(a.h);
  CloseHandle(a.h);
  return 0;
}

static int serve(const char *name) {
  HANDLE cur = create_instance(name, 1);
  printf("READY %s (skip_on_success=%d)\n", name, skip_on_success);
  fflush(stdout);
  DWORD sink_len = 1 << 20;
  char *sink = malloc(sink_len);
  for (;;) {
    accept_on(cur);
    HANDLE next = create_instance(name, 0);
    unsigned char b[HEADER];
    if (read_fully(cur, b, HEADER) == 1) {
      int32_t size;
      int64_t total;
      memcpy(&size, b + 1, 4);
      memcpy(&total, b + 5, 8);
      char one = 1;
      if (b[0] == 'R') {
        char *buf = malloc(size);
        while (read_fully(cur, buf, size) == 1 && write_fully(cur, buf, size) == 0) {
        }
        free(buf);
      } else if (b[0] == 'T') {
        int64_t got = 0;
        DWORD d;
        while (got < total) {
          if (io(cur, 0, sink, sink_len, &d) != 0) break;
          got += d;
        }
        write_fully(cur, &one, 1);
        drain(cur);
      } else if (b[0] == 'C') {
        write_fully(cur, &one, 1);
        drain(cur);
      } else if (b[0] == 'M') {
        struct echo_arg *a = malloc(sizeof *a);
        a->h = cur;
        a->size = size;
        HANDLE t = CreateThread(NULL, 64 << 10, echo_thread, a, STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
        if (!t) die("CreateThread");
        CloseHandle(t);
        cur = next;
        continue;
      } else if (b[0] == 'Q') {
        CloseHandle(cur);
        CloseHandle(next);
        return 0;
      }
    }
    DisconnectNamedPipe(cur);
    CloseHandle(cur);
    cur = next;
  }
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double pct(double *sorted, long n, double p) {
  long i = (long)(p / 100.0 * n + 0.5);
  if (i < 1) i = 1;
  if (i > n) i = n;
  return sorted[i - 1];
}

/* The least time the round-trip, connect and many-clients tests warm up for (--warm-up-secs),
   besides their counts. */
static double warm_up_secs = 0;

/* Until when every many-clients thread warms up, at least: set once, before the threads start, as
   the Java clients do. */
static double clients_warm_end;

static void rtt(const char *name, int size, long count) {
  HANDLE h = open_client(name);
  send_header(h, 'R', size, 0);
  char *out = malloc(size), *in = malloc(size);
  for (int i = 0; i < size; i++) out[i] = (char)i;
  double *s = malloc(sizeof(double) * count);
  long warmup = count / 10 > 100 ? count / 10 : 100;
  /* A tenth of the count, and at least warm_up_secs: every client of a run is timed after the same
     warm-up, the Java ones' JIT included. */
  double warm_end = now_ns() + warm_up_secs * 1e9;
  for (long i = 0; i < warmup || now_ns() < warm_end; i++) {
    if (write_fully(h, out, size) < 0 || read_fully(h, in, size) != 1) die("rtt");
  }
  double sum = 0;
  for (long i = 0; i < count; i++) {
    double t0 = now_ns();
    if (write_fully(h, out, size) < 0 || read_fully(h, in, size) != 1) die("rtt");
    double t1 = now_ns();
    s[i] = t1 - t0;
    sum += t1 - t0;
  }
  CloseHandle(h);
  qsort(s, count, sizeof(double), cmp_double);
  printf("RESULT impl=c test=rtt size=%d count=%ld p50_us=%.2f p99_us=%.2f p999_us=%.2f "
         "mean_us=%.2f\n",
         size, count, pct(s, count, 50) / 1e3, pct(s, count, 99) / 1e3, pct(s, count, 99.9) / 1e3,
         sum / count / 1e3);
}

static double push(const char *name, int size, int64_t total) {
  HANDLE h = open_client(name);
  send_header(h, 'T', size, total);
  char *out = calloc(1, size);
  char ack;
  double t0 = now_ns();
  int64_t sent = 0;
  while (sent < total) {
    DWORD n = total - sent < size ? (DWORD)(total - sent) : (DWORD)size;
    if (write_fully(h, out, n) < 0) die("write");
    sent += n;
  }
  if (read_fully(h, &ack, 1) != 1) die("ack");
  double secs = (now_ns() - t0) / 1e9;
  CloseHandle(h);
  free(out);
  return secs;
}

static void throughput(const char *name, int size, int64_t total) {
  push(name, size, total / 8 > size ? total / 8 : size);
  double secs = push(name, size, total);
  printf("RESULT impl=c test=throughput size=%d bytes=%lld secs=%.3f mib_s=%.1f\n", size,
         (long long)total, secs, total / secs / (1 << 20));
}

static void cycle(const char *name) {
  HANDLE h = open_client(name);
  char one;
  send_header(h, 'C', 0, 0);
  if (read_fully(h, &one, 1) != 1) die("connect ack");
  CloseHandle(h);
}

static void connects(const char *name, long count) {
  double warm_end = now_ns() + warm_up_secs * 1e9; /* as in rtt */
  for (long i = 0; i < (count / 10 > 10 ? count / 10 : 10) || now_ns() < warm_end; i++) cycle(name);
  double t0 = now_ns();
  for (long i = 0; i < count; i++) cycle(name);
  double secs = (now_ns() - t0) / 1e9;
  printf("RESULT impl=c test=connect count=%ld secs=%.3f per_s=%.0f\n", count, secs, count / secs);
}

struct client {
  HANDLE h;
  int size;
  long count;
  double *s;
};
static volatile LONG not_ready;
static HANDLE go;

static DWORD WINAPI client_thread(void *p) {
  struct client *c = p;
  HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
  char *out = calloc(1, c->size), *in = malloc(c->size);
  for (int k = 0; k < 10 || now_ns() < clients_warm_end; k++)
    if (!xfer_ev(c->h, 1, out, c->size, ev) || !xfer_ev(c->h, 0, in, c->size, ev)) die("warm-up");
  InterlockedDecrement(&not_ready);
  WaitForSingleObject(go, INFINITE);
  for (long k = 0; k < c->count; k++) {
    double t0 = now_ns();
    if (!xfer_ev(c->h, 1, out, c->size, ev) || !xfer_ev(c->h, 0, in, c->size, ev)) die("rtt");
    c->s[k] = now_ns() - t0;
  }
  free(out);
  free(in);
  CloseHandle(ev);
  return 0;
}

static void clients(const char *name, int size, long count, int n) {
  struct client *cs = calloc(n, sizeof *cs);
  HANDLE *ts = calloc(n, sizeof *ts);
  go = CreateEventA(NULL, TRUE, FALSE, NULL);
  not_ready = n;
  for (int i = 0; i < n; i++) {
    HANDLE h;
    for (;;) { /* as open_client, without the completion port */
      h = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                      FILE_FLAG_OVERLAPPED, NULL);
      if (h != INVALID_HANDLE_VALUE) break;
      DWORD e = GetLastError();
      if (e != ERROR_PIPE_BUSY && e != ERROR_FILE_NOT_FOUND) die("CreateFile");
      if (e == ERROR_FILE_NOT_FOUND) Sleep(1);
      else WaitNamedPipeA(name, 10000);
    }
    unsigned char b[HEADER];
    int32_t sz = size;
    int64_t zero = 0;
    b[0] = 'M';
    memcpy(b + 1, &sz, 4);
    memcpy(b + 5, &zero, 8);
    HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
    if (!xfer_ev(h, 1, (char *)b, HEADER, ev)) die("write header");
    CloseHandle(ev);
    cs[i].h = h;
    cs[i].size = size;
    cs[i].count = count;
    cs[i].s = malloc(sizeof(double) * count);
  }
  clients_warm_end = now_ns() + warm_up_secs * 1e9; /* once every client is connected */
  for (int i = 0; i < n; i++) {
    ts[i] = CreateThread(NULL, 64 << 10, client_thread, &cs[i], STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
    if (!ts[i]) die("CreateThread");
  }
  while (not_ready > 0) Sleep(1);
  double t0 = now_ns();
  SetEvent(go);
  for (int i = 0; i < n; i++) {
    WaitForSingleObject(ts[i], INFINITE);
    CloseHandle(ts[i]);
  }
  double secs = (now_ns() - t0) / 1e9;
  long total = (long)n * count;
  double *all = malloc(sizeof(double) * total);
  for (int i = 0; i < n; i++) {
    memcpy(all + (long)i * count, cs[i].s, sizeof(double) * count);
    CloseHandle(cs[i].h);
  }
  qsort(all, total, sizeof(double), cmp_double);
  printf("RESULT impl=c test=clients clients=%d size=%d count=%ld secs=%.3f per_s=%.0f p50_us=%.2f "
         "p99_us=%.2f\n",
         n, size, count, secs, total / secs, pct(all, total, 50) / 1e3, pct(all, total, 99) / 1e3);
}

int main(int argc, char **argv) {
  QueryPerformanceFrequency(&freq);
  iocp = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
  if (!iocp) die("CreateIoCompletionPort");
  if (argc < 3) {
    fprintf(stderr,
            "usage: %s server|stop NAME | client NAME --test T --size N --count N"
            " [--warm-up-secs S]\n",
            argv[0]);
    return 2;
  }
  if (!strcmp(argv[1], "server")) return serve(argv[2]);
  if (!strcmp(argv[1], "stop")) {
    HANDLE h = open_client(argv[2]);
    send_header(h, 'Q', 0, 0);
    CloseHandle(h);
    return 0;
  }
  const char *test = "rtt";
  long long size = 1, count = 10000, nclients = 200;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--test")) test = argv[i + 1];
    else if (!strcmp(argv[i], "--clients")) nclients = atoll(argv[i + 1]);
    else if (!strcmp(argv[i], "--size")) size = atoll(argv[i + 1]);
    else if (!strcmp(argv[i], "--count")) count = atoll(argv[i + 1]);
    else if (!strcmp(argv[i], "--warm-up-secs")) warm_up_secs = atof(argv[i + 1]);
  }
  if (!strcmp(test, "rtt")) rtt(argv[2], (int)size, (long)count);
  else if (!strcmp(test, "throughput")) throughput(argv[2], (int)size, count);
  else if (!strcmp(test, "connect")) connects(argv[2], (long)count);
  else if (!strcmp(test, "clients")) clients(argv[2], (int)size, (long)count, (int)nclients);
  else return 2;
  fflush(stdout);
  return 0;
}
