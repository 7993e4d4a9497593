package dev.npipe4j.bench.netty;

import dev.npipe4j.netty.NamedPipeAddress;
import dev.npipe4j.netty.NamedPipeChannel;
import dev.npipe4j.netty.NamedPipeIoHandler;
import dev.npipe4j.netty.NamedPipeServerChannel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Netty row on Windows ({@code scripts/bench-netty-wine.sh} runs it under Wine): npipe4j's
 * transport on {@link NamedPipeIoHandler} loops, which lead the library's completion port, beside
 * the same transport on Netty's task-only {@code LocalIoHandler} loops, which wait through the
 * library's readiness futures (Netty's NIO selector does not open under Wine 8). Each twice: server
 * and client on a loop each (two groups), and both on one loop. A 1 B echo round trip and a 64
 * KiB-chunk throughput, alternating in every round. Prints {@code RESULT} lines, then the medians
 * and their ratios. Uses none of Netty's epoll classes, which a Windows class path lacks.
 *
 * <pre>java -cp ... dev.npipe4j.bench.netty.WineNettyBench ROUNDS RTT_COUNT THROUGHPUT_BYTES</pre>
 */
public final class WineNettyBench {
  private WineNettyBench() {}

  private static final int CHUNK = 65536;

  private static final Transports.Transport PORT_LOOPS =
      new Transports.Transport(
          "netty-npipe4j-iocp",
          NamedPipeServerChannel.class,
          NamedPipeChannel.class,
          () -> new MultiThreadIoEventLoopGroup(1, NamedPipeIoHandler.newFactory()),
          WineNettyBench::pipe);

  private static final Transports.Transport TASK_LOOPS =
      new Transports.Transport(
          "netty-npipe4j-local",
          NamedPipeServerChannel.class,
          NamedPipeChannel.class,
          () -> new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory()),
          WineNettyBench::pipe);

  /** Server and client on one port loop: it leads the port alone, with no hop. */
  private static final Transports.Transport PORT_LOOP_SHARED =
      new Transports.Transport(
          "netty-npipe4j-iocp-1loop",
          NamedPipeServerChannel.class,
          NamedPipeChannel.class,
          new OneLoop(() -> new MultiThreadIoEventLoopGroup(1, NamedPipeIoHandler.newFactory())),
          WineNettyBench::pipe);

  /** Server and client on one task-only loop. */
  private static final Transports.Transport TASK_LOOP_SHARED =
      new Transports.Transport(
          "netty-npipe4j-local-1loop",
          NamedPipeServerChannel.class,
          NamedPipeChannel.class,
          new OneLoop(() -> new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory())),
          WineNettyBench::pipe);

  /**
   * Hands the server's group to the client too: {@link NettyRuns#run} asks for the server's group,
   * then the client's, and shuts both down (once each is enough).
   */
  private static final class OneLoop implements Transports.Loops {
    private final Transports.Loops loops;
    private EventLoopGroup last;

    OneLoop(Transports.Loops loops) {
      this.loops = loops;
    }

    @Override
    public EventLoopGroup newGroup() {
      EventLoopGroup g = last;
      if (g == null) {
        return last = loops.newGroup();
      }
      last = null;
      return g;
    }
  }

  private static NamedPipeAddress pipe(Path dir, String id) {
    return NamedPipeAddress.of("\\\\.\\pipe\\npipe4j-wbench-" + ProcessHandle.current().pid() + id);
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int rttCount = Integer.parseInt(args[1]);
    long bytes = Long.parseLong(args[2]);
    Path dir = Files.createTempDirectory("npipe4j-wine-netty-bench");
    List<Transports.Transport> all =
        List.of(PORT_LOOPS, TASK_LOOPS, PORT_LOOP_SHARED, TASK_LOOP_SHARED);
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    int run = 0;
    for (int r = 0; r <= rounds; r++) {
      boolean warm = r == 0;
      int count = warm ? Math.max(rttCount / 10, 100) : rttCount;
      long total = warm ? Math.max(bytes / 10, CHUNK) : bytes;
      for (int k = 0; k < all.size(); k++) {
        Transports.Transport t = all.get((k + r) % all.size());
        String id = "-" + (run++);
        NettyRuns.PingPong ping = new NettyRuns.PingPong(1, count);
        long rtt = NettyRuns.run(t, dir, id + "r", new NettyRuns.ServerSide(0), ping, ping.done);
        NettyRuns.Push push = new NettyRuns.Push(CHUNK, total);
        long thr =
            NettyRuns.run(t, dir, id + "t", new NettyRuns.ServerSide(total), push, push.done);
        if (warm) {
          continue;
        }
        long[] each = ping.each.clone();
        Arrays.sort(each);
        double[] row = {
          rtt / 1e3 / count,
          each[count / 2] / 1e3,
          each[(int) (count * 0.99)] / 1e3,
          total / (double) (1 << 20) / (thr / 1e9)
        };
        results.computeIfAbsent(t.name(), n -> new ArrayList<>()).add(row);
        System.out.printf(
            Locale.ROOT,
            "RESULT impl=%s rtt_mean_us=%.1f p50_us=%.1f p99_us=%.1f mib_s=%.1f round=%d%n",
            t.name(),
            row[0],
            row[1],
            row[2],
            row[3],
            r);
      }
    }
    String[] what = {"mean round trip (µs)", "median (µs)", "p99 (µs)", "throughput (MiB/s)"};
    for (int pair = 0; pair < all.size(); pair += 2) {
      String port = all.get(pair).name();
      String task = all.get(pair + 1).name();
      for (int i = 0; i < what.length; i++) {
        double a = median(results.get(port), i);
        double b = median(results.get(task), i);
        System.out.printf(
            Locale.ROOT,
            "MEDIAN %s: %s %.1f, %s %.1f, ratio %.2f%n",
            what[i],
            port,
            a,
            task,
            b,
            a / b);
      }
    }
  }

  private static double median(List<double[]> rows, int column) {
    double[] v = rows.stream().mapToDouble(row -> row[column]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
