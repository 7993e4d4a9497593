package dev.npipe4j.cli;

import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.PipeListener;
import dev.npipe4j.PipeMode;
import dev.npipe4j.ServerOptions;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * An echo server: a {@link PipeListener} accept loop that serves each client on a virtual thread
 * with an {@link EchoSession}. Used by {@code serve --echo} and by {@code demo}.
 */
final class EchoServer implements AutoCloseable {
  /** The {@code maxInstances} value meaning no limit. */
  static final int UNLIMITED = 0;

  private final String name;
  private final PipeMode mode;
  private final NpipeCommand.Log log;
  private final PipeListener listener;
  private final Set<EchoSession> sessions = ConcurrentHashMap.newKeySet();

  private volatile boolean closed;
  private long accepted;

  private EchoServer(String name, PipeMode mode, NpipeCommand.Log log, PipeListener listener) {
    this.name = name;
    this.mode = mode;
    this.log = log;
    this.listener = listener;
  }

  /**
   * Creates the first instance of the pipe. The pipe must not exist yet.
   *
   * @param name the pipe's name
   * @param mode byte or message mode
   * @param maxInstances 1 to 254, or {@link #UNLIMITED}
   * @param log where sessions are logged
   * @return the server, listening but not yet accepting
   * @throws IOException if the pipe cannot be created
   */
  static EchoServer bind(String name, PipeMode mode, int maxInstances, NpipeCommand.Log log)
      throws IOException {
    ServerOptions options = new ServerOptions().pipeMode(mode).firstPipeInstance(true);
    if (maxInstances != UNLIMITED) {
      options.maxInstances(maxInstances);
    }
    return new EchoServer(name, mode, log, PipeListener.bind(name, options));
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
      NamedPipeServer connected;
      try {
        connected = listener.accept().get();
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

  private void start(NamedPipeServer connected) {
    long id = ++accepted;
    EchoSession[] self = new EchoSession[1];
    self[0] = new EchoSession(connected, mode, id, log, () -> sessions.remove(self[0]));
    sessions.add(self[0]);
    if (closed) {
      self[0].stop();
    }
    Thread.ofVirtual().name("npipe-echo-" + id).start(self[0]);
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
      for (EchoSession s : sessions) {
        s.stop();
      }
    }
  }
}
