package dev.npipe4j.bench;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipe;
import dev.npipe4j.PipeListener;
import dev.npipe4j.ServerOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/** The library under test, through its blocking channel view (any OS). */
final class Npipe4jImpl implements Impl {
  @Override
  public String name() {
    return "npipe4j";
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
