package dev.npipe4j.internal.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A small native buffer per thread for the arguments of one call (a socket address, a {@code
 * pollfd}, an {@code epoll_event}, an option and its length), so no call allocates. A method that
 * uses it finishes with it before it returns, and calls no other method that uses it meanwhile.
 */
final class Locals {
  private Locals() {}

  static final int BYTES = 256;

  private static final ThreadLocal<MemorySegment> BUFFER =
      ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(BYTES, 8));

  /** The calling thread's buffer, {@value #BYTES} bytes, with stale content. */
  static MemorySegment get() {
    return BUFFER.get();
  }
}
