package dev.npipe4j.internal.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.windows.win32.Win32;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * A driver and pipes over a {@link ScriptedKernel}, for the pure-Java tests of the bridge's state
 * machines. {@link #close()} fails the test if the bridge broke a kernel rule.
 */
final class Scripted implements AutoCloseable {
  static final String NAME = "\\\\.\\pipe\\scripted";

  final ScriptedKernel kernel = new ScriptedKernel();
  final IocpDriver driver;

  Scripted() throws IOException {
    driver = IocpDriver.create(kernel, "scripted-iocp");
  }

  WindowsPipe server(boolean messageMode) throws IOException {
    return new WindowsPipe(driver, kernel.open(), NAME, true, messageMode);
  }

  /** A client that has begun to read, as its first {@code read} does: its read is issued. */
  WindowsPipe client(boolean messageMode) throws IOException {
    return reading(idleClient(messageMode));
  }

  /** A client as it opens: no read is issued until the first read or wait for one. */
  WindowsPipe idleClient(boolean messageMode) throws IOException {
    return new WindowsPipe(driver, kernel.open(), NAME, false, messageMode);
  }

  /**
   * Issues the first read of a connected pipe, as its first {@code read} does, with a read that
   * takes nothing; returns the pipe.
   */
  static WindowsPipe reading(WindowsPipe pipe) throws IOException {
    assertEquals(0, pipe.read(ByteBuffer.allocate(0)), "a read into no room takes nothing");
    return pipe;
  }

  /** A handle not yet made a pipe: script its first calls, then open it. */
  record Handle(Scripted s, MemorySegment handle) {
    /** A client that has begun to read; see {@link Scripted#client}. */
    WindowsPipe client(boolean messageMode) throws IOException {
      return reading(new WindowsPipe(s.driver, handle, NAME, false, messageMode));
    }

    /** A client as it opens, no read issued; see {@link Scripted#idleClient}. */
    WindowsPipe idleClient(boolean messageMode) throws IOException {
      return new WindowsPipe(s.driver, handle, NAME, false, messageMode);
    }

    WindowsPipe server(boolean messageMode) throws IOException {
      return new WindowsPipe(s.driver, handle, NAME, true, messageMode);
    }
  }

  Handle handle() {
    return new Handle(this, kernel.open());
  }

  /** Dequeues and dispatches every queued packet, as the driver thread would. */
  void drain() {
    while (kernel.packetsQueued() > 0) {
      driver.poll(0);
    }
  }

  /** Completes the pending read of {@code pipe} after {@code millis} on another thread. */
  static CompletableFuture<Void> completeLater(
      ScriptedKernel kernel, WindowsPipe pipe, String data, long millis, ExecutorService pool) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            Thread.sleep(millis);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          kernel.completeRead(pipe.handle, Win32.ERROR_SUCCESS, bytes(data));
        },
        pool);
  }

  static boolean readable(WindowsPipe pipe) {
    return (pipe.readiness().bits() & Readiness.READABLE) != 0;
  }

  static boolean writable(WindowsPipe pipe) {
    return (pipe.readiness().bits() & Readiness.WRITABLE) != 0;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(ByteBuffer buf) {
    buf.flip();
    return StandardCharsets.UTF_8.decode(buf).toString();
  }

  static byte[] filled(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return b;
  }

  @Override
  public void close() {
    assertEquals(List.of(), kernel.violations(), "kernel rules the bridge broke");
  }
}
