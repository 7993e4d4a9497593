package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.internal.Backends;
import dev.npipe4j.internal.linux.LinuxBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The contract on the Linux libc backend, the default on Linux. */
@EnabledOnOs(OS.LINUX)
class LinuxPipeContractTest extends AbstractUnixPipeContractTest {
  @Test
  void theLibcBackendIsTheOneUnderTest() {
    assertNull(LinuxSockets.unavailabilityCause(), "the Linux backend should be available here");
    assertTrue(LinuxSockets.isAvailable());
    LinuxSockets.ensureAvailability();
    assertInstanceOf(LinuxBackend.class, Backends.current());
  }

  @Test
  void peerCredentialsNameThisProcessOnBothEnds() throws Exception {
    long pid = ProcessHandle.current().pid();
    try (Pair p = connectedPair()) {
      PeerCredentials server = p.server().peerCredentials();
      PeerCredentials client = p.client().peerCredentials();
      assertEquals(pid, server.processId());
      assertEquals(pid, client.processId());
      assertEquals(pid, p.server().peerProcessId());
      long uid =
          ((Number)
                  java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid"))
              .longValue();
      assertEquals(uid, server.userId().orElseThrow());
      assertEquals(uid, client.userId().orElseThrow());
      assertEquals(server.groupId(), client.groupId());
      // The uid's passwd name; Linux has no SID and no login session for a socket.
      String user = System.getProperty("user.name");
      assertEquals(java.util.Optional.of(user), server.userName());
      assertEquals(java.util.Optional.of(user), client.userName());
      assertTrue(server.userSid().isEmpty());
      assertTrue(server.sessionId().isEmpty());
    }
  }
}
