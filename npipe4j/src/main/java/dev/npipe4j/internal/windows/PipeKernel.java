package dev.npipe4j.internal.windows;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * The kernel32 calls the completion-to-readiness bridge makes, and nothing else: the seam between
 * the bridge's state machines and the OS. {@link NativePipeKernel} makes them through the FFM
 * bindings of the {@code win32} package; tests that must show a behaviour Wine does not have (a
 * pended {@code ERROR_MORE_DATA}, skip-on-success refused, a late packet) script them instead.
 *
 * <p>Each call that sets last-error returns its code ({@code ERROR_SUCCESS} when the call returned
 * TRUE), read on the calling thread right after the call, so no caller reads last-error itself.
 * Classify codes with {@code Win32Outcome}.
 *
 * <p>The kernel owns an OVERLAPPED and its buffer from a call whose outcome queues a packet until
 * that packet is dequeued, and from a pending call whose hEvent has its low bit set (no packet)
 * until that event is signaled: the bridge frees neither before then.
 */
interface PipeKernel {
  /** Overlapped {@code ReadFile} of {@code length} bytes into {@code buffer}; returns the code. */
  int readFile(MemorySegment handle, MemorySegment buffer, int length, MemorySegment overlapped);

  /** Overlapped {@code WriteFile} of {@code length} bytes from {@code buffer}; returns the code. */
  int writeFile(MemorySegment handle, MemorySegment buffer, int length, MemorySegment overlapped);

  /** Overlapped {@code ConnectNamedPipe}; returns the code. */
  int connectNamedPipe(MemorySegment handle, MemorySegment overlapped);

  /** {@code DisconnectNamedPipe}; returns the code. */
  int disconnectNamedPipe(MemorySegment handle);

  /**
   * {@code CancelIoEx} of the one operation using {@code overlapped}; its packet still comes. The
   * result is not used: the operation may have completed already (its packet is then on its way).
   */
  void cancelIoEx(MemorySegment handle, MemorySegment overlapped);

  /**
   * {@code GetOverlappedResult} without waiting, on a completed operation: returns its code. {@code
   * transferred} receives the byte count (a DWORD).
   */
  int getOverlappedResult(
      MemorySegment handle, MemorySegment overlapped, MemorySegment transferred);

  /**
   * {@code CreateEventW} of an unnamed manual-reset event, initially not signaled, for an
   * OVERLAPPED whose completion a thread waits for itself.
   */
  MemorySegment createEvent() throws IOException;

  /**
   * {@code WaitForSingleObject}: returns {@code ERROR_SUCCESS} once {@code handle} is signaled,
   * {@code WAIT_TIMEOUT} after {@code timeoutMillis}, else the failure's code.
   */
  int waitForSingleObject(MemorySegment handle, int timeoutMillis);

  /** {@code CloseHandle}; the result is not used. */
  void closeHandle(MemorySegment handle);

  /** {@code GetNamedPipeInfo} into four DWORDs; returns the code. */
  int getNamedPipeInfo(
      MemorySegment handle,
      MemorySegment flags,
      MemorySegment outBufferSize,
      MemorySegment inBufferSize,
      MemorySegment maxInstances);

  /**
   * {@code GetNamedPipeClientProcessId} on a server end, {@code GetNamedPipeServerProcessId} on a
   * client end, into a ULONG; returns the code.
   */
  int getPeerProcessId(MemorySegment handle, boolean serverEnd, MemorySegment processId);

  // ---- the completion port ------------------------------------------------------------------

  /** Creates a completion port for one concurrent thread. */
  MemorySegment createCompletionPort() throws IOException;

  /** Binds {@code handle} to {@code port} with completion key {@code key}. */
  void bindToPort(MemorySegment handle, MemorySegment port, long key, String pipeName)
      throws IOException;

  /**
   * Turns on {@code FILE_SKIP_COMPLETION_PORT_ON_SUCCESS} for {@code handle}; returns false if the
   * OS refuses, in which case every call that completes at once still queues a packet.
   */
  boolean skipCompletionPortOnSuccess(MemorySegment handle);

  /**
   * {@code GetQueuedCompletionStatusEx}: waits up to {@code timeoutMillis} ({@code INFINITE} for no
   * limit) for up to {@code count} packets, written to {@code entries} (OVERLAPPED_ENTRYs) with
   * their number in {@code removed} (a ULONG); returns the code ({@code WAIT_TIMEOUT} if none).
   */
  int getQueuedCompletionStatusEx(
      MemorySegment port,
      MemorySegment entries,
      int count,
      MemorySegment removed,
      int timeoutMillis);

  /** {@code PostQueuedCompletionStatus} of a packet with no OVERLAPPED and key {@code key}. */
  void postQueuedCompletionStatus(MemorySegment port, long key);
}
