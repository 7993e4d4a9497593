package dev.npipe4j.internal.unix;

import dev.npipe4j.PipeEnd;
import dev.npipe4j.PipeInfo;
import dev.npipe4j.internal.Callbacks;
import dev.npipe4j.internal.DriverFuture;
import dev.npipe4j.internal.ServerConfig;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A server instance of a pipe carried by a Unix domain socket: at most one accepted connection at a
 * time, handed over by the pipe's listener, which every instance of the pipe in this process
 * shares.
 *
 * <p>States: WAITING (in the listener's line; a new instance starts here, as a Windows instance
 * listens from its creation), CONNECTED, DISCONNECTED (after {@link #disconnect()}, until the next
 * {@link #connect()} puts it back in line) and CLOSED. The state is guarded by the listener's lock;
 * the hooks marked so run with it held.
 *
 * @param <L> the backend's listener
 */
public abstract class SocketServerIo<L extends SocketListener<?, ?>> extends SocketPipeIo {
  private enum State {
    WAITING,
    CONNECTED,
    DISCONNECTED,
    CLOSED
  }

  /** The pipe's listener. */
  protected final L listener;

  /** The options the instance was created with. */
  protected final ServerConfig config;

  private final Object lock;
  private final boolean driverViews;

  /** Guarded by lock. */
  private State state = State.WAITING;

  /**
   * Completed when a client arrives for the current wait. Never handed out: callers get views, so
   * cancelling one leaves the wait intact. Guarded by lock.
   */
  private CompletableFuture<Void> arrival = new CompletableFuture<>();

  /**
   * Creates an instance, waiting.
   *
   * @param listener the pipe's listener
   * @param config the options
   * @param driverViews true if whoever completes a wait may do so in place (a driver thread): the
   *     views are then {@link DriverFuture}s, which leave user stages to the callback executor
   */
  protected SocketServerIo(L listener, ServerConfig config, boolean driverViews) {
    super(listener.pipe, true, config.accessInbound(), config.accessOutbound());
    this.listener = listener;
    this.config = config;
    this.lock = listener.lock;
    this.driverViews = driverViews;
  }

  /** Tells whether a client with these request flags may use this instance. */
  public final boolean allows(int requestFlags) {
    return Wire.allows(config, requestFlags);
  }

  /**
   * The OK reply describing this instance.
   *
   * @return the reply's bytes
   */
  public final ByteBuffer reply() {
    return Wire.okReply(config, listener.maxInstances);
  }

  /**
   * Records that a connection was handed over. Caller holds the lock.
   *
   * @return the wait to complete, for the caller to complete
   */
  protected final CompletableFuture<Void> markConnected() {
    state = State.CONNECTED;
    return arrival;
  }

  /**
   * Puts the instance back in line after a disconnect. Caller holds the lock.
   *
   * @return the wait to complete once the lock is released (a client in line took the instance), or
   *     null
   */
  protected abstract @Nullable CompletableFuture<Void> requeue();

  /**
   * Forgets the current connection, and every readiness bit it raised. Caller holds the lock.
   *
   * @param discard true to drop what is still queued for the peer (a disconnect), false to let it
   *     go out first (a close)
   * @return what closes the connection, run once the lock is released
   */
  protected abstract Closeable takeConnection(boolean discard);

  @Override
  public final CompletableFuture<Void> connect() {
    CompletableFuture<Void> wait;
    CompletableFuture<Void> arrived = null;
    synchronized (lock) {
      switch (state) {
        case CLOSED -> {
          return CompletableFuture.failedFuture(new ClosedChannelException());
        }
        case CONNECTED -> {
          return CompletableFuture.completedFuture(null);
        }
        case DISCONNECTED -> {
          // Step: back in line for the next client, who may be waiting already.
          state = State.WAITING;
          arrival = new CompletableFuture<>();
          arrived = requeue();
        }
        case WAITING -> {}
      }
      wait = arrival;
    }
    // Step: a view per call, so cancelling it leaves the wait intact; failures pass unwrapped.
    CompletableFuture<Void> view = driverViews ? DriverFuture.viewOf(wait) : plainView(wait);
    if (arrived != null) {
      arrived.complete(null);
    }
    return view;
  }

  private static CompletableFuture<Void> plainView(CompletableFuture<Void> wait) {
    CompletableFuture<Void> view = new CompletableFuture<>();
    // The stage only passes the wait's outcome on to the view, which the caller holds.
    var unused =
        wait.whenComplete(
            (v, failure) -> {
              if (failure == null) {
                view.complete(null);
              } else {
                view.completeExceptionally(failure);
              }
            });
    return view;
  }

  @Override
  public final void disconnect() throws IOException {
    Closeable old = null;
    synchronized (lock) {
      if (state == State.CONNECTED) {
        old = takeConnection(true);
        state = State.DISCONNECTED;
      }
    }
    if (old != null) {
      old.close();
    }
  }

  @Override
  public final PipeInfo info() {
    return new PipeInfo(
        config.mode(),
        PipeEnd.SERVER,
        listener.maxInstances,
        config.outBufferSize(),
        config.inBufferSize());
  }

  @Override
  public final void close() throws IOException {
    State was;
    CompletableFuture<Void> wait;
    Closeable old;
    synchronized (lock) {
      was = state;
      if (was == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      wait = arrival;
      listener.leave(this);
      old = takeConnection(false);
    }
    readiness.close();
    if (was == State.WAITING) {
      Callbacks.executor()
          .execute(() -> wait.completeExceptionally(new AsynchronousCloseException()));
    }
    try {
      old.close();
    } finally {
      listener.release();
    }
  }
}
