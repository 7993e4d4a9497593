package dev.npipe4j.internal;

import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The readiness of one pipe endpoint, and the callers waiting for it.
 *
 * <p>A backend raises bits with {@link #set} when its driver learns that a read or a write can make
 * progress, and lowers them with {@link #clear} when a non-blocking attempt finds nothing to do. A
 * backend that derives readiness from state under its own lock calls both while holding that lock,
 * so a clear never hides a set that raced with it; this monitor is always taken last.
 *
 * <p>Three kinds of waiters exist. A thread blocked in a stream or a blocking read parks, and
 * {@link #set} unparks it directly: no user code runs on the driver thread. A future from {@link
 * #await} is completed on {@link Callbacks#executor()}, because completing it runs the caller's
 * dependent stages. A {@link Retry} (an operation that attempts again at each readiness event) is
 * itself the waiter, and attempts again on that executor.
 */
public final class Readiness {
  /** Data, end of stream or an error can be read. */
  public static final int READABLE = 1;

  /** A write can make progress or fail at once. */
  public static final int WRITABLE = 2;

  /** The peer has stopped writing; a read after the buffered data returns end of stream. */
  public static final int READ_CLOSED = 4;

  /** Writes fail: the peer is gone, or this end closed its write direction. */
  public static final int WRITE_CLOSED = 8;

  /** Current readiness bits. Guarded by this. */
  private int bits;

  /**
   * Counts calls of {@link #set}, so a clear can tell whether it raced with one. Guarded by this.
   */
  private long version;

  /** True once the endpoint is closed. Guarded by this. */
  private boolean closed;

  /** Waiters not yet satisfied. Guarded by this. */
  private final List<Waiter> waiters = new ArrayList<>(2);

  /** Told whenever a party starts to wait; see {@link #onWait}. Written once, before any wait. */
  private volatile @Nullable Runnable waitListener;

  /**
   * A party waiting for readiness: a parked thread, a future from {@link #await}, or a {@link
   * Retry}. Its methods are called outside this monitor, on the thread that changed the readiness
   * (a driver thread, or the closing thread), so they run no user code and do not block.
   */
  interface Waiter {
    /** The bits of interest, READABLE and/or WRITABLE. */
    int interest();

    /** Called once the interest is met, after the waiter left the list. */
    void fire(int readyBits);

    /** Called when the endpoint is closed, after the waiter left the list. */
    void fail(Throwable cause);
  }

  private static final class ThreadWaiter implements Waiter {
    final int interest;
    final Thread thread = Thread.currentThread();
    volatile boolean done;

    ThreadWaiter(int interest) {
      this.interest = interest;
    }

    @Override
    public int interest() {
      return interest;
    }

    @Override
    public void fire(int readyBits) {
      done = true;
      LockSupport.unpark(thread);
    }

    @Override
    public void fail(Throwable cause) {
      fire(0);
    }
  }

  private static final class FutureWaiter<T> implements Waiter {
    final int interest;
    final CompletableFuture<T> future;
    final IntFunction<T> result;

    FutureWaiter(int interest, CompletableFuture<T> future, IntFunction<T> result) {
      this.interest = interest;
      this.future = future;
      this.result = result;
    }

    @Override
    public int interest() {
      return interest;
    }

    @Override
    public void fire(int readyBits) {
      if (!future.isDone()) {
        Callbacks.executor().execute(() -> future.complete(result.apply(readyBits)));
      }
    }

    @Override
    public void fail(Throwable cause) {
      if (!future.isDone()) {
        Callbacks.executor().execute(() -> future.completeExceptionally(cause));
      }
    }
  }

  /**
   * Raises readiness bits and wakes the waiters whose interest they meet.
   *
   * @param add the bits to raise
   */
  public void set(int add) {
    List<Waiter> woken = null;
    int now;
    synchronized (this) {
      bits |= add;
      version++;
      now = bits;
      for (int i = waiters.size() - 1; i >= 0; i--) {
        Waiter w = waiters.get(i);
        if ((w.interest() & matchable(now)) != 0) {
          if (woken == null) {
            woken = new ArrayList<>(2);
          }
          woken.add(w);
          waiters.remove(i);
        }
      }
    }
    if (woken != null) {
      for (Waiter w : woken) {
        w.fire(now);
      }
    }
  }

  /**
   * Lowers readiness bits after an attempt found nothing to do.
   *
   * @param remove the bits to lower
   */
  public synchronized void clear(int remove) {
    bits &= ~remove;
  }

  /**
   * Lowers readiness bits unless they were raised since {@code seenVersion}. Used when the attempt
   * that found nothing to do ran outside the backend's lock.
   *
   * @param remove the bits to lower
   * @param seenVersion the value of {@link #version()} read before the attempt
   */
  public synchronized void clear(int remove, long seenVersion) {
    if (version == seenVersion) {
      bits &= ~remove;
    }
  }

  /**
   * Returns a counter that changes whenever bits are raised.
   *
   * @return the current version
   */
  public synchronized long version() {
    return version;
  }

  /**
   * Returns the current bits.
   *
   * @return a combination of the constants of this class
   */
  public synchronized int bits() {
    return bits;
  }

  /**
   * Tells whether a wait for {@code interest} would end now: the interest is met (a closed
   * direction counts) or the endpoint is closed, as {@link #park} decides.
   *
   * @param interest READABLE and/or WRITABLE
   * @return true if such a wait would not block
   */
  public synchronized boolean isMet(int interest) {
    return closed || (interest & matchable(bits)) != 0;
  }

  /**
   * Returns a future completed with the readiness once it meets the interest.
   *
   * @param interest READABLE and/or WRITABLE
   * @param result maps the ready bits to the future's value
   * @param <T> the future's value type
   * @return the future; it fails with {@link ClosedChannelException} if the endpoint is closed, and
   *     with {@link AsynchronousCloseException} if it is closed while waiting
   */
  public <T> CompletableFuture<T> await(int interest, IntFunction<T> result) {
    CompletableFuture<T> future;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new ClosedChannelException());
      }
      if ((interest & matchable(bits)) != 0) {
        return CompletableFuture.completedFuture(result.apply(bits));
      }
      future = new CompletableFuture<>();
      waiters.add(new FutureWaiter<>(interest, future, result));
    }
    notifyWaiting();
    // A cancelled waiter is dropped at once rather than at the next readiness change. The stage
    // only tidies the waiters; the caller holds the future itself.
    var unused = future.whenComplete((v, e) -> forget(future));
    return future;
  }

  private synchronized void forget(CompletableFuture<?> future) {
    waiters.removeIf(w -> w instanceof FutureWaiter<?> f && f.future == future);
  }

  /** What {@link #enlist} did. */
  enum Enlisted {
    /** The waiter is in the list, until the interest is met, the endpoint closes, or withdrawn. */
    WAITING,
    /** The interest is met already: nothing was registered. */
    READY,
    /** The endpoint is closed: nothing was registered. */
    CLOSED
  }

  /**
   * Registers a waiter unless the interest is met already or the endpoint is closed, and tells the
   * backend that someone waits (see {@link #onWait}).
   */
  Enlisted enlist(Waiter waiter) {
    synchronized (this) {
      if (closed) {
        return Enlisted.CLOSED;
      }
      if ((waiter.interest() & matchable(bits)) != 0) {
        return Enlisted.READY;
      }
      waiters.add(waiter);
    }
    notifyWaiting();
    return Enlisted.WAITING;
  }

  /** Removes a waiter at once, if it is still registered. */
  synchronized void withdraw(Waiter waiter) {
    waiters.remove(waiter);
  }

  /**
   * Runs {@code action} once the interest is met or the endpoint closes, on the thread that changes
   * the readiness: the one dispatching the driver's events, or the closing one. For library code
   * only: the action runs outside this monitor but perhaps under the backend's lock, so it runs no
   * user code, does not block, and does not call into the endpoint; it queues the work it stands
   * for. Tells the backend that someone waits, as every waiter does (see {@link #onWait}).
   *
   * @param interest READABLE and/or WRITABLE
   * @param action what to run, once
   * @return true if the action is registered; false, registering nothing, if a wait for the
   *     interest would end now (as {@link #isMet} tells)
   */
  public boolean whenMet(int interest, Runnable action) {
    return enlist(new HookWaiter(interest, action)) == Enlisted.WAITING;
  }

  private record HookWaiter(int interest, Runnable action) implements Waiter {
    @Override
    public void fire(int readyBits) {
      action.run();
    }

    @Override
    public void fail(Throwable cause) {
      action.run();
    }
  }

  /**
   * Parks the calling thread until the interest is met, the endpoint closes or the deadline passes.
   * Returns early on interrupt; the caller checks the interrupt status.
   *
   * @param interest READABLE and/or WRITABLE
   * @param deadlineNanos a {@link System#nanoTime()} deadline, or {@link Long#MAX_VALUE}
   * @return true if the interest was met or the endpoint closed, false on timeout or interrupt
   */
  public boolean park(int interest, long deadlineNanos) {
    ThreadWaiter waiter = new ThreadWaiter(interest);
    synchronized (this) {
      if (isMet(interest)) {
        return true;
      }
      waiters.add(waiter);
    }
    notifyWaiting();
    while (!waiter.done) {
      if (deadlineNanos == Long.MAX_VALUE) {
        LockSupport.park(this);
      } else {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          break;
        }
        LockSupport.parkNanos(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
      }
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
    }
    if (!waiter.done) {
      synchronized (this) {
        waiters.remove(waiter);
      }
    }
    return waiter.done;
  }

  /**
   * Sets what to tell when a party starts to wait, for a backend that watches the OS only while
   * someone waits. The listener runs on the waiting thread, outside this monitor, after the waiter
   * is registered; it reads {@link #awaited()} to learn what to watch.
   *
   * @param listener the listener
   */
  public void onWait(Runnable listener) {
    waitListener = listener;
  }

  /**
   * Returns the interests of the parties waiting now.
   *
   * @return a combination of {@link #READABLE} and {@link #WRITABLE}, 0 if nobody waits
   */
  public synchronized int awaited() {
    int union = 0;
    for (Waiter w : waiters) {
      union |= w.interest();
    }
    return union;
  }

  private void notifyWaiting() {
    Runnable l = waitListener;
    if (l != null) {
      l.run();
    }
  }

  /**
   * Marks the endpoint closed and fails every waiter with {@link AsynchronousCloseException}. Later
   * calls of {@link #await} fail with {@link ClosedChannelException}.
   */
  public void close() {
    List<Waiter> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(waiters);
      waiters.clear();
    }
    for (Waiter w : all) {
      w.fail(new AsynchronousCloseException());
    }
  }

  /**
   * Tells whether {@link #close()} has run.
   *
   * @return true once closed
   */
  public synchronized boolean isClosed() {
    return closed;
  }

  /** Closed directions count as readiness of the matching interest, so waiters see the error. */
  private static int matchable(int bits) {
    int m = bits & (READABLE | WRITABLE);
    if ((bits & READ_CLOSED) != 0) m |= READABLE;
    if ((bits & WRITE_CLOSED) != 0) m |= WRITABLE;
    return m;
  }
}
