package dev.npipe4j.internal.unix;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The listening socket of one pipe, in either Unix backend: shared by every instance of the pipe in
 * this process, it keeps their {@link InstanceLine}. The first instance binds it and the last one
 * to {@link #release()} it closes it.
 *
 * @param <I> the backend's server instance
 * @param <C> the backend's accepted connection
 */
public abstract class SocketListener<I extends SocketServerIo<?>, C> {
  /** The pipe's name. */
  public final String pipe;

  /** The socket's path. */
  protected final Path path;

  /** The limit set by the first instance, or {@link dev.npipe4j.PipeInfo#UNLIMITED_INSTANCES}. */
  public final int maxInstances;

  /** The open instances, and who waits for whom. Guarded by {@link #lock}. */
  protected final InstanceLine<I, C> line;

  /** Guards this listener and the state of its instances. */
  final Object lock;

  /** The backend's live listeners by socket path. Guarded by {@link #lock}. */
  private final Map<Path, ?> registry;

  /**
   * Creates the listener of a pipe.
   *
   * @param backlog how many plain clients may wait for an instance
   * @param lock the backend's lock over its listeners and instances
   * @param registry the backend's live listeners by socket path, which this one leaves when it
   *     closes
   */
  protected SocketListener(
      String pipe, Path path, int maxInstances, int backlog, Object lock, Map<Path, ?> registry) {
    this.registry = registry;
    this.pipe = pipe;
    this.path = path;
    this.maxInstances = maxInstances;
    this.line = new InstanceLine<>(maxInstances, backlog);
    this.lock = lock;
  }

  /** Takes an instance out of the line of waiting instances. Caller holds the lock. */
  final void leave(SocketServerIo<?> io) {
    line.leave(io);
  }

  /** Drops one instance's reference; the last one closes the socket. */
  public final void release() {
    synchronized (lock) {
      if (!line.closed()) {
        return;
      }
      registry.remove(path);
      closeSocket(line.drainPlain());
    }
  }

  /**
   * Closes the listening socket, the plain clients still in line, and deletes the socket's file.
   * Caller holds the lock.
   *
   * @param plainInLine the plain clients that were waiting for an instance
   */
  protected abstract void closeSocket(List<C> plainInLine);
}
