package dev.npipe4j.internal.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.ClientConfig;
import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.windows.win32.Win32;
import dev.npipe4j.internal.windows.win32.WineDivergence;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The parts of the Windows identity code below the public API: the user name that {@code
 * GetNamedPipeHandleStateW} gives a server end, the fallback of {@code PeerCredentials.userName}.
 */
@EnabledOnOs(OS.WINDOWS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WindowsIdentityBackendTest {
  private static String handleStateUserName(int qos) throws Exception {
    PipeName name = WindowsBackendTest.uniqueName();
    WindowsBackend backend = new WindowsBackend();
    WindowsPipe server = (WindowsPipe) backend.createServer(name, WindowsBackendTest.server(false));
    try {
      var connect = server.connect();
      var client =
          backend.openClient(
              name, new ClientConfig(true, true, PipeMode.BYTE, qos | Win32.SECURITY_SQOS_PRESENT));
      try {
        connect.get(30, TimeUnit.SECONDS);
        return WindowsIdentity.handleStateUserName(server);
      } finally {
        client.close();
      }
    } finally {
      server.close();
    }
  }

  @Test
  void aClientThatAllowsImpersonationIsNamedByTheHandleState() throws Exception {
    String user = System.getProperty("user.name");
    assertEquals(user, handleStateUserName(ClientOptions.SECURITY_IMPERSONATION));
  }

  @Test
  void anIdentificationOnlyClientIsNotNamedByTheHandleState() throws Exception {
    String name = handleStateUserName(ClientOptions.SECURITY_IDENTIFICATION);
    WineDivergence.SQOS_IGNORED.assumeWindowsBehaviour();
    assertNull(name, "GetNamedPipeHandleStateW named an identification-only client");
  }
}
