package dev.npipe4j;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * What the contract suites share: names, hooks a backend may override, and transfer helpers.
 * Nothing here assumes a particular OS. Public for the Windows API tests ({@code
 * dev.npipe4j.windows}), which use the same helpers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@SuppressWarnings("exports") // test code patched into the module: JUnit is on the class path
public abstract class PipeContractSupport {
  /** For the suites. */
  protected PipeContractSupport() {}

  /**
   * Called just before asserting that a second first-instance create is refused; a backend skips
   * there where the platform under test is known not to enforce it.
   */
  protected void assumeFirstPipeInstanceEnforced() {}

  /** Generous: Wine schedules slowly at times. */
  protected static final long WAIT_SECONDS = 30;

  protected static final int CLIENTS = 10;

  /** Hook: a unique pipe name for one test. */
  protected String uniqueName() {
    return "\\\\.\\pipe\\npipe4j-test-" + UUID.randomUUID();
  }

  /** Hook: how long to watch a future that must stay pending. */
  protected Duration pendingGrace() {
    return Duration.ofMillis(200);
  }

  // ---------------------------------------------------------------- helpers

  protected static <T> T await(Future<T> future) throws Exception {
    try {
      return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Asserts that a future fails, and returns the cause. */
  protected static Throwable failure(Future<?> future) throws Exception {
    try {
      future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    return fail("the future completed normally");
  }

  protected static byte[] ascii(String s) {
    return s.getBytes(US_ASCII);
  }

  /** Reads exactly n bytes through buffers of the given size, with the async API. */
  protected static byte[] readExactly(NamedPipe pipe, int n, int bufferSize) throws Exception {
    byte[] out = new byte[n];
    int got = 0;
    ByteBuffer buf = ByteBuffer.allocate(bufferSize);
    while (got < n) {
      buf.clear().limit(Math.min(bufferSize, n - got));
      int r = await(pipe.read(buf));
      if (r < 0) {
        fail("end of stream after " + got + " of " + n + " bytes");
      }
      buf.flip().get(out, got, r);
      got += r;
    }
    return out;
  }

  protected static byte[] readExactly(NamedPipe pipe, int n) throws Exception {
    return readExactly(pipe, n, 4096);
  }

  protected static void writeAll(NamedPipe pipe, byte[] bytes) throws Exception {
    ByteBuffer src = ByteBuffer.wrap(bytes);
    while (src.hasRemaining()) {
      int n = await(pipe.write(src));
      assertTrue(n > 0, "a write of a non-empty buffer moved " + n + " bytes");
    }
  }

  /** Reads with the readiness API until n bytes are in. */
  protected static byte[] readReady(NamedPipe pipe, int n) throws Exception {
    ByteBuffer buf = ByteBuffer.allocate(n);
    while (buf.hasRemaining()) {
      Ready ready = await(pipe.ready(Interest.READABLE));
      assertTrue(ready.isReadable() || ready.isReadClosed(), ready.toString());
      int r = pipe.tryRead(buf);
      if (r < 0) {
        fail("end of stream after " + buf.position() + " of " + n + " bytes");
      }
    }
    return buf.array();
  }

  protected static void writeReady(NamedPipe pipe, byte[] bytes) throws Exception {
    ByteBuffer src = ByteBuffer.wrap(bytes);
    while (src.hasRemaining()) {
      await(pipe.writable());
      pipe.tryWrite(src);
    }
  }

  protected static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + (i >>> 8) * 7);
    }
    return b;
  }

  protected NamedPipeClient open(String name) throws IOException {
    return new ClientOptions().open(name, Duration.ofSeconds(WAIT_SECONDS));
  }

  /** A server instance and a client connected to it. */
  protected record Pair(NamedPipeServer server, NamedPipeClient client) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      client.close();
      server.close();
    }
  }

  protected Pair connectedPair(String name, ServerOptions options, ClientOptions client)
      throws Exception {
    NamedPipeServer server = options.create(name);
    CompletableFuture<Void> connected = server.connect();
    NamedPipeClient c = client.open(name, Duration.ofSeconds(WAIT_SECONDS));
    await(connected);
    return new Pair(server, c);
  }

  protected Pair connectedPair() throws Exception {
    return connectedPair(uniqueName(), new ServerOptions(), new ClientOptions());
  }
}
