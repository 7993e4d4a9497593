package dev.npipe4j.internal.windows.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Windows behaviours the IOCP driver relies on, which Wine reproduces as Windows does. No
 * assumption: these must hold under Wine and on Windows.
 */
@EnabledOnOs(OS.WINDOWS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WindowsPipeBehaviourTest {
  private static final long SERVER = 10;
  private static final long CLIENT = 20;

  /** A connected server/client pair; the connect packet (if any) is consumed. */
  private static MemorySegment[] connected(RawPipes p, String name, int pipeMode) {
    MemorySegment server = p.server(name, pipeMode, 1, SERVER);
    MemorySegment connect = p.overlapped();
    boolean pending =
        !Kernel32.ConnectNamedPipe(server, connect)
            && Kernel32.lastError() == Win32.ERROR_IO_PENDING;
    MemorySegment client = p.client(name, CLIENT);
    if (pending) {
      p.take(connect);
    }
    return new MemorySegment[] {server, client};
  }

  @Test
  void synchronousSuccessStillQueuesAPacket() {
    try (RawPipes p = new RawPipes()) {
      MemorySegment[] pair = connected(p, RawPipes.uniqueName("sync"), Win32.PIPE_TYPE_BYTE);
      MemorySegment write = p.overlapped();
      MemorySegment data = p.bytes("ready");
      if (!Kernel32.WriteFile(pair[1], data, 5, Win32.NULL, write)) {
        assertEquals(Win32.ERROR_IO_PENDING, Kernel32.lastError());
      }
      p.take(write);
      // The data is in the pipe: the read completes synchronously, and still queues its packet.
      MemorySegment read = p.overlapped();
      MemorySegment buffer = p.arena.allocate(64);
      assertTrue(Kernel32.ReadFile(pair[0], buffer, 64, Win32.NULL, read), "sync read");
      RawPipes.Packet packet = p.take(read);
      assertEquals(SERVER, packet.key());
      assertEquals(5, packet.bytes());
      assertEquals("ready", RawPipes.string(buffer, 5));
    }
  }

  @Test
  void immediateFailureQueuesNoPacket() {
    try (RawPipes p = new RawPipes()) {
      MemorySegment server = p.server(RawPipes.uniqueName("nopacket"), Win32.PIPE_TYPE_BYTE, 1, 1);
      MemorySegment write = p.overlapped();
      assertFalse(Kernel32.WriteFile(server, p.bytes("x"), 1, Win32.NULL, write));
      int err = Kernel32.lastError();
      assertEquals(Win32Outcome.LISTENING, Win32Outcome.of(err), "write before a client: " + err);
      assertNull(p.poll(300), "no packet for an immediate failure");
      assertEquals(Win32.WAIT_TIMEOUT, Kernel32.lastError());
    }
  }

  @Test
  void connectAfterTheClientCameAndWentIsNoData() {
    String name = RawPipes.uniqueName("nodata");
    try (RawPipes p = new RawPipes()) {
      MemorySegment server = p.server(name, Win32.PIPE_TYPE_BYTE, 1, SERVER);
      MemorySegment client = p.tryOpen(name);
      assertFalse(Win32.isInvalidHandle(client));
      p.close(client);
      MemorySegment connect = p.overlapped();
      assertFalse(Kernel32.ConnectNamedPipe(server, connect));
      assertEquals(Win32.ERROR_NO_DATA, Kernel32.lastError());
      assertNull(p.poll(300), "no packet for ERROR_NO_DATA");
    }
  }

  @Test
  void connectWithTheClientAlreadyThereIsPipeConnected() {
    String name = RawPipes.uniqueName("connected");
    try (RawPipes p = new RawPipes()) {
      MemorySegment server = p.server(name, Win32.PIPE_TYPE_BYTE, 1, SERVER);
      p.client(name, CLIENT);
      MemorySegment connect = p.overlapped();
      assertFalse(Kernel32.ConnectNamedPipe(server, connect));
      assertEquals(Win32.ERROR_PIPE_CONNECTED, Kernel32.lastError());
      assertEquals(Win32Outcome.CONNECTED, Win32Outcome.of(Win32.ERROR_PIPE_CONNECTED));
      assertNull(p.poll(300), "no packet for ERROR_PIPE_CONNECTED");
    }
  }

  @Test
  void closingOwnHandleWithAPendingReadDeliversBrokenPipe() {
    try (RawPipes p = new RawPipes()) {
      MemorySegment[] pair = connected(p, RawPipes.uniqueName("ownclose"), Win32.PIPE_TYPE_BYTE);
      MemorySegment read = p.overlapped();
      MemorySegment buffer = p.arena.allocate(64);
      assertFalse(Kernel32.ReadFile(pair[0], buffer, 64, Win32.NULL, read));
      assertEquals(Win32.ERROR_IO_PENDING, Kernel32.lastError());
      p.close(pair[0]);
      RawPipes.Packet packet = p.take(read);
      assertEquals(SERVER, packet.key());
      assertEquals(0, packet.bytes());
      assertEquals(Win32.ERROR_BROKEN_PIPE, p.result(pair[0], read));
    }
  }

  @Test
  void peerCloseGivesBrokenPipeToReadsAndNoDataToWritesAfterTheData() {
    try (RawPipes p = new RawPipes()) {
      MemorySegment[] pair = connected(p, RawPipes.uniqueName("peer"), Win32.PIPE_TYPE_BYTE);
      MemorySegment write = p.overlapped();
      if (!Kernel32.WriteFile(pair[1], p.bytes("last words"), 10, Win32.NULL, write)) {
        assertEquals(Win32.ERROR_IO_PENDING, Kernel32.lastError());
      }
      p.take(write);
      p.close(pair[1]);
      MemorySegment buffer = p.arena.allocate(64);
      MemorySegment read = p.overlapped();
      if (!Kernel32.ReadFile(pair[0], buffer, 64, Win32.NULL, read)) {
        assertEquals(Win32.ERROR_IO_PENDING, Kernel32.lastError());
      }
      assertEquals(10, p.take(read).bytes(), "data written before the close is still read");
      assertEquals("last words", RawPipes.string(buffer, 10));
      MemorySegment eof = p.overlapped();
      assertFalse(Kernel32.ReadFile(pair[0], buffer, 64, Win32.NULL, eof));
      assertEquals(Win32.ERROR_BROKEN_PIPE, Kernel32.lastError());
      assertEquals(Win32Outcome.EOF, Win32Outcome.of(Win32.ERROR_BROKEN_PIPE));
      MemorySegment write2 = p.overlapped();
      assertFalse(Kernel32.WriteFile(pair[0], p.bytes("x"), 1, Win32.NULL, write2));
      assertEquals(Win32.ERROR_NO_DATA, Kernel32.lastError());
    }
  }

  @Test
  void afterDisconnectBothEndsAreNotConnected() {
    try (RawPipes p = new RawPipes()) {
      MemorySegment[] pair = connected(p, RawPipes.uniqueName("disc"), Win32.PIPE_TYPE_BYTE);
      assertTrue(Kernel32.DisconnectNamedPipe(pair[0]));
      MemorySegment buffer = p.arena.allocate(16);
      assertFalse(Kernel32.ReadFile(pair[0], buffer, 16, Win32.NULL, p.overlapped()));
      assertEquals(Win32.ERROR_PIPE_NOT_CONNECTED, Kernel32.lastError());
      assertFalse(Kernel32.WriteFile(pair[1], buffer, 1, Win32.NULL, p.overlapped()));
      assertEquals(Win32.ERROR_PIPE_NOT_CONNECTED, Kernel32.lastError());
    }
  }

  @Test
  void shortMessageReadIsMoreDataWithThePartialCount() {
    int mode = Win32.PIPE_TYPE_MESSAGE | Win32.PIPE_READMODE_MESSAGE;
    try (RawPipes p = new RawPipes()) {
      MemorySegment[] pair = connected(p, RawPipes.uniqueName("msg"), mode);
      MemorySegment write = p.overlapped();
      if (!Kernel32.WriteFile(pair[1], p.bytes("0123456789"), 10, Win32.NULL, write)) {
        assertEquals(Win32.ERROR_IO_PENDING, Kernel32.lastError());
      }
      p.take(write);
      MemorySegment buffer = p.arena.allocate(16);
      MemorySegment first = p.overlapped();
      assertFalse(Kernel32.ReadFile(pair[0], buffer, 4, Win32.NULL, first));
      int err = Kernel32.lastError();
      assertTrue(err == Win32.ERROR_MORE_DATA || err == Win32.ERROR_IO_PENDING, "read: " + err);
      // Without skip-on-success a packet is queued either way; its result is ERROR_MORE_DATA.
      assertEquals(4, p.take(first).bytes());
      assertEquals(Win32.ERROR_MORE_DATA, p.result(pair[0], first));
      assertEquals(4, p.transferred(pair[0], first));
      MemorySegment rest = p.overlapped();
      if (!Kernel32.ReadFile(pair[0], buffer.asSlice(4), 12, Win32.NULL, rest)) {
        assertEquals(Win32.ERROR_IO_PENDING, Kernel32.lastError());
      }
      assertEquals(6, p.take(rest).bytes());
      assertEquals("0123456789", RawPipes.string(buffer, 10));
    }
  }

  @Test
  void postedPacketsWakeTheWaiter() {
    try (RawPipes p = new RawPipes()) {
      assertTrue(Iocp.PostQueuedCompletionStatus(p.port, 7, 42L, Win32.NULL));
      RawPipes.Packet packet = p.take();
      assertEquals(42L, packet.key());
      assertEquals(7, packet.bytes());
      assertEquals(0L, packet.overlapped());
    }
  }
}
