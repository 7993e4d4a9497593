package dev.npipe4j.internal.handle;

/**
 * A pipe's file descriptor, held open for a caller outside the library: until {@link #close()}, the
 * number stays this pipe's even if the pipe is closed meanwhile (closing then shuts the socket
 * down, which an epoll set reports, and {@code close(2)} waits for the lease). So a holder that
 * registered the number in its own epoll set can remove it again without touching another file.
 *
 * <p>The holder only waits on the number; every transfer still goes through the pipe.
 */
public interface FdLease extends AutoCloseable {
  /**
   * Returns the descriptor's number.
   *
   * @return the number, valid until {@link #close()}
   */
  int fd();

  /** Gives the number back. Idempotent; the last holder after the pipe's close frees it. */
  @Override
  void close();
}
