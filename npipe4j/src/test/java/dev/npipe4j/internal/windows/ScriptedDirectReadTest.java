package dev.npipe4j.internal.windows;

import static dev.npipe4j.internal.windows.Scripted.bytes;
import static dev.npipe4j.internal.windows.Scripted.completeLater;
import static dev.npipe4j.internal.windows.Scripted.readable;
import static dev.npipe4j.internal.windows.Scripted.reading;
import static dev.npipe4j.internal.windows.Scripted.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.windows.ScriptedKernel.Kind;
import dev.npipe4j.internal.windows.ScriptedKernel.Reply;
import dev.npipe4j.internal.windows.win32.Win32;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Direct reads against a scripted kernel: a platform thread that blocks on a pipe's reads issues
 * them with an event in hEvent, low bit set, and takes their completions itself, with no packet.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScriptedDirectReadTest {
  private static final long FOREVER = Long.MAX_VALUE;

  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /**
   * A client whose platform reader has blocked once and has begun its next read, as its next read
   * does: that read, now in flight, is direct. A reader that blocks reads no further ahead than it
   * is asked: between its reads, none is in flight.
   */
  private WindowsPipe blockedOnce(ScriptedKernel kernel, WindowsPipe c) throws Exception {
    CompletableFuture<Void> later = completeLater(kernel, c, "0", 20, pool);
    assertTrue(c.park(Readiness.READABLE, FOREVER));
    later.get();
    assertEquals(1, c.read(ByteBuffer.allocate(4)));
    assertTrue(kernel.inFlight(c.handle, Kind.READ).isEmpty(), "no read ahead of the reader");
    return reading(c);
  }

  @Test
  void aBlockedReaderWaitsOnItsEventAndItsCompletionBypassesThePort() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = blockedOnce(s.kernel, s.client(false));
      assertTrue(s.kernel.directRead(c.handle));
      int packets = s.kernel.dequeuedBy().size();
      CompletableFuture<Void> later = completeLater(s.kernel, c, "direct", 50, pool);
      assertTrue(c.park(Readiness.READABLE, FOREVER));
      later.get();
      assertEquals(packets, s.kernel.dequeuedBy().size(), "no packet was dequeued");
      assertEquals(0, s.kernel.packetsQueued(), "none was queued");
      ByteBuffer buf = ByteBuffer.allocate(16);
      assertEquals(6, c.read(buf));
      assertEquals("direct", text(buf));
      assertTrue(s.kernel.inFlight(c.handle, Kind.READ).isEmpty(), "none ahead of the reader");
      reading(c);
      assertTrue(s.kernel.directRead(c.handle), "and its next read is direct too");
      c.close(); // the cancelled read is over at once: the memory and the event go now
      assertEquals(0, s.driver.registeredPipes());
      assertEquals(0, s.kernel.openEvents());
    }
  }

  @Test
  void aReaderThatPollsTakesADirectCompletionWithoutWaiting() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = blockedOnce(s.kernel, s.client(false));
      s.kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, bytes("polled"));
      assertFalse(readable(c), "no packet told anyone");
      ByteBuffer buf = ByteBuffer.allocate(16);
      assertEquals(6, c.read(buf));
      assertEquals("polled", text(buf));
      c.close();
    }
  }

  @Test
  void aDirectReadDoneAtOnceQueuesNoPacketEvenWithoutSkipMode() throws Exception {
    try (Scripted s = new Scripted()) {
      s.kernel.refuseSkipOnSuccess = true;
      Scripted.Handle h = s.handle();
      s.kernel.script(h.handle(), Kind.READ, Reply.pending(), Reply.now(bytes("now")));
      WindowsPipe c = h.client(false);
      CompletableFuture<Void> later = completeLater(s.kernel, c, "0", 20, pool);
      assertTrue(c.park(Readiness.READABLE, FOREVER));
      later.get();
      assertEquals(1, c.read(ByteBuffer.allocate(1)));
      reading(c); // the next read, direct, is done at once
      assertEquals(0, s.kernel.packetsQueued());
      assertTrue(readable(c));
      ByteBuffer buf = ByteBuffer.allocate(8);
      assertEquals(3, c.read(buf));
      assertEquals("now", text(buf));
      c.close();
      assertEquals(0, s.driver.registeredPipes());
    }
  }

  @Test
  void withoutAnEventTheReadsGoThroughThePort() throws Exception {
    try (Scripted s = new Scripted()) {
      s.kernel.refuseEvents = true;
      WindowsPipe c = blockedOnce(s.kernel, s.client(false));
      assertFalse(s.kernel.directRead(c.handle));
      CompletableFuture<Void> later = completeLater(s.kernel, c, "port", 50, pool);
      assertTrue(c.park(Readiness.READABLE, FOREVER));
      later.get();
      assertSame(Thread.currentThread(), s.kernel.dequeuedBy().getLast(), "led, as before");
      assertEquals(4, c.read(ByteBuffer.allocate(8)));
      c.close();
      s.drain();
    }
  }

  @Test
  void aDirectWaitEndsAtItsDeadlineOnInterruptAndOnClose() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = blockedOnce(s.kernel, s.client(false));
      long start = System.nanoTime();
      assertFalse(c.park(Readiness.READABLE, start + TimeUnit.MILLISECONDS.toNanos(80)));
      assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(80));
      assertFalse(c.park(Readiness.READABLE, System.nanoTime() - 1), "past its deadline");
      Thread.currentThread().interrupt();
      try {
        assertFalse(c.park(Readiness.READABLE, FOREVER));
      } finally {
        assertTrue(Thread.interrupted());
      }
      c.close();
      assertTrue(c.park(Readiness.READABLE, FOREVER), "closed: the wait ends");
    }
  }

  @Test
  void closingWakesADirectWaiterAndTheMemoryGoesOnlyOnceTheReadIsOver() throws Exception {
    ScriptedKernel kernel = new ScriptedKernel();
    kernel.cancelCompletes = false;
    IocpDriver driver = IocpDriver.start(kernel, "scripted-direct");
    ExecutorService waiters = Executors.newFixedThreadPool(2);
    try {
      WindowsPipe c =
          blockedOnce(kernel, new WindowsPipe(driver, kernel.open(), "p", false, false));
      assertTrue(kernel.directRead(c.handle));
      List<CompletableFuture<Boolean>> parked =
          List.of(
              CompletableFuture.supplyAsync(() -> c.park(Readiness.READABLE, FOREVER), waiters),
              CompletableFuture.supplyAsync(() -> c.park(Readiness.READABLE, FOREVER), waiters));
      Thread.sleep(50);
      c.close();
      for (CompletableFuture<Boolean> p : parked) {
        assertTrue(p.get(5, TimeUnit.SECONDS), "the close ends the wait");
      }
      assertEquals(List.of(Kind.READ), kernel.cancelled().stream().map(x -> x.kind()).toList());
      Thread.sleep(20);
      assertEquals(1, driver.registeredPipes(), "the kernel still owns the read's memory");
      assertEquals(1, kernel.openEvents(), "and its event");
      kernel.completeRead(c.handle, Win32.ERROR_OPERATION_ABORTED, new byte[0]);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while ((driver.registeredPipes() != 0 || kernel.openEvents() != 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertEquals(0, driver.registeredPipes(), "the driver thread took the completion");
      assertEquals(0, kernel.openEvents());
    } finally {
      driver.shutdown(5_000);
      waiters.shutdownNow();
    }
    assertEquals(List.of(), kernel.violations());
  }

  @Test
  void aFutureOnADirectReadIsServedByTheDriverThreadAndTheReadsGoBackToThePort() throws Exception {
    ScriptedKernel kernel = new ScriptedKernel();
    IocpDriver driver = IocpDriver.start(kernel, "scripted-direct");
    try {
      WindowsPipe c =
          blockedOnce(kernel, new WindowsPipe(driver, kernel.open(), "p", false, false));
      assertTrue(kernel.directRead(c.handle));
      CompletableFuture<Integer> future = c.readiness().await(Readiness.READABLE, bits -> bits);
      Thread.sleep(20);
      kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, bytes("f"));
      assertTrue((future.get(5, TimeUnit.SECONDS) & Readiness.READABLE) != 0);
      assertEquals(1, c.read(ByteBuffer.allocate(4)));
      assertFalse(kernel.directRead(c.handle), "someone other than a blocked thread waits");
      c.close();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (driver.registeredPipes() != 0 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertEquals(0, driver.registeredPipes());
    } finally {
      driver.shutdown(5_000);
    }
    assertEquals(List.of(), kernel.violations());
  }

  @Test
  void aStaleDirectReadIsTakenByTheNextClientsFirstReadAndDropped() throws Exception {
    try (Scripted s = new Scripted()) {
      Scripted.Handle h = s.handle();
      s.kernel.script(h.handle(), Kind.CONNECT, Reply.pending(), Reply.error(535));
      WindowsPipe server = h.server(false);
      CompletableFuture<Void> first = server.connect();
      s.kernel.completeConnect(server.handle, Win32.ERROR_SUCCESS);
      s.drain();
      first.get(5, TimeUnit.SECONDS);
      blockedOnce(s.kernel, server);
      assertTrue(s.kernel.directRead(server.handle));
      server.disconnect();
      s.kernel.completeRead(server.handle, Win32.ERROR_PIPE_NOT_CONNECTED, new byte[0]);
      server.connect().get(5, TimeUnit.SECONDS); // the next client is already there
      assertEquals(0, server.read(ByteBuffer.allocate(4)), "the stale read is dropped");
      assertEquals(1, s.kernel.inFlight(server.handle, Kind.READ).size(), "a fresh read");
      s.kernel.completeRead(server.handle, Win32.ERROR_SUCCESS, bytes("new"));
      ByteBuffer buf = ByteBuffer.allocate(8);
      assertEquals(3, server.read(buf));
      assertEquals("new", text(buf));
      server.close();
      assertEquals(0, s.driver.registeredPipes());
    }
  }

  @Test
  void aDirectReadNoOneElseWaitsForAnyMoreIsLeftToItsReader() throws Exception {
    ScriptedKernel kernel = new ScriptedKernel();
    IocpDriver driver = IocpDriver.start(kernel, "scripted-direct");
    try {
      WindowsPipe c =
          blockedOnce(kernel, new WindowsPipe(driver, kernel.open(), "p", false, false));
      CompletableFuture<Integer> future = c.readiness().await(Readiness.READABLE, bits -> bits);
      Thread.sleep(20);
      future.cancel(false); // the driver thread stops looking at the direct read
      Thread.sleep(30);
      kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, bytes("late"));
      Thread.sleep(30);
      assertFalse(readable(c), "no one took it");
      assertEquals(4, c.read(ByteBuffer.allocate(8)), "its reader does");
      c.close();
    } finally {
      driver.shutdown(5_000);
    }
    assertEquals(List.of(), kernel.violations());
  }

  @Test
  void aCloseWhileAReaderWaitsOnTheEventLeavesTheEventToThatReader() throws Exception {
    ScriptedKernel kernel = new ScriptedKernel();
    IocpDriver driver = IocpDriver.start(kernel, "scripted-direct");
    try {
      WindowsPipe c =
          blockedOnce(kernel, new WindowsPipe(driver, kernel.open(), "p", false, false));
      CompletableFuture<Boolean> parked =
          CompletableFuture.supplyAsync(() -> c.park(Readiness.READABLE, FOREVER), pool);
      Thread.sleep(50);
      c.close(); // the cancel completes the read at once and signals the event under the waiter
      assertTrue(parked.get(5, TimeUnit.SECONDS));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while ((driver.registeredPipes() != 0 || kernel.openEvents() != 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertEquals(0, driver.registeredPipes());
      assertEquals(0, kernel.openEvents(), "closed once the waiter left");
    } finally {
      driver.shutdown(5_000);
    }
    assertEquals(List.of(), kernel.violations());
  }

  @Test
  void aPlatformThreadWaitingToWriteStillLeadsThePort() throws Exception {
    try (Scripted s = new Scripted()) {
      Scripted.Handle h = s.handle();
      s.kernel.script(h.handle(), Kind.WRITE, Reply.pending());
      WindowsPipe c = h.client(false);
      assertEquals(1, c.write(ByteBuffer.wrap(bytes("w"))));
      assertEquals(0, c.write(ByteBuffer.wrap(bytes("x"))), "one write in flight");
      CompletableFuture<Void> later =
          CompletableFuture.runAsync(
              () -> {
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
                s.kernel.completeWrite(c.handle, Win32.ERROR_SUCCESS, 1);
              },
              pool);
      assertTrue(c.park(Readiness.WRITABLE, FOREVER));
      later.get();
      assertEquals(List.of(Thread.currentThread()), s.kernel.dequeuedBy());
      c.close();
      s.drain();
    }
  }
}
