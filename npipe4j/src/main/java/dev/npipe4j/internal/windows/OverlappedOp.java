package dev.npipe4j.internal.windows;

import dev.npipe4j.internal.windows.win32.Kernel32;
import dev.npipe4j.internal.windows.win32.Win32;
import dev.npipe4j.internal.windows.win32.Win32Layouts;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One OVERLAPPED of a pipe and whether an operation using it is in flight.
 *
 * <p>At most one operation per OVERLAPPED is in flight. {@link #inFlight} is set when a call
 * returns in a way that queues a packet, and cleared when the driver dequeues that packet; the pipe
 * frees its memory only when no OVERLAPPED is in flight. All fields are guarded by the owning
 * pipe's lock.
 */
final class OverlappedOp {
  /** The OVERLAPPED itself, in the pipe's arena. */
  final MemorySegment overlapped;

  /** Its address, which the driver compares with {@code OVERLAPPED_ENTRY.lpOverlapped}. */
  final long address;

  /** Scratch DWORD for GetOverlappedResult. */
  private final MemorySegment transferred;

  /** True while the kernel owns this OVERLAPPED. Guarded by the pipe's lock. */
  boolean inFlight;

  /**
   * True if the operation in flight belongs to a connection that has since been dropped, so its
   * outcome is discarded. Guarded by the pipe's lock.
   */
  boolean stale;

  OverlappedOp(Arena arena) {
    this.overlapped = arena.allocate(Win32Layouts.OVERLAPPED);
    this.address = overlapped.address();
    this.transferred = arena.allocate(ValueLayout.JAVA_INT);
  }

  /** Tells whether a dequeued packet with this OVERLAPPED address is this operation's. */
  boolean owns(long packetOverlapped) {
    return inFlight && packetOverlapped == address;
  }

  /** Clears the OVERLAPPED for a new operation (offsets and event must be zero for a pipe). */
  MemorySegment prepare() {
    overlapped.fill((byte) 0);
    return overlapped;
  }

  /**
   * Returns the bytes an operation transferred when it completed at once (skip mode: no packet
   * brings the count).
   */
  int transferred() {
    return (int) (long) Win32Layouts.VH_OVERLAPPED_InternalHigh.get(overlapped);
  }

  /**
   * Returns the Win32 status of the completed operation: 0 for success, else the error code.
   *
   * <p>The status comes from the OVERLAPPED, not from {@code OVERLAPPED_ENTRY.Internal}, whose
   * upper half Wine may leave as garbage. A non-zero NTSTATUS is translated by {@code
   * GetOverlappedResult}, which needs the handle still open: the pipe closes its handle only when
   * nothing is in flight.
   */
  int status(MemorySegment handle) {
    long ntStatus = (long) Win32Layouts.VH_OVERLAPPED_Internal.get(overlapped);
    if ((int) ntStatus == 0) {
      return Win32.ERROR_SUCCESS;
    }
    if (Kernel32.GetOverlappedResult(handle, overlapped, transferred, false)) {
      return Win32.ERROR_SUCCESS;
    }
    return Kernel32.lastError();
  }
}
