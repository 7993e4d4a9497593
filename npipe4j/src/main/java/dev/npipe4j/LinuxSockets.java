package dev.npipe4j;

import dev.npipe4j.internal.linux.LinuxBackend;
import org.jspecify.annotations.Nullable;

/**
 * Whether the Linux backend, Unix domain sockets driven through libc, is the one in use, and if
 * not, why; as Netty's {@code Epoll} tells about its transport.
 *
 * <p>On Linux (x86-64 and AArch64) pipes run on libc through the FFM API: platform threads wait in
 * the kernel themselves, message mode runs over {@code SOCK_SEQPACKET}, and {@link
 * NamedPipe#peerCredentials()} works. Without it (another OS or architecture, native access denied,
 * or the system property {@value #DISABLE_PROPERTY} set to {@code true}) the JDK's socket channels
 * carry the same API in byte mode.
 *
 * {@snippet :
 * if (!LinuxSockets.isAvailable()) {
 *   System.err.println("npipe4j runs on JDK sockets: " + LinuxSockets.unavailabilityCause());
 * }
 * }
 */
public final class LinuxSockets {
  private LinuxSockets() {}

  /** The system property that, set to {@code true}, keeps the Linux backend off. */
  public static final String DISABLE_PROPERTY = LinuxBackend.DISABLE_PROPERTY;

  /**
   * Tells whether the Linux backend can run, and so runs, in this JVM.
   *
   * @return true if pipes here run on the Linux backend
   */
  public static boolean isAvailable() {
    return LinuxBackend.available();
  }

  /**
   * Explains why {@link #isAvailable()} is false.
   *
   * @return the cause, a new exception at each call, or null when available
   */
  public static @Nullable Throwable unavailabilityCause() {
    return LinuxBackend.cause();
  }

  /**
   * Fails unless the Linux backend is available.
   *
   * @throws UnsupportedOperationException with the {@linkplain #unavailabilityCause() cause}
   */
  public static void ensureAvailability() {
    Throwable cause = LinuxBackend.cause();
    if (cause != null) {
      throw new UnsupportedOperationException("the Linux backend is not available", cause);
    }
  }
}
