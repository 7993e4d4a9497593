package dev.npipe4j.internal.windows.win32;

import static dev.npipe4j.internal.windows.win32.Native.linkKernel32;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.BOOL;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.DWORD;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.HANDLE;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.POINTER;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** kernel32 bindings for event objects and waits. Conventions as in {@link Kernel32}. */
public final class Kernel32Events {
  private Kernel32Events() {}

  private static final class H {
    static final MethodHandle CreateEventW =
        linkKernel32("CreateEventW", FunctionDescriptor.of(HANDLE, POINTER, BOOL, BOOL, POINTER));
    static final MethodHandle WaitForSingleObject =
        linkKernel32("WaitForSingleObject", FunctionDescriptor.of(DWORD, HANDLE, DWORD));
  }

  /**
   * {@code HANDLE CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset, BOOL
   * bInitialState, LPCWSTR lpName);} NULL on failure.
   */
  public static MemorySegment CreateEventW(
      MemorySegment lpEventAttributes,
      boolean bManualReset,
      boolean bInitialState,
      MemorySegment lpName) {
    try {
      return (MemorySegment)
          H.CreateEventW.invokeExact(
              Native.captureSegment(),
              lpEventAttributes,
              bManualReset ? 1 : 0,
              bInitialState ? 1 : 0,
              lpName);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code DWORD WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds);} {@code WAIT_OBJECT_0}
   * (0) once signaled, {@code WAIT_TIMEOUT}, or {@code WAIT_FAILED} (0xFFFFFFFF, last-error set).
   */
  public static int WaitForSingleObject(MemorySegment hHandle, int dwMilliseconds) {
    try {
      return (int)
          H.WaitForSingleObject.invokeExact(Native.captureSegment(), hHandle, dwMilliseconds);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }
}
