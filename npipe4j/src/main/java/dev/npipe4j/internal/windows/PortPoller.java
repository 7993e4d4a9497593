package dev.npipe4j.internal.windows;

import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.windows.win32.Win32;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Who drains an {@link IocpDriver}'s port: one thread at a time, leader/follower.
 *
 * <p>A platform thread that waits for its own pipe becomes the port's poller while no one else is,
 * and dispatches every packet it dequeues, its own and other pipes' alike, until its wait is over:
 * the thread that waits dequeues its own completion, with no hand-off through another thread (under
 * Wine each hand-off costs wineserver requests: an event set, and a wait on each side). Virtual
 * threads and the async API register as waiters on their pipe's {@link Readiness}, and the driver
 * thread polls for them. When the driver thread polls and a platform thread wants the port, the
 * platform thread asks it to yield with a wake-up packet, and the driver thread stays away from the
 * port until someone needs it again: a waiter registers ({@link #watch}), or a leader leaves while
 * a watched target still {@link CompletionTarget#needsPolling needs polling}. If another platform
 * thread leads, a waiter parks on its readiness as a virtual thread does, and the leader's
 * dispatching wakes it.
 *
 * <p>As a safety net for callers that poll with {@code tryRead} and never wait, the driver thread
 * looks at an unattended port every {@value #IDLE_CHECK_MILLIS} ms. A leader waits in the port at
 * most {@value #SLICE_MILLIS} ms at a time, so interrupts and deadlines are seen within that.
 *
 * <p>Dispatching runs no user code: pipes update state and readiness, and futures complete on
 * {@code Callbacks.executor()}.
 */
final class PortPoller {
  static final int IDLE_CHECK_MILLIS = 10;
  static final int SLICE_MILLIS = 50;

  /**
   * Internal switch, read once, for side-by-side measurement ({@code -Dnpipe4j.windows.directReads
   * =true}): a platform thread that blocks on reads issues them with an event in hEvent, low bit
   * set, and waits on that event, so no packet reaches the port.
   */
  static final boolean DIRECT_READS = Boolean.getBoolean("npipe4j.windows.directReads");

  /**
   * Internal switch, read once, for side-by-side measurement ({@code
   * -Dnpipe4j.windows.spinNanos=N}): a virtual thread spins up to N ns on its readiness before it
   * parks.
   */
  static final long SPIN_NANOS = Long.getLong("npipe4j.windows.spinNanos", 0);

  /** How long a poll waits at most while a direct operation someone depends on is in flight. */
  private static final int REAP_MILLIS = 1;

  private final IocpDriver driver;
  private final Thread driverThread;

  /** The thread that may dequeue and dispatch now, or null. */
  private final AtomicReference<Thread> holder = new AtomicReference<>();

  /** A platform thread waiting for the driver thread to leave the port. */
  private final AtomicReference<Thread> yieldTo = new AtomicReference<>();

  /** Targets that had a waiter lately; each is dropped once it needs no polling. */
  private final Set<CompletionTarget> watched = ConcurrentHashMap.newKeySet();

  PortPoller(IocpDriver driver, Thread driverThread) {
    this.driver = driver;
    this.driverThread = driverThread;
  }

  /** The driver thread's loop: poll while no one else does and no platform thread asks. */
  void run() {
    long idle = TimeUnit.MILLISECONDS.toNanos(IDLE_CHECK_MILLIS);
    boolean first = true;
    while (!driver.isShutdown()) {
      if (!first) {
        LockSupport.parkNanos(this, idle);
      }
      first = false;
      if (yieldTo.get() != null || !holder.compareAndSet(null, driverThread)) {
        continue;
      }
      boolean alive = true;
      try {
        while (alive && yieldTo.get() == null) {
          // INFINITE: shutdown and yields post a packet
          alive = driver.poll(timeout(Win32.INFINITE));
        }
      } finally {
        holder.set(null);
      }
      LockSupport.unpark(yieldTo.get());
      if (!alive) {
        return;
      }
    }
  }

  /** A target has a waiter: make sure someone polls. */
  void watch(CompletionTarget target) {
    watched.add(target);
    if (holder.get() == null) {
      LockSupport.unpark(driverThread);
    } else if (DIRECT_READS && target.reapDirect()) {
      driver.wake(); // the poller may wait with no limit: it must look at this target soon
    }
  }

  /**
   * Takes the completions of the watched targets' direct operations that are over, and returns how
   * long the next poll may wait: {@code wanted}, or {@value #REAP_MILLIS} ms while a direct
   * operation someone depends on is still in flight.
   */
  private int timeout(int wanted) {
    if (!DIRECT_READS) {
      return wanted;
    }
    boolean left = false;
    for (CompletionTarget t : watched) {
      if (t.needsPolling() && t.reapDirect()) {
        left = true;
      }
    }
    return left && (wanted == Win32.INFINITE || wanted > REAP_MILLIS) ? REAP_MILLIS : wanted;
  }

  /** Lets the driver thread see a shutdown at once, wherever it is. */
  void shutdown() {
    LockSupport.unpark(driverThread);
  }

  /**
   * Waits on the calling platform thread until {@code readiness} meets {@code interest}, polling
   * the port itself while no one else does; as {@link Readiness#park}.
   */
  boolean await(Readiness readiness, int interest, long deadlineNanos) {
    Thread me = Thread.currentThread();
    while (!readiness.isMet(interest)) {
      if (me.isInterrupted() || expired(deadlineNanos)) {
        return false;
      }
      Thread h = holder.get();
      if (h == null) {
        if (holder.compareAndSet(null, me)) {
          return lead(readiness, interest, deadlineNanos);
        }
      } else if (h == driverThread && yieldTo.compareAndSet(null, me)) {
        try {
          driver.wake(); // the driver thread leaves the port when it sees the packet
          while (holder.get() == driverThread
              && !readiness.isMet(interest)
              && !expired(deadlineNanos)) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
          }
          if (holder.compareAndSet(null, me)) {
            yieldTo.set(null);
            return lead(readiness, interest, deadlineNanos);
          }
        } finally {
          yieldTo.compareAndSet(me, null);
        }
      } else {
        // Another thread polls (a leader, or the driver thread yielding to one): it dispatches
        // this pipe's packets too, and a leader leaving hands the port on (see lead).
        return readiness.park(interest, deadlineNanos);
      }
    }
    return true;
  }

  private boolean lead(Readiness readiness, int interest, long deadlineNanos) {
    Thread me = Thread.currentThread();
    try {
      while (!readiness.isMet(interest)) {
        int timeout = SLICE_MILLIS;
        if (deadlineNanos != Long.MAX_VALUE) {
          long left = deadlineNanos - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          timeout = (int) Math.max(1, Math.min(SLICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        if (me.isInterrupted() || !driver.poll(timeout(timeout))) {
          return readiness.isMet(interest);
        }
      }
      return true;
    } finally {
      holder.set(null);
      if (needed()) {
        LockSupport.unpark(driverThread);
      }
    }
  }

  /** Tells whether a watched target needs the port polled; forgets those that do not. */
  private boolean needed() {
    for (CompletionTarget t : watched) {
      if (t.needsPolling()) {
        return true;
      }
      // Remove, then look again: a waiter registering meanwhile re-adds it (see watch).
      watched.remove(t);
      if (t.needsPolling()) {
        watched.add(t);
        return true;
      }
    }
    return false;
  }

  private static boolean expired(long deadlineNanos) {
    return deadlineNanos != Long.MAX_VALUE && deadlineNanos - System.nanoTime() <= 0;
  }
}
