package dev.npipe4j.internal.windows.win32;

import static dev.npipe4j.internal.windows.win32.Win32Layouts.DWORD;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.OVERLAPPED;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.OVERLAPPED_ENTRY;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Test helper over the raw bindings: unique pipe names, overlapped pipes, one completion port, and
 * packets. Memory comes from an automatic arena (never freed while the kernel may write it: the
 * helper stays reachable for the test's duration and beyond its close).
 */
final class RawPipes implements AutoCloseable {
  /** Generous: every Wine pipe operation goes through the single-threaded wineserver. */
  static final int PACKET_TIMEOUT_MS = 10_000;

  final Arena arena = Arena.ofAuto();
  final MemorySegment port;
  private final List<MemorySegment> handles = new ArrayList<>();

  /** A dequeued completion packet. */
  record Packet(long key, long overlapped, int bytes) {}

  RawPipes() {
    port = Iocp.CreateIoCompletionPort(Win32.INVALID_HANDLE_VALUE, Win32.NULL, 0, 1);
    assertFalse(Win32.isNull(port), () -> "CreateIoCompletionPort: " + Kernel32.lastError());
  }

  static String uniqueName(String tag) {
    return "\\\\.\\pipe\\npipe4j-test-" + tag + "-" + UUID.randomUUID();
  }

  MemorySegment wide(String s) {
    return Win32.wideString(arena, s);
  }

  /** CreateNamedPipeW, overlapped duplex; returns the raw result (maybe INVALID_HANDLE_VALUE). */
  MemorySegment tryCreate(String name, int extraOpenMode, int pipeMode, int maxInstances) {
    MemorySegment h =
        Kernel32.CreateNamedPipeW(
            wide(name),
            Win32.PIPE_ACCESS_DUPLEX | Win32.FILE_FLAG_OVERLAPPED | extraOpenMode,
            pipeMode | Win32.PIPE_REJECT_REMOTE_CLIENTS,
            maxInstances,
            65536,
            65536,
            0,
            Win32.NULL);
    if (!Win32.isInvalidHandle(h)) {
      handles.add(h);
    }
    return h;
  }

  /** A byte-mode server bound to the port with {@code key}. */
  MemorySegment server(String name, int pipeMode, int maxInstances, long key) {
    MemorySegment h = tryCreate(name, 0, pipeMode, maxInstances);
    assertFalse(Win32.isInvalidHandle(h), () -> "CreateNamedPipeW: " + Kernel32.lastError());
    bind(h, key);
    return h;
  }

  /** CreateFileW read/write overlapped; returns the raw result (maybe INVALID_HANDLE_VALUE). */
  MemorySegment tryOpen(String name) {
    MemorySegment h =
        Kernel32.CreateFileW(
            wide(name),
            Win32.GENERIC_READ | Win32.GENERIC_WRITE,
            0,
            Win32.NULL,
            Win32.OPEN_EXISTING,
            Win32.FILE_FLAG_OVERLAPPED,
            Win32.NULL);
    if (!Win32.isInvalidHandle(h)) {
      handles.add(h);
    }
    return h;
  }

  /** An opened client bound to the port with {@code key}. */
  MemorySegment client(String name, long key) {
    MemorySegment h = tryOpen(name);
    assertFalse(Win32.isInvalidHandle(h), () -> "CreateFileW: " + Kernel32.lastError());
    bind(h, key);
    return h;
  }

  void bind(MemorySegment handle, long key) {
    MemorySegment p = Iocp.CreateIoCompletionPort(handle, port, key, 0);
    assertFalse(Win32.isNull(p), () -> "CreateIoCompletionPort(bind): " + Kernel32.lastError());
  }

  MemorySegment overlapped() {
    return arena.allocate(OVERLAPPED);
  }

  MemorySegment bytes(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    MemorySegment m = arena.allocate(b.length);
    m.copyFrom(MemorySegment.ofArray(b));
    return m;
  }

  static String string(MemorySegment buffer, int n) {
    return new String(buffer.asSlice(0, n).toArray(Win32Layouts.UCHAR), StandardCharsets.UTF_8);
  }

  /** Dequeues one packet, or returns null (with lastError WAIT_TIMEOUT) after {@code ms}. */
  Packet poll(int ms) {
    MemorySegment entry = arena.allocate(OVERLAPPED_ENTRY);
    MemorySegment removed = arena.allocate(DWORD);
    if (!Iocp.GetQueuedCompletionStatusEx(port, entry, 1, removed, ms, false)) {
      return null;
    }
    assertTrue(removed.get(DWORD, 0) == 1);
    return new Packet(
        (long) Win32Layouts.VH_OVERLAPPED_ENTRY_lpCompletionKey.get(entry),
        ((MemorySegment) Win32Layouts.VH_OVERLAPPED_ENTRY_lpOverlapped.get(entry)).address(),
        (int) Win32Layouts.VH_OVERLAPPED_ENTRY_dwNumberOfBytesTransferred.get(entry));
  }

  Packet take() {
    Packet p = poll(PACKET_TIMEOUT_MS);
    if (p == null) {
      throw new AssertionError("no completion packet within " + PACKET_TIMEOUT_MS + " ms");
    }
    return p;
  }

  /** Takes the packet for {@code ov} (packets for other operations are an error). */
  Packet take(MemorySegment ov) {
    Packet p = take();
    if (p.overlapped() != ov.address()) {
      throw new AssertionError("packet for another OVERLAPPED: " + p);
    }
    return p;
  }

  /** The Win32 result of a completed operation: 0, or the error GetOverlappedResult reports. */
  int result(MemorySegment handle, MemorySegment ov) {
    MemorySegment n = arena.allocate(DWORD);
    return Kernel32.GetOverlappedResult(handle, ov, n, false) ? 0 : Kernel32.lastError();
  }

  /** The byte count of a completed operation, from GetOverlappedResult. */
  int transferred(MemorySegment handle, MemorySegment ov) {
    MemorySegment n = arena.allocate(DWORD);
    Kernel32.GetOverlappedResult(handle, ov, n, false);
    return n.get(DWORD, 0);
  }

  /** Closes {@code h} now (it will not be closed again). */
  void close(MemorySegment h) {
    handles.remove(h);
    Kernel32.CloseHandle(h);
  }

  @Override
  public void close() {
    for (MemorySegment h : handles) {
      Kernel32.CloseHandle(h);
    }
    handles.clear();
    // Drain what the closes completed, then post a wake-up (PORT_CLOSE_DOES_NOT_WAKE) and close.
    while (poll(50) != null) {
      // discard
    }
    Kernel32.CloseHandle(port);
  }
}
