package dev.npipe4j.internal.unix;

import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.internal.Os;
import dev.npipe4j.internal.PipeName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * Maps pipe names to socket paths.
 *
 * <p>{@code \\.\pipe\NAME} becomes the file {@code NAME} in a per-user directory of mode 0700:
 * {@code $XDG_RUNTIME_DIR/npipe4j/} if that variable is set, else {@code
 * ${java.io.tmpdir}/npipe4j-${user.name}/}. {@code NAME} is kept as is, case included (so, unlike
 * on Windows, {@code Foo} and {@code foo} are two pipes); it must not contain {@code /} and must
 * not be {@code .} or {@code ..}. An absolute path is used as is. The resulting path must fit in
 * {@code sun_path}: at most {@value #LINUX_MAX_PATH_BYTES} bytes of UTF-8 on Linux, {@value
 * #BSD_MAX_PATH_BYTES} elsewhere. Every check runs before any OS call.
 */
public final class SocketPaths {
  private SocketPaths() {}

  /** {@code sizeof(sun_path) - 1} on Linux. */
  static final int LINUX_MAX_PATH_BYTES = 107;

  /** {@code sizeof(sun_path) - 1} on macOS and the BSDs. */
  static final int BSD_MAX_PATH_BYTES = 103;

  /**
   * Returns the socket path of a name, validating it without touching the file system.
   *
   * @throws IllegalArgumentException if the name cannot map to a socket path
   */
  public static Path resolve(PipeName name) {
    String path;
    if (name.isPath()) {
      path = name.pipe();
    } else {
      String pipe = name.pipe();
      if (pipe.indexOf('/') >= 0 || pipe.equals(".") || pipe.equals("..")) {
        throw new IllegalArgumentException(
            "on Unix a pipe name must not contain '/' or be '.' or '..': \"" + name + '"');
      }
      path = directory().resolve(pipe).toString();
    }
    int bytes = path.getBytes(StandardCharsets.UTF_8).length;
    int max = Os.LINUX ? LINUX_MAX_PATH_BYTES : BSD_MAX_PATH_BYTES;
    if (bytes > max) {
      throw new IllegalArgumentException(
          "the socket path for \""
              + name
              + "\" is "
              + bytes
              + " bytes long; Unix domain sockets allow "
              + max
              + ": "
              + path);
    }
    return Path.of(path).normalize();
  }

  /** The per-user directory, from the environment only. */
  public static Path directory() {
    String xdg = System.getenv("XDG_RUNTIME_DIR");
    if (xdg != null && xdg.startsWith("/")) {
      return Path.of(xdg, "npipe4j");
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "npipe4j-" + user());
  }

  /**
   * Creates the per-user directory of a mapped name if needed, with mode 0700, and checks that it
   * is ours and closed to others. Does nothing for an absolute path.
   */
  public static void prepareDirectory(PipeName name, Path socket) throws IOException {
    if (name.isPath()) {
      return;
    }
    Path dir =
        Objects.requireNonNull(socket.getParent(), "a mapped name's socket is in a directory");
    try {
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException exists) {
      // Checked below.
    }
    // Step: refuse a directory another user could have planted or can enter.
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new PipeAccessDeniedException(
          dir.toString(), "not a directory; cannot hold pipe sockets", UnixErrors.EACCES);
    }
    String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
    if (!owner.equals(user())) {
      throw new PipeAccessDeniedException(
          dir.toString(), "owned by " + owner + ", not by " + user(), UnixErrors.EACCES);
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
    for (PosixFilePermission p : perms) {
      if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
        throw new PipeAccessDeniedException(
            dir.toString(),
            "group or others may access it (" + PosixFilePermissions.toString(perms) + ")",
            UnixErrors.EACCES);
      }
    }
  }

  private static String user() {
    return System.getProperty("user.name");
  }
}
