package dev.npipe4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ReadinessTest {
  /** The failure of {@code f}, which must fail within 10 s; {@link RetryTest} uses it too. */
  static Throwable cause(CompletableFuture<?> f) throws Exception {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("completed normally");
  }

  @Test
  void awaitCompletesWhenSet() throws Exception {
    Readiness r = new Readiness();
    CompletableFuture<Integer> f = r.await(Readiness.READABLE, bits -> bits);
    assertFalse(f.isDone());
    r.set(Readiness.WRITABLE);
    assertFalse(f.isDone());
    r.set(Readiness.READABLE);
    assertEquals(Readiness.READABLE | Readiness.WRITABLE, f.get(10, TimeUnit.SECONDS));
  }

  @Test
  void alreadyReadyCompletesAtOnce() {
    Readiness r = new Readiness();
    r.set(Readiness.WRITABLE);
    assertTrue(r.await(Readiness.WRITABLE, bits -> bits).isDone());
  }

  @Test
  void clearWithVersionKeepsARacingSet() {
    Readiness r = new Readiness();
    long seen = r.version();
    r.set(Readiness.READABLE);
    r.clear(Readiness.READABLE, seen);
    assertEquals(Readiness.READABLE, r.bits());
    r.clear(Readiness.READABLE, r.version());
    assertEquals(0, r.bits());
  }

  @Test
  void closedDirectionsCountAsReady() throws Exception {
    Readiness r = new Readiness();
    CompletableFuture<Integer> f = r.await(Readiness.READABLE, bits -> bits);
    r.set(Readiness.READ_CLOSED);
    assertEquals(Readiness.READ_CLOSED, f.get(10, TimeUnit.SECONDS));
  }

  @Test
  void closeFailsWaitersAndLaterAwaits() throws Exception {
    Readiness r = new Readiness();
    CompletableFuture<Void> f = r.await(Readiness.READABLE, bits -> null);
    r.close();
    r.close();
    assertInstanceOf(AsynchronousCloseException.class, cause(f));
    assertInstanceOf(ClosedChannelException.class, cause(r.await(Readiness.READABLE, b -> null)));
    assertTrue(r.isClosed());
    assertTrue(r.park(Readiness.READABLE, Long.MAX_VALUE), "a closed readiness does not park");
  }

  @Test
  void parkWakesOnSetAndTimesOut() throws Exception {
    Readiness r = new Readiness();
    assertFalse(r.park(Readiness.READABLE, System.nanoTime() + Duration.ofMillis(20).toNanos()));
    Thread t = Thread.ofVirtual().start(() -> r.set(Readiness.READABLE));
    assertTrue(r.park(Readiness.READABLE, System.nanoTime() + Duration.ofSeconds(10).toNanos()));
    t.join();
  }

  @Test
  void cancelledWaiterIsForgotten() {
    Readiness r = new Readiness();
    CompletableFuture<Void> f = r.await(Readiness.READABLE, bits -> null);
    assertTrue(f.cancel(false));
    r.set(Readiness.READABLE);
    assertTrue(f.isCancelled());
  }
}
