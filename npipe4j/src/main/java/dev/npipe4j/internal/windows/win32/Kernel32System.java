package dev.npipe4j.internal.windows.win32;

import static dev.npipe4j.internal.windows.win32.Native.linkKernel32;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.DWORD;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.HANDLE;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.POINTER;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import org.jspecify.annotations.Nullable;

/**
 * kernel32 bindings for processes, modules and messages. Conventions as in {@link Kernel32};
 * GetCurrentProcess and GetCurrentProcessId do not set last-error, the others do.
 */
public final class Kernel32System {
  private Kernel32System() {}

  private static final class H {
    static final MethodHandle GetCurrentProcess =
        Native.downcall(
            Native.kernel32(), "GetCurrentProcess", FunctionDescriptor.of(HANDLE), false);
    static final MethodHandle GetCurrentProcessId =
        Native.downcall(
            Native.kernel32(), "GetCurrentProcessId", FunctionDescriptor.of(DWORD), false);
    static final MethodHandle GetModuleHandleW =
        linkKernel32("GetModuleHandleW", FunctionDescriptor.of(HANDLE, POINTER));
    static final MethodHandle GetProcAddress =
        linkKernel32("GetProcAddress", FunctionDescriptor.of(POINTER, HANDLE, POINTER));
    static final MethodHandle LocalFree =
        linkKernel32("LocalFree", FunctionDescriptor.of(HANDLE, HANDLE));
    static final MethodHandle FormatMessageW =
        linkKernel32(
            "FormatMessageW",
            FunctionDescriptor.of(DWORD, DWORD, POINTER, DWORD, DWORD, POINTER, DWORD, POINTER));
  }

  /** {@code HANDLE GetCurrentProcess(void);} The pseudo handle (-1); no need to close it. */
  public static MemorySegment GetCurrentProcess() {
    try {
      return (MemorySegment) H.GetCurrentProcess.invokeExact();
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code DWORD GetCurrentProcessId(void);} */
  public static int GetCurrentProcessId() {
    try {
      return (int) H.GetCurrentProcessId.invokeExact();
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code HMODULE GetModuleHandleW(LPCWSTR lpModuleName);} NULL when the module is not loaded. */
  public static MemorySegment GetModuleHandleW(MemorySegment lpModuleName) {
    try {
      return (MemorySegment) H.GetModuleHandleW.invokeExact(Native.captureSegment(), lpModuleName);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code FARPROC GetProcAddress(HMODULE hModule, LPCSTR lpProcName);} lpProcName is an ANSI
   * string ({@code arena.allocateFrom(name)}). NULL when there is no such export.
   */
  public static MemorySegment GetProcAddress(MemorySegment hModule, MemorySegment lpProcName) {
    try {
      return (MemorySegment)
          H.GetProcAddress.invokeExact(Native.captureSegment(), hModule, lpProcName);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code HLOCAL LocalFree(HLOCAL hMem);} NULL on success. */
  public static MemorySegment LocalFree(MemorySegment hMem) {
    try {
      return (MemorySegment) H.LocalFree.invokeExact(Native.captureSegment(), hMem);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code DWORD FormatMessageW(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD
   * dwLanguageId, LPWSTR lpBuffer, DWORD nSize, va_list *Arguments);} With
   * FORMAT_MESSAGE_ALLOCATE_BUFFER, lpBuffer is an {@code LPWSTR*} that receives a LocalAlloc'ed
   * string. Returns the number of characters stored, 0 on failure.
   */
  public static int FormatMessageW(
      int dwFlags,
      MemorySegment lpSource,
      int dwMessageId,
      int dwLanguageId,
      MemorySegment lpBuffer,
      int nSize,
      MemorySegment Arguments) {
    try {
      return (int)
          H.FormatMessageW.invokeExact(
              Native.captureSegment(),
              dwFlags,
              lpSource,
              dwMessageId,
              dwLanguageId,
              lpBuffer,
              nSize,
              Arguments);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * The system's text for a Win32 error code (FormatMessageW FROM_SYSTEM, trailing line break and
   * period kept as Windows writes them, only surrounding white space trimmed), or null when Windows
   * has none.
   */
  public static @Nullable String systemMessage(int code) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(POINTER);
      int n =
          FormatMessageW(
              Win32.FORMAT_MESSAGE_ALLOCATE_BUFFER
                  | Win32.FORMAT_MESSAGE_FROM_SYSTEM
                  | Win32.FORMAT_MESSAGE_IGNORE_INSERTS,
              Win32.NULL,
              code,
              0,
              out,
              0,
              Win32.NULL);
      if (n == 0) {
        return null;
      }
      MemorySegment text = out.get(POINTER, 0);
      try {
        String s = Win32.wideStringAtPointer(text, n);
        return s == null || s.isBlank() ? null : s.strip();
      } finally {
        LocalFree(text);
      }
    }
  }
}
