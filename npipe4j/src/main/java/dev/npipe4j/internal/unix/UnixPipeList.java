package dev.npipe4j.internal.unix;

import dev.npipe4j.PipeDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Lists the {@code \\.\pipe\NAME} pipes of the current user: the socket files in the per-user
 * directory of {@link SocketPaths}. A socket file says nothing of the instances behind it.
 */
public final class UnixPipeList {
  private UnixPipeList() {}

  /**
   * Lists the socket files in the per-user directory, sorted by name.
   *
   * @return the pipes, without instance counts; empty if the directory does not exist
   * @throws IOException if the directory cannot be read
   */
  public static List<PipeDirectory.Entry> list() throws IOException {
    Path dir = SocketPaths.directory();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(UnixPipeList::isSocket)
          .map(p -> p.getFileName().toString())
          .sorted()
          .map(n -> new PipeDirectory.Entry("\\\\.\\pipe\\" + n, OptionalInt.empty()))
          .toList();
    }
  }

  /** A socket is neither a regular file, a directory nor a link: "other". */
  private static boolean isSocket(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isOther();
    } catch (IOException vanished) {
      return false;
    }
  }
}
