package dev.npipe4j.internal.windows;

import static dev.npipe4j.internal.windows.Scripted.bytes;
import static dev.npipe4j.internal.windows.Scripted.filled;
import static dev.npipe4j.internal.windows.Scripted.text;
import static dev.npipe4j.internal.windows.Scripted.writable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.PipeEnd;
import dev.npipe4j.PipeException;
import dev.npipe4j.PipeInfo;
import dev.npipe4j.internal.windows.ScriptedKernel.Kind;
import dev.npipe4j.internal.windows.ScriptedKernel.Reply;
import dev.npipe4j.internal.windows.win32.Win32;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The less travelled paths of the bridge, against a scripted kernel. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScriptedEdgeTest {
  @Test
  void theAdaptiveBufferStopsGrowingAtItsLimitAndNeverGrowsForMessages() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      ByteBuffer sink = ByteBuffer.allocate(1 << 20);
      long size = PipeReader.INITIAL_BUFFER;
      for (int i = 0; i < 5; i++) {
        var call = s.kernel.inFlight(c.handle, Kind.READ).getFirst();
        assertEquals(size, call.buffer().byteSize());
        s.kernel.completeRead(c.handle, 0, filled((int) size, i));
        s.drain();
        sink.clear();
        assertEquals(size, c.read(sink));
        size = Math.min(size * 4, PipeReader.MAX_ADAPTIVE_BUFFER);
      }
      c.close();
      WindowsPipe m = s.client(true);
      s.kernel.completeRead(m.handle, 0, filled(PipeReader.INITIAL_BUFFER, 9));
      s.drain();
      assertEquals(PipeReader.INITIAL_BUFFER, m.readMessage().length);
      var next = s.kernel.inFlight(m.handle, Kind.READ).getFirst();
      assertEquals(PipeReader.INITIAL_BUFFER, next.buffer().byteSize(), "messages keep the size");
      m.close();
    }
  }

  @Test
  void readsOnAServerWithoutAClientWouldBlockAndIssueNothing() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe server = s.server(true);
      assertEquals(0, server.read(ByteBuffer.allocate(4)));
      assertNull(server.readMessage());
      assertTrue(s.kernel.inFlight(server.handle, Kind.READ).isEmpty());
      server.close();
    }
  }

  @Test
  void aReadIntoNoBuffersTakesNothing() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      s.kernel.completeRead(c.handle, 0, bytes("abc"));
      s.drain();
      assertEquals(0, c.read(new ByteBuffer[0], 0, 0));
      ByteBuffer dst = ByteBuffer.allocate(3);
      assertEquals(3, c.read(dst));
      assertEquals("abc", text(dst));
      c.close();
    }
  }

  @Test
  void aReadThatFillsItsBuffersExactlyLeavesTheNextChunkBuffered() throws Exception {
    try (Scripted s = new Scripted()) {
      Scripted.Handle h = s.handle();
      s.kernel.script(h.handle(), Kind.READ, Reply.now(bytes("ab")), Reply.now(bytes("cd")));
      WindowsPipe c = h.client(false);
      ByteBuffer two = ByteBuffer.allocate(2);
      assertEquals(2, c.read(two));
      assertEquals("ab", text(two));
      assertTrue(Scripted.readable(c), "the next chunk came at once");
      two.clear();
      assertEquals(2, c.read(two));
      assertEquals("cd", text(two));
      c.close();
    }
  }

  @Test
  void disconnectWithNothingInFlightFreesTheBuffersAtOnce() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe server = ScriptedConnectTest.connectedServer(s, false);
      s.kernel.completeRead(server.handle, 0, bytes("unread"));
      s.drain();
      long before = NativeBuffer.liveBytes();
      server.disconnect();
      assertTrue(NativeBuffer.liveBytes() < before, "the read buffer is freed");
      assertEquals(0, server.read(ByteBuffer.allocate(8)), "nothing of the old client");
      server.close();
    }
  }

  @Test
  void aByteModeWriteOverOneChunkStopsCopyingAtTheChunk() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      ByteBuffer a = ByteBuffer.allocate(PipeWriter.MAX_CHUNK);
      ByteBuffer b = ByteBuffer.wrap(bytes("rest"));
      assertEquals(PipeWriter.MAX_CHUNK, c.write(new ByteBuffer[] {a, b}, 0, 2));
      assertFalse(a.hasRemaining());
      assertEquals(4, b.remaining(), "the second buffer waits for the next write");
      c.close();
    }
  }

  @Test
  void aStaleWriteCompletingWhileNoClientIsThereLeavesThePipeUnwritable() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe server = ScriptedConnectTest.connectedServer(s, false);
      s.kernel.script(server.handle, Kind.WRITE, Reply.pending());
      server.write(ByteBuffer.wrap(bytes("x")));
      server.disconnect();
      s.kernel.completeWrite(server.handle, Win32.ERROR_NO_DATA, 0);
      s.drain();
      assertFalse(writable(server));
      server.close();
    }
  }

  @Test
  void aStaleReadLeavesTheNextClientsReadToItsPacket() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe server = ScriptedConnectTest.connectedServer(s, false);
      server.disconnect();
      var next = server.connect();
      s.kernel.completeConnect(server.handle, 0);
      s.drain();
      next.get(5, TimeUnit.SECONDS);
      // The old read is still the kernel's: the new client's read waits for its packet.
      assertEquals(0, server.read(ByteBuffer.allocate(4)));
      assertEquals(1, s.kernel.inFlight(server.handle, Kind.READ).size());
      s.kernel.completeRead(server.handle, 0, bytes("old"));
      s.drain();
      assertEquals(0, server.read(ByteBuffer.allocate(4)), "the old client's bytes are dropped");
      assertEquals(1, s.kernel.inFlight(server.handle, Kind.READ).size(), "a fresh read");
      server.close();
    }
  }

  @Test
  void infoAndProcessIdQueriesReportTheirFailures() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe server = ScriptedConnectTest.connectedServer(s, true);
      s.kernel.pipeFlags = Win32.PIPE_TYPE_MESSAGE | Win32.PIPE_SERVER_END;
      s.kernel.maxInstances = 4;
      PipeInfo info = server.info();
      assertEquals(PipeEnd.SERVER, info.end());
      assertEquals(4, info.maxInstances());
      s.kernel.maxInstances = 300;
      assertEquals(PipeInfo.UNLIMITED_INSTANCES, server.info().maxInstances());
      assertEquals(4242, server.peerProcessId());
      s.kernel.queryError = Win32.ERROR_NOT_SUPPORTED;
      assertEquals(
          Win32.ERROR_NOT_SUPPORTED, assertThrows(PipeException.class, server::info).osError());
      PipeException e = assertThrows(PipeException.class, server::peerProcessId);
      assertTrue(e.getMessage().contains("GetNamedPipeClientProcessId"), e.getMessage());
      WindowsPipe c = s.client(true);
      e = assertThrows(PipeException.class, c::peerProcessId);
      assertTrue(e.getMessage().contains("GetNamedPipeServerProcessId"), e.getMessage());
      c.close();
      server.close();
    }
  }

  @Test
  void aPacketNamingNoOperationOfThePipeIsIgnored() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      s.kernel.queueStray(c.handle, 0x7777);
      s.drain();
      assertEquals(1, s.kernel.inFlight(c.handle, Kind.READ).size(), "the read is untouched");
      c.close();
      c.close(); // idempotent
      s.drain();
      assertEquals(0, s.driver.registeredPipes());
    }
  }

  @Test
  void shutdownWaitsForPacketsThenStopsPolling() throws Exception {
    try (Scripted s = new Scripted()) {
      s.kernel.cancelCompletes = false;
      WindowsPipe c = s.client(false);
      long start = System.nanoTime();
      s.driver.shutdown(50); // no thread drains the port: the wait runs out
      assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50));
      c.abandon(); // twice: the handle is closed once
      assertFalse(s.driver.poll(0), "the port is closed");
    }
  }

  @Test
  void aWakeUpAfterShutdownStopsThePoller() throws Exception {
    try (Scripted s = new Scripted()) {
      s.driver.shutdown(0); // posts the wake-up, which no thread has taken
      assertFalse(s.driver.poll(0));
    }
  }
}
