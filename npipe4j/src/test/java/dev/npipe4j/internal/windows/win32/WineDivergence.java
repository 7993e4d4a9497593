package dev.npipe4j.internal.windows.win32;

import org.junit.jupiter.api.Assumptions;

/**
 * The known places where Wine 8 differs from Windows (numbered here: 1 to 13 were known beforehand,
 * 14 and up were found by this suite). A test of one of these behaviours asserts Windows' behaviour
 * and, under Wine only, is skipped just before that assertion through {@link
 * #assumeWindowsBehaviour()}, which names the divergence.
 */
public enum WineDivergence {
  /**
   * 1. Windows: creating a second instance with FILE_FLAG_FIRST_PIPE_INSTANCE fails with
   * ERROR_ACCESS_DENIED (5). Wine: the flag is ignored and the second instance is created.
   */
  FIRST_PIPE_INSTANCE_IGNORED,
  /**
   * 2. Windows: the pipe's DACL is enforced when a client opens it, and FILE_CREATE_PIPE_INSTANCE
   * is checked for extra instances. Wine: descriptors are stored and readable, but any client gets
   * in.
   */
  DACL_NOT_ENFORCED,
  /**
   * 3. Windows: ACCESS_SYSTEM_SECURITY in dwOpenMode without SeSecurityPrivilege fails with
   * ERROR_PRIVILEGE_NOT_HELD (1314). Wine: it succeeds.
   */
  ACCESS_SYSTEM_SECURITY_UNCHECKED,
  /**
   * 4. Windows: the client's SQOS impersonation level is honoured, and ImpersonateNamedPipeClient
   * with no client fails with ERROR_CANNOT_IMPERSONATE. Wine: always SecurityImpersonation, and the
   * call returns TRUE.
   */
  SQOS_IGNORED,
  /**
   * 5. Windows (8 and later): closing a completion port wakes threads blocked in
   * GetQueuedCompletionStatusEx, which fail. Wine: they sleep until their timeout (forever with
   * INFINITE); post a wake-up packet instead.
   */
  PORT_CLOSE_DOES_NOT_WAKE,
  /**
   * 6. Windows: DisconnectNamedPipe on an instance with a ConnectNamedPipe pending succeeds, and
   * the pending connect completes with ERROR_PIPE_NOT_CONNECTED (233). Wine: DisconnectNamedPipe
   * fails with ERROR_PIPE_LISTENING (536) and the connect stays pending (abort it with CancelIoEx).
   */
  DISCONNECT_LEAVES_CONNECT_PENDING,
  /**
   * 7. Windows 8+: with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, a partial message read returns
   * pending and queues a packet carrying ERROR_MORE_DATA. Wine (like Windows 7): ERROR_MORE_DATA
   * synchronously and no packet.
   */
  SKIP_ON_SUCCESS_MORE_DATA_SYNC,
  /**
   * 8. Windows: CancelIoEx(h, NULL) with nothing pending fails with ERROR_NOT_FOUND (1168). Wine:
   * it returns TRUE.
   */
  CANCEL_NOTHING_RETURNS_TRUE,
  /**
   * 9. Windows: SetNamedPipeHandleState(PIPE_READMODE_MESSAGE) on a GENERIC_READ-only client needs
   * FILE_WRITE_ATTRIBUTES and fails with ERROR_ACCESS_DENIED. Wine: it succeeds.
   */
  READMODE_WITHOUT_WRITE_ATTRIBUTES,
  /**
   * 10. Windows: GetNamedPipeInfo reports 255 max instances for PIPE_UNLIMITED_INSTANCES, and
   * nMaxInstances of 0 or 256 fails with ERROR_INVALID_PARAMETER (87). Wine: reports 4294967295 and
   * accepts 0 and 256.
   */
  UNLIMITED_INSTANCES_REPORTED_AS_MAX_DWORD,
  /**
   * 11. Windows: pipes can be listed with FindFirstFileW(L"\\\\.\\pipe\\*") and stat'ed with
   * GetFileAttributesW. Wine: both fail with ERROR_BAD_DEV_TYPE (66).
   */
  PIPES_NOT_LISTABLE,
  /**
   * 12. Windows: GetNamedPipeClientProcessId fails after a disconnect, and a NULL buffer gives
   * ERROR_INSUFFICIENT_BUFFER. Wine: still succeeds after a disconnect; a NULL buffer gives 1784.
   */
  PROCESS_ID_QUERIES_LOOSE,
  /**
   * 13. Windows: OVERLAPPED_ENTRY.Internal holds the completion status. Wine: its upper 32 bits can
   * be garbage; read the status from the OVERLAPPED or GetOverlappedResult.
   */
  ENTRY_INTERNAL_GARBAGE,
  /**
   * 14 (found by this suite). Windows: GetProcessHandleCount on the current process succeeds and
   * gives the number of open handles (used to check for handle leaks). Wine 8: it fails, so
   * handle-leak checks must use another measure under Wine.
   */
  PROCESS_HANDLE_COUNT_UNSUPPORTED,
  /**
   * 15 (found by this suite). Windows: a pipe instance created by NtCreateNamedPipeFile without
   * read or write access takes no client; go-winio's ListenPipe keeps such an instance open so that
   * the name exists between accepts, and its clients all reach the instances it accepts on. Wine 8:
   * the first client connects to that holding instance and is never served (its reads wait
   * forever); later clients are served.
   */
  GO_WINIO_HOLDING_INSTANCE_TAKES_A_CLIENT,
  /**
   * 16 (found by this suite). Windows: services run as users of their own (lsass.exe and
   * services.exe as SYSTEM, S-1-5-18) and serve pipes any user may open ({@code \\.\pipe\lsass},
   * {@code \\.\pipe\ntsvcs}), so a client can meet a server of another user. Wine 8: every process,
   * services.exe and rpcss.exe included, runs as the one Wine user (S-1-5-21-0-0-0-1000), so no
   * server of another user exists to refuse.
   */
  ONE_USER_FOR_EVERY_PROCESS;

  /** The number of this divergence, as in the list above (its position, from 1). */
  public int number() {
    return ordinal() + 1;
  }

  /**
   * Skips the calling test under Wine, naming this divergence; does nothing on Windows, where the
   * test goes on to assert Windows' behaviour.
   */
  public void assumeWindowsBehaviour() {
    Assumptions.assumeFalse(
        Wine.isWine(),
        () ->
            "Wine divergence "
                + number()
                + " ("
                + name()
                + "): Wine "
                + Wine.version()
                + " differs from Windows here; see WineDivergence."
                + name());
  }
}
