package dev.npipe4j;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The blocking {@link OutputStream} view of a pipe. Each {@code write} call hands all its bytes to
 * the pipe before returning; in message mode each call is one message. Closing it closes the pipe.
 */
final class PipeOutputStream extends OutputStream {
  private final AbstractNamedPipe pipe;

  PipeOutputStream(AbstractNamedPipe pipe) {
    this.pipe = pipe;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    Blocking.writeFully(pipe, ByteBuffer.wrap(b, off, len));
  }

  @Override
  public void close() throws IOException {
    pipe.close();
  }
}
