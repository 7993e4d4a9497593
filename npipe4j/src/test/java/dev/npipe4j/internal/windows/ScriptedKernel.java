package dev.npipe4j.internal.windows;

import static dev.npipe4j.internal.windows.win32.Win32Layouts.OVERLAPPED_ENTRY;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.VH_OVERLAPPED_ENTRY_dwNumberOfBytesTransferred;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.VH_OVERLAPPED_ENTRY_lpCompletionKey;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.VH_OVERLAPPED_ENTRY_lpOverlapped;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.VH_OVERLAPPED_Internal;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.VH_OVERLAPPED_InternalHigh;
import static dev.npipe4j.internal.windows.win32.Win32Layouts.VH_OVERLAPPED_hEvent;

import dev.npipe4j.internal.windows.win32.Win32;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * A scripted {@link PipeKernel}: each ReadFile, WriteFile and ConnectNamedPipe takes the next reply
 * the test queued for its handle, and the test completes pended calls when it chooses, as the
 * kernel would: the bytes go into (or come out of) the caller's buffer and the status into its
 * OVERLAPPED at completion time, then a packet is queued on the port. It keeps the kernel's rules:
 * a call done at once queues a packet unless skip-on-success is on; a failure at once queues none.
 *
 * <p>It also checks the lifetime rule the bridge must keep. Writing into memory the bridge freed
 * throws (its arena is closed), and the fake turns that into a recorded {@link #violations()
 * violation}; a second call on an OVERLAPPED the kernel still owns, a call on a closed handle and
 * GetOverlappedResult on a closed handle are violations too.
 *
 * <p>Single-threaded tests drive the port with {@code IocpDriver.poll(0)}.
 */
final class ScriptedKernel implements PipeKernel {
  /** The reply to one call: its code, and for a read done at once the bytes it delivers. */
  record Reply(int error, byte[] data, int bytes) {
    static Reply pending() {
      return new Reply(Win32.ERROR_IO_PENDING, new byte[0], 0);
    }

    /** Done at once, delivering {@code data} (a read) or taking {@code bytes} (a write). */
    static Reply now(byte[] data) {
      return new Reply(Win32.ERROR_SUCCESS, data, data.length);
    }

    static Reply wrote(int bytes) {
      return new Reply(Win32.ERROR_SUCCESS, new byte[0], bytes);
    }

    /** A partial message at once: Wine and Windows 7 in skip mode. */
    static Reply moreData(byte[] part) {
      return new Reply(Win32.ERROR_MORE_DATA, part, part.length);
    }

    static Reply error(int code) {
      return new Reply(code, new byte[0], 0);
    }
  }

  enum Kind {
    READ,
    WRITE,
    CONNECT
  }

  /**
   * A call the kernel owns until the test completes it. {@code event} is the OVERLAPPED's hEvent
   * without its low bit, 0 if none; {@code direct}: the low bit was set, so no packet is queued.
   */
  record Call(
      Kind kind,
      MemorySegment handle,
      MemorySegment overlapped,
      MemorySegment buffer,
      long event,
      boolean direct) {}

  private final Map<Long, Map<Kind, Deque<Reply>>> replies = new HashMap<>();
  private final Map<Long, Call> inFlight = new HashMap<>(); // pended, by OVERLAPPED address
  private final Set<Long> queued = new HashSet<>(); // OVERLAPPEDs whose packet is not dequeued
  private final Map<Long, Long> keys = new HashMap<>();
  private final Set<Long> skipping = new HashSet<>();
  private final Set<Long> closed = new HashSet<>();
  private final Set<Long> events = new HashSet<>();
  private final Set<Long> signaled = new HashSet<>();
  private final Map<Long, ByteArrayOutputStream> written = new HashMap<>();
  private final LinkedBlockingDeque<long[]> port = new LinkedBlockingDeque<>();
  private final List<String> violations = new ArrayList<>();
  private final List<Call> cancelled = new ArrayList<>();
  private final List<Thread> dequeuedBy = new ArrayList<>();
  private long nextHandle = 0x1000;

  /** SetFileCompletionNotificationModes fails for handles opened from now on. */
  boolean refuseSkipOnSuccess;

  /** CancelIoEx completes the call with ERROR_OPERATION_ABORTED at once (else the test does). */
  boolean cancelCompletes = true;

  /** CreateEventW fails. */
  volatile boolean refuseEvents;

