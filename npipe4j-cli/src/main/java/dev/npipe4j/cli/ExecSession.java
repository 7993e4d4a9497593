package dev.npipe4j.cli;

import dev.npipe4j.NamedPipeServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Serves one client with a new process, as socat's {@code EXEC} does: the client's bytes are the
 * process's stdin, the process's stdout goes to the client, its stderr to {@code serve}'s stderr.
 *
 * <p>When the client ends its side, the process's stdin is closed. When the process closes its
 * stdout (normally by exiting), the session waits for it to exit and closes the instance, so the
 * client reads end of stream. If the client goes away while the process still writes, the process
 * is killed. In message mode each chunk the process writes is one message.
 */
final class ExecSession implements SessionServer.Session {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final NamedPipeServer pipe;
  private final List<String> command;
  private final long id;
  private final NpipeCommand.Log log;
  private final Runnable onEnd;
  private volatile Process process;

  /**
   * Creates a session.
   *
   * @param pipe the connected instance, which the session owns
   * @param command the program and its arguments
   * @param id the client's number, for the log
   * @param log where starts and exits are logged
   * @param onEnd run when the session has ended and the instance is closed
   */
  ExecSession(
      NamedPipeServer pipe, List<String> command, long id, NpipeCommand.Log log, Runnable onEnd) {
    this.pipe = pipe;
    this.command = List.copyOf(command);
    this.id = id;
    this.log = log;
    this.onEnd = onEnd;
  }

  @Override
  public void run() {
    try (pipe) {
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      process = p;
      log.debug("client " + id + ": started " + command.getFirst() + " (pid " + p.pid() + ")");
      Thread.ofVirtual()
          .name("npipe-exec-stdin-" + id)
          .start(() -> clientToProcess(p.getOutputStream()));
      try {
        copy(p.getInputStream(), pipe.outputStream());
      } catch (IOException clientGone) {
        log.debug("client " + id + " left while the process was writing: killing it");
        p.destroy();
      }
      int status = p.waitFor();
      log.debug("client " + id + ": " + command.getFirst() + " exited with status " + status);
    } catch (IOException e) {
      log.info("npipe: client " + id + ": cannot run " + command + ": " + Failures.message(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      Process p = process;
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
      onEnd.run();
    }
  }

  /** Copies the client to the process's stdin, and closes it when the client ends its side. */
  private void clientToProcess(OutputStream stdin) {
    try (stdin) {
      copy(pipe.inputStream(), stdin);
    } catch (IOException e) {
      log.debug("client " + id + ": to the process: " + Failures.message(e));
    }
  }

  private static void copy(InputStream from, OutputStream to) throws IOException {
    byte[] buf = new byte[BUFFER_SIZE];
    int n;
    while ((n = from.read(buf)) >= 0) {
      to.write(buf, 0, n);
      to.flush();
    }
  }

  @Override
  public void stop() {
    Process p = process;
    if (p != null) {
      p.destroy();
    }
    try {
      pipe.close();
    } catch (IOException e) {
      log.debug("client " + id + ": close failed: " + Failures.message(e));
    }
  }
}
