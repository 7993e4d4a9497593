package dev.npipe4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A future that a driver thread completes without running user code and without a hand-off for the
 * threads that block on it.
 *
 * <p>Completing a {@code CompletableFuture} runs its dependent stages on the completing thread, so
 * a driver completes ordinary futures on {@link Callbacks#executor()}, and a thread blocked in
 * {@code get()} wakes only after that hop. This future separates the two: {@link #deliver} runs the
 * library's own {@linkplain #onDelivery delivery actions} in place, then records the outcome and
 * unparks the threads blocked in {@link #get()}, {@link #get(long, TimeUnit)} or {@link #join()} at
 * once, and leaves the completion of the stages to a user thread: the first of the threads it woke,
 * once it runs, or the executor if none was blocked. (A thread blocked in {@code get()} is the
 * common way to wait for an accept or an open; handing it the stages saves waking an executor
 * thread for every such future, stages or not. That thread was woken anyway, and dependent stages
 * may run on any user thread, as with {@code CompletableFuture}.) Every query ({@link #isDone()},
 * {@link #getNow}, {@link #state()}...) answers from the recorded outcome, so the future is done,
 * to its users, from the moment the outcome is recorded. The actions come first so that whoever
 * sees the future done sees what they did too: an action that reads the pipe (a Flight Recorder
 * event's peer, say) runs before a woken thread can go on and close it.
 *
 * @param <T> the value type
 */
public final class DriverFuture<T> extends CompletableFuture<T> {
  /** The outcome: null while pending, else a {@link Value} or a {@link Failure}. */
  private volatile @Nullable Object outcome;

  /**
   * The outcome that won, set before the delivery actions run and {@link #outcome} after them:
   * whoever claims it first settles the future. Guarded by this.
   */
  private @Nullable Object claimed;

  private record Value(@Nullable Object value) {}

  private record Failure(Throwable cause) {}

  /** Threads blocked in get or join. */
  private final ConcurrentLinkedQueue<Thread> blocked = new ConcurrentLinkedQueue<>();

  /** The library's delivery actions not yet run. Guarded by this. */
  private @Nullable List<BiConsumer<? super T, ? super Throwable>> actions;

  /** True if the stages complete in place too; see {@link #keepStagesInPlace()}. */
  private volatile boolean stagesInPlace;

  /** 1 once someone has taken on the completion of the stages. */
  @SuppressWarnings("UnusedVariable") // read and written through STAGES_TAKEN only
  private volatile int stagesTaken;

  private static final VarHandle STAGES_TAKEN;

  static {
    try {
      STAGES_TAKEN =
          MethodHandles.lookup().findVarHandle(DriverFuture.class, "stagesTaken", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Creates a pending future. */
  public DriverFuture() {}

  /**
   * Adds an action that runs in place on the delivering thread: library code only, which must not
   * block. If the future is delivered already, runs it now.
   *
   * @param onDelivery the action, given the value or the failure
   */
  public void onDelivery(BiConsumer<? super T, ? super Throwable> onDelivery) {
    Object o;
    synchronized (this) {
      o = claimed;
      if (o == null) {
        if (actions == null) {
          actions = new ArrayList<>(2);
        }
        actions.add(onDelivery);
        return;
      }
    }
    run(onDelivery, o);
  }

  /**
   * Lets the stages complete in place on the delivering thread too: only for a future the library
   * keeps to itself, on which no user stage can be.
   */
  public void keepStagesInPlace() {
    stagesInPlace = true;
  }

  /**
   * Returns a new future delivered in place when {@code wait} completes, failures unwrapped: a view
   * per caller, so that cancelling one leaves {@code wait} and the other views as they are. Whoever
   * completes {@code wait} may do so on a driver thread, as long as its only dependents are such
   * views.
   *
   * @param wait the shared wait, never handed out itself
   * @param <T> the value type
   * @return the view
   */
  public static <T> DriverFuture<T> viewOf(CompletableFuture<T> wait) {
    DriverFuture<T> view = new DriverFuture<>();
    // The stage only passes the wait's outcome on to the view, which the caller holds.
    var unused =
        wait.whenComplete(
            (value, failure) -> {
              if (failure == null) {
                view.deliver(value);
              } else {
                view.deliverFailure(failure);
              }
            });
    return view;
  }

  /**
   * Completes with a value from a driver thread: see the class comment.
   *
   * @param value the value
   * @return false if the future was done already (for example cancelled)
   */
  public boolean deliver(@Nullable T value) {
    return settle(new Value(value), true);
  }

  /**
   * Fails from a driver thread: see the class comment.
   *
   * @param cause the failure
   * @return false if the future was done already
   */
  public boolean deliverFailure(Throwable cause) {
    return settle(new Failure(cause), true);
  }

  private boolean settle(Object o, boolean fromDriver) {
    List<BiConsumer<? super T, ? super Throwable>> due;
    synchronized (this) {
      if (claimed != null) {
        return false;
      }
      claimed = o;
      due = actions;
      actions = null;
    }
    if (due != null) {
      for (BiConsumer<? super T, ? super Throwable> a : due) {
        run(a, o);
      }
    }
    outcome = o;
    boolean woke = false;
    for (Thread t; (t = blocked.poll()) != null; ) {
      LockSupport.unpark(t); // taken off the queue: it completes the stages if it comes first
      woke = true;
    }
    if (!fromDriver || stagesInPlace) {
      completeStages(o);
    } else if (!woke) {
      Callbacks.executor().execute(() -> completeStages(o));
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private void run(BiConsumer<? super T, ? super Throwable> a, Object o) {
    if (o instanceof Value v) {
      a.accept((T) v.value(), null);
    } else {
      a.accept(null, ((Failure) o).cause());
    }
  }

  /** Completes the stages, unless someone has already taken that on. */
  @SuppressWarnings("unchecked")
  private void completeStages(Object o) {
    if (!STAGES_TAKEN.compareAndSet(this, 0, 1)) {
      return;
    }
    if (o instanceof Value v) {
      super.complete((T) v.value());
    } else if (((Failure) o).cause() instanceof CancellationException c) {
      super.completeExceptionally(c);
    } else {
      super.completeExceptionally(((Failure) o).cause());
    }
  }

  // ---------------------------------------------------------------- completion by users

  @Override
  public boolean complete(T value) {
    return settle(new Value(value), false);
  }

  @Override
  public boolean completeExceptionally(Throwable ex) {
    return settle(new Failure(java.util.Objects.requireNonNull(ex)), false);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return settle(new Failure(new CancellationException()), false) || isCancelled();
  }

  @Override
  public void obtrudeValue(T value) {
    throw new UnsupportedOperationException("the outcome of an npipe4j future is final");
  }

  @Override
  public void obtrudeException(Throwable ex) {
    throw new UnsupportedOperationException("the outcome of an npipe4j future is final");
  }

  // ---------------------------------------------------------------- queries

  @Override
  public boolean isDone() {
    return outcome != null;
  }

  @Override
  public boolean isCancelled() {
    return outcome instanceof Failure f && f.cause() instanceof CancellationException;
  }

  @Override
  public boolean isCompletedExceptionally() {
    return outcome instanceof Failure;
  }

  @Override
  public State state() {
    Object o = outcome;
    if (o == null) {
      return State.RUNNING;
    }
    if (o instanceof Value) {
      return State.SUCCESS;
    }
    return isCancelled() ? State.CANCELLED : State.FAILED;
  }

  @Override
  @SuppressWarnings("unchecked")
  public @Nullable T resultNow() {
    if (outcome instanceof Value v) {
      return (T) v.value();
    }
    throw new IllegalStateException(outcome == null ? "not done" : "not completed with a value");
  }

  @Override
  public Throwable exceptionNow() {
    if (outcome instanceof Failure f && !(f.cause() instanceof CancellationException)) {
      return f.cause();
    }
    throw new IllegalStateException(outcome == null ? "not done" : "not failed");
  }

  @Override
  public @Nullable T getNow(T valueIfAbsent) {
    Object o = outcome;
    return o == null ? valueIfAbsent : joined(o);
  }

  @Override
  public @Nullable T join() {
    Object o;
    while ((o = outcome) == null) {
      block(Long.MAX_VALUE);
    }
    return joined(o);
  }

  @Override
  public @Nullable T get() throws InterruptedException, ExecutionException {
    Object o;
    while ((o = outcome) == null) {
      block(Long.MAX_VALUE);
      // As CompletableFuture does, an outcome already there wins over an interrupt.
      if (outcome == null && Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    return got(o);
  }

  @Override
  public @Nullable T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    Object o;
    while ((o = outcome) == null) {
      if (deadline - System.nanoTime() <= 0) {
        throw new TimeoutException();
      }
      block(deadline);
      if (outcome == null && Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    return got(o);
  }

  /**
   * Parks until delivery, the deadline or an interrupt; the caller rechecks. A thread that the
   * delivery took off the queue completes the stages here, if no other thread has yet.
   */
  private void block(long deadlineNanos) {
    Thread me = Thread.currentThread();
    blocked.add(me);
    try {
      if (outcome == null) {
        if (deadlineNanos == Long.MAX_VALUE) {
          LockSupport.park(this);
        } else {
          LockSupport.parkNanos(this, deadlineNanos - System.nanoTime());
        }
      }
    } finally {
      if (!blocked.remove(me)) {
        // The delivery woke this thread (see the class comment), after it set the outcome.
        completeStages(Objects.requireNonNull(outcome, "delivered"));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private @Nullable T got(Object o) throws ExecutionException {
    if (o instanceof Value v) {
      return (T) v.value();
    }
    Throwable cause = ((Failure) o).cause();
    if (cause instanceof CancellationException c) {
      throw c;
    }
    throw new ExecutionException(cause);
  }

  @SuppressWarnings("unchecked")
  private @Nullable T joined(Object o) {
    if (o instanceof Value v) {
      return (T) v.value();
    }
    Throwable cause = ((Failure) o).cause();
    if (cause instanceof CancellationException c) {
      throw c;
    }
    throw cause instanceof CompletionException ce ? ce : new CompletionException(cause);
  }

  @Override
  public String toString() {
    return "DriverFuture[" + state() + "]";
  }
}
