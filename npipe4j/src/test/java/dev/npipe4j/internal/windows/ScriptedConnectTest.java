package dev.npipe4j.internal.windows;

import static dev.npipe4j.internal.windows.Scripted.bytes;
import static dev.npipe4j.internal.windows.Scripted.readable;
import static dev.npipe4j.internal.windows.Scripted.text;
import static dev.npipe4j.internal.windows.Scripted.writable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.PipeException;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.windows.ScriptedKernel.Kind;
import dev.npipe4j.internal.windows.ScriptedKernel.Reply;
import dev.npipe4j.internal.windows.win32.Win32;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The connect state machine ({@link PipeConnector}) and disconnect, against a scripted kernel. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScriptedConnectTest {
  /**
   * A server whose pended connect has completed and that has begun to read: a client is there, a
   * read is in flight.
   */
  static WindowsPipe connectedServer(Scripted s, boolean messageMode) throws Exception {
    WindowsPipe server = s.server(messageMode);
    CompletableFuture<Void> connect = server.connect();
    s.kernel.completeConnect(server.handle, Win32.ERROR_SUCCESS);
    s.drain();
    connect.get(5, TimeUnit.SECONDS);
    return Scripted.reading(server);
  }

  @Test
  void aPendedConnectCompletesEveryCallerAndMakesThePipeWritable() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe server = s.server(false);
      CompletableFuture<Void> first = server.connect();
      CompletableFuture<Void> second = server.connect();
      assertNotSame(first, second, "each caller its own future");
      assertEquals(1, s.kernel.inFlight(server.handle, Kind.CONNECT).size(), "one listen");
      first.cancel(false); // cancelling one leaves the instance listening
      assertFalse(writable(server));
      s.kernel.completeConnect(server.handle, Win32.ERROR_SUCCESS);
      s.drain();
      second.get(5, TimeUnit.SECONDS);
      assertTrue(writable(server));
      assertTrue(
          s.kernel.inFlight(server.handle, Kind.READ).isEmpty(), "no read until one is asked for");
      assertTrue(server.readiness().whenMet(Readiness.READABLE, () -> {}), "nothing to read yet");
      assertEquals(1, s.kernel.inFlight(server.handle, Kind.READ).size(), "a wait issues it");
      assertTrue(server.connect().isDone(), "already connected");
      server.close();
    }
  }

  @Test
  void aClientAlreadyThereOrAlreadyGoneCountsAsConnected() throws Exception {
    try (Scripted s = new Scripted()) {
      for (int code : new int[] {Win32.ERROR_PIPE_CONNECTED, Win32.ERROR_NO_DATA}) {
        Scripted.Handle h = s.handle();
        s.kernel.script(h.handle(), Kind.CONNECT, Reply.error(code));
        WindowsPipe server = h.server(false);
        CompletableFuture<Void> connect = server.connect();
        assertTrue(connect.isDone(), "no packet for " + code);
        assertEquals(0, s.kernel.packetsQueued());
        assertTrue(writable(server));
        server.close();
        s.drain();
      }
    }
  }

  @Test
  void aConnectDoneAtOnceInSkipModeNeedsNoPacket() throws Exception {
    try (Scripted s = new Scripted()) {
      Scripted.Handle h = s.handle();
      s.kernel.script(h.handle(), Kind.CONNECT, Reply.now(new byte[0]));
      WindowsPipe server = h.server(false);
      server.connect().get(5, TimeUnit.SECONDS);
      assertEquals(0, s.kernel.packetsQueued());
      server.close();
    }
  }

  @Test
  void skipOnSuccessRefusedWaitsForTheConnectPacket() throws Exception {
    try (Scripted s = new Scripted()) {
      s.kernel.refuseSkipOnSuccess = true;
      Scripted.Handle h = s.handle();
      s.kernel.script(h.handle(), Kind.CONNECT, Reply.now(new byte[0]));
      WindowsPipe server = h.server(false);
      CompletableFuture<Void> connect = server.connect();
      assertFalse(connect.isDone());
      s.drain();
      connect.get(5, TimeUnit.SECONDS);
      server.close();
    }
  }

  @Test
  void aFailedConnectFailsItsCallersAndAllowsAnother() throws Exception {
    try (Scripted s = new Scripted()) {
      Scripted.Handle h = s.handle();
      s.kernel.script(h.handle(), Kind.CONNECT, Reply.error(Win32.ERROR_INVALID_PARAMETER));
      WindowsPipe server = h.server(false);
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> server.connect().get(5, TimeUnit.SECONDS));
      assertInstanceOf(PipeException.class, e.getCause());
      CompletableFuture<Void> again = server.connect();
      s.kernel.completeConnect(server.handle, Win32.ERROR_NOT_SUPPORTED);
      s.drain();
      e = assertThrows(ExecutionException.class, () -> again.get(5, TimeUnit.SECONDS));
      assertEquals(Win32.ERROR_NOT_SUPPORTED, ((PipeException) e.getCause()).osError());
      server.close();
    }
  }

  @Test
  void disconnectDropsTheClientsDataAndItsReadInFlightIsStale() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe server = connectedServer(s, false);
      server.disconnect();
      assertFalse(writable(server));
      assertEquals(0, server.write(ByteBuffer.wrap(bytes("x"))), "no client");
      // The old client's read completes after the disconnect: its bytes must not reach anyone.
      s.kernel.completeRead(server.handle, Win32.ERROR_SUCCESS, bytes("old"));
      s.drain();
      assertFalse(readable(server));
      assertTrue(s.kernel.inFlight(server.handle, Kind.READ).isEmpty(), "not connected: idle");

      CompletableFuture<Void> next = server.connect();
      s.kernel.completeConnect(server.handle, Win32.ERROR_SUCCESS);
      s.drain();
      next.get(5, TimeUnit.SECONDS);
      Scripted.reading(server);
      s.kernel.completeRead(server.handle, Win32.ERROR_SUCCESS, bytes("new"));
      s.drain();
      ByteBuffer dst = ByteBuffer.allocate(8);
      assertEquals(3, server.read(dst));
      assertEquals("new", text(dst));
      server.close();
    }
  }

  @Test
  void aStaleReadCompletingAfterTheNextClientCameStartsItsRead() throws Exception {
    try (Scripted s = new Scripted()) {
      Scripted.Handle h = s.handle();
      s.kernel.script(h.handle(), Kind.CONNECT, Reply.pending(), Reply.error(535));
      s.kernel.script(h.handle(), Kind.WRITE, Reply.pending());
      WindowsPipe server = h.server(false);
      CompletableFuture<Void> first = server.connect();
      s.kernel.completeConnect(server.handle, Win32.ERROR_SUCCESS);
      s.drain();
      first.get(5, TimeUnit.SECONDS);
      Scripted.reading(server);
      server.write(ByteBuffer.wrap(bytes("w")));
      server.disconnect();
      server.connect().get(5, TimeUnit.SECONDS); // the next client is already there
      assertEquals(0, server.write(ByteBuffer.allocate(1)), "the stale write still owns it");
      s.kernel.completeWrite(server.handle, Win32.ERROR_NO_DATA, 0);
      s.kernel.completeRead(server.handle, Win32.ERROR_BROKEN_PIPE, new byte[0]);
      s.drain();
      assertTrue(writable(server), "the stale write's failure is not the new client's");
      assertEquals(1, server.write(ByteBuffer.wrap(bytes("k"))));
      assertEquals(1, s.kernel.inFlight(server.handle, Kind.READ).size(), "a fresh read");
      assertEquals(0, server.read(ByteBuffer.allocate(1)), "no stale end of stream");
      server.close();
    }
  }

  @Test
  void disconnectOutcomes() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe server = s.server(false);
      CompletableFuture<Void> listening = server.connect();
      server.disconnect(); // no client yet: keeps listening
      assertFalse(listening.isDone());
      s.kernel.completeConnect(server.handle, Win32.ERROR_SUCCESS);
      s.drain();
      listening.get(5, TimeUnit.SECONDS);
      for (int code : new int[] {Win32.ERROR_PIPE_NOT_CONNECTED, Win32.ERROR_PIPE_LISTENING}) {
        s.kernel.disconnectError = code;
        server.disconnect();
      }
      s.kernel.disconnectError = Win32.ERROR_INVALID_PARAMETER;
      PipeException e = assertThrows(PipeException.class, server::disconnect);
      assertEquals(Win32.ERROR_INVALID_PARAMETER, e.osError());
      s.kernel.disconnectError = Win32.ERROR_SUCCESS;
      server.close();
      assertThrows(ClosedChannelException.class, server::disconnect);
      ExecutionException closed =
          assertThrows(ExecutionException.class, () -> server.connect().get());
      assertInstanceOf(ClosedChannelException.class, closed.getCause());
    }
  }

  @Test
  void closeFailsAPendingConnectAndCancelsIt() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe server = s.server(false);
      CompletableFuture<Void> connect = server.connect();
      server.close();
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> connect.get(5, TimeUnit.SECONDS));
      assertInstanceOf(AsynchronousCloseException.class, e.getCause());
      assertEquals(1, s.kernel.cancelled().size());
      s.drain();
      assertEquals(0, s.driver.registeredPipes());
    }
  }

  @Test
  void peerProcessIdAndInfo() throws Exception {
    try (Scripted s = new Scripted()) {
      WindowsPipe server = s.server(true);
      assertThrows(PipeException.class, server::peerProcessId, "no client yet");
      server.close();
      WindowsPipe c = s.client(true);
      assertEquals(4242, c.peerProcessId());
      assertEquals(dev.npipe4j.PipeMode.MESSAGE, c.info().mode());
      c.close();
      assertThrows(ClosedChannelException.class, c::info);
    }
  }
}
