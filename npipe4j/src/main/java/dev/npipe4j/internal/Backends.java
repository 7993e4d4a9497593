package dev.npipe4j.internal;

import dev.npipe4j.internal.linux.LinuxBackend;
import dev.npipe4j.internal.unix.UnixBackend;
import dev.npipe4j.internal.windows.WindowsBackend;

/**
 * Selects the backend for the running operating system: Win32 named pipes on Windows; on Linux the
 * libc socket backend, unless it is unavailable or turned off with the system property {@value
 * LinuxBackend#DISABLE_PROPERTY}, in which case, as on every other Unix, the JDK socket backend.
 */
public final class Backends {
  private Backends() {}

  private static final class Holder {
    static final PipeBackend CURRENT =
        Os.WINDOWS
            ? new WindowsBackend()
            : LinuxBackend.available() ? new LinuxBackend() : new UnixBackend();
  }

  /**
   * Tells whether the Win32 backend is the current one.
   *
   * @return true on Windows
   */
  public static boolean isWindows() {
    return Os.WINDOWS;
  }

  /**
   * Returns the backend for this OS.
   *
   * @return the backend, created on first use
   */
  public static PipeBackend current() {
    return Holder.CURRENT;
  }
}
