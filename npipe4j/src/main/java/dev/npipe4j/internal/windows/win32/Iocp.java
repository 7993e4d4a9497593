package dev.npipe4j.internal.windows.win32;

import static dev.npipe4j.internal.windows.win32.Native.linkKernel32;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.BOOL;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.DWORD;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.HANDLE;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.POINTER;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.UCHAR;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.ULONG;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.ULONG_PTR;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * kernel32 bindings for I/O completion ports. Conventions as in {@link Kernel32}; each function
 * sets last-error, read with {@link Kernel32#lastError()}.
 *
 * <p>To shut a port down, post a wake-up packet with PostQueuedCompletionStatus before closing it:
 * under Wine, closing the port does not wake a thread blocked in GetQueuedCompletionStatusEx
 * (WineDivergence.PORT_CLOSE_DOES_NOT_WAKE in the tests).
 */
public final class Iocp {
  private Iocp() {}

  private static final class H {
    static final MethodHandle CreateIoCompletionPort =
        linkKernel32(
            "CreateIoCompletionPort",
            FunctionDescriptor.of(HANDLE, HANDLE, HANDLE, ULONG_PTR, DWORD));
    static final MethodHandle GetQueuedCompletionStatusEx =
        linkKernel32(
            "GetQueuedCompletionStatusEx",
            FunctionDescriptor.of(BOOL, HANDLE, POINTER, ULONG, POINTER, DWORD, BOOL));
    static final MethodHandle PostQueuedCompletionStatus =
        linkKernel32(
            "PostQueuedCompletionStatus",
            FunctionDescriptor.of(BOOL, HANDLE, DWORD, ULONG_PTR, POINTER));
    static final MethodHandle SetFileCompletionNotificationModes =
        linkKernel32(
            "SetFileCompletionNotificationModes", FunctionDescriptor.of(BOOL, HANDLE, UCHAR));
  }

  /**
   * {@code HANDLE CreateIoCompletionPort(HANDLE FileHandle, HANDLE ExistingCompletionPort,
   * ULONG_PTR CompletionKey, DWORD NumberOfConcurrentThreads);} To create a port pass {@link
   * Win32#INVALID_HANDLE_VALUE} and {@code NULL}; to bind a handle pass it and the port.
   *
   * @return the port, or {@code NULL} on failure
   */
  public static MemorySegment CreateIoCompletionPort(
      MemorySegment FileHandle,
      MemorySegment ExistingCompletionPort,
      long CompletionKey,
      int NumberOfConcurrentThreads) {
    try {
      return (MemorySegment)
          H.CreateIoCompletionPort.invokeExact(
              Native.captureSegment(),
              FileHandle,
              ExistingCompletionPort,
              CompletionKey,
              NumberOfConcurrentThreads);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL GetQueuedCompletionStatusEx(HANDLE CompletionPort, LPOVERLAPPED_ENTRY
   * lpCompletionPortEntries, ULONG ulCount, PULONG ulNumEntriesRemoved, DWORD dwMilliseconds, BOOL
   * fAlertable);} Fails with WAIT_TIMEOUT when nothing arrived in time.
   */
  public static boolean GetQueuedCompletionStatusEx(
      MemorySegment CompletionPort,
      MemorySegment lpCompletionPortEntries,
      int ulCount,
      MemorySegment ulNumEntriesRemoved,
      int dwMilliseconds,
      boolean fAlertable) {
    try {
      return (int)
              H.GetQueuedCompletionStatusEx.invokeExact(
                  Native.captureSegment(),
                  CompletionPort,
                  lpCompletionPortEntries,
                  ulCount,
                  ulNumEntriesRemoved,
                  dwMilliseconds,
                  fAlertable ? 1 : 0)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL PostQueuedCompletionStatus(HANDLE CompletionPort, DWORD dwNumberOfBytesTransferred,
   * ULONG_PTR dwCompletionKey, LPOVERLAPPED lpOverlapped);}
   */
  public static boolean PostQueuedCompletionStatus(
      MemorySegment CompletionPort,
      int dwNumberOfBytesTransferred,
      long dwCompletionKey,
      MemorySegment lpOverlapped) {
    try {
      return (int)
              H.PostQueuedCompletionStatus.invokeExact(
                  Native.captureSegment(),
                  CompletionPort,
                  dwNumberOfBytesTransferred,
                  dwCompletionKey,
                  lpOverlapped)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code BOOL SetFileCompletionNotificationModes(HANDLE FileHandle, UCHAR Flags);} With
   * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS a synchronous success queues no packet; for partial
   * message reads under Wine, see WineDivergence.SKIP_ON_SUCCESS_MORE_DATA_SYNC in the tests.
   */
  public static boolean SetFileCompletionNotificationModes(MemorySegment FileHandle, byte Flags) {
    try {
      return (int)
              H.SetFileCompletionNotificationModes.invokeExact(
                  Native.captureSegment(), FileHandle, Flags)
          != 0;
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }
}
