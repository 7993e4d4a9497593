package dev.npipe4j.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;

/** The entry point of the {@code npipe} command. */
public final class Main {
  private Main() {}

  /**
   * Runs the command and exits with its {@linkplain ExitCodes exit code}.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(Streams.system(), args));
  }

  /**
   * Runs the command without exiting, with the given streams.
   *
   * @param streams stdin, stdout and stderr
   * @param args the command line
   * @return the exit code
   */
  public static int run(Streams streams, String... args) {
    return commandLine(streams).execute(args);
  }

  /**
   * Builds the command line: the commands, case-insensitive {@code --mode} values, and {@link
   * Failures} for errors.
   *
   * @param streams stdin, stdout and stderr
   * @return the picocli command line
   */
  public static CommandLine commandLine(Streams streams) {
    Charset charset = Charset.defaultCharset();
    CommandLine cmd = new CommandLine(new NpipeCommand(streams));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setOut(new PrintWriter(new OutputStreamWriter(streams.out(), charset), true));
    cmd.setErr(new PrintWriter(streams.err(), true));
    cmd.setExecutionExceptionHandler(new Failures());
    cmd.getSubcommands()
        .get("ls")
        .getCommandSpec()
        .usageMessage()
        .description(LsCommand.description());
    return cmd;
  }
}
