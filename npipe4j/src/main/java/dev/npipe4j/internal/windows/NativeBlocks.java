package dev.npipe4j.internal.windows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.List;
import java.util.stream.Stream;

/**
 * The native memory that the kernel uses during overlapped operations (OVERLAPPEDs and transfer
 * buffers), recycled between pipes.
 *
 * <p>That memory may be freed from any thread, once no operation uses it, so each block lives in a
 * shared arena. Closing a shared arena is a handshake with every Java thread, run by the VM thread;
 * a pipe has three blocks (its OVERLAPPEDs and its two buffers), so every connection paid three
 * handshakes when it closed. Under Wine that showed in the wineserver request table of {@code
 * scripts/bench.sh} (both processes counted, per connect+disconnect cycle): 80.2 requests against
 * raw C's 32.1, 12.7 of them the VM thread's {@code get_thread_times} around each handshake.
 * Recycling the blocks, the same table gives 58.6 against C's 35.3, with no {@code
 * get_thread_times} left and fewer thread wake-ups ({@code event_op} 12.4 to 9.6, {@code select}
 * 24.7 to 21.4).
 *
 * <p>So a block of up to {@link #LARGEST_POOLED} bytes is rounded up to a power of two and, given
 * back, kept for the next pipe that asks for its size instead of being freed, as long as the free
 * blocks held stay within {@link #RETAINED_BYTES}; beyond that, and for larger blocks, the arena is
 * closed. Giving a block back follows the rule of freeing it: only once the kernel is done with it.
 * A recycled block holds whatever its last user left: every user writes before it reads (an
 * OVERLAPPED is cleared before each call, a buffer's bytes are read only up to what the kernel or
 * the writer put there).
 */
final class NativeBlocks {
  /** The smallest block: room for a pipe's OVERLAPPEDs. */
  static final int SMALLEST = 256;

  /** Larger blocks are freed when given back: their transfers dwarf the handshake. */
  static final int LARGEST_POOLED = 1 << 20;

  /** At most this many bytes of free blocks are kept, across all sizes. */
  static final long RETAINED_BYTES = 4L << 20;

  private static final int CLASSES =
      Integer.numberOfTrailingZeros(LARGEST_POOLED) - Integer.numberOfTrailingZeros(SMALLEST) + 1;

  /** Free blocks by size class, the smallest first. Guarded by the class. */
  private static final List<ArrayDeque<Block>> FREE =
      Stream.generate(ArrayDeque<Block>::new).limit(CLASSES).toList();

  /** Bytes of the blocks in {@link #FREE}. Guarded by the class. */
  private static long retained;

  /** One block of native memory and the arena that frees it. */
  static final class Block {
    private final Arena arena;

    /** The memory, of at least the size asked for. */
    final MemorySegment segment;

    private Block(long size) {
      this.arena = Arena.ofShared();
      this.segment = arena.allocate(size, 16);
    }
  }

  private NativeBlocks() {}

  /**
   * Returns a block of at least {@code size} bytes, a free one of its size class if there is one.
   *
   * @param size the bytes needed
   * @return the block, now the caller's
   */
  static Block take(long size) {
    int c = sizeClass(size);
    if (c < 0) {
      return new Block(size);
    }
    synchronized (NativeBlocks.class) {
      Block free = FREE.get(c).poll();
      if (free != null) {
        retained -= free.segment.byteSize();
        return free;
      }
    }
    return new Block((long) SMALLEST << c);
  }

  /**
   * Takes a block back; the caller guarantees that neither the kernel nor any thread uses it any
   * more.
   *
   * @param block a block from {@link #take}, given back once
   */
  static void give(Block block) {
    long size = block.segment.byteSize();
    int c = sizeClass(size);
    if (c >= 0 && (long) SMALLEST << c == size) {
      synchronized (NativeBlocks.class) {
        if (retained + size <= RETAINED_BYTES) {
          FREE.get(c).push(block);
          retained += size;
          return;
        }
      }
    }
    block.arena.close();
  }

  /** The size class of {@code size} bytes, or -1 for a block too large to pool. */
  private static int sizeClass(long size) {
    if (size > LARGEST_POOLED) {
      return -1;
    }
    long rounded = Math.max(SMALLEST, Long.highestOneBit(Math.max(1, size - 1)) << 1);
    return Long.numberOfTrailingZeros(rounded) - Integer.numberOfTrailingZeros(SMALLEST);
  }
}
