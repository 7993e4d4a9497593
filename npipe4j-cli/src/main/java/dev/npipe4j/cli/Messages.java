package dev.npipe4j.cli;

import dev.npipe4j.NamedPipe;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/** Whole-message reads in message mode. */
final class Messages {
  private Messages() {}

  /**
   * Reads one whole message: reads once, then keeps reading while {@link
   * NamedPipe#messageBytesRemaining()} says part of the message is still unread, growing the buffer
   * as needed. In byte mode this is a single read.
   *
   * @param pipe the pipe
   * @param channel the pipe's {@linkplain NamedPipe#blockingChannel() blocking channel}
   * @param buffer a buffer to reuse; it is cleared first
   * @return the buffer holding the message, flipped for reading: {@code buffer} itself, or a larger
   *     copy if the message did not fit; null at end of stream
   * @throws EOFException if the pipe ends in the middle of a message
   * @throws IOException if a read fails
   */
  static ByteBuffer readWhole(NamedPipe pipe, ByteChannel channel, ByteBuffer buffer)
      throws IOException {
    ByteBuffer buf = buffer.clear();
    if (channel.read(buf) < 0) {
      return null;
    }
    int left;
    while ((left = pipe.messageBytesRemaining()) > 0) {
      if (buf.remaining() < left) {
        buf = grow(buf, buf.position() + left);
      }
      if (channel.read(buf) < 0) {
        throw new EOFException(pipe.name() + " ended in the middle of a message");
      }
    }
    return buf.flip();
  }

  private static ByteBuffer grow(ByteBuffer buf, int capacity) {
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(capacity, buf.capacity() * 2));
    return bigger.put(buf.flip());
  }
}
