package dev.npipe4j.internal;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A validated pipe name.
 *
 * <p>Accepted forms, checked before any OS call:
 *
 * <ul>
 *   <li>{@code \\.\pipe\NAME}: a local pipe, on every OS. The prefix is case-insensitive.
 *   <li>{@code \\HOST\pipe\NAME}: a pipe on another machine, for clients on Windows only.
 *   <li>An absolute filesystem path such as {@code /run/app.sock}: on Unix only, used as the socket
 *       path as is.
 * </ul>
 *
 * <p>The whole name is at most {@value #MAX_LENGTH} characters (the Win32 limit), {@code NAME} is
 * not empty and no character is NUL.
 *
 * @param text the name as the caller gave it
 * @param host the host part ({@code "."} for the local machine), or null for a filesystem path
 * @param pipe the part after {@code \pipe\}, or the filesystem path
 */
public record PipeName(String text, @Nullable String host, String pipe) {
  /** The longest name Windows accepts, in characters. */
  public static final int MAX_LENGTH = 256;

  private static final String PIPE_SEGMENT = "\\pipe\\";

  /**
   * Validates a name.
   *
   * @param text the name
   * @param windows whether the Win32 rules apply (remote hosts allowed, paths refused)
   * @param server whether the name is for a server instance, which is always local
   * @return the validated name
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if the name is malformed, with the reason
   */
  public static PipeName parse(String text, boolean windows, boolean server) {
    Objects.requireNonNull(text, "pipe name");
    if (text.isEmpty()) {
      throw new IllegalArgumentException("pipe name is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "pipe name is " + text.length() + " characters long; the limit is " + MAX_LENGTH);
    }
    if (text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("pipe name contains a NUL character: " + quote(text));
    }
    if (text.startsWith("\\\\")) {
      int end = text.indexOf('\\', 2);
      if (end < 0) {
        throw malformed(text);
      }
      String host = text.substring(2, end);
      if (host.isEmpty()
          || !text.regionMatches(true, end, PIPE_SEGMENT, 0, PIPE_SEGMENT.length())) {
        throw malformed(text);
      }
      String pipe = text.substring(end + PIPE_SEGMENT.length());
      if (pipe.isEmpty()) {
        throw new IllegalArgumentException("pipe name has nothing after \\pipe\\: " + quote(text));
      }
      if (!host.equals(".")) {
        if (server) {
          throw new IllegalArgumentException(
              "a server can only create a local pipe (\\\\.\\pipe\\NAME): " + quote(text));
        }
        if (!windows) {
          throw new IllegalArgumentException("remote pipes exist on Windows only: " + quote(text));
        }
      }
      return new PipeName(text, host, pipe);
    }
    if (!windows && text.startsWith("/")) {
      return new PipeName(text, null, text);
    }
    throw malformed(text);
  }

  /**
   * Tells whether this name is a filesystem path rather than a {@code \\.\pipe\} name.
   *
   * @return true for a path
   */
  public boolean isPath() {
    return host == null;
  }

  /**
   * Returns the name with a canonical prefix, for display.
   *
   * @return the name
   */
  @Override
  public String toString() {
    return text;
  }

  /**
   * Returns {@link #pipe()} folded to lower case, as Windows compares pipe names.
   *
   * @return the case-folded pipe part
   */
  public String foldedPipe() {
    return pipe.toLowerCase(Locale.ROOT);
  }

  private static IllegalArgumentException malformed(String text) {
    return new IllegalArgumentException(
        "pipe name must look like \\\\.\\pipe\\NAME"
            + " (or, on Unix, an absolute socket path): "
            + quote(text));
  }

  private static String quote(String text) {
    return '"' + text.replace("\0", "\\0") + '"';
  }
}
