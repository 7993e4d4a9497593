package dev.npipe4j.internal.windows.win32;

import static dev.npipe4j.internal.windows.win32.Native.linkKernel32;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.BOOL;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.DWORD;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.HANDLE;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.POINTER;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * kernel32 bindings for who is at the other end of a pipe: session ids, the client's user name, and
 * the peer's process. Conventions as in {@link Kernel32}; GetCurrentThread does not set last-error,
 * the others do.
 */
public final class Kernel32Peers {
  private Kernel32Peers() {}

  private static final class H {
    static final MethodHandle GetCurrentThread =
        Native.downcall(
            Native.kernel32(), "GetCurrentThread", FunctionDescriptor.of(HANDLE), false);
    static final MethodHandle OpenProcess =
        linkKernel32("OpenProcess", FunctionDescriptor.of(HANDLE, DWORD, BOOL, DWORD));
    static final MethodHandle GetNamedPipeClientSessionId =
        linkKernel32("GetNamedPipeClientSessionId", FunctionDescriptor.of(BOOL, HANDLE, POINTER));
    static final MethodHandle GetNamedPipeServerSessionId =
        linkKernel32("GetNamedPipeServerSessionId", FunctionDescriptor.of(BOOL, HANDLE, POINTER));
    static final MethodHandle GetNamedPipeHandleStateW =
        linkKernel32(
            "GetNamedPipeHandleStateW",
            FunctionDescriptor.of(
                BOOL, HANDLE, POINTER, POINTER, POINTER, POINTER, POINTER, DWORD));
  }

  /** {@code HANDLE GetCurrentThread(void);} The pseudo handle (-2); no need to close it. */
  public static MemorySegment GetCurrentThread() {
    try {
      return (MemorySegment) H.GetCurrentThread.invokeExact();
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code HANDLE OpenProcess(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwProcessId);} NULL
   * on failure. Close the handle with CloseHandle.
   */
  public static MemorySegment OpenProcess(
      int dwDesiredAccess, boolean bInheritHandle, int dwProcessId) {
    try {
      return (MemorySegment)
          H.OpenProcess.invokeExact(
              Native.captureSegment(), dwDesiredAccess, bInheritHandle ? 1 : 0, dwProcessId);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code BOOL GetNamedPipeClientSessionId(HANDLE Pipe, PULONG ClientSessionId);} */
  public static boolean GetNamedPipeClientSessionId(
      MemorySegment Pipe, MemorySegment ClientSessionId) {
    try {
      return (int)
              H.GetNamedPipeClientSessionId.invokeExact(
                  Native.captureSegment(), Pipe, ClientSessionId)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code BOOL GetNamedPipeServerSessionId(HANDLE Pipe, PULONG ServerSessionId);} */
  public static boolean GetNamedPipeServerSessionId(
      MemorySegment Pipe, MemorySegment ServerSessionId) {
    try {
      return (int)
              H.GetNamedPipeServerSessionId.invokeExact(
                  Native.captureSegment(), Pipe, ServerSessionId)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL GetNamedPipeHandleStateW(HANDLE hNamedPipe, LPDWORD lpState, LPDWORD
   * lpCurInstances, LPDWORD lpMaxCollectionCount, LPDWORD lpCollectDataTimeout, LPWSTR lpUserName,
   * DWORD nMaxUserNameSize);} Every out-parameter may be NULL. lpUserName (nMaxUserNameSize
   * characters) must be NULL on a client end, and Windows fills it only when the client allowed
   * SECURITY_IMPERSONATION.
   */
  public static boolean GetNamedPipeHandleStateW(
      MemorySegment hNamedPipe,
      MemorySegment lpState,
      MemorySegment lpCurInstances,
      MemorySegment lpMaxCollectionCount,
      MemorySegment lpCollectDataTimeout,
      MemorySegment lpUserName,
      int nMaxUserNameSize) {
    try {
      return (int)
              H.GetNamedPipeHandleStateW.invokeExact(
                  Native.captureSegment(),
                  hNamedPipe,
                  lpState,
                  lpCurInstances,
                  lpMaxCollectionCount,
                  lpCollectDataTimeout,
                  lpUserName,
                  nMaxUserNameSize)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }
}
