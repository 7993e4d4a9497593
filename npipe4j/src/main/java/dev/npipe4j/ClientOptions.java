package dev.npipe4j;

import dev.npipe4j.internal.Backends;
import dev.npipe4j.internal.ClientConfig;
import dev.npipe4j.internal.PipeBackend;
import dev.npipe4j.internal.PipeName;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Options for opening the client end of a named pipe, with the defaults of tokio's {@code
 * ClientOptions}: read and write access, byte read mode, and the {@code SECURITY_IDENTIFICATION}
 * impersonation level.
 *
 * {@snippet :
 * NamedPipeClient client = new ClientOptions().open("\\\\.\\pipe\\demo", Duration.ofSeconds(5));
 * client.write(ByteBuffer.wrap("ping".getBytes())).get();
 * }
 */
public final class ClientOptions {
  /** {@code SECURITY_SQOS_PRESENT}: the impersonation flags below are meant. */
  public static final int SECURITY_SQOS_PRESENT = 0x0010_0000;

  /** {@code SECURITY_ANONYMOUS}: the server cannot identify the client. */
  public static final int SECURITY_ANONYMOUS = 0;

  /** {@code SECURITY_IDENTIFICATION}: the server can identify, not impersonate, the client. */
  public static final int SECURITY_IDENTIFICATION = 0x0001_0000;

  /** {@code SECURITY_IMPERSONATION}: the server can impersonate the client locally. */
  public static final int SECURITY_IMPERSONATION = 0x0002_0000;

  /** {@code SECURITY_DELEGATION}: the server can impersonate the client on other machines. */
  public static final int SECURITY_DELEGATION = 0x0003_0000;

  /** {@code SECURITY_CONTEXT_TRACKING}: the server sees changes of the client's security. */
  public static final int SECURITY_CONTEXT_TRACKING = 0x0004_0000;

  /** {@code SECURITY_EFFECTIVE_ONLY}: only the client's enabled privileges are visible. */
  public static final int SECURITY_EFFECTIVE_ONLY = 0x0008_0000;

  /** The longest single wait for a free instance before the open is tried again. */
  private static final long BUSY_WAIT_SLICE_MILLIS = 250;

  private boolean read = true;
  private boolean write = true;
  private PipeMode mode = PipeMode.BYTE;
  private int securityQosFlags = SECURITY_IDENTIFICATION;
  private boolean currentUserOnly;

  /** Creates options with the defaults. */
  public ClientOptions() {}

  /**
   * Opens for reading ({@code GENERIC_READ}). Default true.
   *
   * @param read whether the client reads
   * @return this
   */
  public ClientOptions read(boolean read) {
    this.read = read;
    return this;
  }

  /**
   * Opens for writing ({@code GENERIC_WRITE}). Default true.
   *
   * @param write whether the client writes
   * @return this
   */
  public ClientOptions write(boolean write) {
    this.write = write;
    return this;
  }

