package dev.npipe4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The {@code java.io} stream contract over a pipe's buffer transfers, for the streams of a pipe and
 * those of a {@link NamedPipeSocket}: arrays are checked and wrapped, and the one-byte forms go
 * through the array forms.
 */
final class BufferStreams {
  private BufferStreams() {}

  /** An input stream whose reads fill a buffer wrapping the caller's array. */
  abstract static class In extends InputStream {
    /**
     * Reads into the buffer, blocking until at least one byte, end of stream, or a failure.
     *
     * @param dst the caller's array, wrapped; may have no room
     * @return bytes read, or -1 at end of stream
     */
    abstract int read(ByteBuffer dst) throws IOException;

    @Override
    public final int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      return read(ByteBuffer.wrap(b, off, len));
    }
  }

  /** An output stream whose writes drain a buffer wrapping the caller's array. */
  abstract static class Out extends OutputStream {
    /**
     * Writes the whole buffer, blocking as needed.
     *
     * @param src the caller's array, wrapped; may be empty
     */
    abstract void write(ByteBuffer src) throws IOException;

    @Override
    public final void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public final void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      write(ByteBuffer.wrap(b, off, len));
    }
  }
}
