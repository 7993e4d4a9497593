package dev.npipe4j.cli;

import dev.npipe4j.PipeDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code npipe ls}: lists the local pipes through {@link PipeDirectory#list()}, which opens none of
 * them.
 */
@Command(
    name = "ls",
    footerHeading = "%nExamples:%n",
    footer = {"  npipe ls", "  npipe ls --json"})
final class LsCommand implements Callable<Integer> {
  @ParentCommand private NpipeCommand root;

  /**
   * The command's description, with this machine's socket directory as the library resolves it
   * ({@link PipeDirectory#socketDirectory()}); {@link Main#commandLine} installs it.
   *
   * @return the description's paragraphs
   */
  static String[] description() {
    String dir =
        PipeDirectory.socketDirectory()
            .map(d -> "the per-user socket directory, here " + d.toString().replace("%", "%%"))
            .orElse("the per-user socket directory");
    return new String[] {
      "List the local pipes, one a line: \\\\.\\pipe\\NAME, and on Windows its number of"
          + " instances. No pipe is opened, so no server loses an instance to the listing, and no"
          + " OS tells a pipe's mode without opening it.",
      "Windows: every pipe of the machine (\\\\.\\pipe\\*). Unix: the current user's pipes, the"
          + " socket files in "
          + dir
          + " (pipes created at an absolute path are not listed)."
    };
  }

  @Option(
      names = "--json",
      description =
          "print one JSON array of {\"name\": ..., \"instances\": N or null where not told}")
  private boolean json;

  @Override
  public Integer call() throws IOException {
    List<PipeDirectory.Entry> pipes = PipeDirectory.list();
    PrintStream out = new PrintStream(root.streams().out(), true, Charset.defaultCharset());
    if (json) {
      out.println(
          Json.write(
              pipes.stream()
                  .map(
                      p -> {
                        Map<String, Object> o = new LinkedHashMap<>();
                        o.put("name", p.name());
                        o.put(
                            "instances",
                            p.instances().isPresent() ? p.instances().getAsInt() : null);
                        return o;
                      })
                  .toList()));
    } else {
      for (PipeDirectory.Entry p : pipes) {
        out.println(
            p.instances().isPresent()
                ? p.name() + "\t" + p.instances().getAsInt() + " instances"
                : p.name());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
