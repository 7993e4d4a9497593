package dev.npipe4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** The blocking {@link InputStream} view of a pipe. Closing it closes the pipe. */
final class PipeInputStream extends BufferStreams.In {
  private final AbstractNamedPipe pipe;

  PipeInputStream(AbstractNamedPipe pipe) {
    this.pipe = pipe;
  }

  @Override
  int read(ByteBuffer dst) throws IOException {
    if (!dst.hasRemaining()) {
      return 0;
    }
    return Blocking.read(pipe, dst);
  }

  @Override
  public void close() throws IOException {
    pipe.close();
  }
}
