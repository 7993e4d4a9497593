package dev.npipe4j.bench.jmh;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.Interest;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.PipeMode;
import dev.npipe4j.ServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One wait, exactly, per operation, in one thread: the server starts a read while nothing is there,
 * the client then writes 64 bytes, and the read's future is joined, so each operation waits for one
 * readiness event and is retried once, through each asynchronous way to read ({@code read} futures,
 * {@code asyncIo}, {@code readMessage}). {@code stream} is the blocking stream's read with the
 * bytes already there (its retry loop without a wait). Unlike {@link RoundTripBenchmark}, no race
 * decides whether an operation waits, so the allocation per operation ({@code -prof gc}) is a
 * property of the code. A message pair of the running OS's backend.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WaitPathBenchmark {
  private static final int SIZE = 64;

  /** The way the server reads. */
  @Param({"readFuture", "asyncIo", "readMessage", "stream"})
  public String read;

  private Path dir;
  private NamedPipeServer server;
  private NamedPipeClient client;
  private InputStream serverIn;
  private final ByteBuffer out = ByteBuffer.allocateDirect(SIZE);
  private final ByteBuffer in = ByteBuffer.allocate(SIZE);
  private final byte[] bytes = new byte[SIZE];

  /** Opens a connected message pair. */
  @Setup(Level.Trial)
  public void open() throws Exception {
    dir = Files.createTempDirectory("npipe4j-jmh");
    String name = dir.resolve("wait.sock").toString();
    server = new ServerOptions().pipeMode(PipeMode.MESSAGE).create(name);
    var connected = server.connect();
    client = new ClientOptions().pipeMode(PipeMode.MESSAGE).open(name);
    connected.get(10, TimeUnit.SECONDS);
    serverIn = server.inputStream();
  }

  /** Closes the pair. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    client.close();
    server.close();
    Files.deleteIfExists(dir.resolve("wait.sock"));
    Files.deleteIfExists(dir);
  }

  private void send() throws IOException {
    out.clear();
    while (client.tryWrite(out) == 0) {
      Thread.onSpinWait();
    }
  }

  /**
   * One read that waits once (or, for {@code stream}, finds its bytes there).
   *
   * @return the bytes read, so the work is not dead
   */
  @Benchmark
  public int readAfterOneWait() throws Exception {
    switch (read) {
      case "readFuture" -> {
        var f = server.read(in.clear());
        send();
        return f.get();
      }
      case "asyncIo" -> {
        in.clear();
        var f =
            server.asyncIo(
                Interest.READABLE,
                () -> {
                  int n = server.tryRead(in);
                  return n == 0 ? null : n;
                });
        send();
        return f.get();
      }
      case "readMessage" -> {
        var f = server.readMessage();
        send();
        return f.get().length;
      }
      default -> {
        send();
        return serverIn.read(bytes);
      }
    }
  }
}
