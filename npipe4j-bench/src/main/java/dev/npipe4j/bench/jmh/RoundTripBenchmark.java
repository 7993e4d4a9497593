package dev.npipe4j.bench.jmh;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.Interest;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.PipeMode;
import dev.npipe4j.ServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * The waiting paths: one 64-byte message to an in-process echo server and back, the client waiting
 * for the answer through each of the public ways to wait ({@code read} futures, {@code asyncIo},
 * {@code readMessage}, the blocking stream). The reply is never there when the client starts to
 * wait, so every operation takes the wait-then-retry path once. The echo runs on its own platform
 * thread, with {@code readMessage} and the blocking stream. A message pipe of the running OS's
 * backend (the libc backend on Linux), so every view reads whole messages.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoundTripBenchmark {
  private static final int SIZE = 64;

  /** How the client waits for the answer. */
  @Param({"readFuture", "asyncIo", "readMessage", "stream"})
  public String wait;

  private Path dir;
  private NamedPipeServer server;
  private NamedPipeClient client;
  private InputStream clientIn;
  private OutputStream clientOut;
  private Thread echo;
  private final byte[] ping = new byte[SIZE];
  private final byte[] pong = new byte[SIZE];
  private final ByteBuffer in = ByteBuffer.allocate(SIZE);

  /** Opens a connected message pair and starts the echo. */
  @Setup(Level.Trial)
  public void open() throws Exception {
    dir = Files.createTempDirectory("npipe4j-jmh");
    String name = dir.resolve("echo.sock").toString();
    server = new ServerOptions().pipeMode(PipeMode.MESSAGE).create(name);
    var connected = server.connect();
    client = new ClientOptions().pipeMode(PipeMode.MESSAGE).open(name);
    connected.get(10, TimeUnit.SECONDS);
    clientIn = client.inputStream();
    clientOut = client.outputStream();
    echo = Thread.ofPlatform().daemon().name("echo").start(this::echo);
  }

  private void echo() {
    try (OutputStream out = server.outputStream()) {
      for (byte[] m; (m = server.readMessage().get()) != null && m.length > 0; ) {
        out.write(m);
      }
    } catch (Exception e) {
      // closed at tear-down
    }
  }

  /** Closes the pair; the echo ends with it. */
  @TearDown(Level.Trial)
  public void close() throws Exception {
    client.close();
    server.close();
    echo.join(10_000);
    Files.deleteIfExists(dir.resolve("echo.sock"));
    Files.deleteIfExists(dir);
  }

  /**
   * One round trip.
   *
   * @return the bytes that came back, so the work is not dead
   */
  @Benchmark
  public int roundTrip() throws Exception {
    clientOut.write(ping);
    switch (wait) {
      case "readFuture" -> {
        in.clear();
        return client.read(in).get();
      }
      case "asyncIo" -> {
        in.clear();
        return client.asyncIo(Interest.READABLE, () -> nonZero(client.tryRead(in))).get();
      }
      case "readMessage" -> {
        return client.readMessage().get().length;
      }
      default -> {
        return clientIn.read(pong);
      }
    }
  }

  private static Integer nonZero(int n) throws IOException {
    return n == 0 ? null : n;
  }
}
