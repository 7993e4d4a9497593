package dev.npipe4j;

import dev.npipe4j.internal.Readiness;
import java.io.IOException;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One outstanding {@link NamedPipe#read(java.nio.ByteBuffer)} or {@link
 * NamedPipe#write(java.nio.ByteBuffer)}: retries the non-blocking transfer at each readiness event
 * until it moves bytes, fails, or is cancelled.
 *
 * <p>Cancellation is exact: an attempt and {@link #cancel} exclude each other on this future's
 * monitor, so a cancelled read has consumed nothing, and a read that consumed bytes always
 * completes with their count. No byte is lost to a cancelled future.
 */
final class Transfer extends CompletableFuture<Integer> {
  /** A non-blocking transfer: bytes moved, 0 if it would block, -1 at end of stream. */
  @FunctionalInterface
  interface Attempt {
    int run() throws IOException;
  }

  private final Readiness readiness;
  private final int interest;
  private final Attempt attempt;

  /** The pipe's pending flag for this direction, released when this transfer ends. */
  private final AtomicBoolean pending;

  /** The readiness wait in progress, cancelled with this transfer. Guarded by this. */
  private CompletableFuture<Void> wait;

  private Transfer(Readiness readiness, int interest, Attempt attempt, AtomicBoolean pending) {
    this.readiness = readiness;
    this.interest = interest;
    this.attempt = attempt;
    this.pending = pending;
  }

  /**
   * Starts a transfer. The first attempt runs on the calling thread; later ones on the callback
   * executor.
   */
  static Transfer start(Readiness readiness, int interest, Attempt attempt, AtomicBoolean pending) {
    Transfer t = new Transfer(readiness, interest, attempt, pending);
    t.step();
    return t;
  }

  private void step() {
    synchronized (this) {
      if (isDone()) {
        return;
      }
      int n;
      try {
        n = attempt.run();
      } catch (IOException | RuntimeException e) {
        pending.set(false);
        completeExceptionally(e);
        return;
      }
      if (n != 0) {
        // Release the flag first, so the completion's dependents may start the next transfer.
        pending.set(false);
        complete(n);
        return;
      }
      wait = readiness.await(interest, bits -> null);
    }
    wait.whenComplete(
        (v, e) -> {
          if (e == null) {
            step();
          } else {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            synchronized (this) {
              if (!isDone()) {
                pending.set(false);
                completeExceptionally(cause);
              }
            }
          }
        });
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    CompletableFuture<Void> w;
    boolean cancelled;
    synchronized (this) {
      cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        pending.set(false);
      }
      w = wait;
    }
    if (cancelled && w != null) {
      w.cancel(false);
    }
    return cancelled;
  }

  /** Reports this transfer's outcome to a completion handler. */
  static <A> void notify(
      CompletableFuture<Integer> transfer,
      A attachment,
      CompletionHandler<Integer, ? super A> handler) {
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
