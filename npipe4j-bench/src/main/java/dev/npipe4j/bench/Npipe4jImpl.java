package dev.npipe4j.bench;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipe;
import dev.npipe4j.PipeListener;
import dev.npipe4j.ServerOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * The library under test, through its blocking channel view (any OS), in one of three {@link
 * Threads thread shapes}: {@code npipe4j}, a virtual thread per connection; {@code
 * npipe4j-platform}, a platform thread per connection, the shape of the C baselines' many-clients
 * test, where each thread waits for its own I/O; {@code npipe4j-carriers}, virtual threads again,
 * in a JVM whose virtual-thread scheduler was given more carriers than it has processors. Set side
 * by side, they show what the virtual threads' hand-off through the driver thread costs, and what
 * the carriers' own waits do.
 */
final class Npipe4jImpl implements Impl {
  /** How an implementation runs its connections. */
  enum Threads {
    VIRTUAL("npipe4j"),
    PLATFORM("npipe4j-platform"),
    /**
     * Virtual threads, with {@value #PARALLELISM} set on the command line, which this shape
     * requires (the scheduler reads it once, when the first virtual thread starts).
     */
    MORE_CARRIERS("npipe4j-carriers");

    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    private final String implName;

    Threads(String implName) {
      this.implName = implName;
    }
  }

  private final Threads threads;

  /** The library on virtual threads. */
  Npipe4jImpl() {
    this(Threads.VIRTUAL);
  }

  /**
   * The library in the given thread shape.
   *
   * @param threads how connections run
   */
  Npipe4jImpl(Threads threads) {
    this.threads = threads;
  }

  @Override
  public String name() {
    return threads.implName;
  }

  @Override
  public Thread.Builder threads() {
    return switch (threads) {
      case VIRTUAL -> Thread.ofVirtual();
      case PLATFORM -> Thread.ofPlatform().daemon(true);
      case MORE_CARRIERS -> {
        if (System.getProperty(Threads.PARALLELISM) == null) {
          throw new IllegalStateException(
              name() + " needs -D" + Threads.PARALLELISM + "=N on the command line");
        }
        yield Thread.ofVirtual();
      }
    };
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
