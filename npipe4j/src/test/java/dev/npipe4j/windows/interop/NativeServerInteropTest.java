package dev.npipe4j.windows.interop;

import static dev.npipe4j.windows.interop.NativePeers.await;
import static dev.npipe4j.windows.interop.NativePeers.modeArg;
import static dev.npipe4j.windows.interop.NativePeers.readMessage;
import static dev.npipe4j.windows.interop.NativePeers.writeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.PipeMode;
import dev.npipe4j.windows.interop.NativePeers.Peer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many concurrent npipe4j clients (virtual threads) against a plain Win32 echo server ({@code
 * native/echo-server.c}) with fewer instances than clients, so some clients wait for a busy pipe.
 * Every echoed byte is checked in Java; in message mode each echo must be one whole message of
 * exactly the sent length, read through {@link NamedPipeClient#messageBytesRemaining()}.
 */
@EnabledOnOs(OS.WINDOWS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NativeServerInteropTest {
  private static final int INSTANCES = 8;
  private static final int CLIENTS = 12;
  private static final int MESSAGES = 10;
  private static final int MIN_SIZE = 1;
  private static final int MAX_SIZE = 200_000;

  @ParameterizedTest
  @EnumSource(PipeMode.class)
  void npipe4jClientsTalkToNativeServer(PipeMode mode) throws Exception {
    String name = NativePeers.uniqueName("native-server-" + modeArg(mode));
    long started = System.nanoTime();
    try (Peer server =
        Peer.start(
            "echo-server.exe",
            name,
            modeArg(mode),
            Integer.toString(INSTANCES),
            Integer.toString(CLIENTS))) {
      server.awaitLine("ready", 60);
      List<CompletableFuture<Long>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        long seed = 2000 + c;
        CompletableFuture<Long> done = new CompletableFuture<>();
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    done.complete(runClient(name, mode, seed));
                  } catch (Throwable e) {
                    done.completeExceptionally(e);
                  }
                });
        clients.add(done);
      }
      long total = 0;
      for (CompletableFuture<Long> client : clients) {
        total += client.get(110, TimeUnit.SECONDS);
      }
      int rc = server.waitFor(60);
      assertEquals(0, rc, "echo-server exit code; output " + server.output());
      // In byte mode the server counts reads, not messages.
      String prefix = "done clients=" + CLIENTS + " bytes=" + total + " messages=";
      String expected = prefix + (mode == PipeMode.MESSAGE ? CLIENTS * MESSAGES + " " : "");
      assertTrue(
          server.output().stream().anyMatch(l -> l.startsWith(expected) && l.endsWith(" errors=0")),
          "expected '" + expected + "... errors=0', output " + server.output());
      System.out.printf(
          "interop %s: %d npipe4j clients x %d messages (%d..%d bytes) -> native server with %d"
              + " instances: %d bytes each way in %d ms%n",
          mode,
          CLIENTS,
          MESSAGES,
          MIN_SIZE,
          MAX_SIZE,
          INSTANCES,
          total,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
  }

  /** Sends the messages, checks every echoed byte, and returns the bytes sent. */
  private static long runClient(String name, PipeMode mode, long seed) throws Exception {
    int[] sizes = NativePeers.sizes(MESSAGES, MIN_SIZE, MAX_SIZE, seed);
    SplittableRandom random = new SplittableRandom(seed);
    long total = 0;
    try (NamedPipeClient pipe =
        new ClientOptions().pipeMode(mode).open(name, Duration.ofSeconds(90))) {
      for (int i = 0; i < sizes.length; i++) {
        byte[] sent = new byte[sizes[i]];
        random.nextBytes(sent);
        String what = "client " + seed + " message " + i + " (" + sent.length + " bytes)";
        // Write while reading the echo back, so echoes larger than the pipe buffers cannot block.
        CompletableFuture<Integer> write = new CompletableFuture<>();
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    ByteBuffer src = ByteBuffer.wrap(sent);
                    if (mode == PipeMode.MESSAGE) {
                      write.complete(await(pipe.write(src)));
                    } else {
                      writeAll(pipe, src);
                      write.complete(sent.length);
                    }
                  } catch (Throwable e) {
                    write.completeExceptionally(e);
                  }
                });
        byte[] got;
        if (mode == PipeMode.MESSAGE) {
          ByteBuffer msg = readMessage(pipe, 65536);
          if (msg == null) {
            throw new AssertionError(what + ": end of stream instead of the echo");
          }
          assertEquals(
              0, pipe.messageBytesRemaining(), what + ": bytes left after a whole message");
          assertEquals(sent.length, msg.remaining(), what + ": length of the echoed message");
          got = new byte[msg.remaining()];
          msg.get(got);
        } else {
          ByteBuffer dst = ByteBuffer.allocate(sent.length);
          while (dst.hasRemaining()) {
            ByteBuffer window = dst.slice(dst.position(), Math.min(65536, dst.remaining()));
            int n = await(pipe.read(window));
            if (n < 0) {
              throw new AssertionError(
                  what + ": end of stream after " + dst.position() + " echoed bytes");
            }
            dst.position(dst.position() + n);
          }
          got = dst.array();
        }
        assertEquals(sent.length, (int) await(write), what + ": bytes written");
        int mismatch = Arrays.mismatch(sent, got);
        if (mismatch >= 0) {
          throw new AssertionError(
              what
                  + ": first differing byte at "
                  + mismatch
                  + " (sent "
                  + (mismatch < sent.length ? sent[mismatch] : "nothing")
                  + ", echoed "
                  + (mismatch < got.length ? got[mismatch] : "nothing")
                  + ")");
        }
        total += sent.length;
      }
    }
    long expected = IntStream.of(sizes).asLongStream().sum();
    assertEquals(expected, total);
    return total;
  }
}
