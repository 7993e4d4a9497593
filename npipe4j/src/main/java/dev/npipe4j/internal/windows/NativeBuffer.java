package dev.npipe4j.internal.windows;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A native buffer that the kernel reads or writes during an overlapped operation.
 *
 * <p>Each buffer is its own {@link NativeBlocks} block, so that it can be replaced by a larger one
 * and freed on its own. The owner frees a buffer only when no operation that uses it is in flight:
 * that is the lifetime invariant, and the owner's lock is what guarantees it.
 */
final class NativeBuffer {
  /** Bytes of all buffers not yet freed, for leak checks. */
  private static final AtomicLong LIVE_BYTES = new AtomicLong();

  private final NativeBlocks.Block block;

  /** The memory handed to ReadFile or WriteFile. */
  final MemorySegment segment;

  /**
   * A view of {@link #segment} for copies with absolute bulk get and put, which allocate nothing.
   */
  final ByteBuffer view;

  NativeBuffer(int capacity) {
    this.block = NativeBlocks.take(capacity);
    this.segment = block.segment;
    this.view = segment.asByteBuffer();
    LIVE_BYTES.addAndGet(segment.byteSize());
  }

  /**
   * Returns the bytes held by buffers not yet freed, across all pipes.
   *
   * @return the live native buffer bytes
   */
  static long liveBytes() {
    return LIVE_BYTES.get();
  }

  /** The memory from {@code offset} on; the whole segment, without allocating, for offset 0. */
  MemorySegment from(int offset) {
    return offset == 0 ? segment : segment.asSlice(offset);
  }

  int capacity() {
    return (int) segment.byteSize();
  }

  /** Frees the memory. The caller guarantees that the kernel no longer uses it. */
  void free() {
    LIVE_BYTES.addAndGet(-segment.byteSize());
    NativeBlocks.give(block);
  }

  /**
   * Returns a buffer of at least {@code needed} bytes holding the first {@code keep} bytes of
   * {@code old}, freeing {@code old} if it was replaced. Growth doubles, to keep the number of
   * copies logarithmic in the final size.
   */
  static NativeBuffer grow(@Nullable NativeBuffer old, int needed, int keep) {
    if (old != null && old.capacity() >= needed) {
      return old;
    }
    long doubled = old == null ? needed : Math.max(needed, 2L * old.capacity());
    NativeBuffer fresh = new NativeBuffer((int) Math.min(doubled, Integer.MAX_VALUE - 64));
    if (old != null) {
      if (keep > 0) {
        MemorySegment.copy(old.segment, 0, fresh.segment, 0, keep);
      }
      old.free();
    }
    return fresh;
  }
}
