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
 * kernel32 bindings for named pipes, files and handles, named and typed as in the Windows SDK.
 *
 * <p>Handles and pointers are {@link MemorySegment}s, DWORDs are {@code int}s (unsigned in C), BOOL
 * results are {@code boolean}s. Every function here sets the thread's last-error code: it is
 * captured right after the call (never through a separate GetLastError downcall) into the calling
 * thread's capture segment, and {@link #lastError()} returns it. Read it on the same thread, before
 * the next binding call. kernel32 is loaded on the first call, so this class loads anywhere.
 */
public final class Kernel32 {
  private Kernel32() {}

  /** Lazily linked downcall handles; initialized on the first call (Windows only). */
  private static final class H {
    static final MethodHandle CreateNamedPipeW =
        linkKernel32(
            "CreateNamedPipeW",
            FunctionDescriptor.of(
                HANDLE, POINTER, DWORD, DWORD, DWORD, DWORD, DWORD, DWORD, POINTER));
    static final MethodHandle CreateFileW =
        linkKernel32(
            "CreateFileW",
            FunctionDescriptor.of(HANDLE, POINTER, DWORD, DWORD, POINTER, DWORD, DWORD, HANDLE));
    static final MethodHandle ConnectNamedPipe =
        linkKernel32("ConnectNamedPipe", FunctionDescriptor.of(BOOL, HANDLE, POINTER));
    static final MethodHandle DisconnectNamedPipe =
        linkKernel32("DisconnectNamedPipe", FunctionDescriptor.of(BOOL, HANDLE));
    static final MethodHandle ReadFile =
        linkKernel32(
            "ReadFile", FunctionDescriptor.of(BOOL, HANDLE, POINTER, DWORD, POINTER, POINTER));
    static final MethodHandle WriteFile =
        linkKernel32(
            "WriteFile", FunctionDescriptor.of(BOOL, HANDLE, POINTER, DWORD, POINTER, POINTER));
    static final MethodHandle GetOverlappedResult =
        linkKernel32(
            "GetOverlappedResult", FunctionDescriptor.of(BOOL, HANDLE, POINTER, POINTER, BOOL));
    static final MethodHandle CancelIoEx =
        linkKernel32("CancelIoEx", FunctionDescriptor.of(BOOL, HANDLE, POINTER));
    static final MethodHandle CloseHandle =
        linkKernel32("CloseHandle", FunctionDescriptor.of(BOOL, HANDLE));
    static final MethodHandle GetNamedPipeInfo =
        linkKernel32(
            "GetNamedPipeInfo",
            FunctionDescriptor.of(BOOL, HANDLE, POINTER, POINTER, POINTER, POINTER));
    static final MethodHandle SetNamedPipeHandleState =
        linkKernel32(
            "SetNamedPipeHandleState",
            FunctionDescriptor.of(BOOL, HANDLE, POINTER, POINTER, POINTER));
    static final MethodHandle GetNamedPipeClientProcessId =
        linkKernel32("GetNamedPipeClientProcessId", FunctionDescriptor.of(BOOL, HANDLE, POINTER));
    static final MethodHandle GetNamedPipeServerProcessId =
        linkKernel32("GetNamedPipeServerProcessId", FunctionDescriptor.of(BOOL, HANDLE, POINTER));
  }

  /**
   * Returns the last-error code captured by the calling thread's most recent binding call (of any
   * class in this package that sets last-error).
   *
   * @throws UnsupportedOperationException when not on Windows
   */
  public static int lastError() {
    return Native.lastError();
  }

