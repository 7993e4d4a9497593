package dev.npipe4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/** The blocking {@link InputStream} view of a pipe. Closing it closes the pipe. */
final class PipeInputStream extends InputStream {
  private final AbstractNamedPipe pipe;

  PipeInputStream(AbstractNamedPipe pipe) {
    this.pipe = pipe;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    return Blocking.read(pipe, ByteBuffer.wrap(b, off, len));
  }

  @Override
  public void close() throws IOException {
    pipe.close();
  }
}
