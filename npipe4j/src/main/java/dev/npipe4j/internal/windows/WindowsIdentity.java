package dev.npipe4j.internal.windows;

import dev.npipe4j.NamedPipeServer.ImpersonatedCall;
import dev.npipe4j.PeerCredentials;
import dev.npipe4j.internal.CurrentUserRule;
import dev.npipe4j.internal.windows.win32.Kernel32;
import dev.npipe4j.internal.windows.win32.Kernel32Peers;
import dev.npipe4j.internal.windows.win32.Win32;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Who is at the other end of a Win32 pipe, impersonation of a server's client, and the client-side
 * check of {@code ClientOptions.currentUserOnly}.
 *
 * <ul>
 *   <li>A server end learns its client's user from the client's own token: {@code
 *       ImpersonateNamedPipeClient}, {@code OpenThreadToken}, and the thread's previous token put
 *       back at once ({@link ClientImpersonation}); then {@code GetTokenInformation(TokenUser)} on
 *       the token handle, which outlives the impersonation.
 *   <li>A client end learns its server's user from the server process's token ({@code
 *       GetNamedPipeServerProcessId}, {@code OpenProcess}, {@code OpenProcessToken}). The process
 *       id names a process, not the pipe: a server that exits while its instance lives on (the
 *       handle was inherited) leaves its id free for another process.
 * </ul>
 */
final class WindowsIdentity {
  private WindowsIdentity() {}

  /** {@code PipeIo.peerCredentials} of a Win32 pipe. */
  static PeerCredentials peerCredentials(WindowsPipe pipe) throws IOException {
    long pid = pipe.peerProcessId(); // fails if closed, or if no client is connected
    OptionalLong session = sessionId(pipe);
    Tokens.Account account = pipe.isServer() ? clientAccount(pipe) : serverAccount(pid, pipe);
    String name = account != null ? account.name() : null;
    if (name == null && pipe.isServer()) {
      name = handleStateUserName(pipe);
    }
    return new PeerCredentials(
        pid,
        OptionalLong.empty(),
        OptionalLong.empty(),
        Optional.ofNullable(name),
        Optional.ofNullable(account != null ? account.sid() : null),
        session);
  }

  /** {@code NamedPipeServer.impersonate} on Windows. */
  static <R, X extends Throwable> R impersonate(
      WindowsPipe pipe, ImpersonatedCall<? extends R, X> action) throws IOException, X {
    ClientImpersonation scope = ClientImpersonation.begin(pipe);
    Throwable failure = null;
    try {
      return action.call();
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      scope.end(failure);
    }
  }

  /**
   * Refuses, closing it, a client end whose server runs as another user than this process, or as a
   * user this process may not read.
   */
  static void requireServerIsCurrentUser(WindowsPipe client) throws IOException {
    Tokens.Account me;
    long pid;
    try {
      me = Tokens.current(client.name());
      pid = client.peerProcessId();
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
    Tokens.Account server;
    try {
      server = processUser(pid, client.name());
    } catch (IOException e) {
      throw CurrentUserRule.refuse(
          client,
          CurrentUserRule.unknownUser(
              client.name(),
              "server process " + pid + ": " + e.getMessage(),
              me.toString(),
              Win32.ERROR_ACCESS_DENIED));
    }
    if (!server.sid().equals(me.sid())) {
      throw CurrentUserRule.refuse(
          client,
          CurrentUserRule.otherUser(
              client.name(),
              server + " (process " + pid + ")",
              me.toString(),
              Win32.ERROR_ACCESS_DENIED));
    }
  }

  /** The user of another process's token; the message of a failure names the failing call. */
  private static Tokens.Account processUser(long pid, String pipeName) throws IOException {
    MemorySegment token = Tokens.openProcessToken(pid);
    try {
      return Tokens.user(token, pipeName);
    } finally {
      Kernel32.CloseHandle(token);
    }
  }

  /** The server's user as a client end sees it, or null if this process may not read it. */
  private static Tokens.@Nullable Account serverAccount(long pid, WindowsPipe pipe) {
    try {
      return processUser(pid, pipe.name());
    } catch (IOException e) {
      return null; // a service of another user, an elevated process, or one that has exited
    }
  }

  /** The client's user as its server end sees it, or null for an anonymous client. */
  private static Tokens.@Nullable Account clientAccount(WindowsPipe pipe) throws IOException {
    MemorySegment token = onPlatformThread(() -> clientToken(pipe));
    if (Win32.isNull(token)) {
      return null;
    }
    try {
      return Tokens.user(token, pipe.name());
    } finally {
      Kernel32.CloseHandle(token);
    }
  }

  /** Opens the client's token: impersonate, open the thread's token, put the previous one back. */
  private static MemorySegment clientToken(WindowsPipe pipe) throws IOException {
    ClientImpersonation scope = ClientImpersonation.begin(pipe);
    Throwable failure = null;
    try {
      return scope.openToken();
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      scope.end(failure);
    }
  }

  /** The peer's session, or empty if Windows does not tell it. */
  private static OptionalLong sessionId(WindowsPipe pipe) throws ClosedChannelException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment id = arena.allocate(ValueLayout.JAVA_INT);
      boolean ok;
      synchronized (pipe) {
        if (pipe.isClosed()) {
          throw new ClosedChannelException();
        }
        ok =
            pipe.isServer()
                ? Kernel32Peers.GetNamedPipeClientSessionId(pipe.handle, id)
                : Kernel32Peers.GetNamedPipeServerSessionId(pipe.handle, id);
      }
      return ok
          ? OptionalLong.of(Integer.toUnsignedLong(id.get(ValueLayout.JAVA_INT, 0)))
          : OptionalLong.empty();
    }
  }

  /**
   * The client's bare user name from {@code GetNamedPipeHandleStateW}, or null. Windows fills it
   * only when the client allowed {@code SECURITY_IMPERSONATION}; it impersonates inside the one
   * call, so no thread keeps the token.
   */
  static @Nullable String handleStateUserName(WindowsPipe pipe) throws ClosedChannelException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment name = arena.allocate(2L * (Win32.UNLEN + 1));
      synchronized (pipe) {
        if (pipe.isClosed()) {
          throw new ClosedChannelException();
        }
        if (!Kernel32Peers.GetNamedPipeHandleStateW(
            pipe.handle, Win32.NULL, Win32.NULL, Win32.NULL, Win32.NULL, name, Win32.UNLEN + 1)) {
          return null;
        }
      }
      String s = Win32.wideStringAt(name);
      return s.isEmpty() ? null : s;
    }
  }

  /** An action of the identity queries. */
  private interface Query<T> {
    T run() throws IOException;
  }

  /**
   * Runs a query that impersonates on a platform thread: the calling thread if it is one, else a
   * short-lived one while the virtual caller waits.
   */
  private static <T> T onPlatformThread(Query<T> query) throws IOException {
    if (!Thread.currentThread().isVirtual()) {
      return query.run();
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("npipe4j-identity")
        .start(
            () -> {
              try {
                result.complete(query.run());
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            });
    // The query takes microseconds and may return a handle to close: wait for it, interrupted or
    // not, and keep the interrupt for the caller.
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new UncheckedIOException(new IOException(cause));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
