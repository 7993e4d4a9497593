package dev.npipe4j.bench;

import static dev.npipe4j.bench.Protocol.alloc;
import static dev.npipe4j.bench.Protocol.header;

import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/** Memory per idle connection, on both sides: the {@code idle} test and its measurements. */
final class Memory {
  private Memory() {}

  /**
   * Heap used after GC and native memory committed, in bytes: NMT's committed total without the
   * categories that follow the heap size, the JIT or class loading (Java Heap, GC, GCCardSet, Code,
   * Compiler, Arena Chunk, Class, Metaspace, Shared class space, Symbol), -1 without {@code
   * -XX:NativeMemoryTracking}.
   */
  static long[] stats() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long nativeBytes = -1;
    try {
      Object out =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "vmNativeMemory",
                  new Object[] {new String[] {"summary"}},
                  new String[] {String[].class.getName()});
      String text = String.valueOf(out);
      Matcher m = NMT_TOTAL.matcher(text);
      if (m.find()) {
        long kb = Long.parseLong(m.group(1));
        Matcher cat = NMT_CATEGORY.matcher(text);
        while (cat.find()) {
          if (NMT_EXCLUDED.contains(cat.group(1))) {
            kb -= Long.parseLong(cat.group(2));
          }
        }
        nativeBytes = kb * 1024;
      }
    } catch (JMException | RuntimeException e) {
      // no NMT, or no management: leave -1
    }
    return new long[] {heap, nativeBytes};
  }

  private static final Pattern NMT_TOTAL =
      Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
  private static final Pattern NMT_CATEGORY =
      Pattern.compile("-\\s+([A-Za-z ]+?) \\(reserved=\\d+KB, committed=(\\d+)KB");
  private static final Set<String> NMT_EXCLUDED =
      Set.of(
          "Java Heap",
          "GC",
          "GCCardSet",
          "Code",
          "Compiler",
          "Arena Chunk",
          "Class",
          "Metaspace",
          "Shared class space",
          "Symbol");

  /** The server's {@link #stats()} and idle-connection count; {@code closeIdle} 1 closes first. */
  static long[] serverStats(Impl impl, String name, int closeIdle) throws IOException {
    try (Conn c = impl.connect(name)) {
      header(c, impl, Protocol.STATS, closeIdle, 0);
      ByteBuffer reply = alloc(impl, Protocol.STATS_REPLY);
      if (!c.readFully(reply)) {
        throw new EOFException("server closed");
      }
      return new long[] {reply.getLong(0), reply.getLong(8), reply.getLong(16)};
    }
  }

  /**
   * {@code n} idle connections: heap and native bytes per connection, client and server. A first
   * burst of a tenth as many, closed again before the baseline, starts what each process starts
   * once under load (the virtual-thread scheduler's carriers, timer threads: about 1 MiB of stack
   * each under Wine, which commits whole stacks), so that only what every connection holds is
   * divided by {@code n}.
   */
  static String idle(Impl impl, String name, int n) throws IOException {
    serverStats(impl, name, 1);
    closeAll(openIdle(impl, name, Math.max(1, n / 10)));
    serverStats(impl, name, 1);
    long[] c0 = stats();
    long[] s0 = serverStats(impl, name, 0);
    List<Conn> conns = openIdle(impl, name, n);
    long[] c1 = stats();
    long[] s1 = serverStats(impl, name, 0);
    closeAll(conns);
    serverStats(impl, name, 1);
    return String.format(
        Locale.ROOT,
        "test=idle count=%d server_idle=%d client_heap_b=%.0f client_native_b=%s"
            + " server_heap_b=%.0f server_native_b=%s",
        n,
        s1[2],
        (double) (c1[0] - c0[0]) / n,
        c0[1] < 0 ? "na" : String.format(Locale.ROOT, "%.0f", (double) (c1[1] - c0[1]) / n),
        (double) (s1[0] - s0[0]) / n,
        s0[1] < 0 ? "na" : String.format(Locale.ROOT, "%.0f", (double) (s1[1] - s0[1]) / n));
  }

  /** Opens {@code n} connections that the server acknowledges and then leaves idle. */
  private static List<Conn> openIdle(Impl impl, String name, int n) throws IOException {
    List<Conn> conns = new ArrayList<>();
    ByteBuffer one = alloc(impl, 1);
    for (int i = 0; i < n; i++) {
      Conn c = impl.connect(name);
      conns.add(c);
      header(c, impl, Protocol.IDLE, 0, 0);
      if (!c.readFully(one.clear())) {
        closeAll(conns);
        throw new EOFException("server closed");
      }
    }
    return conns;
  }

  private static void closeAll(List<Conn> conns) {
    for (Conn c : conns) {
      Conn.closeQuietly(c);
    }
  }
}
