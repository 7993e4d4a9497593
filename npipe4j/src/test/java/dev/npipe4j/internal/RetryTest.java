package dev.npipe4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Retry} on a bare {@link Readiness}: a scripted source of items stands in for a pipe, an
 * attempt takes one item, and the readiness is raised and lowered the way a backend does it.
 */
@Timeout(30)
class RetryTest {
  /** Items an attempt takes one at a time; lowers READABLE when empty, as a backend does. */
  private static final class Source {
    final Readiness readiness;
    final AtomicInteger items = new AtomicInteger();
    final AtomicInteger attempts = new AtomicInteger();

    Source(Readiness readiness) {
      this.readiness = readiness;
    }

    Source() {
      this(new Readiness());
    }

    synchronized Integer take() {
      attempts.incrementAndGet();
      if (items.get() == 0) {
        readiness.clear(Readiness.READABLE);
        return null;
      }
      return items.getAndDecrement();
    }

    synchronized void add() {
      items.incrementAndGet();
      readiness.set(Readiness.READABLE);
    }
  }

  private static final class Take extends Retry<Integer> {
    final Source source;
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release;
    final AtomicInteger ends = new AtomicInteger();

    Take(Source source, CountDownLatch release) {
      super(source.readiness, Readiness.READABLE);
      this.source = source;
      this.release = release;
    }

    @Override
    protected Integer attempt() throws IOException {
      Integer item = source.take();
      if (item != null && release != null) {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      }
      return item;
    }

    @Override
    protected void ended() {
      ends.incrementAndGet();
    }
  }

  @Test
  void waitsAsAWaiterAndAttemptsAgainWhenRaised() throws Exception {
    Source s = new Source();
    Take t = new Take(s, null);
    t.start();
    assertFalse(t.isDone());
    assertEquals(Readiness.READABLE, s.readiness.awaited());
    s.add();
    assertEquals(1, t.get(10, TimeUnit.SECONDS));
    assertEquals(0, s.readiness.awaited());
    assertEquals(2, s.attempts.get());
    assertEquals(1, t.ends.get());
  }

  @Test
  void cancelWithdrawsTheWaiterAndNoAttemptRunsAfter() throws Exception {
    Source s = new Source();
    Take t = new Take(s, null);
    t.start();
    assertTrue(t.cancel(false));
    assertEquals(0, s.readiness.awaited());
    assertEquals(1, t.ends.get());
    s.add();
    Thread.sleep(50);
    assertEquals(1, s.attempts.get(), "an attempt ran after the cancel");
    assertEquals(1, s.items.get(), "the cancelled retry took the item");
  }

  @Test
  void aCancelDuringAnAttemptThatTookAnItemLosesToIt() throws Exception {
    Source s = new Source();
    CountDownLatch release = new CountDownLatch(1);
    Take t = new Take(s, release);
    t.start();
    s.add();
    assertTrue(t.entered.await(10, TimeUnit.SECONDS));
    CompletableFuture<Boolean> cancelled = new CompletableFuture<>();
    Thread canceller = Thread.ofPlatform().start(() -> cancelled.complete(t.cancel(false)));
    // The cancel waits for the attempt: it cannot be done while the attempt holds the item.
    assertThrows(TimeoutException.class, () -> cancelled.get(100, TimeUnit.MILLISECONDS));
    release.countDown();
    assertFalse(cancelled.get(10, TimeUnit.SECONDS));
    canceller.join();
    assertEquals(1, t.get(10, TimeUnit.SECONDS));
    assertEquals(1, t.ends.get());
  }

  @Test
  void aTimeoutIsExactToo() throws Exception {
    Source s = new Source();
    Take t = new Take(s, null);
    t.start();
    CompletableFuture<Integer> timed = t.orTimeout(20, TimeUnit.MILLISECONDS);
    assertInstanceOf(TimeoutException.class, ReadinessTest.cause(timed));
    assertEquals(0, s.readiness.awaited());
    s.add();
    Thread.sleep(50);
    assertEquals(1, s.items.get(), "the timed-out retry took the item");
  }

  @Test
  void closeFailsAWaitingRetryAndAClosedOneAtOnce() throws Exception {
    Source s = new Source();
    Take waiting = new Take(s, null);
    waiting.start();
    s.readiness.close();
    assertInstanceOf(AsynchronousCloseException.class, ReadinessTest.cause(waiting));
    assertEquals(1, waiting.ends.get());
    Take late = new Take(s, null);
    late.start();
    assertInstanceOf(ClosedChannelException.class, ReadinessTest.cause(late));
  }

  @Test
  void blockParksBetweenAttemptsAndTimesOut() throws Exception {
    PipeIo io = new Bare();
    Source s = new Source(io.readiness());
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30);
    assertEquals(
        Retry.TIMED_OUT,
        Retry.block(io, Readiness.READABLE, deadline, true, (a, b) -> 0, null, null));
    assertTrue(System.nanoTime() - deadline >= 0, "returned before the deadline");
    Thread.ofPlatform()
        .start(
            () -> {
              try {
                Thread.sleep(20);
              } catch (InterruptedException e) {
                return;
              }
              s.add();
            });
    int n =
        Retry.block(
            io,
            Readiness.READABLE,
            Long.MAX_VALUE,
            false,
            (Source src, Object unused) -> {
              Integer item = src.take();
              return item == null ? 0 : item;
            },
            s,
            null);
    assertEquals(1, n);
    Thread.currentThread().interrupt();
    try {
      assertEquals(
          Retry.INTERRUPTED,
          Retry.block(io, Readiness.READABLE, Long.MAX_VALUE, true, (a, b) -> 0, null, null));
    } finally {
      Thread.interrupted();
    }
  }

  private static void assertThrows(Class<? extends Throwable> type, Executable e) {
    org.junit.jupiter.api.Assertions.assertThrows(type, e::run);
  }

  private interface Executable {
    void run() throws Throwable;
  }

  /** A pipe endpoint with nothing behind it but the readiness. */
  private static final class Bare extends PipeIo {
    Bare() {}

    @Override
    public int read(java.nio.ByteBuffer dst) {
      return 0;
    }

    @Override
    public long read(java.nio.ByteBuffer[] dsts, int offset, int length) {
      return 0;
    }

    @Override
    public int write(java.nio.ByteBuffer src) {
      return 0;
    }

    @Override
    public long write(java.nio.ByteBuffer[] srcs, int offset, int length) {
      return 0;
    }

    @Override
    public dev.npipe4j.PipeInfo info() {
      throw new UnsupportedOperationException();
    }

    @Override
    public long peerProcessId() {
      return 0;
    }

    @Override
    public void close() {
      readiness.close();
    }
  }
}
