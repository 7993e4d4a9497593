package dev.npipe4j.internal.windows.win32;

import dev.npipe4j.internal.Os;

/**
 * Whether the Win32 bindings can be used in this JVM, in the style of Netty's {@code
 * Epoll.isAvailable()}: the probe runs once, on first use, and never throws.
 */
public final class Win32Platform {
  private Win32Platform() {}

  private static final class Probe {
    static final Throwable CAUSE = probe();
  }

  /** Returns whether this is Windows (or Wine) and kernel32 links, with last-error capture. */
  public static boolean isAvailable() {
    return Probe.CAUSE == null;
  }

  /** Returns why the bindings are unavailable, or null when {@link #isAvailable()}. */
  public static Throwable unavailabilityCause() {
    return Probe.CAUSE;
  }

  /**
   * Throws when the bindings are unavailable.
   *
   * @throws UnsupportedOperationException with the {@linkplain #unavailabilityCause() cause}
   */
  public static void ensureAvailability() {
    Throwable cause = Probe.CAUSE;
    if (cause != null) {
      throw new UnsupportedOperationException(
          "Win32 named pipes are unavailable: " + cause.getMessage(), cause);
    }
  }

  private static Throwable probe() {
    if (!Os.WINDOWS) {
      return new UnsupportedOperationException("not Windows (os.name=" + Os.NAME + ")");
    }
    try {
      Kernel32System.GetCurrentProcessId();
      // A capturing call, then reading the captured code, proves the whole binding path.
      Kernel32.CloseHandle(Win32.NULL);
      Kernel32.lastError();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }
}
