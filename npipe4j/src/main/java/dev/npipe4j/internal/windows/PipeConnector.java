package dev.npipe4j.internal.windows;

import dev.npipe4j.internal.DriverFuture;
import dev.npipe4j.internal.windows.win32.Win32Outcome;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The connect half of a server instance: one overlapped {@code ConnectNamedPipe}, and whether a
 * client is there.
 *
 * <p>{@code ERROR_PIPE_CONNECTED} (a client came before the call) and {@code ERROR_NO_DATA} (one
 * came and already went) count as connected: the first read then sees what the client left, or end
 * of stream. Every caller of {@link #connect()} gets its own future, so cancelling one leaves the
 * instance listening; {@link #closed()} fails them all with {@link AsynchronousCloseException} and
 * cancels the listen with {@code CancelIoEx} ({@code DisconnectNamedPipe} does not abort it under
 * Wine). A client end is connected from the start.
 *
 * <p>Those futures are {@link DriverFuture} views, delivered in place by the thread that sees the
 * connect end (the one dispatching its packet, or the closing one): a thread blocked on one wakes
 * at once, and {@code PipeListener} arms its next instance right there, with no hop through the
 * callback executor (under Wine each hop costs a thread wake-up per accept); user stages still run
 * on the executor.
 *
 * <p>All methods run with the pipe's lock held.
 */
final class PipeConnector implements OverlappedOp.Handler {
  private final WindowsPipe pipe;
  private final OverlappedOp op;

  /** A client is connected (always true for a client end). */
  private boolean connected;

  /** Completed in place when the pending connect completes; never handed out itself. */
  private @Nullable CompletableFuture<Void> waiting;

  PipeConnector(WindowsPipe pipe, PendingIo pending) {
    this.pipe = pipe;
    this.op = pending.add(pipe, this);
  }

  boolean isConnected() {
    return connected;
  }

  boolean inFlight() {
    return op.inFlight();
  }

  /** Tells whether a caller waits for a client. */
  boolean isWaiting() {
    return waiting != null;
  }

  /** Returns a future that completes when a client is connected; see the class comment. */
  CompletableFuture<Void> connect() {
    if (pipe.isClosed()) {
      return CompletableFuture.failedFuture(new ClosedChannelException());
    }
    if (connected) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = waiting;
    if (done == null) {
      done = waiting = new CompletableFuture<>();
      if (!op.inFlight()) {
        op.connect();
        if (connected) {
          return CompletableFuture.completedFuture(null); // a client was already there
        }
      }
    }
    return done.isDone() ? done : DriverFuture.viewOf(done);
  }

  @Override
  public void done(int error, int bytes) {
    switch (Win32Outcome.of(error)) {
      case SUCCESS, CONNECTED, PEER_CLOSED -> connected();
      default -> fail(WindowsErrors.toIOException(error, pipe.name(), "ConnectNamedPipe"));
    }
  }

  /** A client is there: from the start on a client end, else when the connect is done. */
  void connected() {
    connected = true;
    pipe.clientArrived();
    CompletableFuture<Void> done = waiting;
    waiting = null;
    if (done != null) {
      done.complete(null); // its dependents are views: see the class comment
    }
  }

  private void fail(Throwable error) {
    CompletableFuture<Void> done = waiting;
    waiting = null;
    if (done != null) {
      done.completeExceptionally(error);
    }
  }

  /** Forgets the client: the next {@link #connect()} listens again. */
  void disconnected() {
    connected = false;
  }

  /** The pipe is closing: fail the waiters and cancel the listen in flight. */
  void closed() {
    fail(new AsynchronousCloseException());
    op.cancel();
  }
}
