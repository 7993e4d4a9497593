package dev.npipe4j.internal.handle;

import java.util.function.BooleanSupplier;

/**
 * The completion port of the library's Windows driver, for an event loop that lends its thread to
 * it: the loop's thread leads the port ({@link #lead}), dequeuing and dispatching every pipe's
 * packets, its own and others' alike, as a platform thread that waits for its pipe does. Only one
 * thread leads at a time; the others wait their turn.
 *
 * <p>Dispatching runs no user code: pipes update their state and readiness, and {@linkplain
 * PipeHandles#whenReadable hooks} run on the dispatching thread.
 */
public interface CompletionPort {
  /**
   * Makes the calling thread one of the event loops that lead the port. While any is attached, the
   * driver thread leaves the port to them: it only looks at it every few milliseconds when none
   * leads, and a hook armed on a loop's thread does not call it in.
   */
  void attach();

  /** Ends {@link #attach()} for the calling thread; the driver thread polls again if needed. */
  void detach();

  /**
   * Leads the port on the calling thread for up to {@code timeoutNanos}, and dispatches what it
   * dequeues: becomes its poller if no one is, asks the driver thread to leave if it polls, and if
   * another thread leads, waits up to the timeout for {@link #wake} or for that leader to leave.
   *
   * @param timeoutNanos how long to wait at most; 0 dequeues only what is there
   * @param woken read once this thread leads, before it waits: if true the wait is 0
   * @return the number of pipe packets dispatched, or -1 once the driver is shut down
   */
  int lead(long timeoutNanos, BooleanSupplier woken);

  /**
   * Ends a {@link #lead} of {@code thread} under way or about to begin: posts a wake-up packet if
   * {@code thread} leads, else unparks it. The caller first raises the flag its {@code woken}
   * reads.
   *
   * @param thread the loop's thread
   */
  void wake(Thread thread);
}
