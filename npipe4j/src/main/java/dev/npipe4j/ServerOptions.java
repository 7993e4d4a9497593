package dev.npipe4j;

import dev.npipe4j.internal.Backends;
import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.ServerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options for creating server instances of a named pipe, with the defaults of tokio's {@code
 * ServerOptions}: duplex, byte mode, remote clients rejected, unlimited instances and 64 KiB
 * buffers.
 *
 * <p>An options object is a mutable builder; each {@link #create(String)} takes a snapshot, so one
 * object can create every instance of a pipe.
 *
 * {@snippet :
 * ServerOptions options = new ServerOptions().pipeMode(PipeMode.MESSAGE).maxInstances(4);
 * try (NamedPipeServer server = options.firstPipeInstance(true).create("\\\\.\\pipe\\demo")) {
 *   server.connect().get();
 *   // ... serve this client
 * }
 * }
 *
 * <p>On Unix the pipe is a socket file; see {@link NamedPipeServer} for how names map to paths and
 * which options apply there.
 */
public final class ServerOptions {
  private PipeMode mode = PipeMode.BYTE;
  private boolean accessInbound = true;
  private boolean accessOutbound = true;
  private boolean firstPipeInstance;
  private boolean writeDac;
  private boolean writeOwner;
  private boolean accessSystemSecurity;
  private boolean rejectRemoteClients = true;
  private int maxInstances = PipeInfo.UNLIMITED_INSTANCES;
  private int outBufferSize = 65536;
  private int inBufferSize = 65536;
  private long defaultTimeoutMillis;
  private @Nullable String securityDescriptor;
  private boolean currentUserOnly;

  /** Creates options with the defaults. */
  public ServerOptions() {}

  /**
   * Sets the pipe's type: a byte stream (the default) or a message stream. Also sets the server
   * end's read mode to match.
   *
   * @param mode the mode
   * @return this
   */
  public ServerOptions pipeMode(PipeMode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /**
   * Allows data to flow from client to server ({@code PIPE_ACCESS_INBOUND}). Default true. With
   * false, a client that opens for writing is refused with {@link
   * java.nio.file.AccessDeniedException}.
   *
   * @param allowed whether the server reads
   * @return this
   */
  public ServerOptions accessInbound(boolean allowed) {
    this.accessInbound = allowed;
    return this;
  }

  /**
   * Allows data to flow from server to client ({@code PIPE_ACCESS_OUTBOUND}). Default true. With
   * false, a client that opens for reading is refused with {@link
   * java.nio.file.AccessDeniedException}.
   *
   * @param allowed whether the server writes
   * @return this
   */
  public ServerOptions accessOutbound(boolean allowed) {
    this.accessOutbound = allowed;
    return this;
  }

  /**
   * Makes {@link #create(String)} fail with {@link java.nio.file.AccessDeniedException} if the pipe
   * already exists ({@code FILE_FLAG_FIRST_PIPE_INSTANCE}). Default false. This stops another
   * process from creating the pipe first and taking your clients.
   *
   * <p>On Windows the flag is bit {@code 0x00080000} of {@code dwOpenMode}, the same bit as {@code
   * WRITE_OWNER}; see {@link #writeOwner(boolean)}.
   *
   * @param first whether this must be the first instance
   * @return this
   */
  public ServerOptions firstPipeInstance(boolean first) {
    this.firstPipeInstance = first;
    return this;
  }

  /**
   * Grants the server handle {@code WRITE_DAC}, so it may change the pipe's access control list.
   * Default false. Windows only; ignored on Unix.
   *
   * @param writeDac whether to request it
   * @return this
   */
  public ServerOptions writeDac(boolean writeDac) {
    this.writeDac = writeDac;
    return this;
  }

  /**
   * Grants the server handle {@code WRITE_OWNER}, so it may change the pipe's owner. Default false.
   * Windows only; ignored on Unix.
   *
   * <p>{@code WRITE_OWNER} and {@code FILE_FLAG_FIRST_PIPE_INSTANCE} are the same bit ({@code
   * 0x00080000}) of {@code dwOpenMode}. Windows reads the bit as both, so {@code writeOwner(true)}
   * also makes the create fail if the pipe already exists, exactly as {@link
   * #firstPipeInstance(boolean)} does; and {@code firstPipeInstance(true)} also grants {@code
   * WRITE_OWNER}. This is how the OS defines the flags; npipe4j passes the bit through.
   *
   * @param writeOwner whether to request it
   * @return this
   */
  public ServerOptions writeOwner(boolean writeOwner) {
    this.writeOwner = writeOwner;
    return this;
  }

  /**
   * Grants the server handle {@code ACCESS_SYSTEM_SECURITY}, to read and change the system access
   * control list. Needs {@code SeSecurityPrivilege}; without it, create fails. Default false.
   * Windows only; ignored on Unix.
   *
   * @param access whether to request it
   * @return this
   */
  public ServerOptions accessSystemSecurity(boolean access) {
    this.accessSystemSecurity = access;
    return this;
  }

  /**
   * Refuses clients on other machines ({@code PIPE_REJECT_REMOTE_CLIENTS}). Default true. Unix
   * sockets are always local.
   *
   * @param reject whether to refuse remote clients
   * @return this
   */
  public ServerOptions rejectRemoteClients(boolean reject) {
    this.rejectRemoteClients = reject;
    return this;
  }

  /**
   * Limits how many instances of the pipe may exist. Default: unlimited. Creating an instance
   * beyond the limit fails with {@link PipeBusyException}. The first instance's limit applies to
   * all.
   *
   * @param max 1 to 254
   * @return this
   * @throws IllegalArgumentException if {@code max} is outside 1..254
   */
  public ServerOptions maxInstances(int max) {
    if (max < 1 || max > 254) {
      throw new IllegalArgumentException(
          "maxInstances must be 1 to 254 (use unlimitedInstances() for no limit): " + max);
    }
    this.maxInstances = max;
    return this;
  }

  /**
   * Removes the instance limit ({@code PIPE_UNLIMITED_INSTANCES}), the default.
   *
   * @return this
   */
  public ServerOptions unlimitedInstances() {
    this.maxInstances = PipeInfo.UNLIMITED_INSTANCES;
    return this;
  }

  /**
   * Sets the size the OS is asked to reserve for the outbound buffer. Default 65536. Windows treats
   * it as advisory.
   *
   * @param bytes the size, 0 or more
   * @return this
   * @throws IllegalArgumentException if negative
   */
  public ServerOptions outBufferSize(int bytes) {
    this.outBufferSize = nonNegative(bytes, "outBufferSize");
    return this;
  }

  /**
   * Sets the size the OS is asked to reserve for the inbound buffer. Default 65536. Windows treats
   * it as advisory.
   *
   * @param bytes the size, 0 or more
   * @return this
   * @throws IllegalArgumentException if negative
   */
  public ServerOptions inBufferSize(int bytes) {
    this.inBufferSize = nonNegative(bytes, "inBufferSize");
    return this;
  }

  /**
   * Sets how long a client's {@code WaitNamedPipe} with the default timeout waits. Default zero,
   * which means the OS default (50 ms on Windows).
   *
   * @param timeout the timeout, zero or positive, below 2^32 milliseconds
   * @return this
   * @throws IllegalArgumentException if negative or too long
   */
  public ServerOptions defaultTimeout(Duration timeout) {
    long ms = Objects.requireNonNull(timeout, "timeout").toMillis();
    if (timeout.isNegative() || ms > 0xFFFF_FFFEL) {
      throw new IllegalArgumentException("defaultTimeout out of range: " + timeout);
    }
    this.defaultTimeoutMillis = ms;
    return this;
  }

  /**
   * Sets the pipe's security descriptor in SDDL, for example {@code "D:P(A;;GA;;;OW)"} to admit
   * only the owner. Default: the OS default for the process. Windows only; on Unix it is refused at
   * create with {@link UnsupportedOperationException}.
   *
   * @param sddl the descriptor, or null for the default
   * @return this
   */
  public ServerOptions securityDescriptor(@Nullable String sddl) {
    this.securityDescriptor = sddl;
    return this;
  }

  /**
   * Admits only clients running as the same user as this process, like .NET's {@code
   * PipeOptions.CurrentUserOnly}. On Windows the pipe gets a descriptor granting access to the
   * current user only; on Unix the socket already lives in a directory only the user can enter.
   * Default false.
   *
   * @param only whether to restrict to the current user
   * @return this
   */
  public ServerOptions currentUserOnly(boolean only) {
    this.currentUserOnly = only;
    return this;
  }

  /**
   * Creates a server instance, not yet connected. Call {@link NamedPipeServer#connect()} to wait
   * for a client.
   *
   * @param name the pipe's name, {@code \\.\pipe\NAME}
   * @return the instance
   * @throws IllegalArgumentException if the name is malformed, neither direction is allowed, or
   *     both a security descriptor and {@link #currentUserOnly(boolean)} are set
   * @throws java.nio.file.AccessDeniedException if a first instance is required and the pipe
   *     exists, or access is denied
   * @throws PipeBusyException if {@link #maxInstances(int)} instances exist already
   * @throws UnsupportedOperationException if the options ask for what this OS cannot do
   * @throws IOException for other OS failures ({@link PipeException})
   */
  public NamedPipeServer create(String name) throws IOException {
    PipeName pipeName = PipeName.parse(name, Backends.isWindows(), true);
    if (!accessInbound && !accessOutbound) {
      throw new IllegalArgumentException(
          "a pipe needs at least one direction: accessInbound and accessOutbound are both false");
    }
    if (securityDescriptor != null && currentUserOnly) {
      throw new IllegalArgumentException(
          "securityDescriptor and currentUserOnly both set the pipe's access list: choose one");
    }
    return new NamedPipeServer(Backends.current().createServer(pipeName, snapshot()), pipeName);
  }

  /** Returns an independent copy of these options. */
  ServerOptions copy() {
    ServerOptions c = new ServerOptions();
    c.mode = mode;
    c.accessInbound = accessInbound;
    c.accessOutbound = accessOutbound;
    c.firstPipeInstance = firstPipeInstance;
    c.writeDac = writeDac;
    c.writeOwner = writeOwner;
    c.accessSystemSecurity = accessSystemSecurity;
    c.rejectRemoteClients = rejectRemoteClients;
    c.maxInstances = maxInstances;
    c.outBufferSize = outBufferSize;
    c.inBufferSize = inBufferSize;
    c.defaultTimeoutMillis = defaultTimeoutMillis;
    c.securityDescriptor = securityDescriptor;
    c.currentUserOnly = currentUserOnly;
    return c;
  }

  ServerConfig snapshot() {
    return new ServerConfig(
        mode,
        accessInbound,
        accessOutbound,
        firstPipeInstance,
        writeDac,
        writeOwner,
        accessSystemSecurity,
        rejectRemoteClients,
        maxInstances,
        outBufferSize,
        inBufferSize,
        defaultTimeoutMillis,
        securityDescriptor,
        currentUserOnly);
  }

  private static int nonNegative(int value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative: " + value);
    }
    return value;
  }
}
