package dev.npipe4j.internal.windows.win32;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Test helper: the calling thread's impersonation token as Windows reports it, read through the raw
 * bindings, to watch what {@code NamedPipeServer.impersonate} does to the thread.
 */
public final class ThreadTokens {
  private ThreadTokens() {}

  /** {@code TOKEN_INFORMATION_CLASS} TokenStatistics. */
  private static final int TOKEN_STATISTICS = 10;

  /** {@code TOKEN_INFORMATION_CLASS} TokenSessionId. */
  private static final int TOKEN_SESSION_ID = 12;

  /** TOKEN_STATISTICS: LUID TokenId at 0, SECURITY_IMPERSONATION_LEVEL at 28, 56 bytes in all. */
  private static final long STATISTICS_BYTES = 56;

  private static final long STATISTICS_LEVEL = 28;

  /**
   * A thread token.
   *
   * @param tokenId the token's locally unique id: two tokens never share it
   * @param level its SECURITY_IMPERSONATION_LEVEL (1 identification, 2 impersonation, ...)
   * @param userSid its user
   */
  public record Token(long tokenId, int level, String userSid) {}

  /**
   * Returns the calling thread's token, or null if it impersonates nobody.
   *
   * @throws IllegalStateException if Windows reports anything else
   */
  public static Token current() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
      if (!Advapi32Tokens.OpenThreadToken(
          Kernel32Peers.GetCurrentThread(), Win32.TOKEN_QUERY, true, out)) {
        int error = Kernel32.lastError();
        if (error == Win32.ERROR_NO_TOKEN) {
          return null;
        }
        throw new IllegalStateException("OpenThreadToken: Win32 error " + error);
      }
      MemorySegment token = out.get(ValueLayout.ADDRESS, 0);
      try {
        MemorySegment stats = arena.allocate(STATISTICS_BYTES, 8);
        MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
        if (!Advapi32.GetTokenInformation(
            token, TOKEN_STATISTICS, stats, (int) STATISTICS_BYTES, length)) {
          throw new IllegalStateException(
              "GetTokenInformation(TokenStatistics): Win32 error " + Kernel32.lastError());
        }
        return new Token(
            stats.get(ValueLayout.JAVA_LONG, 0),
            stats.get(ValueLayout.JAVA_INT, STATISTICS_LEVEL),
            userSid(arena, token));
      } finally {
        Kernel32.CloseHandle(token);
      }
    }
  }

  /** Returns the Terminal Services session of this process's token (TokenSessionId). */
  public static long processSession() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
      if (!Advapi32.OpenProcessToken(Kernel32System.GetCurrentProcess(), Win32.TOKEN_QUERY, out)) {
        throw new IllegalStateException("OpenProcessToken: Win32 error " + Kernel32.lastError());
      }
      MemorySegment token = out.get(ValueLayout.ADDRESS, 0);
      try {
        MemorySegment id = arena.allocate(ValueLayout.JAVA_INT);
        MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
        if (!Advapi32.GetTokenInformation(token, TOKEN_SESSION_ID, id, 4, length)) {
          throw new IllegalStateException(
              "GetTokenInformation(TokenSessionId): Win32 error " + Kernel32.lastError());
        }
        return Integer.toUnsignedLong(id.get(ValueLayout.JAVA_INT, 0));
      } finally {
        Kernel32.CloseHandle(token);
      }
    }
  }

  private static String userSid(Arena arena, MemorySegment token) {
    MemorySegment info = arena.allocate(256, 8);
    MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
    if (!Advapi32.GetTokenInformation(token, Win32.TokenUser, info, 256, length)) {
      throw new IllegalStateException(
          "GetTokenInformation(TokenUser): Win32 error " + Kernel32.lastError());
    }
    MemorySegment text = arena.allocate(ValueLayout.ADDRESS);
    if (!Advapi32.ConvertSidToStringSidW(
        info.get(ValueLayout.ADDRESS, Win32Layouts.TOKEN_USER_Sid), text)) {
      throw new IllegalStateException(
          "ConvertSidToStringSidW: Win32 error " + Kernel32.lastError());
    }
    MemorySegment s = text.get(ValueLayout.ADDRESS, 0);
    try {
      return Win32.wideStringAtPointer(s, 256);
    } finally {
      Kernel32System.LocalFree(s);
    }
  }
}
