package dev.npipe4j.cli;

import dev.npipe4j.PipeMode;
import dev.npipe4j.ServerOptions;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code npipe serve (--echo | --exec CMD) NAME}: serves a pipe until stopped. Prints "listening on
 * NAME" to stderr once the pipe exists, so scripts can wait for that line.
 */
@Command(
    name = "serve",
    description = {
      "Serve a pipe until Ctrl-C or SIGTERM, each client on its own virtual thread: --echo echoes"
          + " it, --exec runs a new process for it (like socat's EXEC), the client's bytes its"
          + " stdin and its stdout the client's reply; the client reads end of stream once the"
          + " process has exited.",
      "Prints 'listening on NAME' to stderr once clients can connect. On Ctrl-C or SIGTERM it"
          + " closes the pipe and every connection, then exits with the signal's usual status"
          + " (130 or 143)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  npipe serve --echo demo",
      "  npipe serve --exec \"sort -u\" --current-user-only sorter",
      "  npipe serve --echo --sddl \"D:P(A;;GA;;;SY)(A;;GA;;;BA)\" admins   (Windows)"
    })
final class ServeCommand implements Callable<Integer> {
  @ParentCommand private NpipeCommand root;

  @Spec private CommandSpec spec;

  /** What each client gets: exactly one of the two. */
  static final class Service {
    @Option(
        names = "--echo",
        required = true,
        description = "echo every byte back (in message mode, every message whole)")
    boolean echo;

    @Option(
        names = "--exec",
        required = true,
        paramLabel = "CMD",
        description =
            "run CMD for each client, its stdin and stdout wired to the pipe; CMD is split at"
                + " spaces, with '...' and \"...\" quoting (no shell: use sh -c '...' for one)")
    String exec;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Service service;

  @Option(
      names = "--mode",
      paramLabel = "byte|message",
      defaultValue = "byte",
      description = "pipe mode (default: ${DEFAULT-VALUE}); message mode is Windows only for now")
  private PipeMode mode;

  @Option(
      names = "--current-user-only",
      description =
          "admit only clients of the current user (Windows: a descriptor granting this user"
              + " alone; Unix: the per-user socket directory already does)")
  private boolean currentUserOnly;

  @Option(
      names = "--sddl",
      paramLabel = "SDDL",
      description = "the pipe's security descriptor in SDDL, for example D:P(A;;GA;;;SY) (Windows)")
  private String sddl;

  private int instances = SessionServer.UNLIMITED;

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
    ServerOptions options = SessionServer.options(mode, instances).currentUserOnly(currentUserOnly);
    if (sddl != null) {
      options.securityDescriptor(sddl);
    }
    SessionServer.Sessions sessions;
    if (service.exec != null) {
      List<String> command;
      try {
        command = Commands.split(service.exec);
      } catch (IllegalArgumentException e) {
        log.info("npipe: --exec: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      sessions = (p, id, onEnd) -> new ExecSession(p, command, id, log, onEnd);
    } else {
      sessions = (p, id, onEnd) -> new EchoSession(p, mode, id, log, onEnd);
    }
    SessionServer server = SessionServer.bind(pipe, options, sessions);
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

  private static void closeQuietly(SessionServer server, NpipeCommand.Log log) {
    try {
      server.close();
    } catch (IOException e) {
      log.debug("closing " + server.name() + " failed: " + Failures.message(e));
    }
  }
}
