package dev.npipe4j.internal.windows;

import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.ClientConfig;
import dev.npipe4j.internal.ServerConfig;
import dev.npipe4j.internal.windows.win32.Win32;

/**
 * The Win32 flag words computed from the options, exactly as tokio computes them.
 *
 * <p>{@code WRITE_OWNER} and {@code FILE_FLAG_FIRST_PIPE_INSTANCE} are the same bit, {@code
 * 0x00080000}, of {@code dwOpenMode}. Windows reads that bit both ways, so {@code writeOwner(true)}
 * also demands the first instance, and {@code firstPipeInstance(true)} also grants {@code
 * WRITE_OWNER}. The bit is passed through unchanged, as tokio does.
 */
final class PipeFlags {
  private PipeFlags() {}

  /** {@code dwOpenMode} for {@code CreateNamedPipeW}. */
  static int openMode(ServerConfig c) {
    int mode = Win32.FILE_FLAG_OVERLAPPED;
    if (c.accessInbound()) mode |= Win32.PIPE_ACCESS_INBOUND;
    if (c.accessOutbound()) mode |= Win32.PIPE_ACCESS_OUTBOUND;
    if (c.firstPipeInstance()) mode |= Win32.FILE_FLAG_FIRST_PIPE_INSTANCE;
    if (c.writeDac()) mode |= Win32.WRITE_DAC;
    if (c.writeOwner()) mode |= Win32.WRITE_OWNER;
    if (c.accessSystemSecurity()) mode |= Win32.ACCESS_SYSTEM_SECURITY;
    return mode;
  }

  /** {@code dwPipeMode} for {@code CreateNamedPipeW}: type and read mode together, blocking. */
  static int pipeMode(ServerConfig c) {
    int mode =
        c.mode() == PipeMode.MESSAGE
            ? Win32.PIPE_TYPE_MESSAGE | Win32.PIPE_READMODE_MESSAGE
            : Win32.PIPE_TYPE_BYTE | Win32.PIPE_READMODE_BYTE;
    if (c.rejectRemoteClients()) mode |= Win32.PIPE_REJECT_REMOTE_CLIENTS;
    return mode | Win32.PIPE_WAIT;
  }

  /**
   * {@code dwDesiredAccess} for {@code CreateFileW}. A client that reads in message mode without
   * write access also asks for {@code FILE_WRITE_ATTRIBUTES}, which {@code SetNamedPipeHandleState}
   * needs.
   */
  static int desiredAccess(ClientConfig c) {
    int access = 0;
    if (c.read()) access |= Win32.GENERIC_READ;
    if (c.write()) access |= Win32.GENERIC_WRITE;
    if (c.mode() == PipeMode.MESSAGE && !c.write()) access |= Win32.FILE_WRITE_ATTRIBUTES;
    return access;
  }

  /** {@code dwFlagsAndAttributes} for {@code CreateFileW}: overlapped, with the SQOS flags. */
  static int clientFlags(ClientConfig c) {
    return Win32.FILE_FLAG_OVERLAPPED | c.securityQosFlags();
  }
}
