package dev.npipe4j.cli;

import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.PipeMode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The two copies of {@code npipe relay} and the rules that end them, which follow npiperelay's.
 *
 * <ul>
 *   <li>stdin ends: end the pipe's write side, keep copying the pipe to stdout; with {@code -ei},
 *       exit at once.
 *   <li>the pipe ends: close stdout; with {@code -ep}, exit at once; else keep sending stdin until
 *       it ends or a write fails (the server is gone), then exit 0.
 *   <li>a write fails before the pipe has ended: wait a moment for the pipe's end of stream (the
 *       server closed, exit 0); without it, exit with the write's failure.
 * </ul>
 */
final class Relay {
  /** A wait with no practical end, for {@code -p}. */
  static final Duration FOREVER = Duration.ofDays(365L * 100);

  private static final int BUFFER_SIZE = 64 * 1024;

  /** How long a failed write waits for the pipe's end of stream to explain it. */
  private static final long WRITE_FAILURE_GRACE_MILLIS = 1000;

  private final NamedPipeClient pipe;
  private final Streams streams;
  private final boolean exitOnPipeEof;
  private final boolean exitOnStdinEof;
  private final NpipeCommand.Log log;

  Relay(
      NamedPipeClient pipe,
      Streams streams,
      boolean exitOnPipeEof,
      boolean exitOnStdinEof,
      NpipeCommand.Log log) {
    this.pipe = pipe;
    this.streams = streams;
    this.exitOnPipeEof = exitOnPipeEof;
    this.exitOnStdinEof = exitOnStdinEof;
    this.log = log;
  }

  /**
   * Relays until the rules say stop, then closes the pipe.
   *
   * @return the exit code
   * @throws IOException if the pipe or stdout fails
   */
  int run() throws IOException {
    try (pipe) {
      // Each chunk read from stdin is one write, so one message on a message pipe.
      CompletableFuture<Long> stdin =
          new StdinPump(streams.in(), pipe.blockingChannel(), PipeMode.BYTE, 0).start();
      CompletableFuture<Void> inputEnded = stdin.handle((n, e) -> null).thenRun(this::endOfInput);
      return copyToStdout(stdin, inputEnded);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.FAILURE;
    }
  }

  /**
   * Stdin has ended (or sending failed): end the write side of the pipe with {@link
   * NamedPipeClient#closeWrite()}, so the server reads end of stream, and go on copying the pipe to
   * stdout until the server closes it. Where the pipe has no half-close (a Windows byte pipe), the
   * server is not told; {@code -ep} then ends the relay when the server closes.
   */
  private void endOfInput() {
    log.debug("copy from stdin to pipe finished");
    try {
      pipe.closeWrite();
    } catch (UnsupportedOperationException | IOException e) {
      log.debug("the pipe's write side stays open: " + e.getMessage());
    }
  }

  private int copyToStdout(CompletableFuture<Long> stdin, CompletableFuture<Void> inputEnded)
      throws IOException, InterruptedException {
    OutputStream out = streams.out();
    ByteBuffer buf = ByteBuffer.allocate(BUFFER_SIZE);
    CompletableFuture<Integer> read = null;
    try {
      while (true) {
        if (read == null) {
          read = pipe.read(buf.clear());
        }
        CompletableFuture.anyOf(read, inputEnded).exceptionally(e -> null).join();
        if (read.isDone()) {
          int n = join(read);
          read = null;
          if (n < 0) {
            log.debug("copy from pipe to stdout finished: the pipe ended");
            out.close();
            return exitOnPipeEof ? ExitCodes.OK : drainInput(stdin);
          }
          out.write(buf.array(), 0, n);
          out.flush();
        } else if (stdin.isCompletedExceptionally()) {
          return sendFailed(read, buf, stdin);
        } else if (exitOnStdinEof) {
          log.debug("stdin ended: exiting (-ei)");
          return ExitCodes.OK;
        } else {
          inputEnded = new CompletableFuture<>(); // only the pipe can end the relay now
        }
      }
    } finally {
      if (read != null) {
        read.cancel(false);
      }
    }
  }

  /** After the pipe's end: sends stdin until it ends or a write fails (the server is gone). */
  private int drainInput(CompletableFuture<Long> stdin) throws InterruptedException {
    try {
      stdin.get();
    } catch (ExecutionException e) {
      log.debug("the server is gone: " + Failures.message(Failures.unwrap(e)));
    }
    return ExitCodes.OK;
  }

  /** A write failed while the pipe was open: a closing server explains it with end of stream. */
  private int sendFailed(
      CompletableFuture<Integer> pending, ByteBuffer buf, CompletableFuture<Long> stdin)
      throws IOException, InterruptedException {
    Throwable failure = Failures.unwrap(stdin.exceptionNow());
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WRITE_FAILURE_GRACE_MILLIS);
    CompletableFuture<Integer> read = pending;
    try {
      while (true) {
        int n = read.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (n < 0) {
          log.debug("the pipe ended after a failed write: " + Failures.message(failure));
          streams.out().close();
          return ExitCodes.OK;
        }
        streams.out().write(buf.array(), 0, n);
        streams.out().flush();
        read = pipe.read(buf.clear());
      }
    } catch (TimeoutException | ExecutionException stillOpenOrFailed) {
      read.cancel(false);
      throw failure instanceof IOException io ? io : new IOException(failure);
    }
  }

  private static int join(CompletableFuture<Integer> read) throws IOException {
    try {
      return read.get();
    } catch (ExecutionException e) {
      Throwable cause = Failures.unwrap(e);
      throw cause instanceof IOException io ? io : new IOException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
  }
}
