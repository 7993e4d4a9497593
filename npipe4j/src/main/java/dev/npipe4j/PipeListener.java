package dev.npipe4j;

import dev.npipe4j.internal.Delays;
import dev.npipe4j.internal.DriverFuture;
import java.io.IOException;
import java.nio.channels.AcceptPendingException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * An accept loop that always keeps one instance of the pipe listening.
 *
 * <p>With bare {@link NamedPipeServer}s a server must create the next instance before handing a
 * connected one off; if it forgets, clients that open in the gap find no pipe ({@code
 * ERROR_FILE_NOT_FOUND}) or a busy one. A listener does it for you: by the time {@link #accept()}
 * completes with a connected instance, the next instance is already listening.
 *
 * {@snippet :
 * try (PipeListener listener = PipeListener.bind(name, new ServerOptions())) {
 *   while (true) {
 *     NamedPipeServer connected = listener.accept().get();
 *     Thread.ofVirtual().start(() -> serve(connected));
 *   }
 * }
 * }
 *
 * <p>When {@link ServerOptions#maxInstances(int)} instances are all handed out, no further instance
 * can listen. {@code accept()} then waits: it retries the create with a short backoff (1 ms up to
 * 50 ms) until a handed-out instance is closed, and only then listens. Clients that open in that
 * time see the pipe busy or missing; {@link ClientOptions#open(String, java.time.Duration)} waits
 * through both.
 */
public final class PipeListener implements AutoCloseable {
  private static final long MAX_BACKOFF_MILLIS = 50;

  private final String name;
  private final ServerOptions options;

  /** The instance waiting for the next client, or null. Guarded by this. */
  private @Nullable NamedPipeServer listening;

  /**
   * Connected instances that no accept took, oldest first: their accept was cancelled, or the
   * client came in while no accept was outstanding. Each goes to the next accept. Guarded by this.
   */
  private final ArrayDeque<NamedPipeServer> unclaimed = new ArrayDeque<>();

  /** The accept waiting for an instance, or null; it may be cancelled. Guarded by this. */
  private @Nullable CompletableFuture<NamedPipeServer> accepting;

  /**
   * True while an instance is being created or connected for the waiting accept. At most one such
   * wait runs at a time, so that no instance is connected twice. Guarded by this.
   */
  private boolean waiting;

  /** Guarded by this. */
  private boolean closed;

  private PipeListener(String name, ServerOptions options, NamedPipeServer first) {
    this.name = name;
    this.options = options;
    this.listening = first;
  }

  /**
   * Creates the first instance of a pipe and returns a listener for it. The options are copied;
   * {@link ServerOptions#firstPipeInstance(boolean)} applies to the first instance only.
   *
   * @param name the pipe's name
   * @param options the options for every instance
   * @return the listener
   * @throws IOException as {@link ServerOptions#create(String)}
   */
  public static PipeListener bind(String name, ServerOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    NamedPipeServer first = options.create(name);
    ServerOptions rest = options.copy().firstPipeInstance(false);
    return new PipeListener(name, rest, first);
  }

  /**
   * Waits for the next client. Cancel-safe: a client that connects after the future is cancelled is
   * returned by a later call; none is dropped.
   *
   * @return a future completed with a connected instance, which the caller owns and closes; it
   *     fails with {@link ClosedChannelException} once the listener is closed
   * @throws AcceptPendingException if an accept is outstanding already
   */
  public CompletableFuture<NamedPipeServer> accept() {
    DriverFuture<NamedPipeServer> result = new DriverFuture<>();
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new ClosedChannelException());
      }
      if (accepting != null && !accepting.isDone()) {
        throw new AcceptPendingException();
      }
      NamedPipeServer ready = unclaimed.poll();
      if (ready != null) {
        accepting = null;
        return CompletableFuture.completedFuture(ready);
      }
      // A cancelled accept's wait, if one still runs, now serves this one.
      accepting = result;
      if (waiting) {
        return result;
      }
      waiting = true;
    }
    listen(1, true);
    return result;
  }

  /**
   * Makes sure an instance listens, then waits for its client.
   *
   * @param fromAccept true if called by {@link #accept()} before it returns its future: a client
   *     already there is then handed over in place, on the caller's thread (the future has no
   *     dependent stage yet, so nothing of the user's runs), with no trip through the callback
   *     executor
   */
  private void listen(long backoffMillis, boolean fromAccept) {
    NamedPipeServer found = null;
    Throwable failure = null;
    synchronized (this) {
      if (!closed) {
        if (listening == null) {
          try {
            listening = options.create(name);
          } catch (PipeBusyException busy) {
            // Every allowed instance is handed out: try again once one may have been closed, on
            // the library's timer, so no thread waits meanwhile. The retry's future is not
            // needed: the retry hands its outcome to the accept, as this call does.
            var unused =
                Delays.schedule(
                    () -> listen(Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS), false),
                    backoffMillis * 1_000_000);
            return;
          } catch (IOException | RuntimeException e) {
            failure = e;
          }
        }
        found = listening;
      }
    }
    if (found == null) { // closed, or the instance could not be created
      deliverFailure(endWait(), failure != null ? failure : new ClosedChannelException());
      return;
    }
    NamedPipeServer instance = found;
    CompletableFuture<Void> connect = instance.connect();
    boolean inPlace = fromAccept && connect.isDone();
    BiConsumer<Void, Throwable> then =
        (v, error) ->
            connected(
                instance,
                error instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause()
                    : error,
                inPlace);
    if (connect instanceof DriverFuture<Void> direct) {
      // Step: the backend delivers in place; this listener's own work needs no hop.
      direct.keepStagesInPlace(); // this view is the listener's own
      direct.onDelivery(then);
    } else {
      // The stage's own outcome is not needed: then hands the connect's outcome to the accept.
      var unused = connect.whenComplete(then);
    }
  }

  private void connected(NamedPipeServer instance, @Nullable Throwable error, boolean inPlace) {
    synchronized (this) {
      // Either the client is in, or the instance failed: the next one is a new instance, armed
      // before this one is handed off.
      listening = null;
      if (!closed) {
        try {
          listening = options.create(name);
        } catch (IOException | RuntimeException e) {
          // At the instance limit, or a transient failure: the next accept creates it.
        }
      }
    }
    CompletableFuture<NamedPipeServer> result = endWait();
    if (error != null) {
      closeQuietly(instance);
      deliverFailure(result, error);
    } else {
      deliver(result, instance, inPlace);
    }
  }

  /** Ends the running wait and takes the accept it serves, or null. */
  private synchronized @Nullable CompletableFuture<NamedPipeServer> endWait() {
    CompletableFuture<NamedPipeServer> result = accepting;
    accepting = null;
    waiting = false;
    return result;
  }

  /**
   * Completes an accept outside the lock, since completing runs the caller's dependent stages. If
   * there is none, or it was cancelled, the instance goes to the next taker.
   */
  private void deliver(
      @Nullable CompletableFuture<NamedPipeServer> result,
      NamedPipeServer instance,
      boolean inPlace) {
    if (inPlace && result != null && result.complete(instance)) {
      return; // see listen: not yet returned, so no stage of the user's can run here
    }
    CompletableFuture<NamedPipeServer> taker = result != null ? result : nextTaker(instance);
    while (taker != null && !complete(taker, instance)) {
      taker = nextTaker(instance);
    }
  }

  /**
   * Finds who takes an instance that its accept did not: an accept that came since, returned for
   * the caller to complete; else, in the same step so that no accept can slip in between, the queue
   * for the next accept (null is returned); else, once the listener is closed, nobody: the instance
   * is closed and null returned.
   */
  private @Nullable CompletableFuture<NamedPipeServer> nextTaker(NamedPipeServer instance) {
    synchronized (this) {
      if (accepting != null && !accepting.isDone()) {
        CompletableFuture<NamedPipeServer> next = accepting;
        accepting = null;
        return next;
      }
      if (!closed) {
        unclaimed.add(instance);
        return null;
      }
    }
    closeQuietly(instance);
    return null;
  }

  private static boolean complete(
      CompletableFuture<NamedPipeServer> result, NamedPipeServer instance) {
    return result instanceof DriverFuture<NamedPipeServer> d
        ? d.deliver(instance)
        : result.complete(instance);
  }

  private static void deliverFailure(
      @Nullable CompletableFuture<NamedPipeServer> result, Throwable error) {
    if (result instanceof DriverFuture<NamedPipeServer> d) {
      d.deliverFailure(error);
    } else if (result != null) {
      result.completeExceptionally(error);
    }
  }

  private static void closeQuietly(NamedPipeServer instance) {
    try {
      instance.close();
    } catch (IOException ignored) {
      // closing a pipe nobody uses: nothing to report to
    }
  }

  /**
   * Closes the listening instance and every connected instance not yet claimed. Instances already
   * returned by {@link #accept()} belong to the caller and stay open. Idempotent.
   *
   * @throws IOException if closing an instance fails
   */
  @Override
  public void close() throws IOException {
    List<NamedPipeServer> instances = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (listening != null) {
        instances.add(listening);
      }
      instances.addAll(unclaimed);
      listening = null;
      unclaimed.clear();
    }
    IOException failure = null;
    for (NamedPipeServer instance : instances) {
      try {
        instance.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
