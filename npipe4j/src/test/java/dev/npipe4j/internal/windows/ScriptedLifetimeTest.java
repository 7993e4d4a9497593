package dev.npipe4j.internal.windows;

import static dev.npipe4j.internal.windows.Scripted.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.internal.windows.ScriptedKernel.Kind;
import dev.npipe4j.internal.windows.ScriptedKernel.Reply;
import dev.npipe4j.internal.windows.win32.Win32;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lifetime invariant against a scripted kernel: no memory is freed while the kernel may write
 * it. The kernel writes each buffer and OVERLAPPED when it completes the call, so a bridge that
 * freed them early makes {@link Scripted#close()} fail.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScriptedLifetimeTest {
  @Test
  void aCancelledReadKeepsItsMemoryUntilItsLatePacket() throws Exception {
    try (Scripted s = new Scripted()) {
      s.kernel.cancelCompletes = false; // the abort comes when the test says
      WindowsPipe c = s.client(false);
      c.close();
      assertEquals(1, s.kernel.cancelled().size());
      assertTrue(s.kernel.isClosed(c.handle), "the handle closes at once: no write in flight");
      assertEquals(1, s.driver.registeredPipes(), "the memory waits for the packet");
      s.kernel.completeRead(c.handle, Win32.ERROR_OPERATION_ABORTED, bytes("late"));
      s.drain();
      assertEquals(0, s.driver.registeredPipes(), "freed once the packet is dequeued");
    }
  }

  @Test
  void aCompletionArrivingAfterCloseWritesLiveMemoryAndIsDropped() throws Exception {
    try (Scripted s = new Scripted()) {
      s.kernel.cancelCompletes = false;
      WindowsPipe c = s.client(false);
      c.close();
      // The cancel lost the race: the read completed with data (Windows may deliver it so).
      s.kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, bytes("data after close"));
      s.drain();
      assertEquals(0, s.driver.registeredPipes());
      assertThrows(
          java.nio.channels.ClosedChannelException.class, () -> c.read(ByteBuffer.allocate(4)));
    }
  }

  @Test
  void aCancelledConnectRacingAClientStillFailsTheCallerAndFreesAfterThePacket() throws Exception {
    try (Scripted s = new Scripted()) {
      s.kernel.cancelCompletes = false;
      WindowsPipe server = s.server(false);
      CompletableFuture<Void> connect = server.connect();
      server.close();
      // The client connected just as CancelIoEx ran: the packet says success, not aborted.
      s.kernel.completeConnect(server.handle, Win32.ERROR_SUCCESS);
      assertEquals(1, s.driver.registeredPipes());
      s.drain();
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> connect.get(5, TimeUnit.SECONDS));
      assertInstanceOf(AsynchronousCloseException.class, e.getCause());
      assertTrue(s.kernel.inFlight(server.handle, Kind.READ).isEmpty(), "no read on a closed pipe");
      assertEquals(0, s.driver.registeredPipes());
    }
  }

  @Test
  void aWriteInFlightDrainsBeforeTheHandleCloses() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      s.kernel.script(c.handle, Kind.WRITE, Reply.pending());
      c.write(ByteBuffer.wrap(bytes("bye")));
      c.close();
      assertFalse(s.kernel.isClosed(c.handle), "bytes already taken still reach the peer");
      s.drain(); // the read's abort
      assertFalse(s.kernel.isClosed(c.handle));
      s.kernel.completeWrite(c.handle, Win32.ERROR_SUCCESS, 3);
      s.drain();
      assertTrue(s.kernel.isClosed(c.handle));
      assertEquals(
          "bye", new String(s.kernel.written(c.handle), java.nio.charset.StandardCharsets.UTF_8));
      assertEquals(0, s.driver.registeredPipes());
    }
  }

  @Test
  void aStaleReadsBufferLivesUntilItsPacket() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe server = ScriptedConnectTest.connectedServer(s, false);
      server.disconnect();
      server.close(); // the stale read is cancelled; its buffer must outlive the packet
      s.drain();
      assertEquals(0, s.driver.registeredPipes());
    }
  }

  @Test
  void shutdownClosesPipesAndAbandonsThoseWhosePacketsNeverCome() throws Exception {
    try (Scripted s = new Scripted()) {
      s.kernel.cancelCompletes = false;
      WindowsPipe c = s.client(false);
      WindowsPipe done = s.client(false);
      s.kernel.completeRead(done.handle, Win32.ERROR_SUCCESS, bytes("x"));
      s.drain();
      s.driver.shutdown(0);
      assertTrue(s.kernel.isClosed(c.handle));
      assertEquals(0, s.driver.registeredPipes());
      // The kernel may still write the abandoned pipe's memory: it must still be live.
      s.kernel.completeRead(c.handle, Win32.ERROR_OPERATION_ABORTED, bytes("late"));
      IOException e = assertThrows(IOException.class, () -> s.client(false));
      assertTrue(e.getMessage().contains("shut down"), e.getMessage());
    }
  }

  @Test
  void packetsOfUnknownKeysAndWakeUpsAreSkipped() throws Exception {
    try (Scripted s = new Scripted()) {
      MemorySegmentPort.post(s, 12345);
      MemorySegmentPort.post(s, IocpDriver.WAKE_KEY);
      assertTrue(s.driver.poll(0));
      assertTrue(s.driver.poll(0), "a wake-up before shutdown keeps the driver going");
      assertTrue(s.driver.poll(0), "a timeout too");
    }
  }

  @Test
  void aRegistrationRefusedClosesTheHandleAndFreesTheMemory() throws Exception {
    try (Scripted s = new Scripted()) {
      s.driver.shutdown(0);
      Scripted.Handle h = s.handle();
      assertThrows(IOException.class, () -> h.client(false));
      assertTrue(s.kernel.isClosed(h.handle()));
    }
  }

  /** Posts to the scripted port as another thread of the process would. */
  private static final class MemorySegmentPort {
    static void post(Scripted s, long key) {
      s.kernel.postQueuedCompletionStatus(java.lang.foreign.MemorySegment.NULL, key);
    }
  }
}
