package dev.npipe4j.internal.windows;

import static dev.npipe4j.internal.windows.Scripted.bytes;
import static dev.npipe4j.internal.windows.Scripted.completeLater;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.handle.CompletionPort;
import dev.npipe4j.internal.windows.win32.Win32;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An event loop's thread leading the port ({@link CompletionPort}) and hooks run in place on the
 * dispatching thread ({@link Readiness#whenMet}), against a scripted kernel.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScriptedLoopTest {
  private static final long SECONDS_5 = TimeUnit.SECONDS.toNanos(5);

  @Test
  void aLoopLeadsTheFreePortAndItsHookRunsOnItsThread() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Scripted s = new Scripted()) {
      CompletionPort port = s.driver.completionPort();
      WindowsPipe c = s.client(false);
      AtomicReference<Thread> ranOn = new AtomicReference<>();
      assertTrue(
          c.readiness().whenMet(Readiness.READABLE, () -> ranOn.set(Thread.currentThread())));
      CompletableFuture<Void> later = completeLater(s.kernel, c, "data", 50, pool);
      int n = 0;
      long deadline = System.nanoTime() + SECONDS_5;
      while (n == 0 && System.nanoTime() < deadline) {
        n = port.lead(SECONDS_5, () -> false);
      }
      later.get();
      assertEquals(1, n, "one packet dispatched");
      assertSame(Thread.currentThread(), ranOn.get(), "the hook ran where the packet was dequeued");
      assertEquals(List.of(Thread.currentThread()), s.kernel.dequeuedBy());
      assertEquals(4, c.read(ByteBuffer.allocate(8)));
      c.close();
      s.drain();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aHookIsRefusedWhenTheInterestIsMetAndRunsOnClose() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      assertFalse(c.readiness().whenMet(Readiness.WRITABLE, () -> {}), "a client is writable");
      AtomicReference<Thread> ranOn = new AtomicReference<>();
      assertTrue(
          c.readiness().whenMet(Readiness.READABLE, () -> ranOn.set(Thread.currentThread())));
      c.close();
      assertSame(Thread.currentThread(), ranOn.get(), "the close ran the hook");
      assertFalse(c.readiness().whenMet(Readiness.READABLE, () -> {}), "closed");
      s.drain();
    }
  }

  @Test
  void aRaisedWakeFlagMakesTheLeadNotWaitAndWakeEndsAWait() throws Exception {
    try (Scripted s = new Scripted()) {
      CompletionPort port = s.driver.completionPort();
      long start = System.nanoTime();
      assertEquals(0, port.lead(SECONDS_5, () -> true));
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "no wait");

      AtomicBoolean woken = new AtomicBoolean();
      Thread me = Thread.currentThread();
      Thread waker =
          Thread.ofPlatform()
              .start(
                  () -> {
                    sleep(100);
                    woken.set(true);
                    port.wake(me);
                  });
      start = System.nanoTime();
      int n = 0;
      while (!woken.get() && System.nanoTime() - start < SECONDS_5) {
        n += port.lead(SECONDS_5, woken::get);
      }
      long took = System.nanoTime() - start;
      waker.join();
      assertEquals(0, n);
      assertTrue(took < TimeUnit.SECONDS.toNanos(3), "woken, not timed out: " + took);
    }
  }

  @Test
  void aLoopFindingAnotherLeaderFollowsWhileTheLeaderDispatchesItsPipe() throws Exception {
    try (Scripted s = new Scripted()) {
      CompletionPort port = s.driver.completionPort();
      WindowsPipe b = s.client(false);
      AtomicBoolean stopA = new AtomicBoolean();
      CountDownLatch leading = new CountDownLatch(1);
      Thread a =
          Thread.ofPlatform()
              .start(
                  () -> {
                    leading.countDown();
                    while (!stopA.get()) {
                      port.lead(SECONDS_5, stopA::get);
                    }
                  });
      leading.await();
      sleep(50); // a leads
      AtomicReference<Thread> ranOn = new AtomicReference<>();
      assertTrue(
          b.readiness().whenMet(Readiness.READABLE, () -> ranOn.set(Thread.currentThread())));
      AtomicBoolean wokenB = new AtomicBoolean();
      Thread me = Thread.currentThread();
      Thread.ofPlatform()
          .start(
              () -> {
                sleep(100);
                s.kernel.completeRead(b.handle, Win32.ERROR_SUCCESS, bytes("b"));
                sleep(100);
                wokenB.set(true);
                port.wake(me);
              });
      long start = System.nanoTime();
      int mine = 0;
      while (!wokenB.get() && System.nanoTime() - start < SECONDS_5) {
        mine += Math.max(0, port.lead(SECONDS_5, wokenB::get));
      }
      assertTrue(wokenB.get(), "woken as a follower");
      stopA.set(true);
      port.wake(a);
      a.join();
      assertEquals(List.of(a), s.kernel.dequeuedBy(), "the leader dequeued the follower's packet");
      assertSame(a, ranOn.get());
      assertEquals(0, mine);
      b.close();
      s.drain();
    }
  }

  @Test
  void theDriverThreadYieldsToAnAttachedLoopAndTakesOverWhenItDetaches() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    ScriptedKernel kernel = new ScriptedKernel();
    IocpDriver driver = IocpDriver.start(kernel, "scripted-driver");
    try {
      CompletionPort port = driver.completionPort();
      WindowsPipe c = new WindowsPipe(driver, kernel.open(), Scripted.NAME, false, false);
      // A future waiter: the driver thread takes the port for it.
      CompletableFuture<Integer> future = c.readiness().await(Readiness.READABLE, bits -> bits);
      kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, bytes("1"));
      future.get(5, TimeUnit.SECONDS);
      Thread driverThread = kernel.dequeuedBy().getFirst();
      assertNotSame(Thread.currentThread(), driverThread);
      assertEquals(1, c.read(ByteBuffer.allocate(4)));

      // An attached loop asks the driver thread to leave, and dequeues its pipe's packet.
      port.attach();
      AtomicReference<Thread> ranOn = new AtomicReference<>();
      assertTrue(
          c.readiness().whenMet(Readiness.READABLE, () -> ranOn.set(Thread.currentThread())));
      CompletableFuture<Void> later = completeLater(kernel, c, "2", 100, pool);
      long deadline = System.nanoTime() + SECONDS_5;
      while (ranOn.get() == null && System.nanoTime() < deadline) {
        port.lead(SECONDS_5, () -> false);
      }
      later.get();
      assertSame(Thread.currentThread(), ranOn.get());
      assertSame(Thread.currentThread(), kernel.dequeuedBy().getLast());
      assertEquals(1, c.read(ByteBuffer.allocate(4)));

      // Detached, the loop leaves the port to the driver thread again.
      port.detach();
      future = c.readiness().await(Readiness.READABLE, bits -> bits);
      kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, bytes("3"));
      future.get(5, TimeUnit.SECONDS);
      assertSame(driverThread, kernel.dequeuedBy().getLast());
      c.close();
    } finally {
      driver.shutdown(5_000);
      pool.shutdownNow();
    }
    assertEquals(List.of(), kernel.violations());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
