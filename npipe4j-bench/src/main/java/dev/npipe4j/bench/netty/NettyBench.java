package dev.npipe4j.bench.netty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Netty row of {@code scripts/bench.sh}: a 1 B echo round trip and a 64 KiB-chunk throughput
 * through npipe4j's Netty transport (on Netty's epoll loops, which it waits in, and through the
 * library's readiness futures on NIO's loops and on task-only loops), Netty's own epoll domain
 * sockets, and the library's blocking channel, all in this JVM, alternating in every round. Prints
 * {@code RESULT} lines, then a Markdown table of the medians.
 *
 * <pre>java -cp ... dev.npipe4j.bench.netty.NettyBench ROUNDS RTT_COUNT THROUGHPUT_BYTES</pre>
 */
public final class NettyBench {
  private NettyBench() {}

  private static final int THROUGHPUT_CHUNK = 65536;

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int rttCount = Integer.parseInt(args[1]);
    long bytes = Long.parseLong(args[2]);
    Path dir = Files.createTempDirectory("npipe4j-netty-bench");
    List<String> names = new ArrayList<>();
    for (Transports.Transport t : Transports.ALL) {
      names.add(t.name());
    }
    names.add(BlockingRuns.NAME);
    Map<String, List<Double>> rtt = new LinkedHashMap<>();
    Map<String, List<Double>> p50 = new LinkedHashMap<>();
    Map<String, List<Double>> p99 = new LinkedHashMap<>();
    Map<String, List<Double>> thr = new LinkedHashMap<>();
    int run = 0;
    // Warm-up: every implementation once, at a tenth of the size, not counted.
    for (int r = 0; r <= rounds; r++) {
      boolean warm = r == 0;
      int count = warm ? Math.max(rttCount / 10, 100) : rttCount;
      long total = warm ? Math.max(bytes / 10, THROUGHPUT_CHUNK) : bytes;
      for (int k = 0; k < names.size(); k++) {
        String name = names.get((k + r) % names.size()); // the order rotates between rounds
        String id = "-" + (run++);
        long[] each = new long[count];
        long rttNanos = rttOnce(name, dir, id + "r", count, each);
        long thrNanos = throughputOnce(name, dir, id + "t", total);
        if (warm) {
          continue;
        }
        double us = rttNanos / 1e3 / count;
        double mibs = total / (1 << 20) / (thrNanos / 1e9);
        rtt.computeIfAbsent(name, n -> new ArrayList<>()).add(us);
        Arrays.sort(each);
        double medianUs = each[count / 2] / 1e3;
        double p99Us = each[(int) (count * 0.99)] / 1e3;
        p50.computeIfAbsent(name, n -> new ArrayList<>()).add(medianUs);
        p99.computeIfAbsent(name, n -> new ArrayList<>()).add(p99Us);
        thr.computeIfAbsent(name, n -> new ArrayList<>()).add(mibs);
        System.out.printf(
            Locale.ROOT,
            "RESULT impl=%s test=rtt size=1 count=%d us_per_rtt=%.2f p50_us=%.2f p99_us=%.2f"
                + " round=%d%n",
            name,
            count,
            us,
            medianUs,
            p99Us,
            r);
        System.out.printf(
            Locale.ROOT,
            "RESULT impl=%s test=throughput size=%d bytes=%d mib_s=%.1f round=%d%n",
            name,
            THROUGHPUT_CHUNK,
            total,
            mibs,
            r);
      }
    }
    System.out.print(NettyTable.markdown(names, rtt, p50, p99, thr, rounds, rttCount, bytes));
  }

  private static long rttOnce(String name, Path dir, String id, int count, long[] each)
      throws Exception {
    if (name.equals(BlockingRuns.NAME)) {
      return BlockingRuns.run(id, 1, count, 0, each);
    }
    NettyRuns.PingPong client = new NettyRuns.PingPong(1, count);
    long nanos =
        NettyRuns.run(byName(name), dir, id, new NettyRuns.ServerSide(0), client, client.done);
    System.arraycopy(client.each, 0, each, 0, count);
    return nanos;
  }

  private static long throughputOnce(String name, Path dir, String id, long total)
      throws Exception {
    if (name.equals(BlockingRuns.NAME)) {
      return BlockingRuns.run(id, THROUGHPUT_CHUNK, 0, total);
    }
    NettyRuns.Push client = new NettyRuns.Push(THROUGHPUT_CHUNK, total);
    return NettyRuns.run(
        byName(name), dir, id, new NettyRuns.ServerSide(total), client, client.done);
  }

  private static Transports.Transport byName(String name) {
    return Transports.ALL.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }
}