  /**
   * Sets the client's read mode. Default {@link PipeMode#BYTE}. {@link PipeMode#MESSAGE} needs a
   * message-type pipe; a read-only client also gets {@code FILE_WRITE_ATTRIBUTES}, which Windows
   * requires to switch the mode.
   *
   * @param mode the read mode
   * @return this
   */
  public ClientOptions pipeMode(PipeMode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /**
   * Sets the impersonation level the server may use: one of the {@code SECURITY_*} levels of this
   * class, optionally with {@link #SECURITY_CONTEXT_TRACKING} and {@link #SECURITY_EFFECTIVE_ONLY}.
   * {@link #SECURITY_SQOS_PRESENT} is always added. Default {@link #SECURITY_IDENTIFICATION}.
   * Windows only; ignored on Unix.
   *
   * @param flags the level
   * @return this
   * @throws IllegalArgumentException if other bits are set
   */
  public ClientOptions securityQosFlags(int flags) {
    int level = flags & ~SECURITY_SQOS_PRESENT;
    if ((level & ~0x000F_0000) != 0) {
      throw new IllegalArgumentException(
          "securityQosFlags must be a SECURITY_* impersonation level, optionally with"
              + " SECURITY_CONTEXT_TRACKING and SECURITY_EFFECTIVE_ONLY: 0x"
              + Integer.toHexString(flags));
    }
    this.securityQosFlags = level;
    return this;
  }

  /**
   * Refuses a pipe whose server runs as another user, the client-side half of .NET's {@code
   * PipeOptions.CurrentUserOnly}: it defends against a squatter that created the pipe's name before
   * the real server. Default false.
   *
   * <p>The open connects, asks the OS who the server runs as, and if that is not the user this
   * process runs as, or cannot be told, closes the pipe at once and fails with {@link
   * PipeAccessDeniedException}, whose message names both users ("the server runs as X, not the
   * current user Y"). The server sees a client that connected and left without a byte.
   *
   * <ul>
   *   <li><b>Windows</b>: the user ({@code TokenUser}) of the server process's token ({@code
   *       GetNamedPipeServerProcessId}, {@code OpenProcess}, {@code OpenProcessToken}) against the
   *       user of this process's token. The token's user, not its owner: an elevated process owns
   *       its objects as {@code BUILTIN\Administrators}. A server whose token this process may not
   *       read (a service running as another user, an elevated server seen from a process that is
   *       not) is refused too.
   *   <li><b>Linux</b>: the effective uid the server had when it called {@code listen} ({@code
   *       SO_PEERCRED}) against this process's effective uid.
   *   <li><b>JDK socket backend</b>: the user name that {@code SO_PEERCRED} of {@code
   *       jdk.net.ExtendedSocketOptions} gives against {@code user.name}. That option needs the
   *       {@code jdk.net} module in the runtime (every JDK has it; a modular application that does
   *       not otherwise resolve it adds {@code --add-modules jdk.net}); without it every server is
   *       refused, with that reason.
   * </ul>
   *
   * <p>On Unix a {@code \\.\pipe\} name lives in a directory only the current user can enter, so
   * the check matters most for an absolute socket path, such as one under {@code /tmp}.
   *
   * {@snippet :
   * try (NamedPipeClient client = new ClientOptions().currentUserOnly(true).open(name)) {
   *   client.write(ByteBuffer.wrap(secret)).get(); // only a server of this user gets it
   * } catch (PipeAccessDeniedException squatter) {
   *   log.warning(squatter.getMessage()); // "...: the server runs as X, not the current user Y"
   * }
   * }
   *
   * @param only whether to refuse a server of another user
   * @return this
   */
  public ClientOptions currentUserOnly(boolean only) {
    this.currentUserOnly = only;
    return this;
  }

  /**
   * Opens the pipe without waiting.
   *
   * @param name the pipe's name, {@code \\.\pipe\NAME}
   * @return the connected client
   * @throws IllegalArgumentException if the name is malformed, or neither read nor write is set
   * @throws java.nio.file.NoSuchFileException if no instance of the pipe exists
   * @throws PipeBusyException if every instance is busy
   * @throws java.nio.file.AccessDeniedException if the server refuses this direction, or, with
   *     {@link #currentUserOnly(boolean)}, runs as another user ({@link PipeAccessDeniedException})
   * @throws IOException for other OS failures ({@link PipeException})
   */
  public NamedPipeClient open(String name) throws IOException {
    PipeName pipeName = parse(name);
    ClientConfig config = snapshot();
    return PipeEvents.connect(
        name,
        mode,
        null,
        () -> new NamedPipeClient(Backends.current().openClient(pipeName, config), pipeName));
  }

  /**
   * Opens the pipe, waiting up to {@code timeout} for it to exist and for an instance to be free.
   *
   * <p>While every instance is busy the wait uses {@code WaitNamedPipeW} on Windows, so it ends as
   * soon as an instance is free. While the pipe does not exist (the server has not started, or is
   * between two instances) the open is retried with a short backoff, from 1 ms up to 50 ms, as
   * .NET's {@code NamedPipeClientStream.Connect(timeout)} does. {@link #open(String)} fails at once
   * instead.
   *
   * @param name the pipe's name, {@code \\.\pipe\NAME}
   * @param timeout the longest wait
   * @return the connected client
   * @throws PipeBusyException if no instance became free in time
   * @throws java.nio.file.NoSuchFileException if the pipe still did not exist when the time ran out
   * @throws InterruptedIOException if the thread is interrupted while waiting
   * @throws IOException for other failures, as {@link #open(String)}
   */
  public NamedPipeClient open(String name, Duration timeout) throws IOException {
    PipeName pipeName = parse(name);
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout is negative: " + timeout);
    }
    ClientConfig config = snapshot();
    return PipeEvents.connect(name, mode, timeout, () -> openWaiting(pipeName, config, timeout));
  }

