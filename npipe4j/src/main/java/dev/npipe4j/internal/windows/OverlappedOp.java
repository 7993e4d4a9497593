package dev.npipe4j.internal.windows;

import dev.npipe4j.internal.windows.win32.Win32;
import dev.npipe4j.internal.windows.win32.Win32Layouts;
import dev.npipe4j.internal.windows.win32.Win32Outcome;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>A direct read ({@link #readDirect}) carries this operation's event in hEvent with its low bit
 * set: the kernel signals the event and queues no packet, whether the read pends or completes at
 * once, skip mode or not. It stays in flight until {@link #reap} sees the event signaled, which the
 * kernel does only after it wrote the OVERLAPPED; so the memory rule holds with no packet.
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

  /**
   * The operation in flight was issued with {@link #event} in hEvent, low bit set: no packet will
   * come, and its completion is taken with {@link #reap}.
   */
  private boolean direct;

  /** The event of direct operations, created on first need; null until then. */
  private @Nullable MemorySegment event;

  /** Counts the operations issued on this OVERLAPPED, so a waiter can tell its own from a later. */
  private long serial;

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

  /**
   * Issues ReadFile with this operation's event in hEvent, its low bit set, so that no packet
   * reaches the port: the thread that waits takes the completion with {@link #reap}. Falls back to
   * {@link #read} if the event cannot be created.
   */
  boolean readDirect(MemorySegment buffer, int length) {
    if (event == null) {
      try {
        event = pipe.kernel().createEvent();
      } catch (java.io.IOException e) {
        return read(buffer, length);
      }
    }
    MemorySegment ov = prepare();
    Win32Layouts.VH_OVERLAPPED_hEvent.set(ov, MemorySegment.ofAddress(event.address() | 1));
    direct = true;
    return started(pipe.kernel().readFile(pipe.handle, buffer, length, ov));
  }

  /** Which operation this OVERLAPPED carries now: it changes at each issue. */
  long serial() {
    return serial;
  }

  /** The event to wait on while a direct operation is in flight, else null. */
  @Nullable MemorySegment directEvent() {
    return inFlight && direct ? event : null;
  }

  /**
   * Takes the completion of a direct operation that is over: its handler runs as for a packet. Over
   * means its event is signaled, which the kernel does after it wrote the OVERLAPPED (the status
   * alone may be written before the count). Returns true if it was taken.
   */
  boolean reap(boolean signaled) {
    MemorySegment ev = event; // set before a direct operation is issued
    if (!inFlight || !direct || ev == null) {
      return false;
    }
    long status = (long) Win32Layouts.VH_OVERLAPPED_Internal.get(overlapped);
    if ((int) status == Win32.STATUS_PENDING
        || (!signaled && pipe.kernel().waitForSingleObject(ev, 0) != Win32.ERROR_SUCCESS)) {
      return false;
    }
    packet(transferredAtOnce());
    return true;
  }

  /** Closes the event, once no operation is in flight. */
  void closeEvent() {
    if (event != null && !inFlight) {
      pipe.kernel().closeHandle(event);
      event = null;
    }
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
    direct = false;
    serial++;
    return overlapped;
  }

  private boolean started(int error) {
    Win32Outcome outcome = Win32Outcome.of(error);
    // A direct operation queues no packet, whatever the skip mode: it is in flight only if pending.
    if (direct ? outcome == Win32Outcome.PENDING : outcome.queuesPacket(pipe.skipsOnSuccess())) {
      inFlight = true;
      return true;
    }
    direct = false;
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
