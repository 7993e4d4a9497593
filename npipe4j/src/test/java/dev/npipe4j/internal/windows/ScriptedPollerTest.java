package dev.npipe4j.internal.windows;

import static dev.npipe4j.internal.windows.Scripted.bytes;
import static dev.npipe4j.internal.windows.Scripted.completeLater;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.windows.ScriptedKernel.Kind;
import dev.npipe4j.internal.windows.win32.Win32;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Leader/follower ({@link PortPoller}) against a scripted kernel: who dequeues which packet. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScriptedPollerTest {
  private static final long FOREVER = Long.MAX_VALUE;

  @Test
  void aPlatformThreadWaitingOnItsPipeDequeuesItsOwnCompletion() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      CompletableFuture<Void> later = completeLater(s.kernel, c, "mine", 50, pool);
      assertTrue(c.park(Readiness.READABLE, FOREVER));
      later.get();
      assertEquals(List.of(Thread.currentThread()), s.kernel.dequeuedBy(), "no hand-off");
      assertEquals(4, c.read(ByteBuffer.allocate(8)));
      c.close();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLeaderGivesUpAtItsDeadlineAndOnInterrupt() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      long start = System.nanoTime();
      assertFalse(c.park(Readiness.READABLE, start + TimeUnit.MILLISECONDS.toNanos(80)));
      assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(80));
      Thread.currentThread().interrupt();
      try {
        assertFalse(c.park(Readiness.READABLE, FOREVER));
      } finally {
        assertTrue(Thread.interrupted());
      }
      c.close();
      assertTrue(c.park(Readiness.READABLE, FOREVER), "closed: the wait ends");
      s.drain();
    }
  }

  @Test
  void aSecondPlatformWaiterIsServedByTheLeader() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Scripted s = new Scripted()) {
      WindowsPipe a = s.client(false);
      WindowsPipe b = s.client(false);
      CompletableFuture<Thread> leader =
          CompletableFuture.supplyAsync(
              () -> {
                a.park(Readiness.READABLE, FOREVER);
                return Thread.currentThread();
              },
              pool);
      Thread.sleep(50); // the first waiter leads
      CompletableFuture<Boolean> follower =
          CompletableFuture.supplyAsync(() -> b.park(Readiness.READABLE, FOREVER), pool);
      Thread.sleep(50);
      s.kernel.completeRead(b.handle, Win32.ERROR_SUCCESS, bytes("b"));
      assertTrue(
          follower.get(5, TimeUnit.SECONDS), "the leader dispatched the other pipe's packet");
      s.kernel.completeRead(a.handle, Win32.ERROR_SUCCESS, bytes("a"));
      Thread t = leader.get(5, TimeUnit.SECONDS);
      assertEquals(List.of(t, t), s.kernel.dequeuedBy());
      a.close();
      b.close();
      s.drain();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theDriverThreadYieldsToAPlatformWaiterAndServesVirtualOnes() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    ScriptedKernel kernel = new ScriptedKernel();
    IocpDriver driver = IocpDriver.start(kernel, "scripted-driver");
    try {
      WindowsPipe c = new WindowsPipe(driver, kernel.open(), Scripted.NAME, false, false);
      // A future waiter: the driver thread dequeues for it.
      CompletableFuture<Integer> future = c.readiness().await(Readiness.READABLE, bits -> bits);
      kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, bytes("1"));
      future.get(5, TimeUnit.SECONDS);
      Thread driverThread = kernel.dequeuedBy().getFirst();
      assertFalse(driverThread == Thread.currentThread());
      assertEquals(1, c.read(ByteBuffer.allocate(4)));

      // A platform waiter: the driver thread yields, and the waiter dequeues its own packet.
      CompletableFuture<Void> later = completeLater(kernel, c, "2", 50, pool);
      assertTrue(c.park(Readiness.READABLE, FOREVER));
      later.get();
      assertSame(Thread.currentThread(), kernel.dequeuedBy().getLast());
      assertEquals(1, c.read(ByteBuffer.allocate(4)));

      // A platform thread blocked on the reads: its next one is direct, no packet will come. A
      // virtual thread waits for it: the driver thread takes its completion.
      Scripted.reading(c);
      assertTrue(kernel.directRead(c.handle));
      int packets = kernel.dequeuedBy().size();
      CompletableFuture<Boolean> virtual = new CompletableFuture<>();
      Thread.ofVirtual().start(() -> virtual.complete(c.park(Readiness.READABLE, FOREVER)));
      Thread.sleep(50);
      kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, bytes("3"));
      assertTrue(virtual.get(5, TimeUnit.SECONDS));
      assertEquals(packets, kernel.dequeuedBy().size(), "no packet");
      assertEquals(1, c.read(ByteBuffer.allocate(4)));

      // The virtual thread's wait made the reads go through the port again, and on demand: the
      // next attempt issues one.
      assertTrue(kernel.inFlight(c.handle, Kind.READ).isEmpty(), "no read ahead");
      Scripted.reading(c);
      assertFalse(kernel.directRead(c.handle));
      kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, bytes("4"));
      assertTrue(c.park(Readiness.READABLE, FOREVER));
      assertEquals(packets + 1, kernel.dequeuedBy().size());
      assertEquals(1, c.read(ByteBuffer.allocate(4)));
      c.close();
    } finally {
      driver.shutdown(5_000);
      pool.shutdownNow();
    }
    assertEquals(List.of(), kernel.violations());
  }
}