  /**
   * {@code HANDLE CreateNamedPipeW(LPCWSTR lpName, DWORD dwOpenMode, DWORD dwPipeMode, DWORD
   * nMaxInstances, DWORD nOutBufferSize, DWORD nInBufferSize, DWORD nDefaultTimeOut,
   * LPSECURITY_ATTRIBUTES lpSecurityAttributes);}
   *
   * @return the server handle, or {@link Win32#INVALID_HANDLE_VALUE} (see {@link #lastError()})
   */
  public static MemorySegment CreateNamedPipeW(
      MemorySegment lpName,
      int dwOpenMode,
      int dwPipeMode,
      int nMaxInstances,
      int nOutBufferSize,
      int nInBufferSize,
      int nDefaultTimeOut,
      MemorySegment lpSecurityAttributes) {
    try {
      return (MemorySegment)
          H.CreateNamedPipeW.invokeExact(
              Native.captureSegment(),
              lpName,
              dwOpenMode,
              dwPipeMode,
              nMaxInstances,
              nOutBufferSize,
              nInBufferSize,
              nDefaultTimeOut,
              lpSecurityAttributes);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code HANDLE CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
   * LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition, DWORD
   * dwFlagsAndAttributes, HANDLE hTemplateFile);}
   *
   * @return the handle, or {@link Win32#INVALID_HANDLE_VALUE} (see {@link #lastError()})
   */
  public static MemorySegment CreateFileW(
      MemorySegment lpFileName,
      int dwDesiredAccess,
      int dwShareMode,
      MemorySegment lpSecurityAttributes,
      int dwCreationDisposition,
      int dwFlagsAndAttributes,
      MemorySegment hTemplateFile) {
    try {
      return (MemorySegment)
          H.CreateFileW.invokeExact(
              Native.captureSegment(),
              lpFileName,
              dwDesiredAccess,
              dwShareMode,
              lpSecurityAttributes,
              dwCreationDisposition,
              dwFlagsAndAttributes,
              hTemplateFile);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code BOOL ConnectNamedPipe(HANDLE hNamedPipe, LPOVERLAPPED lpOverlapped);} */
  public static boolean ConnectNamedPipe(MemorySegment hNamedPipe, MemorySegment lpOverlapped) {
    try {
      return (int) H.ConnectNamedPipe.invokeExact(Native.captureSegment(), hNamedPipe, lpOverlapped)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code BOOL DisconnectNamedPipe(HANDLE hNamedPipe);} */
  public static boolean DisconnectNamedPipe(MemorySegment hNamedPipe) {
    try {
      return (int) H.DisconnectNamedPipe.invokeExact(Native.captureSegment(), hNamedPipe) != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead, LPDWORD
   * lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped);} Pass {@code NULL} for lpNumberOfBytesRead
   * with an overlapped handle.
   */
  public static boolean ReadFile(
      MemorySegment hFile,
      MemorySegment lpBuffer,
      int nNumberOfBytesToRead,
      MemorySegment lpNumberOfBytesRead,
      MemorySegment lpOverlapped) {
    try {
      return (int)
              H.ReadFile.invokeExact(
                  Native.captureSegment(),
                  hFile,
                  lpBuffer,
                  nNumberOfBytesToRead,
                  lpNumberOfBytesRead,
                  lpOverlapped)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite, LPDWORD
   * lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped);}
   */
  public static boolean WriteFile(
      MemorySegment hFile,
      MemorySegment lpBuffer,
      int nNumberOfBytesToWrite,
      MemorySegment lpNumberOfBytesWritten,
      MemorySegment lpOverlapped) {
    try {
      return (int)
              H.WriteFile.invokeExact(
                  Native.captureSegment(),
                  hFile,
                  lpBuffer,
                  nNumberOfBytesToWrite,
                  lpNumberOfBytesWritten,
                  lpOverlapped)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL GetOverlappedResult(HANDLE hFile, LPOVERLAPPED lpOverlapped, LPDWORD
   * lpNumberOfBytesTransferred, BOOL bWait);}
   */
  public static boolean GetOverlappedResult(
      MemorySegment hFile,
      MemorySegment lpOverlapped,
      MemorySegment lpNumberOfBytesTransferred,
      boolean bWait) {
    try {
      return (int)
              H.GetOverlappedResult.invokeExact(
                  Native.captureSegment(),
                  hFile,
                  lpOverlapped,
                  lpNumberOfBytesTransferred,
                  bWait ? 1 : 0)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped);} With {@code NULL} it cancels
   * all of the handle's I/O. Under Wine a blanket cancel with nothing pending returns TRUE
   * (WineDivergence.CANCEL_NOTHING_RETURNS_TRUE in the tests): do not rely on its result.
   */
  public static boolean CancelIoEx(MemorySegment hFile, MemorySegment lpOverlapped) {
    try {
      return (int) H.CancelIoEx.invokeExact(Native.captureSegment(), hFile, lpOverlapped) != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code BOOL CloseHandle(HANDLE hObject);} */
  public static boolean CloseHandle(MemorySegment hObject) {
    try {
      return (int) H.CloseHandle.invokeExact(Native.captureSegment(), hObject) != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL GetNamedPipeInfo(HANDLE hNamedPipe, LPDWORD lpFlags, LPDWORD lpOutBufferSize,
   * LPDWORD lpInBufferSize, LPDWORD lpMaxInstances);} Each out pointer may be {@code NULL}.
   */
  public static boolean GetNamedPipeInfo(
      MemorySegment hNamedPipe,
      MemorySegment lpFlags,
      MemorySegment lpOutBufferSize,
      MemorySegment lpInBufferSize,
      MemorySegment lpMaxInstances) {
    try {
      return (int)
              H.GetNamedPipeInfo.invokeExact(
                  Native.captureSegment(),
                  hNamedPipe,
                  lpFlags,
                  lpOutBufferSize,
                  lpInBufferSize,
                  lpMaxInstances)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL SetNamedPipeHandleState(HANDLE hNamedPipe, LPDWORD lpMode, LPDWORD
   * lpMaxCollectionCount, LPDWORD lpCollectDataTimeout);}
   */
  public static boolean SetNamedPipeHandleState(
      MemorySegment hNamedPipe,
      MemorySegment lpMode,
      MemorySegment lpMaxCollectionCount,
      MemorySegment lpCollectDataTimeout) {
    try {
      return (int)
              H.SetNamedPipeHandleState.invokeExact(
                  Native.captureSegment(),
                  hNamedPipe,
                  lpMode,
                  lpMaxCollectionCount,
                  lpCollectDataTimeout)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code BOOL GetNamedPipeClientProcessId(HANDLE Pipe, PULONG ClientProcessId);} */
  public static boolean GetNamedPipeClientProcessId(
      MemorySegment Pipe, MemorySegment ClientProcessId) {
    try {
      return (int)
              H.GetNamedPipeClientProcessId.invokeExact(
                  Native.captureSegment(), Pipe, ClientProcessId)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /** {@code BOOL GetNamedPipeServerProcessId(HANDLE Pipe, PULONG ServerProcessId);} */
  public static boolean GetNamedPipeServerProcessId(
      MemorySegment Pipe, MemorySegment ServerProcessId) {
    try {
      return (int)
              H.GetNamedPipeServerProcessId.invokeExact(
                  Native.captureSegment(), Pipe, ServerProcessId)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }
}
