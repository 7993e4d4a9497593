package dev.npipe4j.internal.windows;

import static dev.npipe4j.internal.windows.Scripted.bytes;
import static dev.npipe4j.internal.windows.Scripted.writable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.PipeException;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.windows.ScriptedKernel.Kind;
import dev.npipe4j.internal.windows.ScriptedKernel.Reply;
import dev.npipe4j.internal.windows.win32.Win32;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The write state machine ({@link PipeWriter}) against a scripted kernel, on every OS. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScriptedWriteTest {
  @Test
  void aWriteDoneAtOnceKeepsThePipeWritable() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      ByteBuffer src = ByteBuffer.wrap(bytes("hello"));
      assertEquals(5, c.write(src));
      assertFalse(src.hasRemaining());
      assertTrue(writable(c));
      assertEquals(0, c.write(ByteBuffer.allocate(0)), "nothing to write");
      assertArrayEquals(bytes("hello"), s.kernel.written(c.handle));
      c.close();
    }
  }

  @Test
  void aPendedWriteMakesThePipeUnwritableUntilItsPacket() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      s.kernel.script(c.handle, Kind.WRITE, Reply.pending());
      assertEquals(3, c.write(ByteBuffer.wrap(bytes("abc"))), "taken, in flight");
      assertFalse(writable(c));
      ByteBuffer more = ByteBuffer.wrap(bytes("d"));
      assertEquals(0, c.write(more), "one write at a time");
      assertEquals(1, more.remaining(), "nothing consumed");
      s.kernel.completeWrite(c.handle, Win32.ERROR_SUCCESS, 3);
      s.drain();
      assertTrue(writable(c));
      assertArrayEquals(bytes("abc"), s.kernel.written(c.handle), "bytes read at completion");
      c.close();
    }
  }

  @Test
  void skipOnSuccessRefusedWaitsForThePacketOfAWriteDoneAtOnce() throws Exception {
    try (Scripted s = new Scripted()) {
      s.kernel.refuseSkipOnSuccess = true;
      WindowsPipe c = s.client(false);
      assertEquals(2, c.write(ByteBuffer.wrap(bytes("hi"))));
      assertFalse(writable(c), "the packet is still to come");
      s.drain();
      assertTrue(writable(c));
      c.close();
    }
  }

  @Test
  void aShortWriteSendsTheRestBeforeReportingWritable() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      s.kernel.script(c.handle, Kind.WRITE, Reply.pending(), Reply.pending());
      assertEquals(6, c.write(ByteBuffer.wrap(bytes("abcdef"))));
      s.kernel.completeWrite(c.handle, Win32.ERROR_SUCCESS, 4);
      s.drain();
      assertFalse(writable(c), "the rest is in flight");
      assertEquals(2, s.kernel.inFlight(c.handle, Kind.WRITE).getFirst().buffer().byteSize());
      s.kernel.completeWrite(c.handle, Win32.ERROR_SUCCESS, 2);
      s.drain();
      assertTrue(writable(c));
      assertArrayEquals(bytes("abcdef"), s.kernel.written(c.handle));
      c.close();
    }
  }

  @Test
  void aFailedPacketIsThrownByTheNextWrite() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      s.kernel.script(c.handle, Kind.WRITE, Reply.pending(), Reply.pending());
      c.write(ByteBuffer.wrap(bytes("x")));
      s.kernel.completeWrite(c.handle, Win32.ERROR_NO_DATA, 0);
      s.drain();
      assertEquals(
          Readiness.WRITABLE | Readiness.WRITE_CLOSED, c.readiness().bits() & 10, "wakes writers");
      PipeException e = assertThrows(PipeException.class, () -> c.write(ByteBuffer.allocate(1)));
      assertEquals(Win32.ERROR_NO_DATA, e.osError());
      // Another failure: writable again, without WRITE_CLOSED.
      c.write(ByteBuffer.wrap(bytes("y")));
      s.kernel.completeWrite(c.handle, Win32.ERROR_INVALID_PARAMETER, 0);
      s.drain();
      assertThrows(PipeException.class, () -> c.write(ByteBuffer.allocate(1)));
      c.close();
    }
  }

  @Test
  void anAbortedWriteIsNotAnError() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      s.kernel.script(c.handle, Kind.WRITE, Reply.pending());
      c.write(ByteBuffer.wrap(bytes("x")));
      s.kernel.completeWrite(c.handle, Win32.ERROR_OPERATION_ABORTED, 0);
      s.drain();
      assertTrue(writable(c));
      assertEquals(1, c.write(ByteBuffer.wrap(bytes("z"))));
      c.close();
    }
  }

  @Test
  void aFailureAtOnceIsThrownAndConsumesNothing() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      s.kernel.script(c.handle, Kind.WRITE, Reply.error(Win32.ERROR_NO_DATA));
      ByteBuffer src = ByteBuffer.wrap(bytes("abc"));
      PipeException e = assertThrows(PipeException.class, () -> c.write(src));
      assertEquals(Win32.ERROR_NO_DATA, e.osError());
      assertEquals(3, src.remaining());
      assertTrue((c.readiness().bits() & Readiness.WRITE_CLOSED) != 0);
      assertEquals(0, s.kernel.packetsQueued());
      c.close();
    }
  }

  @Test
  void listeningAtOnceTakesNothingAndIsNotWritable() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(false);
      s.kernel.script(c.handle, Kind.WRITE, Reply.error(Win32.ERROR_PIPE_LISTENING));
      ByteBuffer src = ByteBuffer.wrap(bytes("abc"));
      assertEquals(0, c.write(src));
      assertEquals(3, src.remaining());
      assertFalse(writable(c));
      c.close();
    }
  }

  @Test
  void aByteModeWriteTakesOneChunkAndAMessageTakesAll() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe bytesPipe = s.client(false);
      ByteBuffer big = ByteBuffer.allocate(PipeWriter.MAX_CHUNK + 10);
      assertEquals(PipeWriter.MAX_CHUNK, bytesPipe.write(big));
      assertEquals(10, big.remaining());
      bytesPipe.close();

      WindowsPipe messages = s.client(true);
      ByteBuffer a = ByteBuffer.wrap(bytes("ab"));
      ByteBuffer b = ByteBuffer.wrap(bytes("cd"));
      assertEquals(4, messages.write(new ByteBuffer[] {a, b}, 0, 2), "a gathered message");
      assertArrayEquals(bytes("abcd"), s.kernel.written(messages.handle));
      messages.close();
    }
  }

  @Test
  void aServerWithoutAClientTakesNothing() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe server = s.server(true);
      assertEquals(0, server.write(ByteBuffer.wrap(bytes("x"))));
      assertThrows(PipeException.class, server::closeWrite, "no peer to end");
      server.close();
      assertThrows(ClosedChannelException.class, () -> server.write(ByteBuffer.allocate(1)));
    }
  }

  @Test
  void closeWriteSendsAnEmptyMessageOnceAndWritesFailAfter() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(true);
      c.closeWrite();
      c.closeWrite(); // idempotent
      assertTrue((c.readiness().bits() & Readiness.WRITE_CLOSED) != 0);
      assertEquals(0, s.kernel.written(c.handle).length, "one zero-length message");
      assertThrows(ClosedChannelException.class, () -> c.write(ByteBuffer.allocate(1)));
      c.close();
    }
  }

  @Test
  void closeWriteWaitsForTheWriteInFlight() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(true);
      s.kernel.script(c.handle, Kind.WRITE, Reply.pending(), Reply.pending());
      c.write(ByteBuffer.wrap(bytes("last")));
      c.closeWrite();
      assertEquals(1, s.kernel.inFlight(c.handle, Kind.WRITE).size(), "the message only");
      s.kernel.completeWrite(c.handle, Win32.ERROR_SUCCESS, 4);
      s.drain();
      var empty = s.kernel.inFlight(c.handle, Kind.WRITE);
      assertEquals(0, empty.getFirst().buffer().byteSize(), "then the empty message");
      s.kernel.completeWrite(c.handle, Win32.ERROR_SUCCESS, 0);
      s.drain();
      assertTrue(writable(c));
      c.close();
    }
  }

  @Test
  void closeWriteReportsADeferredOrImmediateFailure() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe c = s.client(true);
      s.kernel.script(c.handle, Kind.WRITE, Reply.pending());
      c.write(ByteBuffer.wrap(bytes("x")));
      s.kernel.completeWrite(c.handle, Win32.ERROR_NO_DATA, 0);
      s.drain();
      assertThrows(PipeException.class, c::closeWrite, "the deferred failure");
      s.kernel.script(c.handle, Kind.WRITE, Reply.error(Win32.ERROR_NO_DATA));
      assertThrows(PipeException.class, c::closeWrite, "the empty message refused");
      c.close();
    }
  }

  @Test
  void closeWriteOnAByteTypePipeIsRefused() throws Exception {
    try (Scripted s = new Scripted()) {
      s.kernel.pipeFlags = Win32.PIPE_TYPE_BYTE;
      WindowsPipe c = s.client(false);
      assertThrows(UnsupportedOperationException.class, c::closeWrite);
      c.close();
      WindowsPipe server = s.server(false);
      assertThrows(UnsupportedOperationException.class, server::closeWrite);
      server.close();
    }
  }
}
