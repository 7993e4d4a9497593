package dev.npipe4j;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The blocking {@link OutputStream} view of a pipe. Each {@code write} call hands all its bytes to
 * the pipe before returning; in message mode each call is one message. Closing it closes the pipe.
 */
final class PipeOutputStream extends BufferStreams.Out {
  private final AbstractNamedPipe pipe;

  PipeOutputStream(AbstractNamedPipe pipe) {
    this.pipe = pipe;
  }

  @Override
  void write(ByteBuffer src) throws IOException {
    Blocking.writeFully(pipe, src);
  }

  @Override
  public void close() throws IOException {
    pipe.close();
  }
}
