package dev.npipe4j.bench;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A connected byte stream, blocking: one end of a benchmark connection. */
interface Conn extends Closeable {
  /** Reads at least one byte, or returns -1 at end of stream. */
  int read(ByteBuffer dst) throws IOException;

  void writeFully(ByteBuffer src) throws IOException;

  /**
   * Fills {@code dst}; returns false at end of stream before the first byte, throws {@link
   * EOFException} at end of stream after it.
   */
  default boolean readFully(ByteBuffer dst) throws IOException {
    while (dst.hasRemaining()) {
      if (read(dst) < 0) {
        if (dst.position() == 0) {
          return false;
        }
        throw new EOFException();
      }
    }
    return true;
  }

  /** Closes {@code c}, ignoring a failure: the connection is already broken. */
  static void closeQuietly(Conn c) {
    try {
      c.close();
    } catch (IOException e) {
      // already broken
    }
  }
}
