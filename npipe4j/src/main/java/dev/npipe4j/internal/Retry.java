package dev.npipe4j.internal;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The one way npipe4j waits for a non-blocking operation to make progress: attempt; if the attempt
 * would block (it has lowered the readiness, as {@link PipeIo} requires), wait until the readiness
 * meets the interest, and attempt again, until the attempt yields an outcome or fails.
 *
 * <p>Two ways to wait, one rule. A {@code Retry} is a future that is itself a waiter of the {@link
 * Readiness}: the readiness event attempts again on {@link Callbacks#executor()}, never on the
 * driver thread, and without allocating a future per wait. {@link #block} is the same loop on the
 * calling thread, which parks between attempts ({@link PipeIo#park}); it allocates nothing.
 *
 * <p>Cancellation is exact. Each attempt runs under this future's monitor, and {@link #cancel} (as
 * {@link #complete} and {@link #completeExceptionally} from outside, so {@code orTimeout} too)
 * takes the same monitor: either an attempt that yielded an outcome ran first, and the future
 * completes with that outcome (the cancel returns false), or the future ended first, and no attempt
 * runs after it. So a cancelled read has taken nothing. A cancel removes the future from the
 * readiness's waiters at once. A cancel that comes while an attempt runs waits for that attempt.
 *
 * <p>If the endpoint is closed, the future fails with {@link ClosedChannelException}; if it closes
 * while the future waits, with {@link java.nio.channels.AsynchronousCloseException}.
 *
 * @param <T> the outcome type
 */
public abstract class Retry<T> extends CompletableFuture<T> implements Readiness.Waiter {
  /** What {@link #block} returns when the deadline passed. */
  public static final int TIMED_OUT = Integer.MIN_VALUE;

  /** What {@link #block} returns when the thread was interrupted; its status stays set. */
  public static final int INTERRUPTED = Integer.MIN_VALUE + 1;

  /**
   * A non-blocking attempt of a blocking transfer, on two arguments so that a method reference
   * captures nothing.
   *
   * @param <A> the first argument's type
   * @param <B> the second argument's type
   */
  @FunctionalInterface
  public interface Attempt<A, B> {
    /**
     * Attempts once.
     *
     * @param a the first argument
     * @param b the second argument
     * @return bytes moved, -1 at end of stream, or 0 if it would block
     * @throws IOException if the transfer fails
     */
    int run(A a, B b) throws IOException;
  }

  private final Readiness readiness;
  private final int interest;

  /**
   * True once the outcome is decided (by an attempt, a failure or from outside). Guarded by this.
   */
  private boolean ended;

  /**
   * Creates a pending operation; {@link #start} runs the first attempt.
   *
   * @param readiness the readiness to wait on
   * @param interest READABLE and/or WRITABLE
   */
  protected Retry(Readiness readiness, int interest) {
    this.readiness = readiness;
    this.interest = interest;
  }

  /**
   * One non-blocking attempt, under this future's monitor.
   *
   * @return the outcome, or null if it would block
   * @throws IOException if the operation fails; the future fails with it
   */
  protected abstract @Nullable T attempt() throws IOException;

  /**
   * Maps an attempt's outcome to the future's value. By default the outcome itself.
   *
   * @param outcome what {@link #attempt} returned, not null
   * @return the value
   */
  protected @Nullable T value(T outcome) {
    return outcome;
  }

  /**
   * Runs once, under the monitor, when the outcome is decided, before any dependent stage runs: the
   * place to release what the operation holds. By default nothing.
   */
  protected void ended() {}

  /** Runs the first attempt on the calling thread; later ones run on the callback executor. */
  public final void start() {
    step();
  }

  private void step() {
    T outcome = null;
    Throwable failure = null;
    synchronized (this) {
      while (true) {
        if (ended) {
          return;
        }
        try {
          outcome = attempt();
        } catch (IOException | RuntimeException e) {
          failure = e;
          break;
        }
        if (outcome != null) {
          break;
        }
        Readiness.Enlisted e = readiness.enlist(this);
        if (e == Readiness.Enlisted.WAITING) {
          return;
        }
        if (e == Readiness.Enlisted.CLOSED) {
          failure = new ClosedChannelException();
          break;
        }
        // READY: raised since the attempt: attempt again.
      }
      ended = true;
      ended();
    }
    if (failure != null) {
      super.completeExceptionally(failure);
    } else {
      // An attempt that yielded no outcome set the failure.
      super.complete(value(Objects.requireNonNull(outcome)));
    }
  }

  /** Decides the outcome from outside, unless it is decided already. */
  private boolean claim() {
    synchronized (this) {
      if (ended) {
        return false;
      }
      ended = true;
      readiness.withdraw(this);
      ended();
      return true;
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return claim() ? super.cancel(mayInterruptIfRunning) : isCancelled();
  }

  @Override
  public boolean complete(T value) {
    return claim() && super.complete(value);
  }

  @Override
  public boolean completeExceptionally(Throwable ex) {
    Objects.requireNonNull(ex, "ex");
    return claim() && super.completeExceptionally(ex);
  }

  // ---------------------------------------------------------------- Readiness.Waiter

  /** {@inheritDoc} */
  @Override
  public final int interest() {
    return interest;
  }

  /** Attempts again on the callback executor: the attempt may be user code. */
  @Override
  public final void fire(int readyBits) {
    Callbacks.executor().execute(this::step);
  }

  /** Fails on the callback executor: failing runs the dependent stages. */
  @Override
  public final void fail(Throwable cause) {
    Callbacks.executor()
        .execute(
            () -> {
              if (claim()) {
                super.completeExceptionally(cause);
              }
            });
  }

  // ---------------------------------------------------------------- blocking

  /**
   * The same rule on the calling thread: attempts, and parks between attempts until the readiness
   * meets the interest, the endpoint closes (the next attempt then tells), the deadline passes or
   * the thread is interrupted.
   *
   * @param io the endpoint
   * @param interest READABLE and/or WRITABLE
   * @param deadlineNanos a {@link System#nanoTime()} deadline, or {@link Long#MAX_VALUE}
   * @param inOs true to let a platform thread wait inside the OS where the backend can ({@link
   *     PipeIo#park}); false to wait on the readiness only, where any {@link Readiness#set} wakes
   * @param attempt the attempt
   * @param a its first argument
   * @param b its second argument
   * @param <A> the first argument's type
   * @param <B> the second argument's type
   * @return what the attempt returned that was not 0, {@link #TIMED_OUT} or {@link #INTERRUPTED}
   * @throws IOException if an attempt or the wait fails
   */
  public static <A, B> int block(
      PipeIo io,
      int interest,
      long deadlineNanos,
      boolean inOs,
      Attempt<? super A, ? super B> attempt,
      A a,
      B b)
      throws IOException {
    while (true) {
      int n = attempt.run(a, b);
      if (n != 0) {
        return n;
      }
      boolean ready =
          inOs ? io.park(interest, deadlineNanos) : io.readiness().park(interest, deadlineNanos);
      if (Thread.currentThread().isInterrupted()) {
        return INTERRUPTED;
      }
      if (!ready) {
        return TIMED_OUT;
      }
    }
  }
}
