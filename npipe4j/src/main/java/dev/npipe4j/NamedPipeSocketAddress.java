package dev.npipe4j;

import dev.npipe4j.internal.Backends;
import dev.npipe4j.internal.PipeName;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * The address of a named pipe for the {@code java.net} socket adapter, {@link NamedPipeSocket}: a
 * {@link SocketAddress} that holds a pipe name.
 *
 * <p>{@link #of(String)} takes the name in any of the forms users already have:
 *
 * <ul>
 *   <li>{@code \\.\pipe\NAME}, as every other npipe4j method takes it (on Linux it maps to a socket
 *       file, as described in the README);
 *   <li>{@code npipe:////./pipe/NAME}, the form of Docker's {@code DOCKER_HOST}; any number of
 *       slashes may follow {@code npipe:}, and every {@code /} becomes {@code \}, as Docker does;
 *   <li>on Unix, an absolute socket path such as {@code /var/run/docker.sock}, or the same as a
 *       {@code unix://} address ({@code unix:///var/run/docker.sock}).
 * </ul>
 *
 * The text is taken literally: no percent-decoding. The name is checked at once, with the rules of
 * the running OS, so a malformed one fails here rather than at connect.
 *
 * {@snippet :
 * NamedPipeSocketAddress docker = NamedPipeSocketAddress.of("npipe:////./pipe/docker_engine");
 * docker.name(); // "\\.\pipe\docker_engine"
 * try (Socket socket = new NamedPipeSocket()) {
 *   socket.connect(docker, 5_000);
 * }
 * }
 */
public final class NamedPipeSocketAddress extends SocketAddress {
  private static final long serialVersionUID = 1L;

  private static final String NPIPE_SCHEME = "npipe:";
  private static final String UNIX_SCHEME = "unix:";

  /** The pipe name in npipe4j's form: {@code \\HOST\pipe\NAME} or an absolute path. */
  private final String name;

  private NamedPipeSocketAddress(String name) {
    this.name = name;
  }

  /**
   * Returns the address of a pipe.
   *
   * @param pipe the pipe's name, in one of the forms of the class description
   * @return the address
   * @throws NullPointerException if {@code pipe} is null
   * @throws IllegalArgumentException if the name is malformed for this OS, with the reason
   */
  public static NamedPipeSocketAddress of(String pipe) {
    String name = normalize(Objects.requireNonNull(pipe, "pipe"));
    PipeName.parse(name, Backends.isWindows(), false);
    return new NamedPipeSocketAddress(name);
  }

  /**
   * Returns the pipe's name as the rest of npipe4j takes it, for example {@code
   * \\.\pipe\docker_engine} for {@code npipe:////./pipe/docker_engine}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  private static String normalize(String text) {
    if (text.regionMatches(true, 0, NPIPE_SCHEME, 0, NPIPE_SCHEME.length())) {
      String rest = text.substring(NPIPE_SCHEME.length());
      int start = 0;
      while (start < rest.length() && rest.charAt(start) == '/') {
        start++;
      }
      if (start < 2 || start == rest.length()) {
        throw new IllegalArgumentException(
            "an npipe address looks like npipe:////./pipe/NAME: \"" + text + '"');
      }
      return "\\\\" + rest.substring(start).replace('/', '\\');
    }
    if (text.regionMatches(true, 0, UNIX_SCHEME, 0, UNIX_SCHEME.length())) {
      String path = text.substring(UNIX_SCHEME.length());
      if (path.startsWith("//")) {
        path = path.substring(2); // unix:///run/x.sock: an empty authority, then the path
      }
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException(
            "a unix address needs an absolute path, like unix:///var/run/docker.sock: \""
                + text
                + '"');
      }
      return path;
    }
    return text;
  }

  /**
   * Tells whether another object is an address of the same name, compared as given (after the forms
   * above are turned into npipe4j's).
   *
   * @param other the object to compare with
   * @return true for an equal address
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof NamedPipeSocketAddress a && a.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /**
   * Returns the pipe's name.
   *
   * @return {@link #name()}
   */
  @Override
  public String toString() {
    return name;
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    try {
      PipeName.parse(name, Backends.isWindows(), false);
    } catch (RuntimeException e) {
      InvalidObjectException invalid = new InvalidObjectException("bad pipe name: " + e);
      invalid.initCause(e);
      throw invalid;
    }
  }
}
