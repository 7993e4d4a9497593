package dev.npipe4j.cli;

import dev.npipe4j.PipeMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code npipe demo}: an echo server and N concurrent clients in this process, on a pipe of its
 * own. Every echoed byte is checked; the report gives throughput, round-trip percentiles and the
 * verification result.
 */
@Command(
    footerHeading = "%nExamples:%n",
    footer = {"  npipe demo", "  npipe demo --clients 64 --messages 1000 --size 4096"},
    name = "demo",
    description = {
      "Start an echo server on a fresh pipe in this process, run concurrent clients (virtual"
          + " threads) that send pseudo-random payloads, verify every echoed byte, and report"
          + " throughput and round-trip latency.",
      "Throughput counts payload bytes echoed (each byte travels there and back)."
    })
final class DemoCommand implements Callable<Integer> {
  @ParentCommand private NpipeCommand root;

  @Spec private CommandSpec spec;

  private int clients = 8;
  private int messages = 1000;
  private int size = 16 * 1024;

  @Option(
      names = "--mode",
      paramLabel = "byte|message",
      defaultValue = "byte",
      description = "pipe mode (default: ${DEFAULT-VALUE}); message mode is Windows only for now")
  private PipeMode mode;

  /**
   * Sets {@code --clients}.
   *
   * @param n 1 to 10000
   */
  @Option(names = "--clients", paramLabel = "N", description = "concurrent clients (default: 8)")
  void setClients(int n) {
    clients = inRange("--clients", n, 1, 10_000);
  }

  /**
   * Sets {@code --messages}.
   *
   * @param n 1 or more
   */
  @Option(
      names = "--messages",
      paramLabel = "M",
      description = "payloads per client (default: 1000)")
  void setMessages(int n) {
    messages = inRange("--messages", n, 1, Integer.MAX_VALUE);
  }

  /**
   * Sets {@code --size}.
   *
   * @param bytes 1 to 64 MiB
   */
  @Option(
      names = "--size",
      paramLabel = "BYTES",
      description = "bytes per payload (default: 16384)")
  void setSize(int bytes) {
    size = inRange("--size", bytes, 1, 64 << 20);
  }

  private int inRange(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ParameterException(
          spec.commandLine(), option + " must be " + min + " to " + max + ": " + value);
    }
    return value;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintStream out = new PrintStream(root.streams().out(), true, Charset.defaultCharset());
    NpipeCommand.Log log = root.log(spec.commandLine());
    String name = PipeNames.unique("npipe-demo");
    out.println("npipe demo: " + Platform.backend() + " on " + Platform.os());
    out.printf(
        "pipe %s, %s mode, %d clients x %d messages x %d bytes%n",
        name, mode.name().toLowerCase(Locale.ROOT), clients, messages, size);
    SessionServer server = SessionServer.echo(name, mode, SessionServer.UNLIMITED, log);
    Thread accepting = Thread.ofVirtual().name("npipe-demo-server").start(() -> serve(server, log));
    List<DemoClient.Result> results;
    long elapsed;
    try {
      long start = System.nanoTime();
      results = runClients(name);
      elapsed = System.nanoTime() - start;
    } catch (ExecutionException e) {
      Throwable cause = Failures.unwrap(e);
      throw cause instanceof IOException io ? io : new IOException(cause);
    } finally {
      server.close();
      accepting.join();
    }
    return new DemoReport(clients, elapsed, results).print(out);
  }

  private List<DemoClient.Result> runClients(String name)
      throws InterruptedException, ExecutionException {
    List<Future<DemoClient.Result>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < clients; i++) {
        futures.add(
            pool.submit(new DemoClient(name, i, messages, size, mode, Duration.ofSeconds(10))));
      }
      List<DemoClient.Result> results = new ArrayList<>();
      try {
        for (Future<DemoClient.Result> f : futures) {
          results.add(f.get());
        }
      } catch (ExecutionException | InterruptedException e) {
        pool.shutdownNow(); // interrupts clients blocked on a pipe that will never answer
        throw e;
      }
      return results;
    }
  }

  private static void serve(SessionServer server, NpipeCommand.Log log) {
    try {
      server.serve();
    } catch (IOException | InterruptedException e) {
      log.info("npipe: echo server failed: " + Failures.message(e));
    }
  }
}
