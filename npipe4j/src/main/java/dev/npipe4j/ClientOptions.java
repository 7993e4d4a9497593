package dev.npipe4j;

import dev.npipe4j.internal.Backends;
import dev.npipe4j.internal.ClientConfig;
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
   * <p>While every instance is busy, or the pipe does not exist (the server has not started, or is
   * between two instances), the open is tried again after a short pause, from 1 ms doubling up to
   * 10 ms, as go-winio's {@code DialPipe} and .NET's {@code NamedPipeClientStream.Connect(timeout)}
   * do. No OS wait is used ({@code WaitNamedPipeW} blocks its thread in the kernel and may return
   * past its timeout). The wait is exact: the last open is tried when the timeout ends, so this
   * method fails no earlier than {@code timeout} and no later than one open after it. The thread
   * sleeps between opens; on a virtual thread that frees the carrier. {@link #open(String)} fails
   * at once instead.
   *
   * {@snippet :
   * NamedPipeClient client = new ClientOptions().open("\\\\.\\pipe\\demo", Duration.ofSeconds(5));
   * }
   *
   * @param name the pipe's name, {@code \\.\pipe\NAME}
   * @param timeout the longest wait
   * @return the connected client
   * @throws PipeBusyException if no instance became free in time
   * @throws java.nio.file.NoSuchFileException if the pipe still did not exist when the time ran out
   * @throws InterruptedIOException if the thread is interrupted while waiting (its interrupt status
   *     stays set)
   * @throws IOException for other failures, as {@link #open(String)}
   */
  public NamedPipeClient open(String name, Duration timeout) throws IOException {
    PipeName pipeName = parse(name);
    checkTimeout(timeout);
    ClientConfig config = snapshot();
    return PipeEvents.connect(name, mode, timeout, () -> OpenWait.open(pipeName, config, timeout));
  }

  /**
   * Opens the pipe asynchronously, waiting up to {@code timeout} for it to exist and for an
   * instance to be free, as {@link #open(String, Duration)} does, without holding a thread while it
   * waits: each open runs on the library's callback executor, and the pauses between them are timer
   * tasks.
   *
   * <p>Cancelling the future stops the wait: no open starts after the cancel, and a client that an
   * open in flight connects anyway is closed at once (the server sees it connect and end).
   *
   * {@snippet :
   * new ClientOptions()
   *     .openAsync("\\\\.\\pipe\\demo", Duration.ofSeconds(5))
   *     .thenAccept(client -> talk(client));
   * }
   *
   * @param name the pipe's name, {@code \\.\pipe\NAME}
   * @param timeout the longest wait for the pipe and a free instance
   * @return a future for the connected client, failed with the exception {@link #open(String,
   *     Duration)} would throw
   * @throws IllegalArgumentException if the name is malformed, before anything starts
   */
  public CompletableFuture<NamedPipeClient> openAsync(String name, Duration timeout) {
    PipeName pipeName = parse(name);
    try {
      checkTimeout(timeout);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return PipeEvents.connectAsync(
        name, mode, timeout, OpenWait.openAsync(pipeName, snapshot(), timeout));
  }

  private static void checkTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout is negative: " + timeout);
    }
  }

  ClientConfig snapshot() {
    return new ClientConfig(
        read, write, mode, securityQosFlags | SECURITY_SQOS_PRESENT, currentUserOnly);
  }

  private PipeName parse(String name) {
    PipeName pipeName = PipeName.parse(name, Backends.isWindows(), false);
    if (!read && !write) {
      throw new IllegalArgumentException("a client needs read or write access, or both");
    }
    return pipeName;
  }
}
