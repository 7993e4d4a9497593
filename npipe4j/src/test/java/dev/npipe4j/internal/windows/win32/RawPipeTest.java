package dev.npipe4j.internal.windows.win32;

import static dev.npipe4j.internal.windows.win32.Win32Layouts.DWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.PipeBusyException;
import dev.npipe4j.PipeError;
import dev.npipe4j.PipeNotFoundException;
import dev.npipe4j.internal.windows.WindowsErrors;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Real Windows named pipes through the raw bindings and one completion port. */
@EnabledOnOs(OS.WINDOWS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RawPipeTest {
  private static final long SERVER = 1;
  private static final long CLIENT = 2;

  @Test
  void connectAndMoveBytesBothWaysThroughTheCompletionPort() {
    String name = RawPipes.uniqueName("raw");
    try (RawPipes p = new RawPipes()) {
      MemorySegment server = p.server(name, Win32.PIPE_TYPE_BYTE, 1, SERVER);
      MemorySegment connect = p.overlapped();
      boolean pendingConnect;
      if (Kernel32.ConnectNamedPipe(server, connect)) {
        pendingConnect = true; // completed at once: a packet is still queued
      } else {
        int err = Kernel32.lastError();
        assertTrue(
            err == Win32.ERROR_IO_PENDING || err == Win32.ERROR_PIPE_CONNECTED, "connect: " + err);
        pendingConnect = err == Win32.ERROR_IO_PENDING;
      }
      MemorySegment client = p.client(name, CLIENT);
      if (pendingConnect) {
        RawPipes.Packet c = p.take(connect);
        assertEquals(SERVER, c.key());
        assertEquals(0, p.result(server, connect));
      }

      transfer(p, client, CLIENT, server, SERVER, "hello from the client");
      transfer(p, server, SERVER, client, CLIENT, "and back from the server");

      MemorySegment flags = p.arena.allocate(DWORD);
      MemorySegment out = p.arena.allocate(DWORD);
      MemorySegment in = p.arena.allocate(DWORD);
      MemorySegment max = p.arena.allocate(DWORD);
      assertTrue(Kernel32.GetNamedPipeInfo(server, flags, out, in, max), "GetNamedPipeInfo");
      assertEquals(Win32.PIPE_SERVER_END | Win32.PIPE_TYPE_BYTE, flags.get(DWORD, 0));
      assertEquals(65536, out.get(DWORD, 0));
      assertEquals(65536, in.get(DWORD, 0));
      assertEquals(1, max.get(DWORD, 0));
      assertTrue(Kernel32.GetNamedPipeInfo(client, flags, Win32.NULL, Win32.NULL, max));
      assertEquals(Win32.PIPE_CLIENT_END | Win32.PIPE_TYPE_BYTE, flags.get(DWORD, 0));
      assertEquals(1, max.get(DWORD, 0));

      MemorySegment pid = p.arena.allocate(DWORD);
      assertTrue(Kernel32.GetNamedPipeClientProcessId(server, pid));
      assertEquals(Kernel32System.GetCurrentProcessId(), pid.get(DWORD, 0));
      assertTrue(Kernel32.GetNamedPipeServerProcessId(client, pid));
      assertEquals(Kernel32System.GetCurrentProcessId(), pid.get(DWORD, 0));
    }
  }

  /** Writes {@code text} on {@code from} and reads it on {@code to}, both overlapped. */
  private static void transfer(
      RawPipes p, MemorySegment from, long fromKey, MemorySegment to, long toKey, String text) {
    MemorySegment data = p.bytes(text);
    MemorySegment buffer = p.arena.allocate(65536);
    MemorySegment read = p.overlapped();
    MemorySegment write = p.overlapped();
    boolean readDone = Kernel32.ReadFile(to, buffer, (int) buffer.byteSize(), Win32.NULL, read);
    if (!readDone) {
      assertEquals(Win32.ERROR_IO_PENDING, Kernel32.lastError(), "ReadFile");
    }
    boolean writeDone = Kernel32.WriteFile(from, data, (int) data.byteSize(), Win32.NULL, write);
    if (!writeDone) {
      assertEquals(Win32.ERROR_IO_PENDING, Kernel32.lastError(), "WriteFile");
    }
    // Exactly two packets, in either order, sync success or not.
    for (int i = 0; i < 2; i++) {
      RawPipes.Packet packet = p.take();
      if (packet.overlapped() == read.address()) {
        assertEquals(toKey, packet.key());
        assertEquals(text.length(), packet.bytes());
        assertEquals(0, p.result(to, read));
        assertEquals(text, RawPipes.string(buffer, packet.bytes()));
      } else {
        assertEquals(write.address(), packet.overlapped());
        assertEquals(fromKey, packet.key());
        assertEquals(text.length(), packet.bytes());
      }
    }
    assertFalse(Win32.isNull(data));
  }

  @Test
  void secondClientOfABusyPipeGetsPipeBusy() {
    String name = RawPipes.uniqueName("busy");
    try (RawPipes p = new RawPipes()) {
      MemorySegment server = p.server(name, Win32.PIPE_TYPE_BYTE, 1, SERVER);
      MemorySegment connect = p.overlapped();
      boolean pending =
          !Kernel32.ConnectNamedPipe(server, connect)
              && Kernel32.lastError() == Win32.ERROR_IO_PENDING;
      p.client(name, CLIENT);
      if (pending) {
        p.take(connect);
      }
      MemorySegment second = p.tryOpen(name);
      int err = Kernel32.lastError();
      assertTrue(Win32.isInvalidHandle(second), "a second client must not get in");
      assertEquals(Win32.ERROR_PIPE_BUSY, err);
      assertInstanceOf(PipeBusyException.class, WindowsErrors.toIOException(err, name, "open"));
    }
  }

  @Test
  void missingPipeIsFileNotFound() {
    String name = RawPipes.uniqueName("missing");
    try (RawPipes p = new RawPipes()) {
      MemorySegment h = p.tryOpen(name);
      int err = Kernel32.lastError();
      assertTrue(Win32.isInvalidHandle(h));
      assertEquals(Win32.ERROR_FILE_NOT_FOUND, err);
      var e = WindowsErrors.toIOException(err, name, "CreateFileW");
      assertInstanceOf(PipeNotFoundException.class, e);
      assertEquals(2, ((PipeError) e).osError());
    }
  }

  @Test
  void lastErrorIsPerThread() throws Exception {
    String missing = RawPipes.uniqueName("tls");
    try (RawPipes p = new RawPipes()) {
      assertTrue(Win32.isInvalidHandle(p.tryOpen(missing)));
      assertEquals(Win32.ERROR_FILE_NOT_FOUND, Kernel32.lastError());
      AtomicInteger other = new AtomicInteger(-1);
      Thread t =
          Thread.ofPlatform()
              .start(
                  () -> {
                    Kernel32.CloseHandle(Win32.INVALID_HANDLE_VALUE); // pseudo handle: no error
                    Kernel32.CloseHandle(MemorySegment.ofAddress(0x7ffffff0L));
                    other.set(Kernel32.lastError());
                  });
      t.join();
      assertEquals(Win32.ERROR_INVALID_HANDLE, other.get());
      assertEquals(Win32.ERROR_FILE_NOT_FOUND, Kernel32.lastError(), "this thread's code");
    }
  }

  @Test
  void systemMessagesAndHandleCount() {
    String text = Kernel32System.systemMessage(Win32.ERROR_PIPE_BUSY);
    System.out.println("FormatMessageW(231) = " + text);
    assertTrue(text == null || !text.isBlank());
    assertTrue(WindowsErrors.describe(231).contains("ERROR_PIPE_BUSY, Win32 error 231"));
  }

  @Test
  void processHandleCountIsReadable() {
    try (var arena = java.lang.foreign.Arena.ofConfined()) {
      MemorySegment count = arena.allocate(DWORD);
      boolean ok = TestBindings.GetProcessHandleCount(Kernel32System.GetCurrentProcess(), count);
      int err = ok ? 0 : Kernel32.lastError();
      System.out.println(
          "GetProcessHandleCount: " + (ok ? "TRUE, " + count.get(DWORD, 0) : "FALSE/" + err));
      WineDivergence.PROCESS_HANDLE_COUNT_UNSUPPORTED.assumeWindowsBehaviour();
      assertTrue(ok, () -> "GetProcessHandleCount failed with " + err);
      assertTrue(count.get(DWORD, 0) > 0);
    }
  }
}
