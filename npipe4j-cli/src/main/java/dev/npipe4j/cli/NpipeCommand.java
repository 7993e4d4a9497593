package dev.npipe4j.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code npipe} command: holds the shared streams and the global options. */
@Command(
    name = "npipe",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "npipe 0.1.0 (npipe4j)",
    description = {
      "Asynchronous named pipes from the command line: Windows named pipes on Windows,"
          + " Unix domain sockets on Linux and macOS.",
      "NAME is \\\\.\\pipe\\NAME or a bare NAME (meaning \\\\.\\pipe\\NAME);"
          + " on Unix it may also be an absolute socket path."
    },
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      ConnectCommand.class,
      RelayCommand.class,
      BenchCommand.class,
      LsCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      ExitCodes.OK + ":success",
      ExitCodes.FAILURE + ":I/O error, or the demo found a mismatch",
      ExitCodes.USAGE + ":bad arguments",
      ExitCodes.NO_SUCH_PIPE + ":no such pipe",
      ExitCodes.BUSY + ":every instance of the pipe is busy",
      ExitCodes.ACCESS_DENIED + ":access denied",
      ExitCodes.UNSUPPORTED + ":not supported on this OS (message mode on Unix)"
    })
final class NpipeCommand {
  private final Streams streams;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "log connects and disconnects, and print stack traces with errors")
  boolean verbose;

  /**
   * Creates the command.
   *
   * @param streams the streams every subcommand uses
   */
  NpipeCommand(Streams streams) {
    this.streams = streams;
  }

  /**
   * Returns the shared streams.
   *
   * @return the streams
   */
  Streams streams() {
    return streams;
  }

  /**
   * Tells whether {@code --verbose} was given, on this command or any parent, before or after the
   * subcommand's name.
   *
   * @param cmd the command being executed
   * @return true if verbose
   */
  static boolean isVerbose(CommandLine cmd) {
    for (CommandLine c = cmd; c != null; c = c.getParent()) {
      if (c.getParseResult() != null && c.getParseResult().hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns a log that prints to stderr only with {@code --verbose}.
   *
   * @param cmd the command being executed
   * @return the log
   */
  Log log(CommandLine cmd) {
    return new Log(streams.err(), isVerbose(cmd));
  }

  /**
   * Diagnostics on stderr.
   *
   * @param err the stream
   * @param verbose whether {@link #debug} prints
   */
  record Log(PrintStream err, boolean verbose) {
    /**
     * Prints a line always.
     *
     * @param line the text
     */
    void info(String line) {
      err.println(line);
      err.flush();
    }

    /**
     * Prints a line with {@code --verbose} only.
     *
     * @param line the text
     */
    void debug(String line) {
      if (verbose) {
        info(line);
      }
    }
  }
}
