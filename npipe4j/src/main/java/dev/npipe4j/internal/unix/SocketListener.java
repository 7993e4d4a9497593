package dev.npipe4j.internal.unix;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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

  /**
   * Before each accept: stops taking connections if the line of plain clients is full ({@link
   * InstanceLine#pauseIfFull}), so that further clients wait in the kernel's backlog. Caller holds
   * the lock.
   *
   * @return true if the caller must stop accepting now
   */
  protected final boolean pausedIfFull() {
    if (!line.pauseIfFull()) {
      return false;
    }
    accepting(false);
    return true;
  }

  /**
   * Takes the oldest plain client waiting for an instance, if any; a listener paused for a full
   * line takes connections again once this makes room ({@link InstanceLine#resume}). Caller holds
   * the lock.
   *
   * @return the client, or null if none waits
   */
  protected final @Nullable C nextPlain() {
    C plain = line.nextPlain();
    if (plain != null && line.resume()) {
      accepting(true);
    }
    return plain;
  }

  /**
   * Starts or stops taking connections from the listening socket, as {@link #pausedIfFull} and
   * {@link #nextPlain} decide; nothing once the socket is closed. Caller holds the lock.
   *
   * @param on true to accept again, false to leave new connections in the kernel's backlog
   */
  protected abstract void accepting(boolean on);

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
