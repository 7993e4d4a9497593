package dev.npipe4j.bench.jmh;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.ServerOptions;
import java.io.IOException;
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
 * The non-blocking copy path: one {@code tryWrite} on a client and the {@code tryRead}s that take
 * the same bytes out on the server, in one thread, over a connected pair of the running OS's
 * backend. With {@code -prof gc} it shows the allocation per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CopyPathBenchmark {
  @Param({"64", "4096"})
  public int size;

  private Path dir;
  private NamedPipeServer server;
  private NamedPipeClient client;
  private ByteBuffer out;
  private ByteBuffer in;

  /** Opens a connected pair. */
  @Setup(Level.Trial)
  public void open() throws Exception {
    dir = Files.createTempDirectory("npipe4j-jmh");
    String name = dir.resolve("copy.sock").toString();
    server = new ServerOptions().create(name);
    var connected = server.connect();
    client = new ClientOptions().open(name);
    connected.get(10, TimeUnit.SECONDS);
    out = ByteBuffer.allocateDirect(size);
    in = ByteBuffer.allocateDirect(size);
  }

  /** Closes the pair. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    client.close();
    server.close();
    Files.deleteIfExists(dir);
  }

  /**
   * Writes {@code size} bytes and reads them back out.
   *
   * @return the bytes read, so the work is not dead
   */
  @Benchmark
  public int writeThenRead() throws IOException {
    out.clear();
    while (out.hasRemaining()) {
      client.tryWrite(out);
    }
    in.clear();
    while (in.hasRemaining()) {
      server.tryRead(in);
    }
    return in.position();
  }
}
