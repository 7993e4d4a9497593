package dev.npipe4j.internal.unix;

import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.PipeEnd;
import dev.npipe4j.PipeException;
import dev.npipe4j.PipeInfo;
import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.Callbacks;
import dev.npipe4j.internal.ServerConfig;
import dev.npipe4j.internal.ServerPipeIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;

/**
 * A server instance: at most one accepted connection at a time, from the pipe's shared {@link
 * Listener}.
 *
 * <p>States: WAITING (in the listener's line; a new instance starts here, as a Windows instance
 * listens from its creation), CONNECTED, DISCONNECTED (after {@link #disconnect()}, until the next
 * {@link #connect()} puts it back in line) and CLOSED.
 */
final class UnixServerIo extends ServerPipeIo {
  private enum State {
    WAITING,
    CONNECTED,
    DISCONNECTED,
    CLOSED
  }

  private final Listener listener;
  private final ServerConfig config;
  private final SocketStream stream;

  /** Guarded by Listener.LOCK. */
  private State state = State.WAITING;

  /**
   * Completed when a client arrives for the current wait. Never handed out: callers get copies, so
   * cancelling one leaves the wait intact. Guarded by Listener.LOCK.
   */
  private CompletableFuture<Void> arrival = new CompletableFuture<>();

  UnixServerIo(Listener listener, ServerConfig config) {
    this.listener = listener;
    this.config = config;
    this.stream = new SocketStream(listener.driver, readiness, listener.pipe);
  }

  /** Tells whether a client with these request flags may use this instance. */
  boolean allows(int requestFlags) {
    return ((requestFlags & Wire.WANT_WRITE) == 0 || config.accessInbound())
        && ((requestFlags & Wire.WANT_READ) == 0 || config.accessOutbound());
  }

  /** The OK reply describing this instance. */
  ByteBuffer reply() {
    int flags =
        (config.accessInbound() ? Wire.INBOUND : 0) | (config.accessOutbound() ? Wire.OUTBOUND : 0);
    return Wire.reply(
        Wire.OK, flags, listener.maxInstances, config.outBufferSize(), config.inBufferSize());
  }

  /** Takes an admitted connection. Caller holds Listener.LOCK, on the driver thread. */
  void connected(SocketChannel ch) throws IOException {
    listener.dequeue(this);
    state = State.CONNECTED;
    stream.attach(ch); // raises WRITABLE
    CompletableFuture<Void> done = arrival;
    Callbacks.executor().execute(() -> done.complete(null));
  }

  @Override
  public CompletableFuture<Void> connect() {
    CompletableFuture<Void> wait;
    synchronized (Listener.LOCK) {
      switch (state) {
        case CLOSED -> {
          return CompletableFuture.failedFuture(new ClosedChannelException());
        }
        case CONNECTED -> {
          return CompletableFuture.completedFuture(null);
        }
        case DISCONNECTED -> {
          // Step: back in line for the next client.
          state = State.WAITING;
          arrival = new CompletableFuture<>();
          listener.enqueue(this);
        }
        case WAITING -> {}
      }
      wait = arrival;
    }
    // Step: a view per call, so cancelling it leaves the wait intact; failures pass unwrapped.
    CompletableFuture<Void> view = new CompletableFuture<>();
    wait.whenComplete(
        (v, e) -> {
          if (e == null) {
            view.complete(null);
          } else {
            view.completeExceptionally(e);
          }
        });
    return view;
  }

  @Override
  public void disconnect() throws IOException {
    SocketChannel old = null;
    synchronized (Listener.LOCK) {
      if (state == State.CONNECTED) {
        old = stream.detach(); // forgets every readiness bit
        state = State.DISCONNECTED;
      }
    }
    stream.closeNow(old);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    checkInbound();
    return stream.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    checkInbound();
    return stream.read(dsts, offset, length);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    checkOutbound();
    return stream.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    checkOutbound();
    return stream.write(srcs, offset, length);
  }

  @Override
  public void closeWrite() throws IOException {
    checkOutbound();
    stream.closeWrite();
  }

  @Override
  public PipeInfo info() {
    return new PipeInfo(
        PipeMode.BYTE,
        PipeEnd.SERVER,
        listener.maxInstances,
        config.outBufferSize(),
        config.inBufferSize());
  }

  @Override
  public long peerProcessId() throws IOException {
    throw noPeerPid(listener.pipe);
  }

  @Override
  public void close() throws IOException {
    State was;
    CompletableFuture<Void> wait;
    synchronized (Listener.LOCK) {
      was = state;
      if (was == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      listener.dequeue(this);
      wait = arrival;
    }
    readiness.close();
    if (was == State.WAITING) {
      Callbacks.executor()
          .execute(() -> wait.completeExceptionally(new AsynchronousCloseException()));
    }
    try {
      stream.close();
    } finally {
      listener.release();
    }
  }

  /** The failure of {@code peerProcessId()} on Unix. */
  static PipeException noPeerPid(String pipe) {
    return new PipeException(
        "the peer's process id of "
            + pipe
            + " is not available on Unix: SO_PEERCRED gives the JDK only the user and group",
        UnixErrors.EOPNOTSUPP);
  }

  private void checkInbound() throws IOException {
    if (!config.accessInbound()) {
      throw new PipeAccessDeniedException(
          listener.pipe, "the server was created without inbound access", UnixErrors.EACCES);
    }
  }

  private void checkOutbound() throws IOException {
    if (!config.accessOutbound()) {
      throw new PipeAccessDeniedException(
          listener.pipe, "the server was created without outbound access", UnixErrors.EACCES);
    }
  }
}
