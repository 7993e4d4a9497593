package dev.npipe4j.internal.windows;

import static dev.npipe4j.internal.windows.Scripted.bytes;
import static dev.npipe4j.internal.windows.Scripted.filled;
import static dev.npipe4j.internal.windows.Scripted.readable;
import static dev.npipe4j.internal.windows.Scripted.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.PipeException;
import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.windows.ScriptedKernel.Kind;
import dev.npipe4j.internal.windows.ScriptedKernel.Reply;
import dev.npipe4j.internal.windows.win32.Win32;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The read state machine ({@link PipeReader}) against a scripted kernel, on every OS: each outcome
 * of ReadFile, at once and by packet, including the Windows behaviours Wine never shows.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScriptedReadTest {
  @Test
  void pendedReadBecomesReadableWhenItsPacketIsDequeued() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      ByteBuffer dst = ByteBuffer.allocate(64);
      assertEquals(0, c.read(dst), "nothing yet: would block");
      assertFalse(readable(c));
      s.kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, bytes("hello"));
      assertFalse(readable(c), "readable only once the packet is dequeued");
      s.drain();
      assertTrue(readable(c));
      assertEquals(5, c.read(dst));
      assertEquals("hello", text(dst));
      assertFalse(readable(c), "drained: the next read is in flight");
      assertEquals(1, s.kernel.inFlight(c.handle, Kind.READ).size());
      c.close();
    }
  }

  @Test
  void aReadDoneAtOnceInSkipModeIsUsedOnTheSpotAndLaterBytesJoinIt() throws Exception {
    try (Scripted s = new Scripted()) {
      Scripted.Handle h = s.handle();
      s.kernel.script(h.handle(), Kind.READ, Reply.now(bytes("ab")), Reply.now(bytes("cd")));
      WindowsPipe c = h.client(false);
      assertTrue(readable(c), "done at once: no packet needed");
      assertEquals(0, s.kernel.packetsQueued());
      ByteBuffer dst = ByteBuffer.allocate(3);
      assertEquals(3, c.read(dst), "byte mode: what arrived at once joins the read");
      assertEquals("abc", text(dst));
      dst.clear();
      assertEquals(1, c.read(dst));
      assertEquals("d", text(dst));
      c.close();
    }
  }

  @Test
  void skipOnSuccessRefusedQueuesAPacketForAReadDoneAtOnce() throws Exception {
    try (Scripted s = new Scripted()) {
      s.kernel.refuseSkipOnSuccess = true;
      Scripted.Handle h = s.handle();
      s.kernel.script(h.handle(), Kind.READ, Reply.now(bytes("xyz")));
      WindowsPipe c = h.client(false);
      assertFalse(readable(c), "without skip mode the result comes as a packet");
      assertEquals(1, s.kernel.packetsQueued());
      s.drain();
      ByteBuffer dst = ByteBuffer.allocate(8);
      assertEquals(3, c.read(dst));
      assertEquals("xyz", text(dst));
      c.close();
    }
  }

  @Test
  void windows8PendedMoreDataPacketContinuesTheMessageUntilWhole() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(true);
      byte[] first = filled(PipeReader.INITIAL_BUFFER, 1);
      byte[] rest = filled(8_000, 2);
      // Windows 8+ in skip mode: the read pends, and its packet carries ERROR_MORE_DATA.
      s.kernel.completeRead(c.handle, Win32.ERROR_MORE_DATA, first);
      s.drain();
      assertFalse(readable(c), "a partial message is not readable");
      assertEquals(0, c.messageBytesRemaining());
      s.kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, rest);
      s.drain();
      byte[] message = c.readMessage();
      assertEquals(first.length + rest.length, message.length);
      assertArrayEquals(first, java.util.Arrays.copyOf(message, first.length));
      assertArrayEquals(rest, java.util.Arrays.copyOfRange(message, first.length, message.length));
      c.close();
    }
  }

  @Test
  void wineStyleMoreDataAtOnceReadsTheMessageOnAtOnce() throws Exception {
    try (Scripted s = new Scripted()) {
      Scripted.Handle h = s.handle();
      byte[] first = filled(PipeReader.INITIAL_BUFFER, 3);
      s.kernel.script(h.handle(), Kind.READ, Reply.moreData(first), Reply.now(bytes("tail")));
      WindowsPipe c = h.client(true);
      assertTrue(readable(c));
      ByteBuffer part = ByteBuffer.allocate(100);
      assertEquals(100, c.read(part), "a message read in parts");
      assertEquals(first.length + 4 - 100, c.messageBytesRemaining());
      byte[] rest = c.readMessage();
      assertEquals(first.length + 4 - 100, rest.length);
      assertEquals(
          "tail", new String(rest, rest.length - 4, 4, java.nio.charset.StandardCharsets.UTF_8));
      c.close();
    }
  }

  @Test
  void withoutSkipModeMoreDataAtOnceComesAsAPacket() throws Exception {
    try (Scripted s = new Scripted()) {
      s.kernel.refuseSkipOnSuccess = true;
      Scripted.Handle h = s.handle();
      byte[] first = filled(PipeReader.INITIAL_BUFFER, 4);
      s.kernel.script(h.handle(), Kind.READ, Reply.moreData(first), Reply.pending());
      WindowsPipe c = h.client(true);
      s.drain();
      assertFalse(readable(c));
      s.kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, bytes("!"));
      s.drain();
      assertEquals(first.length + 1, c.readMessage().length);
      c.close();
    }
  }

  @Test
  void aStreamThatFillsTheBufferGrowsTheNextRead() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      s.kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, filled(PipeReader.INITIAL_BUFFER, 5));
      s.drain();
      ByteBuffer sink = ByteBuffer.allocate(1 << 20);
      assertEquals(PipeReader.INITIAL_BUFFER, c.read(sink));
      var next = s.kernel.inFlight(c.handle, Kind.READ).getFirst();
      assertEquals(
          4 * PipeReader.INITIAL_BUFFER, next.buffer().byteSize(), "the next read asks more");
      c.close();
    }
  }

  @Test
  void bytesDoneAtOnceIntoTheGrownBufferJoinTheReadThatGrewIt() throws Exception {
    try (Scripted s = new Scripted()) {
      Scripted.Handle h = s.handle();
      byte[] first = filled(PipeReader.INITIAL_BUFFER, 1); // fills the buffer: the next grows
      byte[] second = filled(2 * PipeReader.INITIAL_BUFFER, 2); // more than the first buffer held
      s.kernel.script(h.handle(), Kind.READ, Reply.now(first), Reply.now(second));
      WindowsPipe c = h.client(false);
      ByteBuffer sink = ByteBuffer.allocate(1 << 20);
      assertEquals(first.length + second.length, c.read(sink), "byte mode: both in one read");
      sink.flip();
      byte[] got = new byte[sink.remaining()];
      sink.get(got);
      byte[] expected = new byte[first.length + second.length];
      System.arraycopy(first, 0, expected, 0, first.length);
      System.arraycopy(second, 0, expected, first.length, second.length);
      assertArrayEquals(expected, got, "the second read's bytes come from the grown buffer");
      c.close();
    }
  }

  @Test
  void aZeroLengthMessageEndsReadingAndIsReportedOnce() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(true);
      s.kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, new byte[0]);
      s.drain();
      assertEquals(Readiness.READABLE | Readiness.READ_CLOSED, c.readiness().bits() & 5);
      assertArrayEquals(new byte[0], c.readMessage());
      assertSame(PipeIo.END_OF_STREAM, c.readMessage());
      assertEquals(-1, c.read(ByteBuffer.allocate(1)));
      assertTrue(s.kernel.inFlight(c.handle, Kind.READ).isEmpty(), "no read after the end");
      c.close();
    }
  }

  @Test
  void brokenPipeIsEndOfStream() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      s.kernel.completeRead(c.handle, Win32.ERROR_BROKEN_PIPE, new byte[0]);
      s.drain();
      assertTrue((c.readiness().bits() & Readiness.READ_CLOSED) != 0);
      assertEquals(-1, c.read(ByteBuffer.allocate(1)));
      c.close();
    }
  }

  @Test
  void notConnectedIsEndOfStreamOnAClientAndIdleOnAServer() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      s.kernel.completeRead(c.handle, Win32.ERROR_PIPE_NOT_CONNECTED, new byte[0]);
      s.drain();
      assertEquals(-1, c.read(ByteBuffer.allocate(1)));
      c.close();

      WindowsPipe server = ScriptedConnectTest.connectedServer(s, false);
      s.kernel.completeRead(server.handle, Win32.ERROR_PIPE_NOT_CONNECTED, new byte[0]);
      s.drain();
      assertFalse(readable(server));
      assertEquals(0, server.read(ByteBuffer.allocate(1)), "idle; a read is issued again");
      assertEquals(1, s.kernel.inFlight(server.handle, Kind.READ).size());
      server.close();
    }
  }

  @Test
  void anAbortedOrListeningReadGoesIdleAndTheNextReadIssuesAgain() throws Exception {
    try (Scripted s = new Scripted()) {
      for (int code : new int[] {Win32.ERROR_OPERATION_ABORTED, Win32.ERROR_PIPE_LISTENING}) {
        WindowsPipe c = s.client(false);
        s.kernel.completeRead(c.handle, code, new byte[0]);
        s.drain();
        assertFalse(readable(c));
        assertTrue(s.kernel.inFlight(c.handle, Kind.READ).isEmpty());
        assertEquals(0, c.read(ByteBuffer.allocate(1)));
        assertEquals(1, s.kernel.inFlight(c.handle, Kind.READ).size(), "re-issued");
        c.close();
      }
    }
  }

  @Test
  void aFailedReadIsThrownOnceThenReadingResumes() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(true);
      s.kernel.completeRead(c.handle, Win32.ERROR_INVALID_PARAMETER, new byte[0]);
      s.drain();
      assertTrue(readable(c), "a failure is readable");
      PipeException e = assertThrows(PipeException.class, () -> c.read(ByteBuffer.allocate(1)));
      assertEquals(Win32.ERROR_INVALID_PARAMETER, e.osError());
      assertNull(c.readMessage(), "reported once; now would block");
      s.kernel.completeRead(c.handle, Win32.ERROR_NOT_SUPPORTED, new byte[0]);
      s.drain();
      assertThrows(PipeException.class, c::readMessage);
      c.close();
    }
  }

  @Test
  void aFailureAtOnceIsReportedWithoutAPacket() throws Exception {
    try (Scripted s = new Scripted()) {
      Scripted.Handle h = s.handle();
      s.kernel.script(h.handle(), Kind.READ, Reply.error(Win32.ERROR_BROKEN_PIPE));
      WindowsPipe c = h.idleClient(false);
      assertEquals(-1, c.read(ByteBuffer.allocate(4)), "the first read issues it: failed at once");
      assertEquals(0, s.kernel.packetsQueued());
      c.close();
      assertEquals(0, s.driver.registeredPipes(), "nothing in flight: freed at close");
    }
  }

  @Test
  void scatteringReadFillsBuffersInOrderAndStopsAtAFullOne() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      s.kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, bytes("abcdef"));
      s.drain();
      ByteBuffer a = ByteBuffer.allocate(2);
      ByteBuffer b = ByteBuffer.allocate(3);
      assertEquals(5, c.read(new ByteBuffer[] {a, b}, 0, 2));
      assertEquals("ab", text(a));
      assertEquals("cde", text(b));
      ByteBuffer rest = ByteBuffer.allocate(10);
      assertEquals(1, c.read(new ByteBuffer[] {rest}, 0, 1));
      assertEquals("f", text(rest));
      c.close();
    }
  }

  @Test
  void scatteringReadWhoseBytesEndWithABufferLeavesTheNextUntouched() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      s.kernel.completeRead(c.handle, Win32.ERROR_SUCCESS, bytes("abc"));
      s.drain();
      ByteBuffer a = ByteBuffer.allocate(3);
      ByteBuffer b = ByteBuffer.allocate(2);
      assertEquals(3, c.read(new ByteBuffer[] {a, b}, 0, 2));
      assertEquals("abc", text(a));
      assertEquals(0, b.position());
      c.close();
    }
  }

  @Test
  void aMessageIsNeverJoinedWithTheNext() throws Exception {
    try (Scripted s = new Scripted()) {
      Scripted.Handle h = s.handle();
      s.kernel.script(h.handle(), Kind.READ, Reply.now(bytes("one")), Reply.now(bytes("two")));
      WindowsPipe c = h.client(true);
      ByteBuffer dst = ByteBuffer.allocate(16);
      assertEquals(3, c.read(dst));
      assertEquals("one", text(dst));
      assertEquals(0, c.messageBytesRemaining(), "the next message is untouched");
      assertArrayEquals(bytes("two"), c.readMessage());
      assertNull(c.readMessage(), "would block: the next read is in flight");
      c.close();
    }
  }

  @Test
  void readMessageOnAByteModePipeIsRefused() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      assertThrows(UnsupportedOperationException.class, c::readMessage);
      c.close();
      assertThrows(java.nio.channels.ClosedChannelException.class, c::readMessage);
      assertEquals(0, c.messageBytesRemaining());
    }
  }
}
