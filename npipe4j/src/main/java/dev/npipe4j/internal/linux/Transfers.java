package dev.npipe4j.internal.linux;

import dev.npipe4j.internal.unix.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Scattering reads and gathering writes over a transport's single-buffer transfers. */
final class Transfers {
  private Transfers() {}

  /**
   * Fills the buffers in turn until one is left partly filled; in message mode, stops at the end of
   * a message.
   */
  static long read(Transport io, ByteBuffer[] dsts, int offset, int length, boolean messages)
      throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      ByteBuffer dst = dsts[i];
      if (!dst.hasRemaining()) {
        continue;
      }
      int n = io.read(dst);
      if (n < 0) {
        return total > 0 ? total : -1;
      }
      total += n;
      if (dst.hasRemaining() || (messages && io.messageBytesRemaining() == 0)) {
        break;
      }
    }
    return total;
  }

  /** Drains the buffers in turn; in message mode they form one message, taken whole or not. */
  static long write(Transport io, ByteBuffer[] srcs, int offset, int length, boolean messages)
      throws IOException {
    if (messages) {
      long size = 0;
      for (int i = offset; i < offset + length; i++) {
        size += srcs[i].remaining();
      }
      if (size > Framing.MAX_MESSAGE) {
        throw new IllegalArgumentException("a message of " + size + " bytes is too large");
      }
      ByteBuffer whole = ByteBuffer.allocate((int) size);
      for (int i = offset; i < offset + length; i++) {
        whole.put(srcs[i].duplicate());
      }
      if (io.write(whole.flip()) == 0) {
        return 0;
      }
      for (int i = offset; i < offset + length; i++) {
        srcs[i].position(srcs[i].limit());
      }
      return size;
    }
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      ByteBuffer src = srcs[i];
      if (!src.hasRemaining()) {
        continue;
      }
      total += io.write(src);
      if (src.hasRemaining()) {
        break;
      }
    }
    return total;
  }
}
