package dev.npipe4j.internal.windows;

import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.ClientConfig;
import dev.npipe4j.internal.PipeBackend;
import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.ServerConfig;
import dev.npipe4j.internal.ServerPipeIo;
import dev.npipe4j.internal.windows.win32.Kernel32;
import dev.npipe4j.internal.windows.win32.Win32;
import dev.npipe4j.internal.windows.win32.Win32Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.jspecify.annotations.Nullable;

/**
 * Win32 named pipes: {@code CreateNamedPipeW} and {@code CreateFileW} with the flags tokio uses
 * ({@link PipeFlags}), every handle bound to one {@link IocpDriver}.
 */
public final class WindowsBackend implements PipeBackend {
  private static final class DefaultDriver {
    static final IocpDriver DRIVER = startDefault();

    private static IocpDriver startDefault() {
      try {
        return IocpDriver.start("npipe4j-iocp");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The driver, or null for the shared default one. */
  private final @Nullable IocpDriver driver;

  /** Creates the backend on the shared driver, started on first use. */
  public WindowsBackend() {
    this(null);
  }

  /**
   * Creates a backend on its own driver.
   *
   * @param driver the driver every pipe of this backend is bound to
   */
  public WindowsBackend(@Nullable IocpDriver driver) {
    this.driver = driver;
  }

  /**
   * Returns the shared default driver, started on first use: the one every pipe of the default
   * backend is bound to.
   *
   * @return the driver
   * @throws UnsupportedOperationException if Win32 is not available here
   */
  public static IocpDriver defaultDriver() {
    Win32Platform.ensureAvailability();
    return DefaultDriver.DRIVER;
  }

  private IocpDriver driver() {
    Win32Platform.ensureAvailability();
    return driver != null ? driver : DefaultDriver.DRIVER;
  }

  @Override
  public ServerPipeIo createServer(PipeName name, ServerConfig config) throws IOException {
    IocpDriver d = driver();
    MemorySegment handle;
    try (Arena arena = Arena.ofConfined();
        SecurityDescriptors security = SecurityDescriptors.forServer(arena, config, name.text())) {
      handle =
          Kernel32.CreateNamedPipeW(
              Win32.wideString(arena, name.text()),
              PipeFlags.openMode(config),
              PipeFlags.pipeMode(config),
              config.maxInstances(),
              config.outBufferSize(),
              config.inBufferSize(),
              (int) config.defaultTimeoutMillis(),
              security.attributes);
      if (Win32.isInvalidHandle(handle)) {
        throw WindowsErrors.toIOException(Kernel32.lastError(), name.text(), "CreateNamedPipeW");
      }
    }
    return new WindowsPipe(d, handle, name.text(), true, config.mode() == PipeMode.MESSAGE);
  }

  @Override
  public PipeIo openClient(PipeName name, ClientConfig config) throws IOException {
    IocpDriver d = driver();
    MemorySegment handle;
    try (Arena arena = Arena.ofConfined()) {
      handle =
          Kernel32.CreateFileW(
              Win32.wideString(arena, name.text()),
              PipeFlags.desiredAccess(config),
              0,
              Win32.NULL,
              Win32.OPEN_EXISTING,
              PipeFlags.clientFlags(config),
              Win32.NULL);
      if (Win32.isInvalidHandle(handle)) {
        throw WindowsErrors.toIOException(Kernel32.lastError(), name.text(), "CreateFileW");
      }
      if (config.mode() == PipeMode.MESSAGE) {
        MemorySegment mode = arena.allocateFrom(ValueLayout.JAVA_INT, Win32.PIPE_READMODE_MESSAGE);
        if (!Kernel32.SetNamedPipeHandleState(handle, mode, Win32.NULL, Win32.NULL)) {
          int error = Kernel32.lastError();
          Kernel32.CloseHandle(handle);
          throw WindowsErrors.toIOException(error, name.text(), "SetNamedPipeHandleState");
        }
      }
    }
    WindowsPipe client =
        new WindowsPipe(d, handle, name.text(), false, config.mode() == PipeMode.MESSAGE);
    if (config.currentUserOnly()) {
      WindowsIdentity.requireServerIsCurrentUser(client);
    }
    return client;
  }

  @Override
  public boolean isAvailable() {
    return Win32Platform.isAvailable();
  }

  @Override
  public @Nullable Throwable unavailabilityCause() {
    return Win32Platform.unavailabilityCause();
  }
}
