package dev.npipe4j.bench;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/** A {@link Conn} over a blocking {@link ByteChannel}; closing closes {@code owner}. */
final class ChannelConn implements Conn {
  private final ByteChannel ch;
  private final Closeable owner;

  ChannelConn(ByteChannel ch, Closeable owner) {
    this.ch = ch;
    this.owner = owner;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return ch.read(dst);
  }

  @Override
  public void writeFully(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      ch.write(src);
    }
  }

  @Override
  public void close() throws IOException {
    owner.close();
  }
}
