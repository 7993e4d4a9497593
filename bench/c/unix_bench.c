/*
 * The C AF_UNIX baseline of the npipe4j benchmark harness: same protocol, same tests, same output
 * as dev.npipe4j.bench.Harness (see its javadoc).
 *
 *   unix_bench server PATH
 *   unix_bench client PATH --test rtt|throughput|connect|clients --size N --count N [--clients N]
 *   unix_bench stop PATH
 *
 * Blocking sockets, one connection at a time, as the harness; a thread per connection for the
 * many-clients test (op M).
 * Build: gcc -O2 -pthread -o unix_bench unix_bench.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define HEADER 13

static void die(const char *what) {
  perror(what);
  exit(1);
}

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int read_fully(int fd, void *buf, size_t n) { /* 1 ok, 0 eof at start, -1 error */
  size_t got = 0;
  while (got < n) {
    ssize_t r = read(fd, (char *)buf + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return got == 0 && r == 0 ? 0 : -1;
    got += r;
  }
  return 1;
}

static int write_fully(int fd, const void *buf, size_t n) {
  size_t put = 0;
  while (put < n) {
    ssize_t w = write(fd, (const char *)buf + put, n - put);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    put += w;
  }
  return 0;
}

static struct sockaddr_un addr_of(const char *path) {
  struct sockaddr_un a;
  memset(&a, 0, sizeof a);
  a.sun_family = AF_UNIX;
  strncpy(a.sun_path, path, sizeof a.sun_path - 1);
  return a;
}

static int open_client(const char *path) {
  struct sockaddr_un a = addr_of(path);
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) die("socket");
  if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) die("connect");
  return fd;
}

static void send_header(int fd, char op, int32_t size, int64_t total) {
  unsigned char h[HEADER];
  h[0] = (unsigned char)op;
  memcpy(h + 1, &size, 4); /* x86: little-endian, as the harness */
  memcpy(h + 5, &total, 8);
  if (write_fully(fd, h, HEADER) < 0) die("write header");
}

static void drain(int fd) {
  char b;
  while (read(fd, &b, 1) > 0) {
  }
}

struct echo_arg {
  int fd;
  int size;
};

static void *echo_thread(void *p) {
  struct echo_arg a = *(struct echo_arg *)p;
  free(p);
  char *buf = malloc(a.size);
  while (read_fully(a.fd, buf, a.size) == 1 && write_fully(a.fd, buf, a.size) == 0) {
  }
  free(buf);
  close(a.fd);
  return NULL;
}

