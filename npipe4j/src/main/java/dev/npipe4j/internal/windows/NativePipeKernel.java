package dev.npipe4j.internal.windows;

import dev.npipe4j.internal.windows.win32.Iocp;
import dev.npipe4j.internal.windows.win32.Kernel32;
import dev.npipe4j.internal.windows.win32.Kernel32Events;
import dev.npipe4j.internal.windows.win32.Win32;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/** The {@link PipeKernel} of the real OS: the FFM bindings of kernel32. */
final class NativePipeKernel implements PipeKernel {
  /** The one instance: it holds no state. */
  static final NativePipeKernel INSTANCE = new NativePipeKernel();

  private NativePipeKernel() {}

  private static int code(boolean ok) {
    return ok ? Win32.ERROR_SUCCESS : Kernel32.lastError();
  }

  @Override
  public int readFile(
      MemorySegment handle, MemorySegment buffer, int length, MemorySegment overlapped) {
    return code(Kernel32.ReadFile(handle, buffer, length, Win32.NULL, overlapped));
  }

  @Override
  public int writeFile(
      MemorySegment handle, MemorySegment buffer, int length, MemorySegment overlapped) {
    return code(Kernel32.WriteFile(handle, buffer, length, Win32.NULL, overlapped));
  }

  @Override
  public int connectNamedPipe(MemorySegment handle, MemorySegment overlapped) {
    return code(Kernel32.ConnectNamedPipe(handle, overlapped));
  }

  @Override
  public int disconnectNamedPipe(MemorySegment handle) {
    return code(Kernel32.DisconnectNamedPipe(handle));
  }

  @Override
  public void cancelIoEx(MemorySegment handle, MemorySegment overlapped) {
    Kernel32.CancelIoEx(handle, overlapped);
  }

  @Override
  public int getOverlappedResult(
      MemorySegment handle, MemorySegment overlapped, MemorySegment transferred) {
    return code(Kernel32.GetOverlappedResult(handle, overlapped, transferred, false));
  }

  @Override
  public MemorySegment createEvent() throws IOException {
    MemorySegment event = Kernel32Events.CreateEventW(Win32.NULL, true, false, Win32.NULL);
    if (Win32.isNull(event)) {
      throw WindowsErrors.toIOException(Kernel32.lastError(), "(event)", "CreateEventW");
    }
    return event;
  }

  @Override
  public int waitForSingleObject(MemorySegment handle, int timeoutMillis) {
    int result = Kernel32Events.WaitForSingleObject(handle, timeoutMillis);
    return switch (result) {
      case 0 -> Win32.ERROR_SUCCESS; // WAIT_OBJECT_0
      case Win32.WAIT_TIMEOUT -> Win32.WAIT_TIMEOUT;
      default -> Kernel32.lastError();
    };
  }

  @Override
  public void closeHandle(MemorySegment handle) {
    Kernel32.CloseHandle(handle);
  }

  @Override
  public int getNamedPipeInfo(
      MemorySegment handle,
      MemorySegment flags,
      MemorySegment outBufferSize,
      MemorySegment inBufferSize,
      MemorySegment maxInstances) {
    return code(
        Kernel32.GetNamedPipeInfo(handle, flags, outBufferSize, inBufferSize, maxInstances));
  }

  @Override
  public int getPeerProcessId(MemorySegment handle, boolean serverEnd, MemorySegment processId) {
    return code(
        serverEnd
            ? Kernel32.GetNamedPipeClientProcessId(handle, processId)
            : Kernel32.GetNamedPipeServerProcessId(handle, processId));
  }

  @Override
  public MemorySegment createCompletionPort() throws IOException {
    MemorySegment port = Iocp.CreateIoCompletionPort(Win32.INVALID_HANDLE_VALUE, Win32.NULL, 0, 1);
    if (Win32.isNull(port)) {
      throw WindowsErrors.toIOException(
          Kernel32.lastError(), "(completion port)", "CreateIoCompletionPort");
    }
    return port;
  }

  @Override
  public void bindToPort(MemorySegment handle, MemorySegment port, long key, String pipeName)
      throws IOException {
    if (Win32.isNull(Iocp.CreateIoCompletionPort(handle, port, key, 0))) {
      throw WindowsErrors.toIOException(Kernel32.lastError(), pipeName, "CreateIoCompletionPort");
    }
  }

  @Override
  public boolean skipCompletionPortOnSuccess(MemorySegment handle) {
    return Iocp.SetFileCompletionNotificationModes(
        handle, Win32.FILE_SKIP_COMPLETION_PORT_ON_SUCCESS);
  }

  @Override
  public int getQueuedCompletionStatusEx(
      MemorySegment port,
      MemorySegment entries,
      int count,
      MemorySegment removed,
      int timeoutMillis) {
    return code(
        Iocp.GetQueuedCompletionStatusEx(port, entries, count, removed, timeoutMillis, false));
  }

  @Override
  public void postQueuedCompletionStatus(MemorySegment port, long key) {
    Iocp.PostQueuedCompletionStatus(port, 0, key, Win32.NULL);
  }
}
