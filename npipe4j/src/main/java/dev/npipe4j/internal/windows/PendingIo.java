package dev.npipe4j.internal.windows;

import java.lang.foreign.SegmentAllocator;
import org.jspecify.annotations.Nullable;

/**
 * The one record of what a pipe has in flight (the JDK's {@code PendingIoCache} idea): its
 * OVERLAPPEDs, each with the operation and handler that own it, in one {@link NativeBlocks} block
 * that lives until the last packet has been dequeued. A packet's OVERLAPPED address finds its
 * operation here.
 *
 * <p>Guarded by the owning pipe's lock.
 */
final class PendingIo {
  private final NativeBlocks.Block block = NativeBlocks.take(NativeBlocks.SMALLEST);
  private final SegmentAllocator memory = SegmentAllocator.slicingAllocator(block.segment);
  private final OverlappedOp[] ops = new OverlappedOp[3];
  private int count;

  /** Adds an OVERLAPPED for one kind of operation, completing to {@code handler}. */
  OverlappedOp add(WindowsPipe pipe, OverlappedOp.Handler handler) {
    OverlappedOp op = new OverlappedOp(memory, pipe, handler);
    ops[count++] = op;
    return op;
  }

  /** Returns the operation in flight whose OVERLAPPED is at {@code address}, or null. */
  @Nullable OverlappedOp owner(long address) {
    for (int i = 0; i < count; i++) {
      if (ops[i].owns(address)) {
        return ops[i];
      }
    }
    return null;
  }

  /** Tells whether no operation is in flight: the kernel holds none of this memory. */
  boolean idle() {
    for (int i = 0; i < count; i++) {
      if (ops[i].inFlight()) {
        return false;
      }
    }
    return true;
  }

  /** Frees the OVERLAPPEDs, once; only when {@link #idle()}. */
  void free() {
    if (!idle()) {
      throw new IllegalStateException("an operation is in flight: the kernel may write its memory");
    }
    NativeBlocks.give(block);
  }
}
