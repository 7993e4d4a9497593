package dev.npipe4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cross-process benchmark harness: one server process and one client process per
 * implementation, speaking the {@link Protocol} that the C and Go baselines under {@code bench/}
 * speak too, so every row of BENCHMARKS.md compares the same work.
 *
 * <pre>
 * Harness server IMPL NAME
 * Harness client IMPL NAME --test rtt|throughput|connect|clients|idle --size N --count N [--clients N]
 *                [--warm-up-secs S]
 * Harness stop   IMPL NAME
 * </pre>
 *
 * <p>IMPL is one of {@link Impls#ALL}: {@code npipe4j} (blocking channel over the library, any OS),
 * {@code npipe4j-platform} (the same with a platform thread per connection), {@code
 * npipe4j-carriers} (virtual threads again, run with {@code
 * -Djdk.virtualThreadScheduler.parallelism=N}), {@code npipe4j-socket} (the library's {@code
 * java.net.Socket} as the client), {@code jdk} (the JDK's blocking {@code SocketChannel} over a
 * {@code UnixDomainSocketAddress}), {@code junixsocket} (AFUNIXSocket streams) or {@code ipcsocket}
 * (sbt's JNA named pipes, Windows). NAME is a socket path on Unix and {@code \\.\pipe\NAME} on
 * Windows.
 *
 * <p>The tests ({@link ClientTests}, {@link Memory#idle}): {@code rtt}, round trips of {@code
 * --size} bytes; {@code throughput}, {@code --count} bytes in writes of {@code --size}; {@code
 * connect}, {@code --count} connections; {@code clients}, {@code --clients} connections at once,
 * each doing {@code --count} round trips of {@code --size} bytes; {@code idle}, {@code --count}
 * idle connections, memory per connection on both sides. {@code --warm-up-secs} sets the least time
 * the round-trip, connect and many-clients tests warm up for ({@link ClientTests#WARM_UP_SECONDS}
 * by default; 0 leaves only the count-based warm-up, for runs whose cycles are counted, as the
 * wineserver request counts of {@code scripts/bench.sh} are).
 *
 * <p>The client prints one line: {@code RESULT impl=... test=... key=value...}.
 */
public final class Harness {
  private Harness() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      usage();
    }
    String mode = args[0];
    String implName = args[1];
    String name = args[2];
    Impl impl = Impls.byName(implName);
    switch (mode) {
      case "server" -> Server.serve(impl, name);
      case "stop" -> {
        try (Conn c = impl.connect(name)) {
          Protocol.header(c, impl, Protocol.QUIT, 0, 0);
        }
      }
      case "client" -> {
        String test = "rtt";
        int size = 1;
        long count = 10_000;
        int clients = 1000;
        long warmUpNanos = TimeUnit.SECONDS.toNanos(ClientTests.WARM_UP_SECONDS);
        List<String> rest = new ArrayList<>(List.of(args).subList(3, args.length));
        for (int i = 0; i + 1 < rest.size(); i += 2) {
          switch (rest.get(i)) {
            case "--test" -> test = rest.get(i + 1);
            case "--size" -> size = Integer.parseInt(rest.get(i + 1));
            case "--count" -> count = Long.parseLong(rest.get(i + 1));
            case "--clients" -> clients = Integer.parseInt(rest.get(i + 1));
            case "--warm-up-secs" ->
                warmUpNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(rest.get(i + 1)));
            default -> usage();
          }
        }
        String result =
            switch (test) {
              case "rtt" -> ClientTests.rtt(impl, name, size, (int) count, warmUpNanos);
              case "throughput" -> ClientTests.throughput(impl, name, size, count);
              case "connect" -> ClientTests.connect(impl, name, (int) count, warmUpNanos);
              case "clients" ->
                  ClientTests.clients(impl, name, size, (int) count, clients, warmUpNanos);
              case "idle" -> Memory.idle(impl, name, (int) count);
              default -> throw new IllegalArgumentException("unknown test " + test);
            };
        System.out.println("RESULT impl=" + implName + " " + result);
      }
      default -> usage();
    }
    System.exit(0);
  }

  private static void usage() {
    System.err.println(
        "usage: Harness server|stop IMPL NAME\n"
            + "       Harness client IMPL NAME --test rtt|throughput|connect|clients|idle --size N"
            + " --count N [--clients N] [--warm-up-secs S]\n"
            + "IMPL: "
            + Impls.names());
    System.exit(2);
  }
}
