package dev.npipe4j.internal.windows.win32;

import dev.npipe4j.internal.Downcalls;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * The linker plumbing shared by the binding classes: library lookups, downcall linking and the
 * per-thread last-error capture segment.
 *
 * <p>Nothing here touches a Windows library until a binding is first called: each library lives in
 * its own holder class, so this class loads (and the pure-Java tests run) on Linux.
 */
final class Native {
  private Native() {}

  static final Linker LINKER = Linker.nativeLinker();

  /** Links functions that set the thread's last-error code, capturing it right after the call. */
  private static final Linker.Option CAPTURE_LAST_ERROR =
      Linker.Option.captureCallState("GetLastError");

  /** kernel32.dll, loaded on first use. */
  private static final class Kernel32Library {
    static final SymbolLookup LOOKUP = load("kernel32");
  }

  /** advapi32.dll, loaded on first use. */
  private static final class Advapi32Library {
    static final SymbolLookup LOOKUP = load("advapi32");
  }

  /** The layout of the capture segment and the handle reading its GetLastError field. */
  private static final class Capture {
    static final StructLayout LAYOUT = Linker.Option.captureStateLayout();
    static final @Nullable VarHandle LAST_ERROR = lastErrorHandle();

    /** One capture segment per thread (virtual threads included), freed with the thread. */
    static final ThreadLocal<MemorySegment> SEGMENT =
        ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(LAYOUT));

    private static @Nullable VarHandle lastErrorHandle() {
      boolean present =
          LAYOUT.memberLayouts().stream()
              .anyMatch(m -> m.name().filter("GetLastError"::equals).isPresent());
      if (!present) {
        return null; // not Windows: the capture layout has errno only
      }
      VarHandle vh = LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("GetLastError"));
      return MethodHandles.insertCoordinates(vh, 1, 0L);
    }
  }

  static SymbolLookup kernel32() {
    return Kernel32Library.LOOKUP;
  }

  static SymbolLookup advapi32() {
    return Advapi32Library.LOOKUP;
  }

  // Loading a native library is restricted; this package is the one place allowed to do it.
  @SuppressWarnings("restricted")
  private static SymbolLookup load(String library) {
    return SymbolLookup.libraryLookup(library, Arena.global());
  }

  /**
   * Links {@code name} from {@code library}. When {@code setsLastError} is true the handle takes a
   * leading capture segment ({@link #captureSegment()}) and {@link #lastError()} reads the code.
   */
  // Creating a downcall handle is restricted; only this package links native functions.
  @SuppressWarnings("restricted")
  static MethodHandle downcall(
      SymbolLookup library, String name, FunctionDescriptor descriptor, boolean setsLastError) {
    MemorySegment address =
        library
            .find(name)
            .orElseThrow(() -> new UnsatisfiedLinkError("no such Win32 function: " + name));
    return setsLastError
        ? LINKER.downcallHandle(address, descriptor, CAPTURE_LAST_ERROR)
        : LINKER.downcallHandle(address, descriptor);
  }

  /**
   * Links a kernel32 function that sets the thread's last-error code: every binding class's one way
   * to link one.
   */
  static MethodHandle linkKernel32(String name, FunctionDescriptor descriptor) {
    return downcall(kernel32(), name, descriptor, true);
  }

  /** Links an advapi32 function that sets the thread's last-error code. */
  static MethodHandle linkAdvapi32(String name, FunctionDescriptor descriptor) {
    return downcall(advapi32(), name, descriptor, true);
  }

  /** The calling thread's capture segment, passed as the first argument of capturing handles. */
  static MemorySegment captureSegment() {
    return Capture.SEGMENT.get();
  }

  /** The last-error code captured by the calling thread's most recent capturing downcall. */
  static int lastError() {
    VarHandle vh = Capture.LAST_ERROR;
    if (vh == null) {
      throw new UnsupportedOperationException("GetLastError is captured on Windows only");
    }
    return (int) vh.get(captureSegment());
  }

  /** Rethrows what a downcall threw; downcalls do not throw checked exceptions. */
  static RuntimeException rethrow(Throwable t) {
    return Downcalls.rethrow(t, "Win32");
  }
}
