package dev.npipe4j.bench;

import static dev.npipe4j.bench.Protocol.alloc;
import static dev.npipe4j.bench.Protocol.header;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.HdrHistogram.Histogram;

/**
 * The client side of the timed tests: each returns the {@code key=value} part of its result line.
 * The memory test is {@link Memory#idle}.
 */
final class ClientTests {
  /**
   * The least time, in seconds, the round-trip, connect and many-clients tests warm up for by
   * default, besides their count ({@code --warm-up-secs} of {@link Harness}): each runs in a fresh
   * JVM, and a client doing a thousand short cycles would otherwise be timed while the JIT still
   * compiles the code it runs (under Wine, C2 took a third of the process's CPU samples through the
   * first few thousand connect cycles). Round trips are timed warm too: under Wine the 1 B round
   * trips of a client warmed for 3 s had a median of 204-483 µs, against 61-197 µs for the same
   * client timed at once (side by side, 15 rounds in 4 runs), and this machine runs a burst of work
   * faster than sustained work. {@code scripts/bench.sh} warms the C and Go clients of these tests
   * for as long, though they have no JIT to wait for.
   */
  static final long WARM_UP_SECONDS = 3;

  private ClientTests() {}

  /** Round trips of {@code size} bytes on one connection, after a warm-up. */
  static String rtt(Impl impl, String name, int size, int count, long warmUpNanos)
      throws IOException {
    Histogram histogram = new Histogram(60_000_000_000L, 3);
    try (Conn c = impl.connect(name)) {
      header(c, impl, Protocol.ECHO, size, 0);
      ByteBuffer out = alloc(impl, size);
      ByteBuffer in = alloc(impl, size);
      while (out.hasRemaining()) {
        out.put((byte) out.position());
      }
      long warm = System.nanoTime() + warmUpNanos;
      for (int i = 0; i < Math.max(count / 10, 100) || System.nanoTime() - warm < 0; i++) {
        roundTrip(c, out, in);
      }
      for (int i = 0; i < count; i++) {
        long t0 = System.nanoTime();
        roundTrip(c, out, in);
        histogram.recordValue(System.nanoTime() - t0);
      }
    }
    return String.format(
        Locale.ROOT,
        "test=rtt size=%d count=%d p50_us=%.2f p99_us=%.2f p999_us=%.2f mean_us=%.2f",
        size,
        count,
        histogram.getValueAtPercentile(50) / 1e3,
        histogram.getValueAtPercentile(99) / 1e3,
        histogram.getValueAtPercentile(99.9) / 1e3,
        histogram.getMean() / 1e3);
  }

  private static void roundTrip(Conn c, ByteBuffer out, ByteBuffer in) throws IOException {
    c.writeFully(out.clear());
    if (!c.readFully(in.clear())) {
      throw new EOFException("server closed");
    }
  }

  /** {@code total} bytes in writes of {@code size}, timed from the first write to the answer. */
  static String throughput(Impl impl, String name, int size, long total) throws IOException {
    pushBytes(impl, name, size, Math.max(total / 8, size)); // warm-up on its own connection
    double secs = pushBytes(impl, name, size, total);
    return String.format(
        Locale.ROOT,
        "test=throughput size=%d bytes=%d secs=%.3f mib_s=%.1f",
        size,
        total,
        secs,
        total / secs / (1 << 20));
  }

  private static double pushBytes(Impl impl, String name, int size, long total) throws IOException {
    try (Conn c = impl.connect(name)) {
      header(c, impl, Protocol.THROUGHPUT, size, total);
      ByteBuffer out = alloc(impl, size);
      ByteBuffer ack = alloc(impl, 1);
      long t0 = System.nanoTime();
      long sent = 0;
      while (sent < total) {
        out.clear();
        if (total - sent < size) {
          out.limit((int) (total - sent));
        }
        sent += out.remaining();
        c.writeFully(out);
      }
      if (!c.readFully(ack)) {
        throw new EOFException("server closed");
      }
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  /** Connect, one byte back, close: {@code count} times after a warm-up. */
  static String connect(Impl impl, String name, int count, long warmUpNanos) throws IOException {
    ByteBuffer one = alloc(impl, 1);
    long warm = System.nanoTime() + warmUpNanos;
    for (int i = 0; i < Math.max(count / 10, 10) || System.nanoTime() - warm < 0; i++) {
      cycle(impl, name, one);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      cycle(impl, name, one);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    return String.format(
        Locale.ROOT, "test=connect count=%d secs=%.3f per_s=%.0f", count, secs, count / secs);
  }

  private static void cycle(Impl impl, String name, ByteBuffer one) throws IOException {
    try (Conn c = impl.connect(name)) {
      header(c, impl, Protocol.CONNECT, 0, 0);
      if (!c.readFully(one.clear())) {
        throw new EOFException("server closed");
      }
    }
  }

  /** {@code n} connections at once, each doing {@code count} round trips of {@code size}. */
  static String clients(Impl impl, String name, int size, int count, int n, long warmUpNanos)
      throws Exception {
    List<Conn> conns = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Conn c = impl.connect(name);
      header(c, impl, Protocol.MANY, size, 0);
      conns.add(c);
    }
    Histogram[] hs = new Histogram[n];
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    Throwable[] failure = new Throwable[1];
    List<Thread> threads = new ArrayList<>();
    long warm = System.nanoTime() + warmUpNanos;
    for (int i = 0; i < n; i++) {
      Conn c = conns.get(i);
      Histogram h = hs[i] = new Histogram(60_000_000_000L, 3);
      threads.add(
          impl.threads()
              .start(
                  () -> {
                    try {
                      ByteBuffer out = alloc(impl, size);
                      ByteBuffer in = alloc(impl, size);
                      for (int k = 0; k < 10 || System.nanoTime() - warm < 0; k++) { // warm-up
                        c.writeFully(out.clear());
                        c.readFully(in.clear());
                      }
                      ready.countDown();
                      go.await();
                      for (int k = 0; k < count; k++) {
                        long t0 = System.nanoTime();
                        c.writeFully(out.clear());
                        if (!c.readFully(in.clear())) {
                          throw new EOFException("server closed");
                        }
                        h.recordValue(System.nanoTime() - t0);
                      }
                    } catch (Throwable e) {
                      synchronized (failure) {
                        failure[0] = e;
                      }
                      ready.countDown();
                    }
                  }));
    }
    ready.await();
    long t0 = System.nanoTime();
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    for (Conn c : conns) {
      Conn.closeQuietly(c);
    }
    synchronized (failure) {
      if (failure[0] != null) {
        throw new IOException("a client failed", failure[0]);
      }
    }
    Histogram all = new Histogram(60_000_000_000L, 3);
    for (Histogram h : hs) {
      all.add(h);
    }
    return String.format(
        Locale.ROOT,
        "test=clients clients=%d size=%d count=%d secs=%.3f per_s=%.0f p50_us=%.2f p99_us=%.2f",
        n,
        size,
        count,
        secs,
        (double) n * count / secs,
        all.getValueAtPercentile(50) / 1e3,
        all.getValueAtPercentile(99) / 1e3);
  }
}
