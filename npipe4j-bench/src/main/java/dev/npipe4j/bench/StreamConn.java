package dev.npipe4j.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/** A {@link Conn} over a {@link Socket}'s streams, with heap buffers. */
final class StreamConn implements Conn {
  private final InputStream in;
  private final OutputStream out;
  private final Closeable owner;

  StreamConn(Socket s) throws IOException {
    this.in = s.getInputStream();
    this.out = s.getOutputStream();
    this.owner = s;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
    if (n > 0) {
      dst.position(dst.position() + n);
    }
    return n;
  }

  @Override
  public void writeFully(ByteBuffer src) throws IOException {
    out.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
    out.flush();
    src.position(src.limit());
  }

  @Override
  public void close() throws IOException {
    owner.close();
  }
}
