package dev.npipe4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.Objects;

/** The blocking {@link ByteChannel} view of a pipe. Closing it closes the pipe. */
final class BlockingPipeChannel implements ByteChannel {
  private final AbstractNamedPipe pipe;

  BlockingPipeChannel(AbstractNamedPipe pipe) {
    this.pipe = pipe;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (Objects.requireNonNull(dst, "dst").isReadOnly()) {
      throw new IllegalArgumentException("read-only buffer");
    }
    return Blocking.read(pipe, dst);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return Blocking.writeFully(pipe, Objects.requireNonNull(src, "src"));
  }

  @Override
  public boolean isOpen() {
    return pipe.isOpen();
  }

  @Override
  public void close() throws IOException {
    pipe.close();
  }
}