  /** Returns a new pipe handle. */
  synchronized MemorySegment open() {
    return MemorySegment.ofAddress(nextHandle += 8);
  }

  /** Queues the replies of the next calls of {@code kind} on {@code handle}. */
  synchronized void script(MemorySegment handle, Kind kind, Reply... next) {
    Deque<Reply> q =
        replies
            .computeIfAbsent(handle.address(), h -> new HashMap<>())
            .computeIfAbsent(kind, k -> new ArrayDeque<>());
    q.addAll(List.of(next));
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  synchronized boolean isClosed(MemorySegment handle) {
    return closed.contains(handle.address());
  }

  synchronized byte[] written(MemorySegment handle) {
    ByteArrayOutputStream out = written.get(handle.address());
    return out == null ? new byte[0] : out.toByteArray();
  }

  /** Returns the calls of {@code kind} in flight on {@code handle}. */
  synchronized List<Call> inFlight(MemorySegment handle, Kind kind) {
    // Only pended calls: one done at once whose packet is queued cannot be completed again.
    return inFlight.values().stream()
        .filter(c -> c.handle.address() == handle.address() && c.kind == kind)
        .toList();
  }

  /** Tells whether the read in flight on {@code handle} is direct: no packet will come. */
  synchronized boolean directRead(MemorySegment handle) {
    return single(handle, Kind.READ).direct;
  }

  /** The events created and not closed. */
  synchronized int openEvents() {
    int n = 0;
    for (long e : events) {
      n += closed.contains(e) ? 0 : 1;
    }
    return n;
  }

  /** The threads that dequeued each operation's packet, in order (wake-ups not counted). */
  synchronized List<Thread> dequeuedBy() {
    return List.copyOf(dequeuedBy);
  }

  synchronized List<Call> cancelled() {
    return List.copyOf(cancelled);
  }

  synchronized int packetsQueued() {
    return port.size();
  }

  // ---- the test completes what is in flight ----------------------------------------------------

  /** Completes the read in flight on {@code handle}: {@code data} lands in its buffer now. */
  void completeRead(MemorySegment handle, int error, byte[] data) {
    complete(single(handle, Kind.READ), error, data, data.length);
  }

  /** Completes the write in flight on {@code handle}, taking {@code bytes} from its buffer now. */
  void completeWrite(MemorySegment handle, int error, int bytes) {
    complete(single(handle, Kind.WRITE), error, new byte[0], bytes);
  }

  void completeConnect(MemorySegment handle, int error) {
    complete(single(handle, Kind.CONNECT), error, new byte[0], 0);
  }

  private synchronized Call single(MemorySegment handle, Kind kind) {
    List<Call> calls = inFlight(handle, kind);
    if (calls.size() != 1) {
      throw new AssertionError(calls.size() + " " + kind + " calls in flight");
    }
    return calls.getFirst();
  }

  private synchronized void complete(Call call, int error, byte[] data, int bytes) {
    inFlight.remove(call.overlapped.address());
    deliver(call, data, bytes);
    store(call.overlapped, error, bytes);
    signal(call);
    if (!call.direct) {
      queue(call.handle, call.overlapped, bytes);
    }
  }

  /** The kernel sets the call's event, after it wrote the OVERLAPPED. */
  private void signal(Call call) {
    if (call.event != 0) {
      if (closed.contains(call.event)) {
        violations.add("the event of an operation in flight was closed");
      }
      signaled.add(call.event);
      notifyAll();
    }
  }

  private void queue(MemorySegment handle, MemorySegment overlapped, int bytes) {
    queued.add(overlapped.address());
    port.add(new long[] {keys.getOrDefault(handle.address(), -1L), overlapped.address(), bytes});
  }

  /** The kernel touches the caller's buffer: it must still be live. */
  private void deliver(Call call, byte[] data, int bytes) {
    try {
      if (call.kind == Kind.READ) {
        MemorySegment.copy(data, 0, call.buffer, ValueLayout.JAVA_BYTE, 0, data.length);
      } else if (call.kind == Kind.WRITE && bytes > 0) {
        byte[] out = call.buffer.asSlice(0, bytes).toArray(ValueLayout.JAVA_BYTE);
        written
            .computeIfAbsent(call.handle.address(), h -> new ByteArrayOutputStream())
            .writeBytes(out);
      }
    } catch (IllegalStateException e) {
      violations.add(call.kind + ": the kernel used a freed buffer: " + e.getMessage());
    }
  }

  /** The kernel stores the status and count in the OVERLAPPED: it must still be live. */
  private void store(MemorySegment overlapped, int error, int bytes) {
    try {
      VH_OVERLAPPED_Internal.set(overlapped, error == 0 ? 0L : 0xE000_0000L | error);
      VH_OVERLAPPED_InternalHigh.set(overlapped, (long) bytes);
    } catch (IllegalStateException e) {
      violations.add("the kernel wrote a freed OVERLAPPED: " + e.getMessage());
    }
  }

  // ---- PipeKernel ---------------------------------------------------------------------------

  @Override
  public int readFile(MemorySegment h, MemorySegment buffer, int length, MemorySegment ov) {
    return call(Kind.READ, h, buffer.asSlice(0, length), ov);
  }

  @Override
  public int writeFile(MemorySegment h, MemorySegment buffer, int length, MemorySegment ov) {
    return call(Kind.WRITE, h, buffer.asSlice(0, length), ov);
  }

  @Override
  public int connectNamedPipe(MemorySegment h, MemorySegment ov) {
    return call(Kind.CONNECT, h, MemorySegment.NULL, ov);
  }

  private synchronized int call(Kind kind, MemorySegment h, MemorySegment buf, MemorySegment ov) {
    if (closed.contains(h.address())) {
      violations.add(kind + " on a closed handle");
      return Win32.ERROR_INVALID_HANDLE;
    }
    if (inFlight.containsKey(ov.address()) || queued.contains(ov.address())) {
      violations.add(kind + " reuses an OVERLAPPED the kernel still owns");
    }
    Deque<Reply> q = replies.getOrDefault(h.address(), Map.of()).get(kind);
    Reply reply = q == null || q.isEmpty() ? defaultReply(kind, buf) : q.poll();
    long hEvent = ((MemorySegment) VH_OVERLAPPED_hEvent.get(ov)).address();
    Call call = new Call(kind, h, ov, buf, hEvent & ~1L, (hEvent & 1) != 0);
    if (call.event != 0) {
      if (!events.contains(call.event) || closed.contains(call.event)) {
        violations.add(kind + " with an event that is not open");
      }
      signaled.remove(call.event); // the call resets it
    }
    if (reply.error == Win32.ERROR_IO_PENDING) {
      inFlight.put(ov.address(), call);
      return reply.error;
    }
    boolean done = reply.error == Win32.ERROR_SUCCESS || reply.error == Win32.ERROR_MORE_DATA;
    if (!done) {
      return reply.error; // a failure at once queues no packet
    }
    if (kind == Kind.READ && reply.data.length > buf.byteSize()) {
      throw new AssertionError("scripted " + reply.data.length + " bytes into " + buf.byteSize());
    }
    deliver(call, reply.data, reply.bytes);
    store(ov, reply.error, reply.bytes);
    signal(call);
    if (!skipping.contains(h.address()) && !call.direct) {
      queue(h, ov, reply.bytes); // done at once, but without skip mode a packet still comes
    }
    return reply.error;
  }

  private static Reply defaultReply(Kind kind, MemorySegment buf) {
    return kind == Kind.WRITE ? Reply.wrote((int) buf.byteSize()) : Reply.pending();
  }

  /** What DisconnectNamedPipe returns. */
  volatile int disconnectError = Win32.ERROR_SUCCESS;

  @Override
  public synchronized int disconnectNamedPipe(MemorySegment h) {
    return disconnectError;
  }

  @Override
  public synchronized void cancelIoEx(MemorySegment h, MemorySegment ov) {
    Call call = inFlight.get(ov.address());
    if (call == null) {
      return; // done already: its packet is on its way
    }
    cancelled.add(call);
    if (cancelCompletes) {
      complete(call, Win32.ERROR_OPERATION_ABORTED, new byte[0], 0);
    }
  }

  @Override
  public synchronized int getOverlappedResult(
      MemorySegment h, MemorySegment ov, MemorySegment transferred) {
    if (closed.contains(h.address())) {
      violations.add("GetOverlappedResult on a closed handle");
      return Win32.ERROR_INVALID_HANDLE;
    }
    long internal = (long) VH_OVERLAPPED_Internal.get(ov);
    transferred.set(ValueLayout.JAVA_INT, 0, (int) (long) VH_OVERLAPPED_InternalHigh.get(ov));
    return internal == 0 ? Win32.ERROR_SUCCESS : (int) (internal & 0xFFFF);
  }

  @Override
  public synchronized void closeHandle(MemorySegment h) {
    if (!closed.add(h.address())) {
      violations.add("CloseHandle twice");
    }
    for (Call c : inFlight.values()) {
      if (c.event == h.address()) {
        violations.add("the event of an operation in flight was closed");
      }
    }
  }

  @Override
  public int getNamedPipeInfo(
      MemorySegment h,
      MemorySegment flags,
      MemorySegment out,
      MemorySegment in,
      MemorySegment max) {
    flags.set(ValueLayout.JAVA_INT, 0, pipeFlags);
    out.set(ValueLayout.JAVA_INT, 0, 4096);
    in.set(ValueLayout.JAVA_INT, 0, 4096);
    max.set(ValueLayout.JAVA_INT, 0, maxInstances);
    return queryError;
  }

  /** What GetNamedPipeInfo reports in lpFlags and lpMaxInstances. */
  volatile int pipeFlags = Win32.PIPE_TYPE_MESSAGE;

  volatile int maxInstances = -1;

  /** What GetNamedPipeInfo and the process-id queries return. */
  volatile int queryError = Win32.ERROR_SUCCESS;

  @Override
  public int getPeerProcessId(MemorySegment h, boolean serverEnd, MemorySegment processId) {
    processId.set(ValueLayout.JAVA_INT, 0, 4242);
    return queryError;
  }

  /** Queues a packet for {@code handle}'s key with an OVERLAPPED address no call used. */
  synchronized void queueStray(MemorySegment handle, long overlapped) {
    port.add(new long[] {keys.get(handle.address()), overlapped, 0});
  }

  @Override
  public MemorySegment createCompletionPort() {
    return open();
  }

  @Override
  public synchronized void bindToPort(MemorySegment h, MemorySegment p, long key, String name) {
    keys.put(h.address(), key);
    if (!refuseSkipOnSuccess) {
      skipping.add(h.address());
    }
  }

  @Override
  public synchronized boolean skipCompletionPortOnSuccess(MemorySegment h) {
    return skipping.contains(h.address());
  }

  @Override
  public int getQueuedCompletionStatusEx(
      MemorySegment p, MemorySegment entries, int count, MemorySegment removed, int timeout) {
    long[] packet;
    try {
      packet = timeout == Win32.INFINITE ? port.take() : port.poll(timeout, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Win32.WAIT_TIMEOUT;
    }
    if (packet == null) {
      return isClosed(p) ? Win32.ERROR_ABANDONED_WAIT_0 : Win32.WAIT_TIMEOUT;
    }
    synchronized (this) {
      queued.remove(packet[1]);
      if (packet[1] != 0) {
        dequeuedBy.add(Thread.currentThread());
      }
    }
    MemorySegment entry = entries.asSlice(0, OVERLAPPED_ENTRY.byteSize());
    VH_OVERLAPPED_ENTRY_lpCompletionKey.set(entry, packet[0]);
    VH_OVERLAPPED_ENTRY_lpOverlapped.set(entry, MemorySegment.ofAddress(packet[1]));
    VH_OVERLAPPED_ENTRY_dwNumberOfBytesTransferred.set(entry, (int) packet[2]);
    removed.set(ValueLayout.JAVA_INT, 0, 1);
    return Win32.ERROR_SUCCESS;
  }

  @Override
  public synchronized MemorySegment createEvent() throws IOException {
    if (refuseEvents) {
      throw new IOException("CreateEventW refused");
    }
    MemorySegment event = open();
    events.add(event.address());
    return event;
  }

  @Override
  public synchronized int waitForSingleObject(MemorySegment h, int timeoutMillis) {
    if (closed.contains(h.address()) || !events.contains(h.address())) {
      violations.add("a wait on an event that is not open");
      return Win32.ERROR_INVALID_HANDLE;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    boolean interrupted = false; // a Win32 wait is not interruptible: keep waiting
    try {
      while (!signaled.contains(h.address())) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return Win32.WAIT_TIMEOUT;
        }
        try {
          wait(left);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      return Win32.ERROR_SUCCESS;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void postQueuedCompletionStatus(MemorySegment p, long key) {
    port.add(new long[] {key, 0, 0});
  }
}
