package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cancellation of every operation that waits for readiness ({@code read}, {@code asyncIo}, {@code
 * readMessage}), at every moment: before the data is there, while the retry that takes it is on its
 * way, and after. A cancelled operation has taken nothing, so every byte and every message is read
 * exactly once, in order, by the operations that were not cancelled; and no cancelled operation
 * stays registered as a waiter of the pipe's readiness.
 */
abstract class AbstractCancellationContractTest extends PipeContractSupport {
  /** Rounds of each race; each round cancels at another moment. */
  private static final int ROUNDS = 600;

  /** How long data that was written and not read may take to arrive before it counts as lost. */
  private static final long LOST_SECONDS = 5;

  private interface Read<T> {
    T read() throws Exception;
  }

  /** Reads what a cancelled round left, failing clearly if the cancel took it. */
  private static <T> T notLost(Read<T> read, int round) throws Exception {
    try {
      return read.read();
    } catch (TimeoutException e) {
      return fail("round " + round + ": data written before the cancel never arrived (lost)");
    }
  }

  /** Hook: false for a backend without message mode, whose message test is then skipped. */
  protected boolean hasMessageMode() {
    return true;
  }

  /** The interests of the waiters registered on the pipe's readiness now. */
  private static int waiting(AbstractNamedPipe pipe) {
    return pipe.io.readiness().awaited();
  }

  /**
   * Picks the moment of each round's cancel: none, or a random time up to twice the time an
   * operation has been seen to take to complete once the data is written, so the cancels fall
   * before, during and after the retry that takes the data. Every eighth round is not cancelled and
   * measures that time.
   */
  private static final class Moments {
    private final SplittableRandom random;
    private long latencyNanos = 50_000;

    Moments(long seed) {
      random = new SplittableRandom(seed);
    }

    /** True if this round measures instead of cancelling. */
    boolean measures() {
      return random.nextInt(8) == 0;
    }

    void measured(long nanos) {
      latencyNanos = (latencyNanos * 3 + Math.min(nanos, 5_000_000)) / 4;
    }

    void pause() {
      if (random.nextInt(5) == 0) {
        return;
      }
      long until = System.nanoTime() + random.nextLong(2 * latencyNanos + 1);
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
    }
  }

  private interface ReadOp {
    CompletableFuture<Integer> start(NamedPipeServer server, ByteBuffer dst);
  }

