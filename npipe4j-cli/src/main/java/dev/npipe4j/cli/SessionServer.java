package dev.npipe4j.cli;

import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.PipeListener;
import dev.npipe4j.PipeMode;
import dev.npipe4j.ServerOptions;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * A {@link PipeListener} accept loop that serves each client on a virtual thread with a {@link
 * Session}: an {@link EchoSession} for {@code serve --echo} and {@code demo}, an {@link
 * ExecSession} for {@code serve --exec}.
 */
final class SessionServer implements AutoCloseable {
  /** The {@code maxInstances} value meaning no limit. */
  static final int UNLIMITED = 0;

  /** One connected client's service. Runs on its own thread; closes the instance when done. */
  interface Session extends Runnable {
    /** Ends the session from another thread; the client sees end of stream. */
    void stop();
  }

  /** Makes the session of a newly connected client. */
  @FunctionalInterface
  interface Sessions {
    /**
     * Creates a session.
     *
     * @param connected the connected instance, which the session owns
     * @param id the client's number, from 1, for the log
     * @param onEnd to run once the session has ended
     * @return the session, not yet started
     */
    Session create(NamedPipeServer connected, long id, Runnable onEnd);
  }

  private final String name;
  private final Sessions sessionsFactory;
  private final PipeListener listener;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

  private volatile boolean closed;
  private long accepted;

  private SessionServer(String name, Sessions sessionsFactory, PipeListener listener) {
    this.name = name;
    this.sessionsFactory = sessionsFactory;
    this.listener = listener;
  }

  /**
   * Options for the first instance of a pipe that must not exist yet.
   *
   * @param mode byte or message mode
   * @param maxInstances 1 to 254, or {@link #UNLIMITED}
   * @return the options
   */
  static ServerOptions options(PipeMode mode, int maxInstances) {
    ServerOptions options = new ServerOptions().pipeMode(mode).firstPipeInstance(true);
    if (maxInstances != UNLIMITED) {
      options.maxInstances(maxInstances);
    }
    return options;
  }

  /**
   * Creates the first instance of the pipe.
   *
   * @param name the pipe's name
   * @param options the options of every instance
   * @param sessions what serves each client
   * @return the server, listening but not yet accepting
   * @throws IOException if the pipe cannot be created
   */
  static SessionServer bind(String name, ServerOptions options, Sessions sessions)
      throws IOException {
    return new SessionServer(name, sessions, PipeListener.bind(name, options));
  }

  /**
   * Creates an echo server: the first instance of a pipe that must not exist yet.
   *
   * @param name the pipe's name
   * @param mode byte or message mode
   * @param maxInstances 1 to 254, or {@link #UNLIMITED}
   * @param log where sessions are logged
   * @return the server, listening but not yet accepting
   * @throws IOException if the pipe cannot be created
   */
  static SessionServer echo(String name, PipeMode mode, int maxInstances, NpipeCommand.Log log)
      throws IOException {
    return bind(
        name,
        options(mode, maxInstances),
        (pipe, id, onEnd) -> new EchoSession(pipe, mode, id, log, onEnd));
  }

  /**
   * Accepts clients until {@link #close()}. When every allowed instance is in use, the listener's
   * accept waits for a session to end.
   *
   * @throws IOException if accepting fails for another reason than closing
   * @throws InterruptedException if the calling thread is interrupted
   */
  void serve() throws IOException, InterruptedException {
    while (!closed) {
      CompletableFuture<NamedPipeServer> next = listener.accept();
      NamedPipeServer connected;
      try {
        connected = next.get();
      } catch (InterruptedException e) {
        giveUp(next);
        throw e;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (closed || cause instanceof ClosedChannelException) {
          return;
        }
        throw cause instanceof IOException io ? io : new IOException(cause);
      }
      start(connected);
    }
  }

  /**
   * Abandons an accept: cancelled, the listener keeps its client for a later accept or closes it
   * with itself; a client that was handed over first is closed here, since no session will serve
   * it. Either way the client sees end of stream once the server closes, rather than an instance
   * that nobody owns and that stays open.
   */
  private static void giveUp(CompletableFuture<NamedPipeServer> accept) {
    accept.cancel(false);
    accept.thenAccept(SessionServer::closeQuietly);
  }

  private static void closeQuietly(NamedPipeServer instance) {
    try {
      instance.close();
    } catch (IOException e) {
      // the client it served sees the pipe end all the same
    }
  }

  private void start(NamedPipeServer connected) {
    long id = ++accepted;
    Session[] self = new Session[1];
    self[0] = sessionsFactory.create(connected, id, () -> sessions.remove(self[0]));
    sessions.add(self[0]);
    if (closed) {
      self[0].stop();
    }
    Thread.ofVirtual().name("npipe-session-" + id).start(self[0]);
  }

  /**
   * Returns the pipe's name.
   *
   * @return the name
   */
  String name() {
    return name;
  }

  /**
   * Stops accepting and ends every session; clients see end of stream. Idempotent.
   *
   * @throws IOException if closing the listener fails
   */
  @Override
  public void close() throws IOException {
    closed = true;
    try {
      listener.close();
    } finally {
      for (Session s : sessions) {
        s.stop();
      }
    }
  }
}
