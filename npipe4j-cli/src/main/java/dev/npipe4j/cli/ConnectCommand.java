package dev.npipe4j.cli;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.PipeMode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code npipe connect NAME}: copies stdin to the pipe and the pipe to stdout, concurrently.
 *
 * <p>Pipes cannot be half-closed, so the end of stdin cannot be passed on to the server. The rule
 * for when to stop: with {@code --expect-echo} (the default), once stdin has ended and as many
 * bytes have come back as were sent, or the server closes; with {@code --no-expect-echo}, when the
 * server closes.
 */
@Command(
    footerHeading = "%nExamples:%n",
    footer = {
      "  echo hello | npipe connect demo",
      "  npipe connect --timeout 30 --no-expect-echo \\\\.\\pipe\\demo < request.bin"
    },
    name = "connect",
    description = {
      "Open a pipe, copy stdin to it and it to stdout, concurrently.",
      "A pipe cannot be half-closed, so when stdin ends connect keeps copying the pipe to stdout"
          + " until as many bytes have come back as were sent (--expect-echo, the default) or"
          + " the server closes the pipe; with --no-expect-echo, until the server closes it.",
      "In message mode each line of stdin, with its newline, is one message; with"
          + " --message-size, each chunk of that many bytes is."
    })
final class ConnectCommand implements Callable<Integer> {
  private static final int BUFFER_SIZE = 64 * 1024;

  @ParentCommand private NpipeCommand root;

  @Spec private CommandSpec spec;

  @Option(
      names = "--mode",
      paramLabel = "byte|message",
      defaultValue = "byte",
      description = "read mode (default: ${DEFAULT-VALUE}); must match the server's pipe mode")
  private PipeMode mode;

  private Duration timeout = Duration.ofSeconds(5);

  @Option(
      names = "--expect-echo",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "after stdin ends, stop once as many bytes came back as were sent (default: on)")
  private boolean expectEcho;

  private int messageSize;

  @Parameters(index = "0", paramLabel = "NAME", description = PipeNames.HELP)
  private String name;

  /**
   * Sets {@code --timeout}.
   *
   * @param seconds how long to wait for the pipe to exist and an instance to be free, 0 or more
   * @throws ParameterException if negative
   */
  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description =
          "wait up to this long for the pipe to exist and an instance to be free (default: 5)")
  void setTimeout(double seconds) {
    if (!(seconds >= 0) || seconds > 86_400 * 365) {
      throw new ParameterException(spec.commandLine(), "--timeout out of range: " + seconds);
    }
    timeout = Duration.ofNanos((long) (seconds * 1e9));
  }

  /**
   * Sets {@code --message-size}.
   *
   * @param bytes bytes per message, at least 1
   * @throws ParameterException if less than 1
   */
  @Option(
      names = "--message-size",
      paramLabel = "BYTES",
      description = "in message mode, send stdin in messages of this many bytes instead of lines")
  void setMessageSize(int bytes) {
    if (bytes < 1) {
      throw new ParameterException(spec.commandLine(), "--message-size must be at least 1");
    }
    messageSize = bytes;
  }

  @Override
  public Integer call() throws IOException, InterruptedException, ExecutionException {
    NpipeCommand.Log log = root.log(spec.commandLine());
    String pipe = PipeNames.expand(name);
    try (NamedPipeClient client = new ClientOptions().pipeMode(mode).open(pipe, timeout)) {
      log.debug("connected to " + pipe);
      StdinPump pump =
          new StdinPump(root.streams().in(), client.blockingChannel(), mode, messageSize);
      long received = copyToStdout(client, pump.start(), root.streams().out());
      log.debug("sent " + pump.sent() + " bytes, received " + received + " bytes");
    }
    return ExitCodes.OK;
  }

  /**
   * Copies the pipe to {@code out} until the stop rule holds.
   *
   * @return the bytes received
   */
  private long copyToStdout(
      NamedPipeClient client, CompletableFuture<Long> stdinDone, OutputStream out)
      throws IOException, InterruptedException, ExecutionException {
    ByteBuffer buf = ByteBuffer.allocate(BUFFER_SIZE);
    long received = 0;
    CompletableFuture<Integer> read = null;
    try {
      while (!(expectEcho && stdinDone.isDone() && received >= stdinDone.get())) {
        if (read == null) {
          read = client.read(buf.clear());
        }
        CompletableFuture.anyOf(read, stdinDone).exceptionally(e -> null).join();
        if (read.isDone()) {
          int n = read.get();
          read = null;
          if (n < 0) {
            break; // the server closed the pipe
          }
          out.write(buf.array(), 0, n);
          out.flush();
          received += n;
        } else if (stdinDone.isCompletedExceptionally()) {
          stdinDone.get(); // throws the writer's failure
        }
      }
    } finally {
      if (read != null) {
        read.cancel(false); // cancel-safe: a cancelled read consumes nothing
      }
    }
    if (stdinDone.isCompletedExceptionally()) {
      stdinDone.get(); // sending failed: report it even if the server has closed
    }
    return received;
  }
}
