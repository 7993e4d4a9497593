package dev.npipe4j.netty;

import dev.npipe4j.NamedPipeSocketAddress;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * The address of a named pipe for Netty: what {@code Bootstrap.connect} and {@code
 * ServerBootstrap.bind} take for a {@link NamedPipeChannel} or a {@link NamedPipeServerChannel}.
 *
 * <p>{@link #of(String)} takes a name in the forms of {@link NamedPipeSocketAddress#of(String)}:
 * {@code \\.\pipe\NAME}, Docker's {@code npipe:////./pipe/NAME}, and on Unix an absolute socket
 * path or {@code unix:///path}. On Linux and macOS {@code \\.\pipe\NAME} is the socket file {@code
 * NAME} in the current user's private directory, as {@link dev.npipe4j.NamedPipeServer} describes.
 *
 * {@snippet :
 * NamedPipeAddress address = NamedPipeAddress.of("npipe:////./pipe/demo");
 * address.name(); // "\\.\pipe\demo"
 * }
 */
public final class NamedPipeAddress extends SocketAddress {
  private static final long serialVersionUID = 1L;

  /** The name in npipe4j's form, checked. */
  private final String name;

  private NamedPipeAddress(String name) {
    this.name = name;
  }

  /**
   * Returns the address of a pipe.
   *
   * @param pipe the pipe's name in one of the forms of the class description
   * @return the address
   * @throws NullPointerException if {@code pipe} is null
   * @throws IllegalArgumentException if the name is malformed for this OS, with the reason
   */
  public static NamedPipeAddress of(String pipe) {
    return new NamedPipeAddress(NamedPipeSocketAddress.of(Objects.requireNonNull(pipe)).name());
  }

  /**
   * Returns the pipe's name as npipe4j takes it, for example {@code \\.\pipe\demo}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Tells whether another object is the address of the same name.
   *
   * @param other the object to compare with
   * @return true for an equal address
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof NamedPipeAddress a && a.name.equals(name);
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

  /** A deserialized address is checked as {@link #of} checks a new one. */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    try {
      NamedPipeSocketAddress.of(name);
    } catch (RuntimeException e) {
      InvalidObjectException invalid = new InvalidObjectException("bad pipe name: " + e);
      invalid.initCause(e);
      throw invalid;
    }
  }
}
