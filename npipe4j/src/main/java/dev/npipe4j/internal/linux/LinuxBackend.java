package dev.npipe4j.internal.linux;

import dev.npipe4j.internal.Os;
import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.linux.libc.Libc;
import dev.npipe4j.internal.linux.libc.LibcLayouts;
import dev.npipe4j.internal.linux.libc.Macros;
import dev.npipe4j.internal.unix.SocketBackend;
import dev.npipe4j.internal.unix.SocketPaths;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Named pipes over Unix domain sockets on Linux, bound to libc through the FFM API.
 *
 * <ul>
 *   <li>Names map to socket paths as {@link SocketPaths} describes; byte pipes are {@code
 *       SOCK_STREAM} sockets, message pipes {@code SOCK_SEQPACKET} ones carrying {@link Framing}.
 *   <li>All instances of a pipe in one process share one listening socket ({@link LinuxListener});
 *       a server instance is one accepted connection.
 *   <li>One {@link EpollDriver} thread serves virtual threads and futures; platform threads wait in
 *       the kernel on their own ({@link Connection}).
 * </ul>
 */
public final class LinuxBackend extends SocketBackend {
  /** The system property that, set to {@code true}, keeps this backend off. */
  public static final String DISABLE_PROPERTY = "dev.npipe4j.unix.noNative";

  /**
   * The probe's verdict, taken once: why the backend cannot run, or null. Kept as text, so that
   * each {@link #cause()} is a new exception rather than one shared, mutable instance.
   */
  private static final class Availability {
    static final @Nullable String REASON = probe();

    private static @Nullable String probe() {
      if (Boolean.getBoolean(DISABLE_PROPERTY)) {
        return "turned off by the system property " + DISABLE_PROPERTY;
      }
      if (!Os.LINUX) {
        return "not Linux: " + Os.NAME;
      }
      if (!LibcLayouts.SUPPORTED_ARCH) {
        return "no libc layouts for the architecture " + System.getProperty("os.arch");
      }
      try {
        int fd = Libc.socket(Macros.AF_UNIX, Macros.SOCK_SEQPACKET | Macros.SOCK_CLOEXEC, 0);
        if (fd < 0) {
          return "socket(AF_UNIX, SOCK_SEQPACKET) failed: " + LinuxErrors.symbol(Libc.errno());
        }
        Libc.close(fd);
        return null;
      } catch (Throwable t) { // IllegalCallerException without native access, linkage errors
        return t.toString();
      }
    }
  }

  /**
   * Tells whether this backend can run here.
   *
   * @return true on Linux x86-64 and AArch64 with native access, unless turned off
   */
  public static boolean available() {
    return Availability.REASON == null;
  }

  /**
   * Explains why {@link #available()} is false.
   *
   * @return the cause, a new exception at each call, or null when available
   */
  public static @Nullable Throwable cause() {
    String reason = Availability.REASON;
    return reason == null ? null : new UnsupportedOperationException(reason);
  }

  /** Creates the backend. */
  public LinuxBackend() {
    super(LinuxListener::createInstance, LinuxClientIo::open);
  }

  @Override
  protected void requireServerIsCurrentUser(PipeIo client, PipeName name) throws IOException {
    LinuxIdentity.requireServerIsCurrentUser(client, name.text());
  }

  @Override
  public boolean isAvailable() {
    return available();
  }

  @Override
  public @Nullable Throwable unavailabilityCause() {
    return cause();
  }
}