static int serve(const char *path) {
  unlink(path);
  struct sockaddr_un a = addr_of(path);
  int ls = socket(AF_UNIX, SOCK_STREAM, 0);
  if (ls < 0) die("socket");
  if (bind(ls, (struct sockaddr *)&a, sizeof a) < 0) die("bind");
  if (listen(ls, 64) < 0) die("listen");
  printf("READY %s\n", path);
  fflush(stdout);
  size_t sink_len = 1 << 20;
  char *sink = malloc(sink_len);
  for (;;) {
    int c = accept(ls, NULL, NULL);
    if (c < 0) die("accept");
    unsigned char h[HEADER];
    if (read_fully(c, h, HEADER) == 1) {
      int32_t size;
      int64_t total;
      memcpy(&size, h + 1, 4);
      memcpy(&total, h + 5, 8);
      char one = 1;
      if (h[0] == 'R') {
        char *buf = malloc(size);
        while (read_fully(c, buf, size) == 1 && write_fully(c, buf, size) == 0) {
        }
        free(buf);
      } else if (h[0] == 'T') {
        int64_t got = 0;
        while (got < total) {
          ssize_t r = read(c, sink, sink_len);
          if (r <= 0) break;
          got += r;
        }
        write_fully(c, &one, 1);
        drain(c);
      } else if (h[0] == 'C') {
        write_fully(c, &one, 1);
        drain(c);
      } else if (h[0] == 'M') {
        struct echo_arg *a = malloc(sizeof *a);
        a->fd = c;
        a->size = size;
        pthread_t t;
        pthread_attr_t at;
        pthread_attr_init(&at);
        pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
        pthread_attr_setstacksize(&at, 64 << 10);
        if (pthread_create(&t, &at, echo_thread, a) != 0) die("pthread_create");
        pthread_attr_destroy(&at);
        continue;
      } else if (h[0] == 'Q') {
        close(c);
        close(ls);
        unlink(path);
        return 0;
      }
    }
    close(c);
  }
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double pct(double *sorted, long n, double p) { /* nearest rank, as HdrHistogram */
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

static void rtt(const char *path, int size, long count) {
  int fd = open_client(path);
  send_header(fd, 'R', size, 0);
  char *out = malloc(size), *in = malloc(size);
  for (int i = 0; i < size; i++) out[i] = (char)i;
  double *s = malloc(sizeof(double) * count);
  long warmup = count / 10 > 100 ? count / 10 : 100;
  /* A tenth of the count, and at least warm_up_secs: every client of a run is timed after the same
     warm-up, the Java ones' JIT included. */
  double warm_end = now_ns() + warm_up_secs * 1e9;
  for (long i = 0; i < warmup || now_ns() < warm_end; i++) {
    if (write_fully(fd, out, size) < 0 || read_fully(fd, in, size) != 1) die("rtt");
  }
  double sum = 0;
  for (long i = 0; i < count; i++) {
    double t0 = now_ns();
    if (write_fully(fd, out, size) < 0 || read_fully(fd, in, size) != 1) die("rtt");
    double t1 = now_ns();
    s[i] = t1 - t0;
    sum += t1 - t0;
  }
  close(fd);
  qsort(s, count, sizeof(double), cmp_double);
  printf("RESULT impl=c test=rtt size=%d count=%ld p50_us=%.2f p99_us=%.2f p999_us=%.2f "
         "mean_us=%.2f\n",
         size, count, pct(s, count, 50) / 1e3, pct(s, count, 99) / 1e3, pct(s, count, 99.9) / 1e3,
         sum / count / 1e3);
}

static double push(const char *path, int size, int64_t total) {
  int fd = open_client(path);
  send_header(fd, 'T', size, total);
  char *out = calloc(1, size);
  char ack;
  double t0 = now_ns();
  int64_t sent = 0;
  while (sent < total) {
    int n = total - sent < size ? (int)(total - sent) : size;
    if (write_fully(fd, out, n) < 0) die("write");
    sent += n;
  }
  if (read_fully(fd, &ack, 1) != 1) die("ack");
  double secs = (now_ns() - t0) / 1e9;
  close(fd);
  free(out);
  return secs;
}

static void throughput(const char *path, int size, int64_t total) {
  push(path, size, total / 8 > size ? total / 8 : size);
  double secs = push(path, size, total);
  printf("RESULT impl=c test=throughput size=%d bytes=%lld secs=%.3f mib_s=%.1f\n", size,
         (long long)total, secs, total / secs / (1 << 20));
}

static void cycle(const char *path) {
  int fd = open_client(path);
  char one;
  send_header(fd, 'C', 0, 0);
  if (read_fully(fd, &one, 1) != 1) die("connect ack");
  close(fd);
}

static void connects(const char *path, long count) {
  double warm_end = now_ns() + warm_up_secs * 1e9; /* as in rtt */
  for (long i = 0; i < (count / 10 > 10 ? count / 10 : 10) || now_ns() < warm_end; i++) cycle(path);
  double t0 = now_ns();
  for (long i = 0; i < count; i++) cycle(path);
  double secs = (now_ns() - t0) / 1e9;
  printf("RESULT impl=c test=connect count=%ld secs=%.3f per_s=%.0f\n", count, secs, count / secs);
}

struct client {
  int fd, size;
  long count;
  double *s;
};
static pthread_barrier_t ready;

static void *client_thread(void *p) {
  struct client *c = p;
  char *out = calloc(1, c->size), *in = malloc(c->size);
  for (int k = 0; k < 10 || now_ns() < clients_warm_end; k++)
    if (write_fully(c->fd, out, c->size) < 0 || read_fully(c->fd, in, c->size) != 1) die("warm-up");
  pthread_barrier_wait(&ready);
  for (long k = 0; k < c->count; k++) {
    double t0 = now_ns();
    if (write_fully(c->fd, out, c->size) < 0 || read_fully(c->fd, in, c->size) != 1) die("rtt");
    c->s[k] = now_ns() - t0;
  }
  free(out);
  free(in);
  return NULL;
}

static void clients(const char *path, int size, long count, int n) {
  struct client *cs = calloc(n, sizeof *cs);
  pthread_t *ts = calloc(n, sizeof *ts);
  pthread_barrier_init(&ready, NULL, n + 1);
  pthread_attr_t at;
  pthread_attr_init(&at);
  pthread_attr_setstacksize(&at, 64 << 10);
  for (int i = 0; i < n; i++) {
    cs[i].fd = open_client(path);
    send_header(cs[i].fd, 'M', size, 0);
    cs[i].size = size;
    cs[i].count = count;
    cs[i].s = malloc(sizeof(double) * count);
  }
  clients_warm_end = now_ns() + warm_up_secs * 1e9; /* once every client is connected */
  for (int i = 0; i < n; i++)
    if (pthread_create(&ts[i], &at, client_thread, &cs[i]) != 0) die("pthread_create");
  pthread_barrier_wait(&ready);
  double t0 = now_ns();
  for (int i = 0; i < n; i++) pthread_join(ts[i], NULL);
  double secs = (now_ns() - t0) / 1e9;
  long total = (long)n * count;
  double *all = malloc(sizeof(double) * total);
  for (int i = 0; i < n; i++) {
    memcpy(all + (long)i * count, cs[i].s, sizeof(double) * count);
    close(cs[i].fd);
  }
  qsort(all, total, sizeof(double), cmp_double);
  printf("RESULT impl=c test=clients clients=%d size=%d count=%ld secs=%.3f per_s=%.0f p50_us=%.2f "
         "p99_us=%.2f\n",
         n, size, count, secs, total / secs, pct(all, total, 50) / 1e3, pct(all, total, 99) / 1e3);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr,
            "usage: %s server|stop PATH | client PATH --test T --size N --count N"
            " [--warm-up-secs S]\n",
            argv[0]);
    return 2;
  }
  if (!strcmp(argv[1], "server")) return serve(argv[2]);
  if (!strcmp(argv[1], "stop")) {
    int fd = open_client(argv[2]);
    send_header(fd, 'Q', 0, 0);
    close(fd);
    return 0;
  }
  const char *test = "rtt";
  long long size = 1, count = 10000, nclients = 1000;
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
