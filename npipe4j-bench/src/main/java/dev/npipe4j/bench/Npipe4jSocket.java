package dev.npipe4j.bench;

import dev.npipe4j.NamedPipeSocket;
import java.io.IOException;

/**
 * The {@code java.net.Socket} adapter as a benchmark client: the server is npipe4j's own (as for
 * {@code npipe4j}), the client a {@link NamedPipeSocket} driven through its streams, so the
 * adapter's cost over the blocking channel is measured side by side.
 */
final class Npipe4jSocket implements Impl {
  private final Npipe4jImpl server = new Npipe4jImpl();

  @Override
  public String name() {
    return "npipe4j-socket";
  }

  @Override
  public Acceptor listen(String name) throws IOException {
    return server.listen(name);
  }

  @Override
  public Conn connect(String name) throws IOException {
    return new StreamConn(new NamedPipeSocket(name));
  }

  @Override
  public boolean direct() {
    return false;
  }
}
