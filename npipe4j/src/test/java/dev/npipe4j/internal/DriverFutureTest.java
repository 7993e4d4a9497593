package dev.npipe4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a driver may and may not run when it delivers. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DriverFutureTest {
  @Test
  void aBlockedGetterWakesAndNoStageRunsOnTheDeliveringThread() throws Exception {
    DriverFuture<String> f = new DriverFuture<>();
    AtomicReference<Thread> stageThread = new AtomicReference<>();
    AtomicReference<Thread> relayThread = new AtomicReference<>();
    CompletableFuture<Void> stage = f.thenAccept(v -> stageThread.set(Thread.currentThread()));
    CompletableFuture<Void> relayed =
        CompletableFuture.allOf(f).thenRun(() -> relayThread.set(Thread.currentThread()));
    CompletableFuture<String> got = new CompletableFuture<>();
    Thread getter =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    got.complete(f.get());
                  } catch (Exception e) {
                    got.completeExceptionally(e);
                  }
                });
    while (getter.getState() != Thread.State.WAITING) {
      Thread.sleep(1);
    }
    Thread driver = Thread.currentThread();
    assertTrue(f.deliver("in"));
    assertTrue(f.isDone());
    assertEquals("in", f.getNow("absent"));
    assertEquals("in", got.get(10, TimeUnit.SECONDS));
    stage.get(10, TimeUnit.SECONDS);
    relayed.get(10, TimeUnit.SECONDS);
    assertNotSame(driver, stageThread.get());
    assertNotSame(driver, relayThread.get());
    assertFalse(f.deliver("again"));
    assertEquals(Future.State.SUCCESS, f.state());
  }

  @Test
  void theGetterTheDeliveryWokeCompletesTheStagesAndWithoutOneTheExecutorDoes() throws Exception {
    DriverFuture<String> waited = new DriverFuture<>();
    AtomicReference<Thread> stageThread = new AtomicReference<>();
    CompletableFuture<Void> stage = waited.thenRun(() -> stageThread.set(Thread.currentThread()));
    Thread getter =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    waited.get();
                  } catch (InterruptedException | ExecutionException e) {
                    throw new AssertionError(e);
                  }
                });
    while (getter.getState() != Thread.State.WAITING) {
      Thread.sleep(1);
    }
    assertTrue(waited.deliver("in"));
    stage.get(10, TimeUnit.SECONDS);
    assertSame(getter, stageThread.get(), "the woken getter, not an executor thread");

    DriverFuture<String> unwaited = new DriverFuture<>();
    CompletableFuture<Thread> ranOn = unwaited.thenApply(v -> Thread.currentThread());
    assertTrue(unwaited.deliver("in"));
    Thread executorThread = ranOn.get(10, TimeUnit.SECONDS);
    assertNotSame(Thread.currentThread(), executorThread);
    assertNotSame(getter, executorThread);
  }

  @Test
  void theDeliveryActionRunsInPlace() {
    DriverFuture<String> f = new DriverFuture<>();
    AtomicReference<Thread> ran = new AtomicReference<>();
    f.onDelivery((v, e) -> ran.set(Thread.currentThread()));
    f.deliver("x");
    assertSame(Thread.currentThread(), ran.get());
    AtomicReference<String> late = new AtomicReference<>();
    DriverFuture<String> done = new DriverFuture<>();
    done.deliver("y");
    done.onDelivery((v, e) -> late.set(v));
    assertEquals("y", late.get());
  }

  @Test
  void whoeverSeesTheFutureDoneSeesWhatTheDeliveryActionsDid() throws Exception {
    DriverFuture<String> f = new DriverFuture<>();
    CountDownLatch acting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean acted = new AtomicBoolean();
    f.onDelivery(
        (v, e) -> {
          acting.countDown();
          try {
            assertTrue(release.await(10, TimeUnit.SECONDS));
          } catch (InterruptedException interrupted) {
            throw new AssertionError(interrupted);
          }
          acted.set(true);
        });
    CompletableFuture<Boolean> blockedGetterSaw = new CompletableFuture<>();
    Thread blockedGetter =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    f.get();
                    blockedGetterSaw.complete(acted.get());
                  } catch (Exception e) {
                    blockedGetterSaw.completeExceptionally(e);
                  }
                });
    while (blockedGetter.getState() != Thread.State.WAITING) {
      Thread.sleep(1);
    }
    Thread driver = Thread.ofPlatform().start(() -> f.deliver("in"));
    assertTrue(acting.await(10, TimeUnit.SECONDS));
    // Mid-delivery: to its users the future is still pending, and a second delivery loses.
    assertFalse(f.isDone());
    assertThrows(TimeoutException.class, () -> f.get(20, TimeUnit.MILLISECONDS));
    assertFalse(f.complete("other"));
    AtomicReference<String> lateAction = new AtomicReference<>();
    f.onDelivery((v, e) -> lateAction.set(v)); // runs now, with the outcome that won
    assertEquals("in", lateAction.get());
    release.countDown();
    assertTrue(blockedGetterSaw.get(10, TimeUnit.SECONDS), "woken before the action ran");
    driver.join();
    assertTrue(acted.get());
    assertEquals("in", f.getNow("absent"));
  }

  @Test
  void aCancelledFutureRefusesTheDeliveryAndGettersSeeTheCancellation() {
    DriverFuture<String> f = new DriverFuture<>();
    assertTrue(f.cancel(false));
    assertTrue(f.isCancelled());
    assertFalse(f.deliver("late"));
    assertThrows(CancellationException.class, f::get);
    assertThrows(CancellationException.class, f::join);
  }

  @Test
  void failuresAndTimeoutsReadAsForAnyFuture() throws Exception {
    DriverFuture<String> f = new DriverFuture<>();
    assertThrows(TimeoutException.class, () -> f.get(10, TimeUnit.MILLISECONDS));
    IllegalStateException boom = new IllegalStateException("boom");
    assertTrue(f.deliverFailure(boom));
    ExecutionException e = assertThrows(ExecutionException.class, f::get);
    assertSame(boom, e.getCause());
    assertSame(boom, f.exceptionNow());
    assertTrue(f.isCompletedExceptionally());
    assertThrows(
        ExecutionException.class,
        () ->
            f.exceptionally(x -> "no")
                .thenApply(
                    x -> {
                      throw new AssertionError();
                    })
                .get(10, TimeUnit.SECONDS));
  }
}
