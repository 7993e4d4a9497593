package dev.npipe4j;

import dev.npipe4j.internal.Readiness;

/**
 * The readiness a caller waits for: {@link #READABLE}, {@link #WRITABLE}, or both.
 *
 * {@snippet :
 * Ready ready = pipe.ready(Interest.READABLE.add(Interest.WRITABLE)).get();
 * if (ready.isReadable()) {
 *   int n = pipe.tryRead(buffer); // 0 means it would block after all
 * }
 * }
 */
public final class Interest {
  private static final int READ = Readiness.READABLE;
  private static final int WRITE = Readiness.WRITABLE;

  /** Interest in reading, including reading end of stream. */
  public static final Interest READABLE = new Interest(READ);

  /** Interest in writing. */
  public static final Interest WRITABLE = new Interest(WRITE);

  private static final Interest BOTH = new Interest(READ | WRITE);

  private final int bits;

  private Interest(int bits) {
    this.bits = bits;
  }

  /**
   * Returns the union of this interest and another.
   *
   * @param other the interest to add
   * @return an interest that covers both
   */
  public Interest add(Interest other) {
    int union = bits | other.bits;
    return union == READ ? READABLE : union == WRITE ? WRITABLE : BOTH;
  }

  /**
   * Tells whether this interest includes reading.
   *
   * @return true for {@link #READABLE} and the union of both
   */
  public boolean isReadable() {
    return (bits & READ) != 0;
  }

  /**
   * Tells whether this interest includes writing.
   *
   * @return true for {@link #WRITABLE} and the union of both
   */
  public boolean isWritable() {
    return (bits & WRITE) != 0;
  }

  @Override
  public String toString() {
    return bits == READ ? "READABLE" : bits == WRITE ? "WRITABLE" : "READABLE | WRITABLE";
  }
}
