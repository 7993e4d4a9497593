package dev.npipe4j.internal.unix;

import dev.npipe4j.internal.Callbacks;
import dev.npipe4j.internal.ServerConfig;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A server instance over the JDK's socket channels, served by the pipe's shared {@link Listener}. A
 * client's arrival is delivered on {@link Callbacks#executor()}.
 */
final class UnixServerIo extends SocketServerIo<Listener> {
  private final SocketStream stream;

  UnixServerIo(Listener listener, ServerConfig config) {
    super(listener, config, false);
    this.stream = new SocketStream(listener.driver, readiness, listener.pipe);
  }

  /** Takes an admitted connection. Caller holds Listener.LOCK, on the driver thread. */
  void connected(SocketChannel ch) throws IOException {
    listener.leave(this);
    CompletableFuture<Void> done = markConnected();
    stream.attach(ch); // raises WRITABLE
    Callbacks.executor().execute(() -> done.complete(null));
  }

  @Override
  protected Transport transport() {
    return stream;
  }

  @Override
  protected @Nullable CompletableFuture<Void> requeue() {
    listener.enqueue(this); // a plain client in line completes the wait itself
    return null;
  }

  @Override
  protected Closeable takeConnection(boolean discard) {
    SocketChannel old = stream.detach();
    return () -> stream.closeNow(old);
  }
}
