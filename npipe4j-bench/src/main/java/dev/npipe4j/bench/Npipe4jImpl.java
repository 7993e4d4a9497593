package dev.npipe4j.bench;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipe;
import dev.npipe4j.PipeListener;
import dev.npipe4j.ServerOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * The library under test, through its blocking channel view (any OS): {@code npipe4j}, with a
 * virtual thread per connection, or {@code npipe4j-platform}, with a platform thread per
 * connection, the shape of the C baselines' many-clients test, where each thread waits for its own
 * I/O. Set side by side, the two show what the virtual threads' hand-off through the driver thread
 * costs.
 */
final class Npipe4jImpl implements Impl {
  private final boolean platformThreads;

  /** The library on virtual threads. */
  Npipe4jImpl() {
    this(false);
  }

  /**
   * The library on virtual or platform threads.
   *
   * @param platformThreads true for a platform thread per connection
   */
  Npipe4jImpl(boolean platformThreads) {
    this.platformThreads = platformThreads;
  }

  @Override
  public String name() {
    return platformThreads ? "npipe4j-platform" : "npipe4j";
  }

  @Override
  public Thread.Builder threads() {
    return platformThreads ? Thread.ofPlatform().daemon(true) : Thread.ofVirtual();
  }

  @Override
  public Acceptor listen(String name) throws IOException {
    PipeListener listener = PipeListener.bind(name, new ServerOptions());
    return new Acceptor() {
      @Override
      public Conn accept() throws IOException {
        try {
          NamedPipe pipe = listener.accept().get();
          return new ChannelConn(pipe.blockingChannel(), pipe);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        } catch (ExecutionException e) {
          throw new IOException(e.getCause());
        }
      }

      @Override
      public void close() throws IOException {
        listener.close();
      }
    };
  }

  @Override
  public Conn connect(String name) throws IOException {
    NamedPipe pipe = new ClientOptions().open(name, Duration.ofSeconds(10));
    return new ChannelConn(pipe.blockingChannel(), pipe);
  }

  @Override
  public boolean direct() {
    return true;
  }
}
