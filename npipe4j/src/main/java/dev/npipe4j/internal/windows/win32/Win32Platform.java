package dev.npipe4j.internal.windows.win32;

import dev.npipe4j.internal.Os;
import org.jspecify.annotations.Nullable;

/**
 * Whether the Win32 bindings can be used in this JVM, in the style of Netty's {@code
 * Epoll.isAvailable()}: the probe runs once, on first use, and never throws.
 */
public final class Win32Platform {
  private Win32Platform() {}

  /**
   * The probe's verdict: why the bindings are unavailable, or null. Kept as text, so that each
   * {@link #unavailabilityCause()} is a new exception rather than one shared, mutable instance.
   */
  private static final class Probe {
    static final @Nullable String REASON = probe();
  }

  /** Returns whether this is Windows (or Wine) and kernel32 links, with last-error capture. */
  public static boolean isAvailable() {
    return Probe.REASON == null;
  }

  /**
   * Returns why the bindings are unavailable, a new exception at each call, or null when {@link
   * #isAvailable()}.
   */
  public static @Nullable Throwable unavailabilityCause() {
    String reason = Probe.REASON;
    return reason == null ? null : new UnsupportedOperationException(reason);
  }

  /**
   * Throws when the bindings are unavailable.
   *
   * @throws UnsupportedOperationException with the {@linkplain #unavailabilityCause() cause}
   */
  public static void ensureAvailability() {
    String reason = Probe.REASON;
    if (reason != null) {
      throw new UnsupportedOperationException("Win32 named pipes are unavailable: " + reason);
    }
  }

  private static @Nullable String probe() {
    if (!Os.WINDOWS) {
      return "not Windows (os.name=" + Os.NAME + ")";
    }
    try {
      Kernel32System.GetCurrentProcessId();
      // A capturing call, then reading the captured code, proves the whole binding path.
      Kernel32.CloseHandle(Win32.NULL);
      Kernel32.lastError();
      return null;
    } catch (Throwable t) {
      return t.toString();
    }
  }
}
