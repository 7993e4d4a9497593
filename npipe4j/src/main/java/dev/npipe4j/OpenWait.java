package dev.npipe4j;

import dev.npipe4j.internal.Backends;
import dev.npipe4j.internal.Callbacks;
import dev.npipe4j.internal.ClientConfig;
import dev.npipe4j.internal.Delays;
import dev.npipe4j.internal.PipeName;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * How a client waits for a pipe to exist and for one of its instances to be free, on every backend:
 * it opens, and while the open fails because every instance is busy ({@link PipeBusyException}) or
 * the pipe does not exist ({@link PipeNotFoundException}), it pauses and opens again, until the
 * deadline. No OS wait is used: {@code WaitNamedPipeW} blocks its thread in the kernel and can
 * return past its timeout, which is why go-winio polls as well.
 *
 * <p>The pause starts at {@value #FIRST_PAUSE_MILLIS} ms and doubles up to {@value
 * #LONGEST_PAUSE_MILLIS} ms (go-winio polls a busy pipe every 10 ms), and never runs past the
 * deadline: the last open is tried at the deadline, so a wait ends at the timeout plus one open at
 * most, and never before the timeout. It then fails with what that last open reported.
 *
 * <p>The blocking form sleeps between opens on the calling thread (a virtual thread unmounts). The
 * asynchronous form holds no thread while it pauses: each open runs on {@link
 * Callbacks#executor()}, and the pause is a task of the library's timer ({@link Delays}).
 */
final class OpenWait {
  private OpenWait() {}

  /** The first pause after a busy or missing pipe. */
  static final long FIRST_PAUSE_MILLIS = 1;

  /** The longest pause between two opens. */
  static final long LONGEST_PAUSE_MILLIS = 10;

  private static final long FIRST_PAUSE_NANOS = FIRST_PAUSE_MILLIS * 1_000_000;
  private static final long LONGEST_PAUSE_NANOS = LONGEST_PAUSE_MILLIS * 1_000_000;

  private static long nextPause(long pauseNanos) {
    return Math.min(pauseNanos * 2, LONGEST_PAUSE_NANOS);
  }

  /** Opens once; busy and missing pipes throw, for the caller to wait on. */
  private static NamedPipeClient openOnce(PipeName name, ClientConfig config) throws IOException {
    return new NamedPipeClient(Backends.current().openClient(name, config), name);
  }

  /** A {@link System#nanoTime()} deadline, saturated for a timeout too long to add. */
  private static long deadline(Duration timeout) {
    long nanos;
    try {
      nanos = timeout.toNanos();
    } catch (ArithmeticException e) {
      nanos = Long.MAX_VALUE / 2;
    }
    return System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 2);
  }

  /** Opens, waiting on the calling thread; see the class comment. */
  static NamedPipeClient open(PipeName name, ClientConfig config, Duration timeout)
      throws IOException {
    long deadline = deadline(timeout);
    long pause = FIRST_PAUSE_NANOS;
    while (true) {
      try {
        return openOnce(name, config);
      } catch (PipeBusyException | PipeNotFoundException e) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw e;
        }
        try {
          Thread.sleep(Duration.ofNanos(Math.min(pause, left)));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for " + name.text());
        }
        pause = nextPause(pause);
      }
    }
  }

  /** Opens on the callback executor, pausing on the timer; see the class comment. */
  static CompletableFuture<NamedPipeClient> openAsync(
      PipeName name, ClientConfig config, Duration timeout) {
    Opening opening = new Opening(name, config, deadline(timeout));
    Callbacks.executor().execute(opening);
    return opening;
  }

  /**
   * An open in progress. Cancelling it cancels the pending pause, so no later open starts; a client
   * that an open in flight connects after the cancel is closed at once, so the server sees its end
   * of stream.
   */
  private static final class Opening extends CompletableFuture<NamedPipeClient>
      implements Runnable {
    private final PipeName name;
    private final ClientConfig config;
    private final long deadline;

    /** Written only by the open in flight: opens never overlap. */
    private long pause = FIRST_PAUSE_NANOS;

    /** The pause before the next open. Guarded by this. */
    private @Nullable ScheduledFuture<?> next;

    Opening(PipeName name, ClientConfig config, long deadline) {
      this.name = name;
      this.config = config;
      this.deadline = deadline;
    }

    @Override
    public void run() {
      if (isDone()) {
        return;
      }
      NamedPipeClient client;
      try {
        client = openOnce(name, config);
      } catch (PipeBusyException | PipeNotFoundException e) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          completeExceptionally(e);
          return;
        }
        synchronized (this) {
          if (!isDone()) {
            next = Delays.schedule(this, Math.min(pause, left));
          }
        }
        pause = nextPause(pause);
        return;
      } catch (IOException | RuntimeException e) {
        completeExceptionally(e);
        return;
      }
      if (!complete(client)) {
        closeQuietly(client); // cancelled meanwhile: nobody will use it
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      ScheduledFuture<?> pending;
      synchronized (this) {
        pending = next;
      }
      if (pending != null) {
        pending.cancel(false);
      }
      return cancelled;
    }

    private static void closeQuietly(NamedPipeClient client) {
      try {
        client.close();
      } catch (IOException | RuntimeException ignored) {
        // nothing was handed out: the close is best effort
      }
    }
  }
}
