package dev.npipe4j;

import dev.npipe4j.internal.Backends;
import dev.npipe4j.internal.unix.SocketPaths;
import dev.npipe4j.internal.unix.UnixPipeList;
import dev.npipe4j.internal.windows.WindowsPipeList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Lists the local pipes, without opening any (opening a pipe would take an instance from its
 * server).
 *
 * {@snippet :
 * for (PipeDirectory.Entry pipe : PipeDirectory.list()) {
 *   System.out.println(pipe.name() + " " + pipe.instances());
 * }
 * }
 *
 * <p>On Windows the list is every pipe of the machine, read from the named-pipe file system ({@code
 * FindFirstFileW} on {@code \\.\pipe\*}), with each pipe's current number of instances. On Unix it
 * is the current user's {@code \\.\pipe\NAME} pipes: the socket files in the per-user directory
 * described in {@link NamedPipeServer}; pipes created at an absolute path are elsewhere and not
 * listed, and a socket file does not tell how many instances serve it. Neither system tells a
 * pipe's mode without opening it.
 */
public final class PipeDirectory {
  private PipeDirectory() {}

  /**
   * A listed pipe.
   *
   * @param name the pipe's name, {@code \\.\pipe\NAME}
   * @param instances the number of instances the server has created, where the OS tells it
   *     (Windows); empty on Unix
   */
  public record Entry(String name, OptionalInt instances) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if either is null
     */
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(instances, "instances");
    }
  }

  /**
   * Lists the local pipes, sorted by name (ignoring case on Windows, where names are compared so).
   *
   * @return the pipes; empty if there are none
   * @throws IOException if the OS refuses the listing ({@link PipeException} with the OS code)
   */
  public static List<Entry> list() throws IOException {
    return Backends.isWindows() ? WindowsPipeList.list() : UnixPipeList.list();
  }

  /**
   * Returns the directory that holds the socket files of the current user's {@code \\.\pipe\NAME}
   * pipes on Unix, by the rule described in {@link NamedPipeServer}: {@code
   * $XDG_RUNTIME_DIR/npipe4j} when that variable is set, else {@code
   * ${java.io.tmpdir}/npipe4j-$USER}. Nothing is created or checked; the directory need not exist.
   *
   * {@snippet :
   * PipeDirectory.socketDirectory()
   *     .ifPresent(dir -> System.out.println("socat - UNIX-CONNECT:" + dir.resolve("demo")));
   * }
   *
   * @return the directory on Unix; empty on Windows, where pipes are not files
   */
  public static Optional<Path> socketDirectory() {
    return Backends.isWindows() ? Optional.empty() : Optional.of(SocketPaths.directory());
  }
}
