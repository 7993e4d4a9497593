package dev.npipe4j.internal.linux;

import dev.npipe4j.internal.handle.FdLease;
import dev.npipe4j.internal.linux.libc.Libc;
import dev.npipe4j.internal.linux.libc.Macros;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A file descriptor whose number is never reused while a call may still use it.
 *
 * <p>Every call on the descriptor runs between {@link #acquire()} and {@link #release()}. {@link
 * #close()} marks it closed, shuts a socket down so that calls blocked in the kernel return, and
 * leaves the real {@code close(2)} to whoever ends the last call: a thread blocked in {@code recv}
 * on another thread's behalf can never end up reading a descriptor that a new socket has taken.
 */
final class Fd {
  private static final int CLOSED = 1 << 30;
  private static final int FREED = 1 << 29;

  final int value;
  private final boolean socket;

  /** The number of calls in flight, plus the CLOSED and FREED flags. */
  private final AtomicInteger state = new AtomicInteger();

  Fd(int value, boolean socket) {
    this.value = value;
    this.socket = socket;
  }

  /** Starts a call. Returns false if the descriptor is closed; then the call must not run. */
  boolean acquire() {
    while (true) {
      int s = state.get();
      if ((s & CLOSED) != 0) {
        return false;
      }
      if (state.compareAndSet(s, s + 1)) {
        return true;
      }
    }
  }

  /** Ends a call; the last one after {@link #close()} releases the number. */
  void release() {
    if (state.decrementAndGet() == CLOSED) {
      free();
    }
  }

  /**
   * Holds the number for a caller outside the library, as a call in flight holds it.
   *
   * @return the lease, or null if the descriptor is closed
   */
  @Nullable FdLease lease() {
    return acquire() ? new Lease() : null;
  }

  /** A {@link #lease()}: one call in flight until it is given back. */
  private final class Lease implements FdLease {
    private final AtomicBoolean held = new AtomicBoolean(true);

    @Override
    public int fd() {
      return value;
    }

    @Override
    public void close() {
      if (held.compareAndSet(true, false)) {
        release();
      }
    }
  }

  /** True once {@link #close()} has run. */
  boolean isClosed() {
    return (state.get() & CLOSED) != 0;
  }

  /**
   * Closes the descriptor. Idempotent. Calls blocked on it return (a socket is shut down in both
   * directions first); the number is released when the last of them ends.
   */
  void close() {
    int before;
    while (true) {
      before = state.get();
      if ((before & CLOSED) != 0) {
        return;
      }
      // Step: close, and hold a call of our own, so the number stays ours for the shutdown.
      if (state.compareAndSet(before, (before + 1) | CLOSED)) {
        break;
      }
    }
    if (socket && before != 0) {
      // Calls are in flight, maybe blocked: shutting down wakes them. Without them, close(2)
      // alone ends the socket for the peer too.
      Libc.shutdown(value, Macros.SHUT_RDWR); // ENOTCONN for a listener or a dead peer: fine
    }
    release();
  }

  private void free() {
    if (state.compareAndSet(CLOSED, CLOSED | FREED)) {
      Libc.close(value);
    }
  }

  @Override
  public String toString() {
    return "fd " + value;
  }
}
