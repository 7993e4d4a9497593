package dev.npipe4j.netty;

import dev.npipe4j.ClientOptions;
import java.nio.file.NoSuchFileException;

/**
 * Tells whether the named-pipe transport can run here, in the style of Netty's {@code
 * Epoll.isAvailable()}: check once, and fall back to another transport when it cannot.
 *
 * {@snippet :
 * Class<? extends Channel> channel =
 *     NamedPipeTransport.isAvailable() ? NamedPipeChannel.class : NioSocketChannel.class;
 * }
 *
 * <p>The check asks the library to open a pipe that nobody serves, and expects its "no such pipe"
 * answer, which needs its backend: kernel32 on Windows, libc (with native access granted to
 * npipe4j) or the JDK's Unix sockets elsewhere. Setting the system property {@value
 * #DISABLE_PROPERTY} to {@code true} makes the transport unavailable on purpose.
 */
public final class NamedPipeTransport {
  /** The system property that turns the transport off: {@code dev.npipe4j.netty.disabled}. */
  public static final String DISABLE_PROPERTY = "dev.npipe4j.netty.disabled";

  private static final Throwable UNAVAILABILITY_CAUSE = probe();

  private NamedPipeTransport() {}

  /**
   * Tells whether the transport can be used.
   *
   * @return true if named pipes work here
   */
  public static boolean isAvailable() {
    return UNAVAILABILITY_CAUSE == null;
  }

  /**
   * Throws the reason the transport cannot be used, if any.
   *
   * @throws UnsatisfiedLinkError wrapping {@link #unavailabilityCause()}, as Netty's transports do
   */
  public static void ensureAvailability() {
    if (UNAVAILABILITY_CAUSE != null) {
      throw (Error)
          new UnsatisfiedLinkError("npipe4j named pipes are unavailable")
              .initCause(UNAVAILABILITY_CAUSE);
    }
  }

  /**
   * Returns why the transport cannot be used.
   *
   * @return the cause, or null if {@link #isAvailable()}
   */
  public static Throwable unavailabilityCause() {
    return UNAVAILABILITY_CAUSE;
  }

  private static Throwable probe() {
    if (Boolean.getBoolean(DISABLE_PROPERTY)) {
      return new UnsupportedOperationException(
          "the named-pipe transport is turned off (-D" + DISABLE_PROPERTY + "=true)");
    }
    try {
      // A pipe nobody serves: the backend must answer "no such pipe" (and opens nothing).
      new ClientOptions().open("\\\\.\\pipe\\npipe4j-netty-probe-" + System.nanoTime()).close();
      return new IllegalStateException("a pipe that nobody serves was opened");
    } catch (NoSuchFileException expected) {
      return null;
    } catch (Exception | LinkageError e) {
      return e;
    }
  }
}