  private static NamedPipeClient openWaiting(
      PipeName pipeName, ClientConfig config, Duration timeout) throws IOException {
    PipeBackend backend = Backends.current();
    long deadline = System.nanoTime() + saturatedNanos(timeout);
    long backoffMillis = 1;
    while (true) {
      try {
        return new NamedPipeClient(backend.openClient(pipeName, config), pipeName);
      } catch (PipeBusyException busy) {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
          throw busy;
        }
        // Every instance is busy: wait until the OS says one may be free, then race for it. The
        // wait is sliced: a waiter of an instance that vanishes is not woken by its successor.
        try {
          backend.awaitInstance(pipeName, Math.min(leftMillis, BUSY_WAIT_SLICE_MILLIS));
        } catch (PipeNotFoundException gone) {
          // The last instance closed meanwhile: the loop waits for the next one.
        }
      } catch (PipeNotFoundException missing) {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
          throw missing;
        }
        // No instance exists yet: poll, since the OS has no way to wait for a name to appear.
        try {
          Thread.sleep(Math.min(backoffMillis, leftMillis));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        backoffMillis = Math.min(backoffMillis * 2, 50);
      }
      if (Thread.interrupted()) {
        throw new InterruptedIOException("interrupted while waiting for " + pipeName.text());
      }
    }
  }

  /**
   * Opens the pipe on a virtual thread, waiting up to {@code timeout} for it to exist and for an
   * instance to be free, as {@link #open(String, Duration)} does.
   *
   * @param name the pipe's name, {@code \\.\pipe\NAME}
   * @param timeout the longest wait for a free instance
   * @return a future for the connected client, failed with the exception {@link #open(String,
   *     Duration)} would throw
   * @throws IllegalArgumentException if the name is malformed, before anything starts
   */
  public CompletableFuture<NamedPipeClient> openAsync(String name, Duration timeout) {
    parse(name);
    Objects.requireNonNull(timeout, "timeout");
    ClientOptions copy = copy();
    CompletableFuture<NamedPipeClient> future = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("npipe4j-open")
        .start(
            () -> {
              try {
                NamedPipeClient client = copy.open(name, timeout);
                if (!future.complete(client)) {
                  client.close(); // cancelled meanwhile: nobody will use it
                }
              } catch (IOException | RuntimeException e) {
                future.completeExceptionally(e);
              }
            });
    return future;
  }

  ClientConfig snapshot() {
    return new ClientConfig(
        read, write, mode, securityQosFlags | SECURITY_SQOS_PRESENT, currentUserOnly);
  }

  private ClientOptions copy() {
    ClientOptions c = new ClientOptions();
    c.read = read;
    c.write = write;
    c.mode = mode;
    c.securityQosFlags = securityQosFlags;
    c.currentUserOnly = currentUserOnly;
    return c;
  }

  private PipeName parse(String name) {
    PipeName pipeName = PipeName.parse(name, Backends.isWindows(), false);
    if (!read && !write) {
      throw new IllegalArgumentException("a client needs read or write access, or both");
    }
    return pipeName;
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }
}
