package dev.npipe4j.internal.windows;

import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.handle.CompletionPort;
import dev.npipe4j.internal.windows.win32.Win32;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Who drains an {@link IocpDriver}'s port: one thread at a time, leader/follower.
 *
 * <p>A platform thread that waits for its own pipe (unless it waits for a direct read, below)
 * becomes the port's poller while no one else is, and dispatches every packet it dequeues, its own
 * and other pipes' alike, until its wait is over: the thread that waits dequeues its own
 * completion, with no hand-off through another thread (under Wine each hand-off costs wineserver
 * requests: an event set, and a wait on each side). Virtual threads and the async API register as
 * waiters on their pipe's {@link Readiness}, and the driver thread polls for them. When the driver
 * thread polls and a platform thread wants the port, the platform thread asks it to yield with a
 * wake-up packet, and the driver thread stays away from the port until someone needs it again: a
 * waiter registers ({@link #watch}), or a leader leaves while a watched target still {@link
 * CompletionTarget#needsPolling needs polling}. If another platform thread leads, a waiter parks on
 * its readiness as a virtual thread does, and the leader's dispatching wakes it.
 *
 * <p>Reads a platform thread blocks on skip the port altogether ({@link WindowsPipe#park}): once a
 * platform thread has blocked on a pipe's reads, that pipe's reads are issued with an event of
 * their own in the OVERLAPPED's hEvent, its low-order bit set, so the kernel queues no packet for
 * them; the thread waits on the event ({@code WaitForSingleObject}) and takes the completion
 * itself. Such a direct read has no packet to announce it: a reader that polls takes it on its next
 * attempt, and when someone else comes to depend on it (a virtual thread or a future registers, or
 * the pipe closes, its memory waiting for the read to end) the pipe is {@link #watch watched}, the
 * reads go back to the port from then on, and whoever polls looks at the direct read still in
 * flight every {@value #REAP_MILLIS} ms until it is over.
 *
 * <p>Measured under Wine 8 (2 cores shared with other work; {@code Harness} client and server, each
 * on its main platform thread, 10,000 round trips a run; the two ways alternating in one run, 5
 * rounds in each of two runs; medians, range in brackets): 1 B round trip p50 67 [63-136] µs with
 * the event vs 77 [70-595] µs leading the port, p99 1634 [583-6652] vs 2706 [757-5280] µs; 4 KiB
 * p50 70 [58-440] vs 220 [74-656] µs, p99 2896 [1066-7676] vs 1262 [920-8692] µs (a noisy tail
 * either way). The event had the lower p50 in all 20 pairs (in the first run its build asked the
 * event once more per read, which the second run's, this one, does not). wineserver requests per 1
 * B round trip (both ends, {@code wineserver -d1}): 14.08 with the event (no {@code
 * remove_completion}: 8 select, 2 each of read, write and get_async_result) vs 19.07 leading the
 * port (C over IOCP measured 18.45 before); this code, without the switch the comparison ran
 * behind, counted 14.11 and 14.46 (two servers and clients in one run). So the event is the way for
 * blocking platform-thread reads; leading the port remains for the rest: a platform thread that
 * waits to write, to connect, or while a read through the port is in flight.
 *
 * <p>A direct read's waiter does not spin on the OVERLAPPED's status before it waits on the event:
 * under Wine the status is written by the copy of the data, which runs on the issuing thread only
 * once it waits, so a spin only delays. Measured side by side under Wine (4 KiB round trips, the
 * client warmed for 3 s, 3 rounds): p50 282-411 µs spinning up to 50 µs and 624-667 µs up to 300
 * µs, against 188-402 µs without.
 *
 * <p>Virtual threads park on their readiness with no spin first. A spin on the readiness before
 * parking (Thread.onSpinWait, 5, 20 and 50 µs) was measured against none under Wine, side by side
 * in the same runs (one client and one server virtual thread, 1 B round trips, 5,000 a run): of
 * 136,767 spins of 5 and 20 µs, 50 found the readiness met (a cross-process round trip under Wine
 * takes far longer than a spin); wineserver requests per round trip 26.39 with 5 µs vs 27.47
 * without, and 26.53 with 50 µs vs 26.26 without, the same requests either way (4
 * remove_completion, 4 event_op); p50 medians over 9 rounds 470 [149-664] µs (5 µs), 461 [206-758]
 * µs (20 µs), 556 [182-893] µs (none), and over 10 earlier rounds 169 [142-1051] (5 µs), 483
 * [250-786] (50 µs), 449 [150-552] µs (none): the machine's noise, one mode or the other, not the
 * spin. No spin is kept.
 *
 * <p>Many virtual threads under Wine were bound by pending reads, not by their carriers. A virtual
 * thread's read that pends costs a signal to its carrier, which Wine interrupts to copy the data on
 * it, a {@code get_async_result} request, a packet for the driver thread to dequeue and the
 * hand-off; one issued when the peer's bytes are already there costs none of these. So a virtual
 * thread that waits to read issues its read from the wait, after a yield that lets the other
 * runnable virtual threads run ({@code WindowsPipe.awaitOnDemand}), and its pipe reads no further
 * ahead. Measured under Wine 8 on 2 cores ({@code Harness}, 200 clients of 50 1 B round trips,
 * virtual threads on both sides, 3 rounds side by side with the C baseline and a platform thread
 * per connection): reading ahead, 3,557-3,977 round trips/s; from the wait after a yield,
 * 4,635-5,804; platform threads 4,581-6,578; C 5,982-6,109. In a second run of 3 rounds: the yield
 * 4,605-6,182 with the default 2 carriers and 5,154-5,435 with 8 ({@code
 * jdk.virtualThreadScheduler.parallelism}), reading ahead with 8 carriers 3,334-5,517, C
 * 4,021-7,210: with the yield, more carriers no longer help. wineserver requests per client round
 * trip, both processes together (200 clients, 20 against 10 round trips each): 15.44 reading ahead
 * ({@code get_async_result} 2.00: every read pended; {@code remove_completion} 3.00), 9.69 with the
 * yield (0.32 and 0.62), 10.91 on platform threads and 9.82 for C. Two yields in a row were no
 * better than one (4,361-4,824 against 4,909-5,547 round trips/s, 3 rounds side by side). With one
 * connection (the {@code Harness} server's virtual thread) the yield finds nothing else to run,
 * returns at once, and the read pends as before: 1 B round trip p50 over 5 rounds side by side
 * 463-692 µs against 431-585 µs reading ahead (C 576-761 µs), within this machine's noise. Tried
 * before and not kept, while reads were still issued ahead: a second thread dequeuing the port
 * beside the driver thread (no difference: 5,549-5,693 against 5,318-6,134 round trips/s); virtual
 * threads taking what the port has queued, without waiting, before they park (4,366-4,560 against
 * 5,994 and 6,101: an empty look at the port is a request too); and a virtual thread that drains a
 * read leaving its next {@code ReadFile} to the driver thread, so that Wine copies the data on that
 * thread and not on a carrier (5,056-5,579 against 5,465-5,961: a posted packet more per read, for
 * nothing).
 *
 * <p>Event loops lead the port too ({@link CompletionPort}): a loop's thread leads for as long as
 * its loop may block, dispatching every packet, then leaves it to run its tasks, and comes back. So
 * the port is not handed to the driver thread each time a loop leaves it: while any loop is
 * {@linkplain #attach attached}, the driver thread only sweeps what is queued when its idle check
 * finds the port free, and a waiter registering on a loop's own thread does not call it in (the
 * loop leads again soon). Other waiters are then served by whichever loop leads, or within {@value
 * #IDLE_CHECK_MILLIS} ms by that sweep when every loop is busy. A loop that finds another leading
 * waits as a follower, and a leaving loop unparks one.
 *
 * <p>As a safety net for callers that poll with {@code tryRead} and never wait, the driver thread
 * looks at an unattended port every {@value #IDLE_CHECK_MILLIS} ms. A leader waits in the port at
 * most {@value #SLICE_MILLIS} ms at a time, so interrupts and deadlines are seen within that.
 *
 * <p>Dispatching runs no user code: pipes update state and readiness, and futures complete on
 * {@code Callbacks.executor()}.
 */
final class PortPoller implements CompletionPort {
  static final int IDLE_CHECK_MILLIS = 10;
  static final int SLICE_MILLIS = 50;
  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS);

  /** How long a poll waits at most while a direct operation someone depends on is in flight. */
  private static final int REAP_MILLIS = 1;

  private final IocpDriver driver;
  private final Thread driverThread;

  /** The thread that may dequeue and dispatch now, or null. */
  private final AtomicReference<@Nullable Thread> holder = new AtomicReference<>();

  /** A platform thread waiting for the driver thread to leave the port. */
  private final AtomicReference<@Nullable Thread> yieldTo = new AtomicReference<>();

  /** Targets that had a waiter lately; each is dropped once it needs no polling. */
  private final Set<CompletionTarget> watched = ConcurrentHashMap.newKeySet();

  /**
   * Watched targets with a direct read in flight, which no packet will announce: whoever polls
   * looks at them every {@value #REAP_MILLIS} ms while someone depends on them.
   */
  private final Set<CompletionTarget> reaping = ConcurrentHashMap.newKeySet();

  /** Event loops' threads that lead the port in turn; see {@link #attach}. */
  private final Set<Thread> loops = ConcurrentHashMap.newKeySet();

  /** Loops' threads waiting for the port while another thread leads it. */
  private final Set<Thread> followers = ConcurrentHashMap.newKeySet();

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
          // INFINITE: shutdown and yields post a packet. While loops lead the port in turn, only
          // sweep what is queued: a loop comes back to it soon.
          boolean sweep = !loops.isEmpty();
          int n = driver.dispatch(timeout(sweep ? 0 : Win32.INFINITE));
          alive = n >= 0;
          if (sweep && n == 0) {
            break;
          }
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
    boolean direct = target.reapDirect();
    if (!target.needsPolling()) {
      return; // a closed pipe whose last read was just taken: nothing to poll for
    }
    watched.add(target);
    if (direct) {
      reaping.add(target);
    }
    if (holder.get() == null) {
      if (!loops.contains(Thread.currentThread())) { // a loop's own thread leads again soon
        LockSupport.unpark(driverThread);
      }
    } else if (direct) {
      driver.wake(); // the poller may wait with no limit: it must look at this target soon
    }
  }

  /**
   * Takes the completions of the watched targets' direct operations that are over, and returns how
   * long the next poll may wait: {@code wanted}, or {@value #REAP_MILLIS} ms while a direct
   * operation someone depends on is still in flight.
   */
  // A concurrent set: its iterator is weakly consistent, and a removal meanwhile is safe.
  @SuppressWarnings("ModifyCollectionInEnhancedForLoop")
  private int timeout(int wanted) {
    if (reaping.isEmpty()) {
      return wanted;
    }
    for (CompletionTarget t : reaping) {
      // Remove, then look again: a waiter registering meanwhile re-adds it (see watch).
      if (!t.needsPolling() || !t.reapDirect()) {
        reaping.remove(t);
        if (t.needsPolling() && t.reapDirect()) {
          reaping.add(t);
        }
      }
    }
    return reaping.isEmpty() || (wanted != Win32.INFINITE && wanted <= REAP_MILLIS)
        ? wanted
        : REAP_MILLIS;
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

  @Override
  public void attach() {
    loops.add(Thread.currentThread());
  }

  @Override
  public void detach() {
    loops.remove(Thread.currentThread());
    if (needed()) {
      LockSupport.unpark(driverThread);
    }
  }

  @Override
  public int lead(long timeoutNanos, BooleanSupplier woken) {
    Thread me = Thread.currentThread();
    long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
    while (true) {
      Thread h = holder.get();
      if (h == null) {
        if (holder.compareAndSet(null, me)) {
          return leadLoop(deadline, woken);
        }
        continue;
      }
      if (driver.isShutdown()) {
        return -1;
      }
      if (woken.getAsBoolean() || expired(deadline)) {
        return 0;
      }
      if (h == driverThread && yieldTo.compareAndSet(null, me)) {
        try {
          driver.wake(); // the driver thread leaves the port when it sees the packet
          while (holder.get() == driverThread && !woken.getAsBoolean() && !expired(deadline)) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
          }
          if (holder.compareAndSet(null, me)) {
            yieldTo.set(null);
            return leadLoop(deadline, woken);
          }
        } finally {
          yieldTo.compareAndSet(me, null);
        }
        continue;
      }
      // Another thread leads: it dispatches this loop's pipes too. Wait for a wake-up or for it
      // to leave (it unparks a follower), then let the loop run.
      followers.add(me);
      try {
        if (holder.get() != null && !woken.getAsBoolean()) {
          LockSupport.parkNanos(this, Math.min(deadline - System.nanoTime(), SLICE_NANOS));
        }
      } finally {
        followers.remove(me);
      }
      return 0;
    }
  }

  /** Polls once as the port's holder, until {@code deadline} at most; then leaves the port. */
  private int leadLoop(long deadline, BooleanSupplier woken) {
    try {
      // Read after taking the port: a wake() that saw no holder raised the flag before.
      int timeout = 0;
      if (!woken.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        // Rounded up: a wait shorter than a millisecond waits one, instead of spinning.
        timeout =
            left <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE - 1, (left + 999_999) / 1_000_000);
      }
      return driver.dispatch(timeout(timeout));
    } finally {
      holder.set(null);
      for (Thread f : followers) {
        LockSupport.unpark(f);
        break;
      }
    }
  }

  @Override
  public void wake(Thread thread) {
    if (holder.get() == thread) {
      driver.wake();
    } else {
      LockSupport.unpark(thread);
    }
  }

  /** Tells whether a watched target needs the port polled; forgets those that do not. */
  // A concurrent set: its iterator is weakly consistent, and a removal meanwhile is safe.
  @SuppressWarnings("ModifyCollectionInEnhancedForLoop")
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
