package dev.npipe4j.internal.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Native buffers of one packet's size, lent for a single call: the blocking transfers of platform
 * threads and the packets of message mode pass through them. A few are kept for reuse; the rest are
 * left to the garbage collector, so an idle connection holds none.
 */
final class Scratch {
  private Scratch() {}

  /** Bytes per buffer: one whole packet of message mode. */
  static final int BYTES = Framing.PACKET_BYTES;

  private static final int KEPT = 8;

  private static final ConcurrentLinkedQueue<MemorySegment> FREE = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger FREE_COUNT = new AtomicInteger();

  /** Lends a buffer of {@link #BYTES} bytes. */
  static MemorySegment take() {
    MemorySegment s = FREE.poll();
    if (s != null) {
      FREE_COUNT.decrementAndGet();
      return s;
    }
    return Arena.ofAuto().allocate(BYTES, 8);
  }

  /** Returns a buffer lent by {@link #take()}. */
  static void give(MemorySegment s) {
    if (FREE_COUNT.incrementAndGet() <= KEPT) {
      FREE.offer(s);
    } else {
      FREE_COUNT.decrementAndGet();
    }
  }
}
