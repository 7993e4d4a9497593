package dev.npipe4j.internal.windows;

import dev.npipe4j.PipeException;
import dev.npipe4j.internal.windows.win32.Advapi32Tokens;
import dev.npipe4j.internal.windows.win32.Kernel32;
import dev.npipe4j.internal.windows.win32.Kernel32Peers;
import dev.npipe4j.internal.windows.win32.Win32;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.ClosedChannelException;
import org.jspecify.annotations.Nullable;

/**
 * A pipe client's token on the calling platform thread, from {@link #begin} to {@link #end}, which
 * puts back the token the thread had before (none, or an outer impersonation's).
 *
 * <p>Only a platform thread may impersonate: a virtual thread may move to another carrier at any
 * blocking call and would leave the token on the one it left. {@link #end} never lets the thread go
 * on with an identity it did not have before: if the previous token cannot be put back, it drops
 * every token and throws an {@link Error}.
 */
final class ClientImpersonation {
  private final String pipeName;

  /** The thread's token before {@link #begin}, or NULL when it ran as the process. */
  private final MemorySegment previous;

  private ClientImpersonation(String pipeName, MemorySegment previous) {
    this.pipeName = pipeName;
    this.previous = previous;
  }

  /**
   * Puts the connected client's token on the calling thread.
   *
   * @throws IllegalStateException on a virtual thread
   * @throws ClosedChannelException if the pipe is closed
   * @throws IOException if no client is connected or Windows refuses
   */
  static ClientImpersonation begin(WindowsPipe pipe) throws IOException {
    if (Thread.currentThread().isVirtual()) {
      throw new IllegalStateException(
          pipe.name()
              + ": impersonation needs a platform thread. A Windows token belongs to the OS"
              + " thread, and a virtual thread moves between carrier threads: the client's token"
              + " would stay on a carrier that other virtual threads then run on.");
    }
    MemorySegment previous = currentThreadToken(pipe.name());
    boolean ok;
    int error = Win32.ERROR_SUCCESS;
    synchronized (pipe) {
      if (pipe.isClosed() || !pipe.isConnected()) {
        close(previous);
        if (pipe.isClosed()) {
          throw new ClosedChannelException();
        }
        throw new PipeException(
            pipe.name() + ": no client is connected to impersonate",
            Win32.ERROR_CANNOT_IMPERSONATE);
      }
      ok = Advapi32Tokens.ImpersonateNamedPipeClient(pipe.handle);
      if (!ok) {
        error = Kernel32.lastError();
      }
    }
    if (!ok) {
      close(previous);
      throw WindowsErrors.toIOException(error, pipe.name(), "ImpersonateNamedPipeClient");
    }
    return new ClientImpersonation(pipe.name(), previous);
  }

  /**
   * Opens the calling thread's impersonation token (TOKEN_QUERY) while it impersonates.
   *
   * @return the token for the caller to close, or NULL for an anonymous client
   */
  MemorySegment openToken() throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
      // OpenAsSelf: the access check uses the process's identity, which an identification-level
      // token could not pass.
      if (Advapi32Tokens.OpenThreadToken(
          Kernel32Peers.GetCurrentThread(), Win32.TOKEN_QUERY, true, out)) {
        return out.get(ValueLayout.ADDRESS, 0);
      }
      int error = Kernel32.lastError();
      if (error == Win32.ERROR_CANT_OPEN_ANONYMOUS) {
        return Win32.NULL;
      }
      throw WindowsErrors.toIOException(error, pipeName, "OpenThreadToken");
    }
  }

  /**
   * Puts the previous token back.
   *
   * @param pending what the impersonated code threw, or null; kept as suppressed in the Error
   * @throws Error if the thread cannot be given back the identity it had before
   */
  void end(@Nullable Throwable pending) {
    boolean restored =
        Win32.isNull(previous)
            ? Advapi32Tokens.RevertToSelf()
            : Advapi32Tokens.SetThreadToken(Win32.NULL, previous);
    if (restored) {
      close(previous);
      return;
    }
    int error = Kernel32.lastError();
    // Whatever happens next, the thread must not stay the client: drop every token.
    boolean dropped = Advapi32Tokens.SetThreadToken(Win32.NULL, Win32.NULL);
    close(previous);
    if (dropped && Win32.isNull(previous)) {
      return; // the thread runs as the process again, as it did before
    }
    Error e =
        new Error(
            pipeName
                + ": "
                + (Win32.isNull(previous) ? "RevertToSelf" : "SetThreadToken")
                + " failed after impersonating the pipe's client ("
                + WindowsErrors.describe(error)
                + "); this thread "
                + (dropped
                    ? "now runs as the process, not as the client it impersonated before,"
                    : "still runs as the client")
                + " and must not go on");
    if (pending != null) {
      e.addSuppressed(pending);
    }
    throw e;
  }

  /** The calling thread's impersonation token, for putting back, or NULL if it has none. */
  private static MemorySegment currentThreadToken(String pipeName) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
      if (Advapi32Tokens.OpenThreadToken(
          Kernel32Peers.GetCurrentThread(),
          Win32.TOKEN_IMPERSONATE | Win32.TOKEN_QUERY,
          true,
          out)) {
        return out.get(ValueLayout.ADDRESS, 0);
      }
      int error = Kernel32.lastError();
      if (error == Win32.ERROR_NO_TOKEN) {
        return Win32.NULL;
      }
      throw WindowsErrors.toIOException(error, pipeName, "OpenThreadToken");
    }
  }

  private static void close(MemorySegment token) {
    if (!Win32.isNull(token)) {
      Kernel32.CloseHandle(token);
    }
  }
}
