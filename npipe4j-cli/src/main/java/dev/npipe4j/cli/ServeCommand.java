package dev.npipe4j.cli;

import dev.npipe4j.PipeMode;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code npipe serve --echo NAME}: serves a pipe until stopped, echoing every client. Prints
 * "listening on NAME" to stderr once the pipe exists, so scripts can wait for that line.
 */
@Command(
    name = "serve",
    description = {
      "Serve a pipe until Ctrl-C or SIGTERM, echoing every client on its own virtual thread.",
      "Prints 'listening on NAME' to stderr once clients can connect. On Ctrl-C or SIGTERM it"
          + " closes the pipe and every connection, then exits with the signal's usual status"
          + " (130 or 143)."
    })
final class ServeCommand implements Callable<Integer> {
  @ParentCommand private NpipeCommand root;

  @Spec private CommandSpec spec;

  @Option(
      names = "--echo",
      required = true,
      description = "echo every byte back (in message mode, every message whole)")
  private boolean echo;

  @Option(
      names = "--mode",
      paramLabel = "byte|message",
      defaultValue = "byte",
      description = "pipe mode (default: ${DEFAULT-VALUE}); message mode is Windows only for now")
  private PipeMode mode;

  private int instances = EchoServer.UNLIMITED;

  @Parameters(index = "0", paramLabel = "NAME", description = PipeNames.HELP)
  private String name;

  /**
   * Sets {@code --instances}.
   *
   * @param n 1 to 254
   * @throws ParameterException if out of range
   */
  @Option(
      names = "--instances",
      paramLabel = "N",
      description = "most instances (clients at once), 1 to 254; default unlimited")
  void setInstances(int n) {
    if (n < 1 || n > 254) {
      throw new ParameterException(
          spec.commandLine(), "--instances must be 1 to 254 (omit it for no limit): " + n);
    }
    instances = n;
  }

  @Override
  public Integer call() throws IOException {
    NpipeCommand.Log log = root.log(spec.commandLine());
    String pipe = PipeNames.expand(name);
    EchoServer server = EchoServer.bind(pipe, mode, instances, log);
    Thread hook =
        new Thread(
            () -> {
              log.info("stopping " + pipe);
              closeQuietly(server, log);
            },
            "npipe-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    log.info("listening on " + pipe);
    try {
      server.serve();
    } catch (InterruptedException e) {
      log.debug("interrupted: stopping " + pipe);
    } finally {
      closeQuietly(server, log);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run: it closes the server
      }
    }
    return ExitCodes.OK;
  }

  private static void closeQuietly(EchoServer server, NpipeCommand.Log log) {
    try {
      server.close();
    } catch (IOException e) {
      log.debug("closing " + server.name() + " failed: " + Failures.message(e));
    }
  }
}
