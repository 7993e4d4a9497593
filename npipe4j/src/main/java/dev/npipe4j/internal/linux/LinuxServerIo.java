package dev.npipe4j.internal.linux;

import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.ServerConfig;
import dev.npipe4j.internal.unix.SocketServerIo;
import dev.npipe4j.internal.unix.Transport;
import java.io.Closeable;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A server instance over libc sockets, served by the pipe's shared {@link LinuxListener}. The
 * listener completes a client's arrival in place, outside its lock.
 */
final class LinuxServerIo extends SocketServerIo<LinuxListener> {
  /** The current connection, or none. Written under LinuxListener.LOCK. */
  private final CurrentConnection conn;

  LinuxServerIo(LinuxListener listener, ServerConfig config) {
    super(listener, config, true);
    this.conn = new CurrentConnection(listener.pipe, readiness, config.mode() == PipeMode.MESSAGE);
  }

  /**
   * Takes an admitted connection. Caller holds LinuxListener.LOCK.
   *
   * @return the wait to complete once the caller has released the lock
   */
  CompletableFuture<Void> connected(Fd fd) {
    Framing.Mode framing = config.mode() == PipeMode.MESSAGE ? Framing.Mode.MESSAGES : null;
    if (framing != null) {
      Sockets.sizeForPackets(fd.value, Math.max(config.inBufferSize(), config.outBufferSize()));
    }
    conn.set(Connection.attach(fd, listener.pipe, listener.isPipeName, readiness, framing));
    return markConnected();
  }

  @Override
  protected Transport transport() {
    return conn;
  }

  @Override
  protected @Nullable CompletableFuture<Void> requeue() {
    return listener.enqueue(this);
  }

  @Override
  protected Closeable takeConnection(boolean discard) {
    Connection old = conn.take();
    return () -> {
      if (old != null) {
        old.close(discard);
      }
    };
  }
}
