package dev.npipe4j.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The library's timer: one daemon platform thread that only hands each task, at its time, to {@link
 * Callbacks#executor()}. So a wait that polls (an open waiting for a pipe) holds no thread while it
 * waits, and the timer thread never runs the task itself, which may block or be user code. A
 * cancelled task leaves the queue at once.
 */
public final class Delays {
  private Delays() {}

  private static final class Holder {
    static final ScheduledThreadPoolExecutor TIMER = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor t =
          new ScheduledThreadPoolExecutor(
              1, Thread.ofPlatform().daemon().name("npipe4j-timer").factory());
      t.setRemoveOnCancelPolicy(true);
      t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      return t;
    }
  }

  /**
   * Runs a task on the callback executor once the delay has passed.
   *
   * @param task the task
   * @param delayNanos the delay, in nanoseconds
   * @return the scheduled hand-off; cancelling it before its time means the task never runs
   */
  public static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    return Holder.TIMER.schedule(
        () -> Callbacks.executor().execute(task), delayNanos, TimeUnit.NANOSECONDS);
  }
}
