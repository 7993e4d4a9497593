package dev.npipe4j.internal.linux;

import dev.npipe4j.PeerCredentials;
import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.PipeEnd;
import dev.npipe4j.PipeInfo;
import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.Callbacks;
import dev.npipe4j.internal.DriverFuture;
import dev.npipe4j.internal.ServerConfig;
import dev.npipe4j.internal.ServerPipeIo;
import dev.npipe4j.internal.linux.libc.Errno;
import dev.npipe4j.internal.unix.Wire;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;

/**
 * A server instance: at most one accepted connection at a time, from the pipe's shared {@link
 * LinuxListener}.
 *
 * <p>States: WAITING (in the listener's line; a new instance starts here, as a Windows instance
 * listens from its creation), CONNECTED, DISCONNECTED (after {@link #disconnect()}, until the next
 * {@link #connect()} puts it back in line) and CLOSED.
 */
final class LinuxServerIo extends ServerPipeIo {
  private enum State {
    WAITING,
    CONNECTED,
    DISCONNECTED,
    CLOSED
  }

  private final LinuxListener listener;
  private final ServerConfig config;

  /** The current connection, or null. Written under LinuxListener.LOCK. */
  private volatile Connection conn;

  /** Guarded by LinuxListener.LOCK. */
  private State state = State.WAITING;

  /**
   * Completed when a client arrives for the current wait. Never handed out: callers get views, so
   * cancelling one leaves the wait intact. Guarded by LinuxListener.LOCK.
   */
  private CompletableFuture<Void> arrival = new CompletableFuture<>();

  LinuxServerIo(LinuxListener listener, ServerConfig config) {
    this.listener = listener;
    this.config = config;
    readiness.onWait(
        () -> {
          Connection c = conn;
          if (c != null) {
            c.arm();
          }
        });
  }

  /** Tells whether a client with these request flags may use this instance. */
  boolean allows(int requestFlags) {
    return Wire.allows(config, requestFlags);
  }

  /** The OK reply describing this instance. */
  ByteBuffer reply() {
    return Wire.okReply(config, listener.maxInstances);
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
    conn = Connection.attach(fd, listener.pipe, listener.isPipeName, readiness, framing);
    state = State.CONNECTED;
    return arrival;
  }

  @Override
  public CompletableFuture<Void> connect() {
    CompletableFuture<Void> wait;
    CompletableFuture<Void> arrived = null;
    synchronized (LinuxListener.LOCK) {
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
          arrived = listener.enqueue(this);
        }
        case WAITING -> {}
      }
      wait = arrival;
    }
    // Step: a view per call, so cancelling it leaves the wait intact; failures pass unwrapped. The
    // wait's only dependents are views, so whoever completes it may do so in place: a view delivers
    // to the threads blocked on it and leaves user stages to the callback executor.
    DriverFuture<Void> view = new DriverFuture<>();
    wait.whenComplete(
        (v, e) -> {
          if (e == null) {
            view.deliver(null);
          } else {
            view.deliverFailure(e);
          }
        });
    if (arrived != null) {
      arrived.complete(null);
    }
    return view;
  }

  @Override
  public void disconnect() {
    Connection old = null;
    synchronized (LinuxListener.LOCK) {
      if (state == State.CONNECTED) {
        old = conn;
        conn = null;
        state = State.DISCONNECTED;
      }
    }
    if (old != null) {
      old.close(true); // forgets every readiness bit
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    checkInbound();
    Connection c = conn;
    return c != null ? c.read(dst) : idle();
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    checkInbound();
    return Transfers.read(this, dsts, offset, length, config.mode() == PipeMode.MESSAGE);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    checkOutbound();
    Connection c = conn;
    return c != null ? c.write(src) : idle();
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    checkOutbound();
    return Transfers.write(this, srcs, offset, length, config.mode() == PipeMode.MESSAGE);
  }

  @Override
  public int readBlocking(ByteBuffer dst) throws IOException {
    checkInbound();
    Connection c = conn;
    return c != null && c.framing == null ? c.readBlocking(dst) : CANNOT_BLOCK;
  }

  @Override
  public boolean park(int interest, long deadlineNanos) throws IOException {
    Connection c = conn;
    if (c != null && !Thread.currentThread().isVirtual()) {
      return c.park(interest, deadlineNanos);
    }
    return readiness.park(interest, deadlineNanos);
  }

  @Override
  public int messageBytesRemaining() {
    Connection c = conn;
    return c != null && c.framing != null ? c.framing.bytesRemaining() : 0;
  }

  @Override
  public byte[] readMessage() throws IOException {
    if (config.mode() != PipeMode.MESSAGE) {
      return super.readMessage();
    }
    checkInbound();
    Connection c = conn;
    if (c == null) {
      idle();
      return null;
    }
    return c.framing.readMessage();
  }

  @Override
  public void closeWrite() throws IOException {
    checkOutbound();
    Connection c = conn;
    if (c == null) {
      if (readiness.isClosed()) {
        throw new ClosedChannelException();
      }
      throw new dev.npipe4j.PipeException(
          listener.pipe + ": closeWrite() needs a connected peer", Errno.ENOTCONN);
    }
    c.closeWrite();
  }

  @Override
  public PipeInfo info() {
    return new PipeInfo(
        config.mode(),
        PipeEnd.SERVER,
        listener.maxInstances,
        config.outBufferSize(),
        config.inBufferSize());
  }

  @Override
  public long peerProcessId() throws IOException {
    return peerCredentials().processId();
  }

  @Override
  public PeerCredentials peerCredentials() throws IOException {
    Connection c = conn;
    if (c == null) {
      throw new dev.npipe4j.PipeException(
          "no client is connected to " + listener.pipe, Errno.ENOTCONN);
    }
    return c.peerCredentials();
  }

  @Override
  public void close() {
    State was;
    CompletableFuture<Void> wait;
    Connection old;
    synchronized (LinuxListener.LOCK) {
      was = state;
      if (was == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      listener.dequeue(this);
      wait = arrival;
      old = conn;
      conn = null;
    }
    readiness.close();
    if (was == State.WAITING) {
      Callbacks.executor()
          .execute(() -> wait.completeExceptionally(new AsynchronousCloseException()));
    }
    try {
      if (old != null) {
        old.close(false);
      }
    } finally {
      listener.release();
    }
  }

  /** No connection: report would-block, or closed if the endpoint is. */
  private int idle() throws IOException {
    if (readiness.isClosed()) {
      throw new ClosedChannelException();
    }
    return 0;
  }

  private void checkInbound() throws IOException {
    if (!config.accessInbound()) {
      throw new PipeAccessDeniedException(
          listener.pipe, "the server was created without inbound access", Errno.EACCES);
    }
  }

  private void checkOutbound() throws IOException {
    if (!config.accessOutbound()) {
      throw new PipeAccessDeniedException(
          listener.pipe, "the server was created without outbound access", Errno.EACCES);
    }
  }
}
