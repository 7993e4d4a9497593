package dev.npipe4j.cli;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.PipeMode;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code npipe bench NAME}: measures a running echo server ({@code npipe serve --echo NAME}) in
 * three phases, each on a new connection: round trips, streaming throughput, connects.
 */
@Command(
    name = "bench",
    description = {
      "Measure an echo server (npipe serve --echo NAME): round-trip latency percentiles over one"
          + " connection, throughput of a stream echoed back, and connects (open and close) per"
          + " second.",
      "A progress line is drawn while stdout is a terminal."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  npipe serve --echo bench-pipe &",
      "  npipe bench bench-pipe",
      "  npipe bench --size 4096 --count 5000 --seconds 5 --json bench-pipe"
    })
final class BenchCommand implements Callable<Integer> {
  @ParentCommand private NpipeCommand root;

  @Option(
      names = "--size",
      paramLabel = "BYTES",
      defaultValue = "64",
      description = "bytes per round trip (default: ${DEFAULT-VALUE})")
  private int size;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "1000",
      description = "round trips (default: ${DEFAULT-VALUE}); 0 skips the phase")
  private int count;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "2",
      description = "how long to stream for the throughput (default: ${DEFAULT-VALUE}); 0 skips it")
  private double seconds;

  @Option(
      names = "--chunk",
      paramLabel = "BYTES",
      defaultValue = "65536",
      description = "bytes per write while streaming (default: ${DEFAULT-VALUE})")
  private int chunk;

  @Option(
      names = "--connects",
      paramLabel = "N",
      defaultValue = "200",
      description = "open-and-close cycles (default: ${DEFAULT-VALUE}); 0 skips the phase")
  private int connects;

  @Option(
      names = "--mode",
      paramLabel = "byte|message",
      defaultValue = "byte",
      description = "read mode (default: ${DEFAULT-VALUE}); must match the server's")
  private PipeMode mode;

  @Option(names = "--json", description = "print the results as one JSON object")
  private boolean json;

  @Option(
      names = "--progress",
      negatable = true,
      description = "draw the progress line (default: only when stdout is a terminal)")
  private Boolean progress;

  @Parameters(index = "0", paramLabel = "NAME", description = PipeNames.HELP)
  private String name;

  private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

  @Override
  public Integer call() throws Exception {
    if (size < 1 || count < 0 || chunk < 1 || connects < 0 || !(seconds >= 0)) {
      root.streams()
          .err()
          .println("npipe: --size and --chunk must be at least 1, the rest 0 or more");
      return ExitCodes.USAGE;
    }
    String pipe = PipeNames.expand(name);
    PrintStream out = new PrintStream(root.streams().out(), true, Charset.defaultCharset());
    boolean draw =
        progress != null
            ? progress
            : root.streams().out() == System.out && Progress.stdoutIsTerminal();
    Progress line = new Progress(out, draw);
    ClientOptions options = new ClientOptions().pipeMode(mode);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("pipe", pipe);
    result.put("backend", Platform.backend());
    result.put("os", Platform.os());
    if (!json) {
      out.println("npipe bench " + pipe + ": " + Platform.backend() + " on " + Platform.os());
    }
    if (count > 0) {
      Percentiles rtt = roundTrips(pipe, options, line);
      line.clear();
      result.put("roundTrip", roundTripJson(rtt));
      if (!json) {
        out.printf(
            "round trip  %d B x %d: p50 %s  p90 %s  p99 %s  max %s%n",
            size,
            rtt.count(),
            Percentiles.format(rtt.at(50)),
            Percentiles.format(rtt.at(90)),
            Percentiles.format(rtt.at(99)),
            Percentiles.format(rtt.max()));
      }
    }
    if (seconds > 0) {
      long[] bytesAndNanos = throughput(pipe, options, line);
      line.clear();
      double mbPerSecond = bytesAndNanos[0] / (bytesAndNanos[1] / 1e9) / 1e6;
      result.put(
          "throughput",
          Map.of(
              "chunk",
              chunk,
              "bytes",
              bytesAndNanos[0],
              "nanos",
              bytesAndNanos[1],
              "mbPerSecond",
              mbPerSecond));
      if (!json) {
        out.printf(
            Locale.ROOT,
            "throughput  %d B writes: %.1f MB/s (%d bytes echoed in %.2f s)%n",
            chunk,
            mbPerSecond,
            bytesAndNanos[0],
            bytesAndNanos[1] / 1e9);
      }
    }
    if (connects > 0) {
      long nanos = connects(pipe, options, line);
      line.clear();
      double perSecond = connects / (nanos / 1e9);
      result.put("connects", Map.of("count", connects, "nanos", nanos, "perSecond", perSecond));
      if (!json) {
        out.printf(
            Locale.ROOT, "connects    %d in %.2f s: %.0f /s%n", connects, nanos / 1e9, perSecond);
      }
    }
    if (json) {
      out.println(Json.write(result));
    }
    return ExitCodes.OK;
  }

  private Map<String, Object> roundTripJson(Percentiles rtt) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("size", size);
    m.put("count", rtt.count());
    m.put("p50Nanos", rtt.at(50));
    m.put("p90Nanos", rtt.at(90));
    m.put("p99Nanos", rtt.at(99));
    m.put("maxNanos", rtt.max());
    return m;
  }

  private Percentiles roundTrips(String pipe, ClientOptions options, Progress line)
      throws IOException {
    long[] samples = new long[count];
    ByteBuffer out = ByteBuffer.allocate(size);
    ByteBuffer in = ByteBuffer.allocate(size);
    try (NamedPipeClient client = options.open(pipe, OPEN_TIMEOUT);
        ByteChannel channel = client.blockingChannel()) {
      for (int i = 0; i < count; i++) {
        long start = System.nanoTime();
        channel.write(out.clear());
        in.clear();
        while (in.hasRemaining()) {
          if (channel.read(in) < 0) {
            throw new EOFException(pipe + " closed after " + i + " round trips");
          }
        }
        samples[i] = System.nanoTime() - start;
        line.show("round trip " + (i + 1) + "/" + count);
      }
    }
    return new Percentiles(samples);
  }

  /** Streams for {@code seconds}, reading the echo concurrently; returns {bytes, nanos}. */
  private long[] throughput(String pipe, ClientOptions options, Progress line) throws Exception {
    AtomicLong sent = new AtomicLong();
    long received = 0;
    long start;
    try (NamedPipeClient client = options.open(pipe, OPEN_TIMEOUT)) {
      ByteChannel channel = client.blockingChannel();
      long deadline = System.nanoTime() + (long) (seconds * 1e9);
      start = System.nanoTime();
      CompletableFuture<Void> writer = new CompletableFuture<>();
      // The total is set before the last chunk goes, so whenever the reader blocks, either a chunk
      // is still to be written or echoed bytes are still to come: it never waits for nothing.
      AtomicLong total = new AtomicLong(-1);
      Thread.ofVirtual()
          .name("npipe-bench-writer")
          .start(
              () -> {
                try {
                  ByteBuffer buf = ByteBuffer.allocate(chunk);
                  while (true) {
                    boolean last = System.nanoTime() >= deadline;
                    long after = sent.addAndGet(buf.clear().remaining());
                    if (last) {
                      total.set(after);
                    }
                    channel.write(buf);
                    if (last) {
                      break;
                    }
                  }
                  writer.complete(null);
                } catch (IOException | RuntimeException e) {
                  writer.completeExceptionally(e);
                }
              });
      ByteBuffer buf = ByteBuffer.allocate(Math.max(chunk, 64 * 1024));
      for (long t; (t = total.get()) < 0 || received < t; ) {
        if (writer.isCompletedExceptionally()) {
          break; // join() below reports it
        }
        int n = channel.read(buf.clear());
        if (n < 0) {
          throw new EOFException(pipe + " closed while streaming");
        }
        received += n;
        line.show(String.format(Locale.ROOT, "throughput %.1f MB echoed", received / 1e6));
      }
      writer.join();
    }
    return new long[] {received, System.nanoTime() - start};
  }

  private long connects(String pipe, ClientOptions options, Progress line) throws IOException {
    long start = System.nanoTime();
    for (int i = 0; i < connects; i++) {
      options.open(pipe, OPEN_TIMEOUT).close();
      line.show("connects " + (i + 1) + "/" + connects);
    }
    return System.nanoTime() - start;
  }
}
