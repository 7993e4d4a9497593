package dev.npipe4j;

import java.io.IOException;
import java.nio.channels.AcceptPendingException;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

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
 * <p>If the next instance cannot be created at once (for example {@link
 * ServerOptions#maxInstances(int)} are all in use), the next {@code accept()} tries again, and
 * fails with {@link PipeBusyException} if it still cannot.
 */
public final class PipeListener implements AutoCloseable {
  private final String name;
  private final ServerOptions options;

  /** The instance waiting for the next client, or null. Guarded by this. */
  private NamedPipeServer listening;

  /** A connected instance whose accept was cancelled, kept for the next accept. Guarded by this. */
  private NamedPipeServer unclaimed;

  /** True while an accept is outstanding. Guarded by this. */
  private boolean accepting;

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
   * returned by the next call.
   *
   * @return a future completed with a connected instance, which the caller owns and closes
   * @throws AcceptPendingException if an accept is outstanding already
   */
  public CompletableFuture<NamedPipeServer> accept() {
    NamedPipeServer instance;
    CompletableFuture<NamedPipeServer> result = new CompletableFuture<>();
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new ClosedChannelException());
      }
      if (accepting) {
        throw new AcceptPendingException();
      }
      if (unclaimed != null) {
        NamedPipeServer ready = unclaimed;
        unclaimed = null;
        return CompletableFuture.completedFuture(ready);
      }
      if (listening == null) {
        try {
          listening = options.create(name);
        } catch (IOException | RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      }
      instance = listening;
      accepting = true;
    }
    instance
        .connect()
        .whenComplete(
            (v, error) -> {
              synchronized (this) {
                accepting = false;
                if (error != null) {
                  result.completeExceptionally(error);
                  return;
                }
                // The client is in: arm the next instance before handing this one off.
                try {
                  listening = closed ? null : options.create(name);
                } catch (IOException | RuntimeException e) {
                  listening = null; // the next accept retries
                }
                if (!result.complete(instance)) {
                  unclaimed = instance;
                }
              }
            });
    return result;
  }

  /**
   * Closes the listening instance and any connected instance not yet claimed. Instances already
   * returned by {@link #accept()} belong to the caller and stay open. Idempotent.
   *
   * @throws IOException if closing an instance fails
   */
  @Override
  public void close() throws IOException {
    NamedPipeServer l;
    NamedPipeServer u;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      l = listening;
      u = unclaimed;
      listening = null;
      unclaimed = null;
    }
    IOException failure = null;
    for (NamedPipeServer instance : new NamedPipeServer[] {l, u}) {
      if (instance == null) {
        continue;
      }
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
