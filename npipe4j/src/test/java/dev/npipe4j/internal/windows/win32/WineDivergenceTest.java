package dev.npipe4j.internal.windows.win32;

import static dev.npipe4j.internal.windows.win32.Win32Layouts.DWORD;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.OVERLAPPED_ENTRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.PipeInfo;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Windows behaviours Wine gets wrong (the {@link WineDivergence} list). Each test drives the
 * behaviour for real, prints what it observed, then asserts Windows' behaviour; under Wine it is
 * skipped just before the assertion, by the named {@link WineDivergence}.
 */
@EnabledOnOs(OS.WINDOWS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WineDivergenceTest {

  private static void observed(WineDivergence d, String what) {
    System.out.println(
        "divergence "
            + d.number()
            + " "
            + d
            + ": observed "
            + what
            + (Wine.isWine() ? " (Wine " + Wine.version() + ")" : " (Windows)"));
  }

  @Test
  void firstPipeInstanceRejectsASecondInstance() {
    String name = RawPipes.uniqueName("first");
    try (RawPipes p = new RawPipes()) {
      MemorySegment first =
          p.tryCreate(name, Win32.FILE_FLAG_FIRST_PIPE_INSTANCE, Win32.PIPE_TYPE_BYTE, 4);
      assertFalse(Win32.isInvalidHandle(first), () -> "first: " + Kernel32.lastError());
      MemorySegment second =
          p.tryCreate(name, Win32.FILE_FLAG_FIRST_PIPE_INSTANCE, Win32.PIPE_TYPE_BYTE, 4);
      int err = Win32.isInvalidHandle(second) ? Kernel32.lastError() : 0;
      observed(
          WineDivergence.FIRST_PIPE_INSTANCE_IGNORED,
          Win32.isInvalidHandle(second) ? "second create failed with " + err : "second created");
      WineDivergence.FIRST_PIPE_INSTANCE_IGNORED.assumeWindowsBehaviour();
      assertTrue(Win32.isInvalidHandle(second), "second FIRST_PIPE_INSTANCE create must fail");
      assertEquals(Win32.ERROR_ACCESS_DENIED, err);
    }
  }

  @Test
  void closingThePortWakesABlockedGetQueuedCompletionStatusEx() throws Exception {
    MemorySegment port = Iocp.CreateIoCompletionPort(Win32.INVALID_HANDLE_VALUE, Win32.NULL, 0, 1);
    assertFalse(Win32.isNull(port));
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch returned = new CountDownLatch(1);
    AtomicInteger error = new AtomicInteger(-1);
    // A finite wait (not INFINITE) so that under Wine the thread ends by itself later.
    Thread.ofPlatform()
        .daemon()
        .name("gqcs-blocked")
        .start(
            () -> {
              Arena arena = Arena.ofAuto();
              MemorySegment entry = arena.allocate(OVERLAPPED_ENTRY);
              MemorySegment removed = arena.allocate(DWORD);
              entered.countDown();
              boolean ok = Iocp.GetQueuedCompletionStatusEx(port, entry, 1, removed, 40_000, false);
              error.set(ok ? 0 : Kernel32.lastError());
              returned.countDown();
            });
    assertTrue(entered.await(10, TimeUnit.SECONDS));
    Thread.sleep(500); // let it block inside the call
    assertTrue(Kernel32.CloseHandle(port));
    boolean woke = returned.await(10, TimeUnit.SECONDS);
    observed(
        WineDivergence.PORT_CLOSE_DOES_NOT_WAKE,
        woke ? "woke with error " + error.get() : "still blocked 10 s after the close");
    WineDivergence.PORT_CLOSE_DOES_NOT_WAKE.assumeWindowsBehaviour();
    assertTrue(woke, "closing the port must wake the blocked thread");
    assertTrue(error.get() != 0, "the wait fails once its port is closed");
  }

  @Test
  void disconnectWithAPendingConnectCompletesTheConnect() {
    String name = RawPipes.uniqueName("disc");
    try (RawPipes p = new RawPipes()) {
      MemorySegment server = p.server(name, Win32.PIPE_TYPE_BYTE, 1, 1);
      MemorySegment connect = p.overlapped();
      assertFalse(Kernel32.ConnectNamedPipe(server, connect));
      assertEquals(Win32.ERROR_IO_PENDING, Kernel32.lastError());

      boolean disconnected = Kernel32.DisconnectNamedPipe(server);
      int disconnectError = disconnected ? 0 : Kernel32.lastError();
      RawPipes.Packet packet = p.poll(2_000);
      int connectResult = packet == null ? -1 : p.result(server, connect);
      if (packet == null) {
        // Wine: the connect is still pending; abort it the portable way and wait for its packet.
        Kernel32.CancelIoEx(server, connect);
        p.take(connect);
        assertEquals(Win32.ERROR_OPERATION_ABORTED, p.result(server, connect));
      }
      observed(
          WineDivergence.DISCONNECT_LEAVES_CONNECT_PENDING,
          "DisconnectNamedPipe "
              + (disconnected ? "TRUE" : "FALSE/" + disconnectError)
              + ", connect "
              + (packet == null ? "still pending" : "completed with " + connectResult));
      WineDivergence.DISCONNECT_LEAVES_CONNECT_PENDING.assumeWindowsBehaviour();
      // Windows: the disconnect succeeds and completes the listen (NPFS completes waiting listen
      // requests with STATUS_PIPE_DISCONNECTED, which is ERROR_PIPE_NOT_CONNECTED).
      assertTrue(disconnected, () -> "DisconnectNamedPipe failed with " + disconnectError);
      assertTrue(packet != null, "the pending connect must complete");
      assertEquals(Win32.ERROR_PIPE_NOT_CONNECTED, connectResult);
    }
  }

  @Test
  void blanketCancelWithNothingPendingIsNotFound() {
    String name = RawPipes.uniqueName("cancel");
    try (RawPipes p = new RawPipes()) {
      MemorySegment server = p.server(name, Win32.PIPE_TYPE_BYTE, 1, 1);
      boolean ok = Kernel32.CancelIoEx(server, Win32.NULL);
      int err = ok ? 0 : Kernel32.lastError();
      observed(
          WineDivergence.CANCEL_NOTHING_RETURNS_TRUE,
          "CancelIoEx(h, NULL) " + (ok ? "TRUE" : "FALSE/" + err));
      WineDivergence.CANCEL_NOTHING_RETURNS_TRUE.assumeWindowsBehaviour();
      assertFalse(ok);
      assertEquals(Win32.ERROR_NOT_FOUND, err);
    }
  }

  @Test
  void unlimitedInstancesAreReportedAs255() {
    String name = RawPipes.uniqueName("unlimited");
    try (RawPipes p = new RawPipes()) {
      MemorySegment server = p.server(name, Win32.PIPE_TYPE_BYTE, PipeInfo.UNLIMITED_INSTANCES, 1);
      MemorySegment max = p.arena.allocate(DWORD);
      assertTrue(Kernel32.GetNamedPipeInfo(server, Win32.NULL, Win32.NULL, Win32.NULL, max));
      long reported = Integer.toUnsignedLong(max.get(DWORD, 0));
      observed(
          WineDivergence.UNLIMITED_INSTANCES_REPORTED_AS_MAX_DWORD, "max instances " + reported);
      WineDivergence.UNLIMITED_INSTANCES_REPORTED_AS_MAX_DWORD.assumeWindowsBehaviour();
      assertEquals(255, reported);
    }
  }

  @Test
  void maxInstancesOutOfRangeIsInvalidParameter() {
    try (RawPipes p = new RawPipes()) {
      StringBuilder seen = new StringBuilder();
      int[] errors = new int[2];
      boolean[] created = new boolean[2];
      int[] values = {0, 256};
      for (int i = 0; i < 2; i++) {
        MemorySegment h =
            p.tryCreate(RawPipes.uniqueName("max" + values[i]), 0, Win32.PIPE_TYPE_BYTE, values[i]);
        created[i] = !Win32.isInvalidHandle(h);
        errors[i] = created[i] ? 0 : Kernel32.lastError();
        seen.append(values[i]).append(created[i] ? " accepted; " : " rejected " + errors[i] + "; ");
      }
      observed(WineDivergence.UNLIMITED_INSTANCES_REPORTED_AS_MAX_DWORD, seen.toString());
      WineDivergence.UNLIMITED_INSTANCES_REPORTED_AS_MAX_DWORD.assumeWindowsBehaviour();
      for (int i = 0; i < 2; i++) {
        assertFalse(created[i], "nMaxInstances " + values[i] + " must be rejected");
        assertEquals(Win32.ERROR_INVALID_PARAMETER, errors[i]);
      }
    }
  }
}
