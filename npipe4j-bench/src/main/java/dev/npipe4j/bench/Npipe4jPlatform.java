package dev.npipe4j.bench;

import java.io.IOException;

/**
 * The library as {@code npipe4j}, with a platform thread per connection instead of a virtual one:
 * the shape of the C baselines' many-clients test, where each thread waits for its own I/O. Set
 * beside {@code npipe4j}, it shows what the virtual threads' hand-off through the driver thread
 * costs.
 */
final class Npipe4jPlatform implements Impl {
  private final Npipe4jImpl pipes = new Npipe4jImpl();

  @Override
  public String name() {
    return "npipe4j-platform";
  }

  @Override
  public Acceptor listen(String name) throws IOException {
    return pipes.listen(name);
  }

  @Override
  public Conn connect(String name) throws IOException {
    return pipes.connect(name);
  }

  @Override
  public boolean direct() {
    return true;
  }

  @Override
  public Thread.Builder threads() {
    return Thread.ofPlatform().daemon(true);
  }
}