  private static ReadOp op(String kind) {
    return switch (kind) {
      case "read" -> NamedPipeServer::read;
      case "asyncIo" ->
          (server, dst) ->
              server.asyncIo(
                  Interest.READABLE,
                  () -> {
                    int n = server.tryRead(dst);
                    if (n == 0) {
                      return null;
                    }
                    // Bytes are taken: a cancel from now on must lose to this result.
                    long until = System.nanoTime() + 20_000;
                    while (System.nanoTime() < until) {
                      Thread.onSpinWait();
                    }
                    return n;
                  });
      default -> throw new IllegalArgumentException(kind);
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"read", "asyncIo"})
  void cancelledWhileNothingIsThereLeavesNoWaiterAndTakesNothing(String kind) throws Exception {
    ReadOp op = op(kind);
    try (Pair p = connectedPair()) {
      for (int i = 0; i < 200; i++) {
        ByteBuffer dst = ByteBuffer.allocate(8);
        CompletableFuture<Integer> f = op.start(p.server(), dst);
        assertTrue(f.cancel(false), "round " + i + ": the operation ended by itself");
        assertEquals(0, waiting(p.server()), "round " + i + ": a cancelled waiter stays");
        assertEquals(0, dst.position());
      }
      writeAll(p.client(), ascii("after"));
      assertArrayEquals(ascii("after"), readExactly(p.server(), 5));
      assertEquals(0, waiting(p.server()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"read", "asyncIo"})
  void readsCancelledAtAnyMomentLoseNoByte(String kind) throws Exception {
    ReadOp op = op(kind);
    SplittableRandom random = new SplittableRandom(kind.hashCode());
    Moments moments = new Moments(kind.hashCode() + 1);
    byte[] sent = pattern(ROUNDS * 6);
    int written = 0;
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    int cancelled = 0;
    try (Pair p = connectedPair()) {
      for (int round = 0; round < ROUNDS; round++) {
        // What a cancelled round left is read first, so every round starts with nothing there.
        while (got.size() < written) {
          ByteBuffer rest = ByteBuffer.allocate(written - got.size());
          int n = notLost(() -> p.server().read(rest).get(LOST_SECONDS, TimeUnit.SECONDS), round);
          assertTrue(n > 0, "round " + round + ": read " + n);
          got.write(rest.array(), 0, n);
        }
        ByteBuffer dst = ByteBuffer.allocate(64);
        CompletableFuture<Integer> f = op.start(p.server(), dst);
        int chunk = 1 + random.nextInt(6);
        boolean cancelFirst = random.nextInt(8) == 0;
        if (cancelFirst) {
          f.cancel(false);
        }
        writeAll(p.client(), java.util.Arrays.copyOfRange(sent, written, written + chunk));
        written += chunk;
        boolean measures = !cancelFirst && moments.measures();
        long wrote = System.nanoTime();
        if (measures) {
          f.join();
          moments.measured(System.nanoTime() - wrote);
        } else {
          moments.pause();
        }
        if (f.cancel(false)) {
          cancelled++;
          assertEquals(0, dst.position(), "round " + round + ": a cancelled read took bytes");
        } else if (!f.isCancelled()) {
          int n = f.join();
          assertTrue(n > 0, "round " + round + ": read " + n);
          got.write(dst.array(), 0, n);
        }
        assertEquals(0, waiting(p.server()), "round " + round + ": a waiter stays");
      }
      got.write(readExactly(p.server(), written - got.size()));
    }
    assertArrayEquals(java.util.Arrays.copyOf(sent, written), got.toByteArray());
    assertTrue(cancelled > 0, "no round was cancelled: the race was not run");
  }

  private Pair messagePair() throws Exception {
    return connectedPair(
        uniqueName(),
        new ServerOptions().pipeMode(PipeMode.MESSAGE),
        new ClientOptions().pipeMode(PipeMode.MESSAGE));
  }

  private static byte[] message(int i, SplittableRandom random) {
    byte[] m = new byte[4 + random.nextInt(40)];
    ByteBuffer.wrap(m).putInt(i);
    return m;
  }

  @Test
  void readMessageCancelledWhileNothingIsThereLeavesNoWaiter() throws Exception {
    assumeTrue(hasMessageMode(), "this backend has no message mode");
    try (Pair p = messagePair()) {
      for (int i = 0; i < 200; i++) {
        CompletableFuture<byte[]> f = p.server().readMessage();
        assertTrue(f.cancel(false), "round " + i + ": the read ended by itself");
        assertEquals(0, waiting(p.server()), "round " + i + ": a cancelled waiter stays");
      }
      writeAll(p.client(), ascii("after"));
      assertArrayEquals(ascii("after"), await(p.server().readMessage()));
    }
  }

  @Test
  void messagesReadWithCancelsAtAnyMomentAreEachReadOnceInOrder() throws Exception {
    assumeTrue(hasMessageMode(), "this backend has no message mode");
    SplittableRandom random = new SplittableRandom(42);
    Moments moments = new Moments(43);
    List<Integer> got = new ArrayList<>();
    AtomicInteger cancelled = new AtomicInteger();
    try (Pair p = messagePair()) {
      for (int round = 0; round < ROUNDS; round++) {
        // What a cancelled round left is read first, so every round starts with nothing there.
        while (got.size() < round) {
          byte[] m =
              notLost(() -> p.server().readMessage().get(LOST_SECONDS, TimeUnit.SECONDS), round);
          got.add(ByteBuffer.wrap(m).getInt());
        }
        CompletableFuture<byte[]> f = p.server().readMessage();
        boolean cancelFirst = random.nextInt(8) == 0;
        if (cancelFirst) {
          f.cancel(false);
        }
        writeAll(p.client(), message(round, random));
        long wrote = System.nanoTime();
        if (!cancelFirst && moments.measures()) {
          f.join();
          moments.measured(System.nanoTime() - wrote);
        } else {
          moments.pause();
        }
        if (f.cancel(false)) {
          cancelled.incrementAndGet();
        } else if (!f.isCancelled()) {
          byte[] m = f.join();
          assertNotNull(m, "round " + round + ": end of stream");
          got.add(ByteBuffer.wrap(m).getInt());
        }
        assertEquals(0, waiting(p.server()), "round " + round + ": a waiter stays");
      }
      while (got.size() < ROUNDS) {
        byte[] m = await(p.server().readMessage());
        assertNotNull(m, "end of stream after " + got.size() + " messages");
        got.add(ByteBuffer.wrap(m).getInt());
      }
    }
    for (int i = 0; i < ROUNDS; i++) {
      assertEquals(i, got.get(i), "message " + i + " of " + got);
    }
    assertTrue(cancelled.get() > 0, "no round was cancelled: the race was not run");
  }
}
