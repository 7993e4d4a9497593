package dev.npipe4j.cli;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipe;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.PipeMode;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * One client of the demo: opens the pipe, sends pseudo-random payloads one at a time, and checks
 * every echoed byte. In message mode it also checks that each echo comes back as exactly one
 * message of the size sent.
 *
 * <p>Each payload is written asynchronously while the echo is read, so payloads larger than the
 * pipe's buffers cannot deadlock the client and the server.
 */
final class DemoClient implements Callable<DemoClient.Result> {
  /**
   * What one client measured.
   *
   * @param connectNanos how long opening the pipe took
   * @param roundTripNanos per message, from the start of its write to the end of its echo
   * @param bytes payload bytes echoed
   * @param mismatches bytes that came back different, plus messages whose boundary was wrong
   */
  record Result(long connectNanos, long[] roundTripNanos, long bytes, long mismatches) {}

  private final String name;
  private final int id;
  private final int messages;
  private final int size;
  private final PipeMode mode;
  private final Duration timeout;

  /**
   * Creates a client.
   *
   * @param name the pipe
   * @param id this client's number, which seeds its payloads
   * @param messages how many payloads to send
   * @param size bytes per payload
   * @param mode byte or message mode
   * @param timeout how long to wait for a free instance
   */
  DemoClient(String name, int id, int messages, int size, PipeMode mode, Duration timeout) {
    this.name = name;
    this.id = id;
    this.messages = messages;
    this.size = size;
    this.mode = mode;
    this.timeout = timeout;
  }

  @Override
  public Result call() throws IOException {
    long start = System.nanoTime();
    try (NamedPipeClient client = new ClientOptions().pipeMode(mode).open(name, timeout)) {
      long connectNanos = System.nanoTime() - start;
      ByteChannel channel = client.blockingChannel();
      SplittableRandom random = new SplittableRandom(0x6e70697065L * 31 + id);
      byte[] payload = new byte[size];
      // One spare byte, so a message that came back merged with the next would show.
      ByteBuffer echo = ByteBuffer.allocate(size + 1);
      long[] roundTrips = new long[messages];
      long mismatches = 0;
      for (int i = 0; i < messages; i++) {
        random.nextBytes(payload);
        long t0 = System.nanoTime();
        CompletableFuture<Void> sent = writeAll(client, ByteBuffer.wrap(payload));
        mismatches += readEcho(client, channel, echo.clear());
        roundTrips[i] = System.nanoTime() - t0;
        sent.join();
        mismatches += countMismatches(payload, echo.flip());
      }
      return new Result(connectNanos, roundTrips, (long) messages * size, mismatches);
    }
  }

  /**
   * Reads one payload's echo into {@code echo}.
   *
   * @return 1 if, in message mode, the echo was not exactly one message of {@code size} bytes
   */
  private int readEcho(NamedPipe pipe, ByteChannel channel, ByteBuffer echo) throws IOException {
    if (mode == PipeMode.MESSAGE) {
      while (echo.hasRemaining()) { // full means longer than sent: boundary lost
        if (channel.read(echo) < 0) {
          throw new EOFException(name + " closed in the middle of an echo");
        }
        if (pipe.messageBytesRemaining() == 0) {
          break;
        }
      }
      return echo.position() == size && pipe.messageBytesRemaining() == 0 ? 0 : 1;
    }
    echo.limit(size);
    while (echo.hasRemaining()) {
      if (channel.read(echo) < 0) {
        throw new EOFException(
            name + " closed after " + echo.position() + " of " + size + " bytes");
      }
    }
    return 0;
  }

  private static long countMismatches(byte[] expected, ByteBuffer actual) {
    if (Arrays.mismatch(expected, 0, expected.length, actual.array(), 0, actual.remaining()) < 0) {
      return 0;
    }
    long bad = Math.abs(expected.length - actual.remaining());
    int n = Math.min(expected.length, actual.remaining());
    for (int i = 0; i < n; i++) {
      if (expected[i] != actual.get(i)) {
        bad++;
      }
    }
    return bad;
  }

  /** Writes every byte asynchronously; in message mode the first write takes the whole message. */
  private static CompletableFuture<Void> writeAll(NamedPipe pipe, ByteBuffer src) {
    return pipe.write(src)
        .thenCompose(
            n ->
                src.hasRemaining() ? writeAll(pipe, src) : CompletableFuture.completedFuture(null));
  }
}
