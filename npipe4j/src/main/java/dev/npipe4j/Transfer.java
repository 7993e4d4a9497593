package dev.npipe4j;

import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.Retry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One outstanding {@link NamedPipe#read(java.nio.ByteBuffer)} or {@link
 * NamedPipe#write(java.nio.ByteBuffer)}: a {@link Retry} of the non-blocking transfer, so a
 * cancelled read has consumed nothing, and a read that consumed bytes always completes with their
 * count. The blocking views run the same attempt through {@link Retry#block}.
 */
final class Transfer extends Retry<Integer> {
  private final Attempt<AbstractNamedPipe, ByteBuffer> attempt;
  private final AbstractNamedPipe pipe;
  private final ByteBuffer buffer;

  /** The pipe's pending flag for this direction, released when this transfer ends. */
  private final AtomicBoolean pending;

  private Transfer(
      AbstractNamedPipe pipe,
      int interest,
      Attempt<AbstractNamedPipe, ByteBuffer> attempt,
      ByteBuffer buffer,
      AtomicBoolean pending) {
    super(pipe.io.readiness(), interest);
    this.attempt = attempt;
    this.pipe = pipe;
    this.buffer = buffer;
    this.pending = pending;
  }

  /** Starts a read; the first attempt runs on the calling thread. */
  static Transfer read(AbstractNamedPipe pipe, ByteBuffer dst, AtomicBoolean pending) {
    Transfer t = new Transfer(pipe, Readiness.READABLE, AbstractNamedPipe::readNow, dst, pending);
    t.start();
    return t;
  }

  /** Starts a write; the first attempt runs on the calling thread. */
  static Transfer write(AbstractNamedPipe pipe, ByteBuffer src, AtomicBoolean pending) {
    Transfer t = new Transfer(pipe, Readiness.WRITABLE, AbstractNamedPipe::writeNow, src, pending);
    t.start();
    return t;
  }

  @Override
  protected @Nullable Integer attempt() throws IOException {
    int n = attempt.run(pipe, buffer);
    return n == 0 ? null : n;
  }

  /** Releases the flag before the completion's dependents run, so they may start the next one. */
  @Override
  protected void ended() {
    pending.set(false);
  }

  /** Reports this transfer's outcome to a completion handler. */
  static <A extends @Nullable Object> void notify(
      CompletableFuture<Integer> transfer,
      A attachment,
      CompletionHandler<Integer, ? super A> handler) {
    // The handler gets the outcome; the stage that calls it is not needed.
    var unused =
        transfer.whenComplete(
            (n, e) -> {
              if (e == null) {
                handler.completed(n, attachment);
              } else {
                handler.failed(e instanceof CompletionException ? e.getCause() : e, attachment);
              }
            });
  }
}
