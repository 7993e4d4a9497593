package dev.npipe4j.internal.unix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link Selector} and the daemon platform thread that runs it.
 *
 * <p>The driver only turns selector events into readiness: it calls each key's {@link Handler},
 * which lowers the key's interest and raises the endpoint's readiness. Transfers run on the
 * callers' threads; user code never runs here. Interest is armed by callers when a transfer would
 * block and disarmed here when it fires, so the level-triggered selector does not spin on a ready
 * socket nobody reads.
 */
final class UnixDriver {
  private static final System.Logger LOG = System.getLogger(UnixDriver.class.getName());

  /** How long the thread sleeps at most, so deadlines are checked. */
  private static final long TICK_MILLIS = 250;

  /** Reacts to the readiness of one key. Runs on the driver thread. */
  interface Handler {
    /**
     * Handles ready operations.
     *
     * @param key the key
     * @param readyOps the ready operations
     */
    void onReady(SelectionKey key, int readyOps);
  }

  private static final class Holder {
    static final UnixDriver SHARED = new UnixDriver("npipe4j-unix-driver");
  }

  private final Selector selector;

  /** Actions to run when their deadline passes. Confined to the driver thread. */
  private final List<Deadline> deadlines = new ArrayList<>();

  private record Deadline(long nanos, Runnable action) {}

  private UnixDriver(String threadName) {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    Thread.ofPlatform().name(threadName).daemon().start(this::run);
  }

  /** Returns the driver shared by every pipe of the process, started on first use. */
  static UnixDriver shared() {
    return Holder.SHARED;
  }

  /**
   * Registers a non-blocking channel. Safe from any thread.
   *
   * @return the key
   */
  SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws IOException {
    SelectionKey key = channel.register(selector, ops, handler);
    selector.wakeup();
    return key;
  }

  /** Makes the selector see interest changed from another thread. */
  void wakeup() {
    selector.wakeup();
  }

  /** Runs an action on the driver thread once the deadline passes. Driver thread only. */
  void at(long deadlineNanos, Runnable action) {
    deadlines.add(new Deadline(deadlineNanos, action));
  }

  private void run() {
    while (true) {
      try {
        selector.select(UnixDriver::dispatch, TICK_MILLIS);
        expire();
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.ERROR, "npipe4j selector loop failed; continuing", e);
      }
    }
  }

  private static void dispatch(SelectionKey key) {
    try {
      if (key.attachment() instanceof Handler h) {
        h.onReady(key, key.readyOps());
      }
    } catch (CancelledKeyException e) {
      // Closed while the event was in flight: nothing to signal.
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "npipe4j event handler failed", e);
    }
  }

  private void expire() {
    if (deadlines.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    for (int i = deadlines.size() - 1; i >= 0; i--) {
      Deadline d = deadlines.get(i);
      if (now - d.nanos() >= 0) {
        deadlines.remove(i);
        d.action().run();
      }
    }
  }
}
