package dev.npipe4j.internal.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.ClientConfig;
import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.ServerConfig;
import dev.npipe4j.internal.ServerPipeIo;
import dev.npipe4j.internal.windows.win32.Kernel32System;
import dev.npipe4j.internal.windows.win32.TestBindings;
import dev.npipe4j.internal.windows.win32.Win32;
import dev.npipe4j.internal.windows.win32.WineDivergence;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The Windows backend below the public API: handles, the driver's lifetime, leaks. */
@EnabledOnOs(OS.WINDOWS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WindowsBackendTest {
  private static final AtomicInteger SEQ = new AtomicInteger();

  /** A pipe name no other test uses; {@link WindowsIdentityBackendTest} uses it too. */
  static PipeName uniqueName() {
    String text =
        "\\\\.\\pipe\\npipe4j-backend-"
            + ProcessHandle.current().pid()
            + "-"
            + System.nanoTime()
            + "-"
            + SEQ.incrementAndGet();
    return PipeName.parse(text, true, true);
  }

  /** A byte pipe server's config, with or without {@code WRITE_DAC}. */
  static ServerConfig server(boolean writeDac) {
    return new ServerConfig(
        PipeMode.BYTE,
        true,
        true,
        false,
        writeDac,
        false,
        false,
        true,
        255,
        65536,
        65536,
        0,
        null,
        false);
  }

  private static final ClientConfig CLIENT =
      new ClientConfig(true, true, PipeMode.BYTE, Win32.SECURITY_SQOS_PRESENT);

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  // ---- writeDac ------------------------------------------------------------------------------

  @Test
  void writeDacGrantsSetSecurityInfo() throws Exception {
    WindowsBackend backend = new WindowsBackend();
    try (WindowsPipeCloser allowed =
            new WindowsPipeCloser(backend.createServer(uniqueName(), server(true)));
        WindowsPipeCloser denied =
            new WindowsPipeCloser(backend.createServer(uniqueName(), server(false)))) {
      // A NULL DACL through DACL_SECURITY_INFORMATION: what matters is whether WRITE_DAC is held.
      assertEquals(Win32.ERROR_SUCCESS, setNullDacl(allowed.pipe.handle));
      assertEquals(Win32.ERROR_ACCESS_DENIED, setNullDacl(denied.pipe.handle));
    }
  }

  private static int setNullDacl(MemorySegment handle) {
    return TestBindings.SetSecurityInfo(
        handle,
        TestBindings.SE_KERNEL_OBJECT,
        TestBindings.DACL_SECURITY_INFORMATION,
        Win32.NULL,
        Win32.NULL,
        Win32.NULL,
        Win32.NULL);
  }

  /** Closes a backend pipe in try-with-resources. */
  private record WindowsPipeCloser(WindowsPipe pipe) implements AutoCloseable {
    WindowsPipeCloser(ServerPipeIo io) {
      this((WindowsPipe) io);
    }

    @Override
    public void close() {
      pipe.close();
    }
  }

  // ---- driver shutdown -----------------------------------------------------------------------

  @Test
  void driverShutDownWhilePipesAreOpen() throws Exception {
    IocpDriver driver = IocpDriver.start("npipe4j-iocp-test");
    WindowsBackend backend = new WindowsBackend(driver);
    PipeName name = uniqueName();
    ServerPipeIo connected = backend.createServer(name, server(false));
    PipeIo client = backend.openClient(name, CLIENT);
    await(connected.connect());
    ServerPipeIo listening = backend.createServer(name, server(false));
    CompletableFuture<Void> pendingConnect = listening.connect();
    // A read is in flight on the connected server (nothing was written).
    assertEquals(0, connected.read(ByteBuffer.allocate(16)));
    CompletableFuture<Void> readable = connected.readiness().await(1, bits -> null);
    assertEquals(3, driver.registeredPipes());

    driver.shutdown(10_000);

    assertEquals(0, driver.registeredPipes(), "every pipe released its handle and memory");
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(pendingConnect));
    assertInstanceOf(AsynchronousCloseException.class, e.getCause());
    e = assertThrows(ExecutionException.class, () -> await(readable));
    assertInstanceOf(AsynchronousCloseException.class, e.getCause());
    assertThrows(ClosedChannelException.class, () -> client.read(ByteBuffer.allocate(1)));
    assertThrows(
        java.io.IOException.class, () -> backend.createServer(uniqueName(), server(false)));
  }

  // ---- buffers -------------------------------------------------------------------------------

  @Test
  void idleConnectionsHoldSmallBuffersAndStreamsGetLargeOnes() throws Exception {
    IocpDriver driver = IocpDriver.start("npipe4j-iocp-buffers");
    WindowsBackend backend = new WindowsBackend(driver);
    PipeName name = uniqueName();
    int pairs = 50;
    java.util.List<PipeIo> open = new java.util.ArrayList<>();
    long[] before = settledLiveCounts(driver);
    try {
      for (int i = 0; i < pairs; i++) {
        ServerPipeIo server = backend.createServer(name, server(false));
        CompletableFuture<Void> connect = server.connect();
        open.add(server);
        open.add(backend.openClient(name, CLIENT));
        await(connect);
      }
      // Every end has a read pending into its buffer; nothing was written.
      long perConnection = (settledLiveCounts(driver)[1] - before[1]) / pairs;
      assertTrue(
          perConnection <= 16 * 1024,
          "native buffer bytes per idle connection (both ends): " + perConnection);

      // A stream grows the reader's buffer, so reads do not stay small.
      PipeIo writer = open.get(1);
      PipeIo reader = open.get(0);
      long total = 8 << 20;
      CompletableFuture<Void> writing =
          CompletableFuture.runAsync(
              () -> {
                ByteBuffer chunk = ByteBuffer.allocateDirect(64 * 1024);
                try {
                  for (long sent = 0; sent < total; sent += chunk.capacity()) {
                    chunk.clear();
                    while (chunk.hasRemaining()) {
                      if (writer.write(chunk) == 0) {
                        await(writer.readiness().await(2, bits -> null));
                      }
                    }
                  }
                } catch (Exception e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              });
      ByteBuffer sink = ByteBuffer.allocateDirect(1 << 20);
      int largest = 0;
      for (long moved = 0; moved < total; ) {
        sink.clear();
        int n = reader.read(sink);
        if (n == 0) {
          await(reader.readiness().await(1, bits -> null));
          continue;
        }
        largest = Math.max(largest, n);
        moved += n;
      }
      await(writing);
      assertTrue(largest > 64 * 1024, "largest single read while streaming: " + largest);
    } finally {
      for (PipeIo io : open) {
        io.close();
      }
      driver.shutdown(10_000);
    }
  }

  // ---- leaks ---------------------------------------------------------------------------------

  @Test
  void tenThousandConnectDisconnectCyclesLeakNothing() throws Exception {
    IocpDriver driver = IocpDriver.start("npipe4j-iocp-cycles");
    WindowsBackend backend = new WindowsBackend(driver);
    PipeName name = uniqueName();
    ServerPipeIo server = backend.createServer(name, server(false));
    try {
      cycles(backend, server, name, 500); // warm up: buffers, driver, class loading
      long handleValue = clientHandleValue(backend, server, name);
      int handles = processHandleCount();
      long[] before = settledLiveCounts(driver);

      cycles(backend, server, name, 10_000);

      long[] after = settledLiveCounts(driver);
      assertEquals(before[0], after[0], "pipes still holding handle and memory");
      assertEquals(before[1], after[1], "native buffer bytes");
      // Handle slots are reused: a leak would push new handle values ever higher.
      long handleAfter = clientHandleValue(backend, server, name);
      assertTrue(
          handleAfter <= handleValue + 64,
          "client handle value grew from " + handleValue + " to " + handleAfter);
      WineDivergence.PROCESS_HANDLE_COUNT_UNSUPPORTED.assumeWindowsBehaviour();
      int grown = processHandleCount() - handles;
      assertTrue(grown <= 16, "process handle count grew by " + grown);
    } finally {
      server.close();
      driver.shutdown(10_000);
    }
  }

  /**
   * Returns the driver's live pipe count and the native buffer bytes once they stop changing: a
   * closed client releases its memory only when its last packet is dequeued, a moment after close
   * returns.
   */
  private static long[] settledLiveCounts(IocpDriver driver) throws InterruptedException {
    long[] last = {-1, -1};
    int stable = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (stable < 5 && System.nanoTime() < deadline) {
      long[] now = {driver.registeredPipes(), NativeBuffer.liveBytes()};
      stable = java.util.Arrays.equals(now, last) ? stable + 1 : 0;
      last = now;
      Thread.sleep(20);
    }
    return last;
  }

  /** Connect, exchange one byte, close the client, disconnect: {@code n} times. */
  private static void cycles(WindowsBackend backend, ServerPipeIo server, PipeName name, int n)
      throws Exception {
    ByteBuffer one = ByteBuffer.allocate(1);
    for (int i = 0; i < n; i++) {
      CompletableFuture<Void> connect = server.connect();
      PipeIo client = backend.openClient(name, CLIENT);
      await(connect);
      one.clear();
      while (client.write(one) == 0) {
        await(client.readiness().await(2, bits -> null));
      }
      one.clear();
      while (server.read(one) == 0) {
        await(server.readiness().await(1, bits -> null));
      }
      client.close();
      server.disconnect();
    }
  }

  private static long clientHandleValue(WindowsBackend backend, ServerPipeIo server, PipeName name)
      throws Exception {
    CompletableFuture<Void> connect = server.connect();
    WindowsPipe client = (WindowsPipe) backend.openClient(name, CLIENT);
    long value = client.handle.address();
    await(connect);
    client.close();
    server.disconnect();
    return value;
  }

  private static int processHandleCount() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment count = arena.allocate(ValueLayout.JAVA_INT);
      assertTrue(TestBindings.GetProcessHandleCount(Kernel32System.GetCurrentProcess(), count));
      return count.get(ValueLayout.JAVA_INT, 0);
    }
  }
}
