package dev.npipe4j.internal.windows.win32;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.jspecify.annotations.Nullable;

/**
 * Detects Wine: {@code GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version")} is
 * non-NULL only under Wine. Detected once, on first use; null/false on Linux and real Windows.
 */
public final class Wine {
  private Wine() {}

  private static final class Detected {
    static final @Nullable String VERSION = detect();
  }

  /** Returns Wine's version (for example {@code "8.0"}), or null when not running under Wine. */
  public static @Nullable String version() {
    return Detected.VERSION;
  }

  /** Returns whether this JVM is a Windows JVM running under Wine. */
  public static boolean isWine() {
    return Detected.VERSION != null;
  }

  private static @Nullable String detect() {
    if (!Win32Platform.isAvailable()) {
      return null;
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ntdll = Kernel32System.GetModuleHandleW(Win32.wideString(arena, "ntdll.dll"));
      if (Win32.isNull(ntdll)) {
        return null;
      }
      MemorySegment fn =
          Kernel32System.GetProcAddress(ntdll, arena.allocateFrom("wine_get_version"));
      if (Win32.isNull(fn)) {
        return null;
      }
      return callVersion(fn);
    }
  }

  /** Calls {@code const char *wine_get_version(void);} and reads the static string it returns. */
  // Linking a raw function pointer and reading the C string it returns are restricted; the pointer
  // comes from GetProcAddress and the string is a static NUL-terminated one inside ntdll.
  @SuppressWarnings("restricted")
  private static String callVersion(MemorySegment fn) {
    MethodHandle mh = Native.LINKER.downcallHandle(fn, FunctionDescriptor.of(ValueLayout.ADDRESS));
    try {
      MemorySegment s = (MemorySegment) mh.invokeExact();
      return Win32.isNull(s) ? "unknown" : s.reinterpret(256).getString(0);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }
}
