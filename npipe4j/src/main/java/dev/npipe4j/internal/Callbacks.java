package dev.npipe4j.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Where user code runs when an I/O event completes a future.
 *
 * <p>Driver threads never run user code: completing a {@code CompletableFuture} runs its dependent
 * stages synchronously, and a stage that blocks would stall every pipe of the driver. So futures
 * are completed from a virtual thread per completion. A virtual thread costs a few hundred bytes
 * and a blocking callback parks only itself; threads parked in blocking reads are unparked directly
 * by the driver and skip this hop.
 */
public final class Callbacks {
  private Callbacks() {}

  private static final class Holder {
    static final ExecutorService EXECUTOR =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("npipe4j-callback-", 0).factory());
  }

  /**
   * Returns the executor that completes futures.
   *
   * @return a shared executor that starts one virtual thread per task
   */
  public static Executor executor() {
    return Holder.EXECUTOR;
  }
}
