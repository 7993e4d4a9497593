package dev.npipe4j.internal.windows;

import dev.npipe4j.internal.windows.win32.Win32;
import dev.npipe4j.internal.windows.win32.Win32Layouts;
import dev.npipe4j.internal.windows.win32.Win32Outcome;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;

/**
 * One OVERLAPPED of a pipe, the operation that uses it, and the handler that operation completes
 * to: the one place an overlapped call is issued and its immediate result classified.
 *
 * <p>{@link #read}, {@link #write} and {@link #connect} issue the call. If {@link
 * Win32Outcome#queuesPacket} says a packet will come, the operation is in flight until the driver
 * dequeues it ({@link #packet}); otherwise it is over at once, and its {@link Handler} runs on the
 * spot, exactly as it would for the packet. So every result, immediate or queued, reaches one
 * handler, and {@link #inFlight} is true exactly while the kernel owns the OVERLAPPED. At most one
 * operation per OVERLAPPED is in flight. All fields are guarded by the owning pipe's lock.
 */
final class OverlappedOp {
  /** Where an operation's result goes (as the JDK's {@code Iocp.ResultHandler}). */
  interface Handler {
    /**
     * The operation is over, at once or by its packet. The pipe's lock is held.
     *
     * @param error its Win32 code: {@code ERROR_SUCCESS} or the failure
     * @param bytes the bytes it transferred
     */
    void done(int error, int bytes);

    /** Its packet came after the connection it belonged to was dropped ({@link #markStale}). */
    default void discarded() {}
  }

  private final WindowsPipe pipe;
  private final Handler handler;

  /** The OVERLAPPED itself, in the pipe's {@link PendingIo} memory. */
  final MemorySegment overlapped;

  /** Its address, which the driver compares with {@code OVERLAPPED_ENTRY.lpOverlapped}. */
  final long address;

  /** Scratch DWORD for GetOverlappedResult. */
  private final MemorySegment transferred;

  /** True while the kernel owns this OVERLAPPED. */
  private boolean inFlight;

  /** The operation in flight belongs to a dropped connection: its outcome is discarded. */
  private boolean stale;

  OverlappedOp(SegmentAllocator memory, WindowsPipe pipe, Handler handler) {
    this.pipe = pipe;
    this.handler = handler;
    this.overlapped = memory.allocate(Win32Layouts.OVERLAPPED);
    this.address = overlapped.address();
    this.transferred = memory.allocate(ValueLayout.JAVA_INT);
  }

  boolean inFlight() {
    return inFlight;
  }

  /** Tells whether a dequeued packet with this OVERLAPPED address is this operation's. */
  boolean owns(long packetOverlapped) {
    return inFlight && packetOverlapped == address;
  }

  /** Issues ReadFile; returns true if it is in flight, false if its handler has already run. */
  boolean read(MemorySegment buffer, int length) {
    return started(pipe.kernel().readFile(pipe.handle, buffer, length, prepare()));
  }

  /** Issues WriteFile; returns true if it is in flight, false if its handler has already run. */
  boolean write(MemorySegment buffer, int length) {
    return started(pipe.kernel().writeFile(pipe.handle, buffer, length, prepare()));
  }

  /** Issues ConnectNamedPipe; returns true if it is in flight, false if its handler has run. */
  boolean connect() {
    return started(pipe.kernel().connectNamedPipe(pipe.handle, prepare()));
  }

  /** Clears the OVERLAPPED for a new operation (offsets and event must be zero for a pipe). */
  private MemorySegment prepare() {
    overlapped.fill((byte) 0);
    return overlapped;
  }

  private boolean started(int error) {
    Win32Outcome outcome = Win32Outcome.of(error);
    if (outcome.queuesPacket(pipe.skipsOnSuccess())) {
      inFlight = true;
      return true;
    }
    // Over at once, and no packet will come: done now, with the count the kernel stored.
    handler.done(error, outcome.isDone() ? transferredAtOnce() : 0);
    return false;
  }

  /** Cancels the operation in flight, if any; its packet still comes. */
  void cancel() {
    if (inFlight) {
      pipe.kernel().cancelIoEx(pipe.handle, overlapped);
    }
  }

  /** Marks the operation in flight, if any, as belonging to a dropped connection. */
  void markStale() {
    stale = inFlight;
  }

  /** Takes this operation's dequeued packet to its handler. */
  void packet(int bytes) {
    inFlight = false;
    if (stale) {
      stale = false;
      handler.discarded();
    } else if (!pipe.isClosed()) {
      handler.done(status(), bytes);
    }
  }

  /** The bytes of an operation that completed at once: no packet brings the count. */
  private int transferredAtOnce() {
    return (int) (long) Win32Layouts.VH_OVERLAPPED_InternalHigh.get(overlapped);
  }

  /**
   * Returns the Win32 status of the completed operation: 0 for success, else the error code.
   *
   * <p>The status comes from the OVERLAPPED, not from {@code OVERLAPPED_ENTRY.Internal}, whose
   * upper half Wine may leave as garbage. A non-zero NTSTATUS is translated by {@code
   * GetOverlappedResult}, which needs the handle still open: a closed pipe's packets are not asked
   * for their status.
   */
  private int status() {
    long ntStatus = (long) Win32Layouts.VH_OVERLAPPED_Internal.get(overlapped);
    if ((int) ntStatus == 0) {
      return Win32.ERROR_SUCCESS;
    }
    return pipe.kernel().getOverlappedResult(pipe.handle, overlapped, transferred);
  }
}
