package dev.npipe4j.internal.windows;

import static dev.npipe4j.internal.windows.Scripted.bytes;
import static dev.npipe4j.internal.windows.Scripted.completeLater;
import static dev.npipe4j.internal.windows.Scripted.reading;
import static dev.npipe4j.internal.windows.Scripted.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.windows.ScriptedKernel.Kind;
import dev.npipe4j.internal.windows.ScriptedKernel.Reply;
import dev.npipe4j.internal.windows.win32.Win32;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reads of a virtual thread against a scripted kernel: once it has waited for a read, the pipe
 * reads no further ahead than it is asked, and the read is issued by the thread's wait, after it
 * has let other virtual threads run, rather than by the attempt that found nothing.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScriptedOnDemandReadTest {
  private static final long FOREVER = Long.MAX_VALUE;

  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final ScriptedKernel kernel = new ScriptedKernel();
  private IocpDriver driver;

  interface Body {
    void run() throws Exception;
  }

  @BeforeEach
  void startDriver() throws Exception {
    driver = IocpDriver.start(kernel, "scripted-demand"); // wakes parked virtual threads
  }

  @AfterEach
  void stop() throws InterruptedException {
    driver.shutdown(5_000);
    pool.shutdownNow();
    assertEquals(List.of(), kernel.violations(), "kernel rules the bridge broke");
  }

  /** Runs {@code body} on a virtual thread and rethrows what it threw. */
  private static void onVirtualThread(Body body) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                body.run();
                done.complete(null);
              } catch (Throwable t) {
                done.completeExceptionally(t);
              }
            });
    done.get(20, TimeUnit.SECONDS);
  }

  /** A client whose virtual reader has waited once and taken what came: it now reads on demand. */
  private WindowsPipe waitedOnce() throws Exception {
    WindowsPipe c = reading(new WindowsPipe(driver, kernel.open(), "p", false, false));
    onVirtualThread(
        () -> {
          CompletableFuture<Void> later = completeLater(kernel, c, "0", 20, pool);
          assertTrue(c.park(Readiness.READABLE, FOREVER));
          later.get();
          assertEquals(1, c.read(ByteBuffer.allocate(4)));
        });
    assertTrue(kernel.inFlight(c.handle, Kind.READ).isEmpty(), "no read ahead of the reader");
    return c;
  }

  private void closeAndDrain(WindowsPipe c) throws Exception {
    c.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (driver.registeredPipes() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertEquals(0, driver.registeredPipes(), "the memory went once the kernel was done");
  }

  @Test
  void theWaitIssuesTheReadAndOneDoneAtOnceNeedsNoPacket() throws Exception {
    WindowsPipe c = waitedOnce();
    onVirtualThread(
        () -> {
          kernel.script(c.handle, Kind.READ, Reply.now(bytes("here")));
          ByteBuffer buf = ByteBuffer.allocate(8);
          assertEquals(0, c.read(buf), "the attempt leaves the read to the wait");
          assertTrue(kernel.inFlight(c.handle, Kind.READ).isEmpty(), "and issues none");
          int packets = kernel.dequeuedBy().size();
          assertTrue(c.park(Readiness.READABLE, FOREVER), "the wait's read was done at once");
          assertEquals(4, c.read(buf));
          assertEquals("here", text(buf));
          assertEquals(packets, kernel.dequeuedBy().size(), "with no packet");
          assertTrue(kernel.inFlight(c.handle, Kind.READ).isEmpty(), "none ahead of the reader");
        });
    closeAndDrain(c);
  }

  @Test
  void aReadTheWaitIssuesThatPendsWakesTheThreadWhenItsPacketComes() throws Exception {
    WindowsPipe c = waitedOnce();
    onVirtualThread(
        () -> {
          ByteBuffer buf = ByteBuffer.allocate(8);
          assertEquals(0, c.read(buf));
          CompletableFuture<Void> later = completeLater(kernel, c, "later", 30, pool);
          assertTrue(c.park(Readiness.READABLE, FOREVER));
          later.get();
          assertEquals(2, kernel.dequeuedBy().size(), "its packet, after the first read's");
          assertEquals(5, c.read(buf));
          assertEquals("later", text(buf));
        });
    closeAndDrain(c);
  }

  @Test
  void aVirtualThreadThatOnlyPollsHasItsReadIssuedOneAttemptLater() throws Exception {
    WindowsPipe c = waitedOnce();
    onVirtualThread(
        () -> {
          kernel.script(c.handle, Kind.READ, Reply.now(bytes("p")));
          ByteBuffer buf = ByteBuffer.allocate(8);
          assertEquals(0, c.read(buf), "deferred to a wait");
          assertEquals(1, c.read(buf), "no wait came: this attempt issues it");
          assertEquals("p", text(buf));
        });
    closeAndDrain(c);
  }

  @Test
  void anotherWaiterTurnsReadingAheadBackOn() throws Exception {
    WindowsPipe c = waitedOnce();
    CompletableFuture<Integer> future = c.readiness().await(Readiness.READABLE, bits -> bits);
    assertEquals(1, kernel.inFlight(c.handle, Kind.READ).size(), "the future's wait issues one");
    kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, bytes("f"));
    assertTrue((future.get(5, TimeUnit.SECONDS) & Readiness.READABLE) != 0);
    onVirtualThread(() -> assertEquals(1, c.read(ByteBuffer.allocate(4))));
    assertEquals(1, kernel.inFlight(c.handle, Kind.READ).size(), "read ahead again");
    closeAndDrain(c);
  }

  @Test
  void twoVirtualReadersAreBothWokenAndOneTakesTheBytes() throws Exception {
    WindowsPipe c = waitedOnce();
    List<CompletableFuture<Integer>> readers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      CompletableFuture<Integer> taken = new CompletableFuture<>();
      readers.add(taken);
      Thread.ofVirtual()
          .start(
              () -> {
                ByteBuffer buf = ByteBuffer.allocate(8);
                int n = 0;
                try {
                  while (n == 0 && c.park(Readiness.READABLE, FOREVER)) {
                    n = c.read(buf);
                  }
                  taken.complete(n);
                } catch (ClosedChannelException closed) {
                  taken.complete(n); // the other one took the bytes, then the pipe closed
                } catch (Throwable t) {
                  taken.completeExceptionally(t);
                }
              });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (kernel.inFlight(c.handle, Kind.READ).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    Thread.sleep(20); // both are parked
    kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, bytes("one"));
    CompletableFuture.anyOf(readers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    c.close(); // ends the other one's wait
    int total = 0;
    for (CompletableFuture<Integer> r : readers) {
      total += r.get(5, TimeUnit.SECONDS);
    }
    assertEquals(3, total, "one of them took the three bytes, the other nothing");
    closeAndDrain(c);
  }

  @Test
  void aVirtualWriterWaitsOnTheReadinessForItsWriteToBeTaken() throws Exception {
    MemorySegment handle = kernel.open();
    kernel.script(handle, Kind.WRITE, Reply.pending());
    WindowsPipe c = new WindowsPipe(driver, handle, "p", false, false);
    assertEquals(1, c.write(ByteBuffer.wrap(bytes("w"))));
    onVirtualThread(
        () -> {
          assertEquals(0, c.write(ByteBuffer.wrap(bytes("x"))), "one write in flight");
          CompletableFuture<Void> later =
              CompletableFuture.runAsync(
                  () -> kernel.completeWrite(c.handle, Win32.ERROR_SUCCESS, 1),
                  CompletableFuture.delayedExecutor(30, TimeUnit.MILLISECONDS, pool));
          assertTrue(c.park(Readiness.WRITABLE, FOREVER));
          later.get();
          assertEquals(1, c.write(ByteBuffer.wrap(bytes("x"))));
        });
    assertTrue(kernel.inFlight(c.handle, Kind.READ).isEmpty(), "a writer issues no read");
    closeAndDrain(c);
  }

  @Test
  void aWaitOnAClosedPipeIssuesNothingAndEnds() throws Exception {
    WindowsPipe c = waitedOnce();
    onVirtualThread(
        () -> {
          assertEquals(0, c.read(ByteBuffer.allocate(4)));
          c.close();
          assertTrue(c.park(Readiness.READABLE, FOREVER), "closed: the wait ends");
        });
    assertTrue(kernel.inFlight(c.handle, Kind.READ).isEmpty(), "nothing was issued");
    closeAndDrain(c);
  }
}
