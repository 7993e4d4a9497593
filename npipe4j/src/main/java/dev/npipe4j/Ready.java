package dev.npipe4j;

import static dev.npipe4j.internal.Readiness.READABLE;
import static dev.npipe4j.internal.Readiness.READ_CLOSED;
import static dev.npipe4j.internal.Readiness.WRITABLE;
import static dev.npipe4j.internal.Readiness.WRITE_CLOSED;

/**
 * A snapshot of a pipe's readiness, returned by {@link NamedPipe#ready(Interest)}.
 *
 * <p>Readiness is a hint: an operation attempted after it may still find nothing to do, in which
 * case {@link NamedPipe#tryRead(java.nio.ByteBuffer)} returns 0 and the caller waits again.
 */
public final class Ready {
  /** Every readiness bit. */
  private static final int ALL_BITS = READABLE | WRITABLE | READ_CLOSED | WRITE_CLOSED;

  private static final Ready[] ALL = new Ready[ALL_BITS + 1];

  static {
    for (int i = 0; i < ALL.length; i++) {
      ALL[i] = new Ready(i);
    }
  }

  private final int bits;

  private Ready(int bits) {
    this.bits = bits;
  }

  /**
   * Returns the readiness for a set of bits. Used by the implementation.
   *
   * @param bits a combination of the bits of {@link dev.npipe4j.internal.Readiness}
   * @return the shared instance for those bits
   */
  static Ready of(int bits) {
    return ALL[bits & ALL_BITS];
  }

  /**
   * Tells whether a read would make progress: data, end of stream, or an error is there.
   *
   * @return true if readable
   */
  public boolean isReadable() {
    return (bits & READABLE) != 0;
  }

  /**
   * Tells whether a write would make progress, or fail at once.
   *
   * @return true if writable
   */
  public boolean isWritable() {
    return (bits & WRITABLE) != 0;
  }

  /**
   * Tells whether the peer has closed its writing side: after the buffered data, reads return end
   * of stream.
   *
   * @return true if the read side is closed
   */
  public boolean isReadClosed() {
    return (bits & READ_CLOSED) != 0;
  }

  /**
   * Tells whether writes can no longer succeed because the peer has gone.
   *
   * @return true if the write side is closed
   */
  public boolean isWriteClosed() {
    return (bits & WRITE_CLOSED) != 0;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Ready[");
    if (isReadable()) sb.append("readable ");
    if (isWritable()) sb.append("writable ");
    if (isReadClosed()) sb.append("read-closed ");
    if (isWriteClosed()) sb.append("write-closed ");
    if (sb.charAt(sb.length() - 1) == ' ') sb.setLength(sb.length() - 1);
    return sb.append(']').toString();
  }
}
