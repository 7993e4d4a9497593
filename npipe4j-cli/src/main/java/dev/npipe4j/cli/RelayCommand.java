package dev.npipe4j.cli;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.PipeMode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code npipe relay NAME}: stdin to the pipe and the pipe to stdout, with npiperelay's behaviours
 * and flags ({@code -p}, {@code -s}, {@code -ep}, {@code -ei}, {@code -v}), so that command lines
 * written for {@code npiperelay.exe} keep working. {@link Relay} does the copying.
 */
@Command(
    name = "relay",
    description = {
      "Relay stdin to a pipe and the pipe to stdout, for socat's EXEC and WSL: a drop-in for"
          + " npiperelay.exe, whose flags it takes.",
      "When stdin ends, the relay ends its side of the pipe and keeps copying the pipe to stdout."
          + " When the pipe ends, it closes stdout and, unless -ep, goes on sending stdin until"
          + " stdin ends or the server is gone. Exit status 0 when both directions have ended"
          + " normally, else as listed under npipe --help (3: no such pipe, 4: busy, 1: I/O"
          + " error).",
      "In message mode each chunk read from stdin is one message, and messages go to stdout"
          + " as they are, without framing."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  npipe relay -p //./pipe/docker_engine",
      "  socat UNIX-LISTEN:/var/run/docker.sock,fork,unlink-early \\",
      "      EXEC:'java.exe --enable-native-access=ALL-UNNAMED -jar C:/npipe4j/npipe.jar"
          + " relay -ep -s -p //./pipe/docker_engine',nofork",
      "  (in WSL, in place of EXEC:'npiperelay.exe -ep -s //./pipe/docker_engine'; socat gives"
          + " the relay one socket as stdin and stdout, so closing stdout does not end the"
          + " client's stream: keep -ep, as with npiperelay)"
    })
final class RelayCommand implements Callable<Integer> {
  @ParentCommand private NpipeCommand root;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-p", "--wait"},
      description =
          "wait for the pipe to appear and for an instance to be free (npiperelay -p); without"
              + " it, and without --timeout, a missing or busy pipe fails at once")
  private boolean wait;

  private Duration timeout;

  @Option(
      names = {"-s", "--close-write"},
      description =
          "npiperelay's -s (a zero-byte message after stdin ends), accepted for its command"
              + " lines: the relay ends its write side when stdin ends, with or without it")
  private boolean closeWrite;

  @Option(
      names = {"-ep", "--exit-on-pipe-eof"},
      description = "exit when the pipe ends, even if stdin has more (npiperelay -ep)")
  private boolean exitOnPipeEof;

  @Option(
      names = {"-ei", "--exit-on-stdin-eof"},
      description = "exit when stdin ends, even if the pipe has more (npiperelay -ei)")
  private boolean exitOnStdinEof;

  @Option(names = "-v", description = "the same as --verbose (npiperelay -v)")
  private boolean v;

  @Option(
      names = "--mode",
      paramLabel = "byte|message",
      defaultValue = "byte",
      description = "read mode (default: ${DEFAULT-VALUE}); message needs a message-type pipe")
  private PipeMode mode;

  @Parameters(index = "0", paramLabel = "NAME", description = PipeNames.HELP)
  private String name;

  /**
   * Sets {@code --timeout}.
   *
   * @param seconds how long to wait for the pipe, 0 or more
   * @throws ParameterException if negative
   */
  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "wait at most this long for the pipe to appear and an instance to be free")
  void setTimeout(double seconds) {
    if (!(seconds >= 0) || seconds > 86_400 * 365) {
      throw new ParameterException(spec.commandLine(), "--timeout out of range: " + seconds);
    }
    timeout = Duration.ofNanos((long) (seconds * 1e9));
  }

  @Override
  public Integer call() throws IOException {
    NpipeCommand.Log log =
        new NpipeCommand.Log(root.streams().err(), v || NpipeCommand.isVerbose(spec.commandLine()));
    String pipe = PipeNames.expand(name);
    Duration wait = timeout != null ? timeout : this.wait ? Relay.FOREVER : Duration.ZERO;
    log.debug("connecting to " + pipe);
    NamedPipeClient client = new ClientOptions().pipeMode(mode).open(pipe, wait);
    log.debug("connected");
    return new Relay(client, root.streams(), exitOnPipeEof, exitOnStdinEof, log).run();
  }
}
