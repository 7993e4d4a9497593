package dev.npipe4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code npipe ls}: lists the current user's pipes. On Unix these are the socket files in the
 * per-user directory (see {@link Platform#unixPipeDirectory()}); pipes created with an absolute
 * path live elsewhere and are not listed. On Windows listing is not available yet.
 */
@Command(
    name = "ls",
    description = {
      "List the current user's pipes, one \\\\.\\pipe\\NAME a line.",
      "Unix: the socket files in $XDG_RUNTIME_DIR/npipe4j, else ${java.io.tmpdir}/npipe4j-<user>"
          + " (pipes created at an absolute path are not listed). Windows: not available yet."
    })
final class LsCommand implements Callable<Integer> {
  @ParentCommand private NpipeCommand root;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    NpipeCommand.Log log = root.log(spec.commandLine());
    if (Platform.isWindows()) {
      log.info(
          "npipe: listing \\\\.\\pipe\\ is not available: npipe4j has no pipe enumeration"
              + " (FindFirstFileW on \\\\.\\pipe\\*) yet, and Wine cannot list pipes either");
      return ExitCodes.UNSUPPORTED;
    }
    Path dir = Platform.unixPipeDirectory();
    if (!Files.isDirectory(dir)) {
      log.debug("no pipes: " + dir + " does not exist");
      return ExitCodes.OK;
    }
    log.debug("pipes in " + dir + ":");
    PrintStream out = new PrintStream(root.streams().out(), true, Charset.defaultCharset());
    for (Path socket : sockets(dir)) {
      out.println(PipeNames.LOCAL_PREFIX + socket.getFileName());
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static List<Path> sockets(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(LsCommand::isSocket).sorted().toList();
    }
  }

  /** A socket is neither a regular file, a directory nor a link: "other". */
  private static boolean isSocket(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class).isOther();
    } catch (IOException e) {
      return false;
    }
  }
}
