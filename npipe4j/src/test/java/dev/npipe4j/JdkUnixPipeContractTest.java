package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.internal.Backends;
import dev.npipe4j.internal.unix.UnixBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The contract on the JDK socket backend, the portable fallback. The build runs this class in a JVM
 * of its own with the Linux backend turned off ({@code dev.npipe4j.unix.noNative=true}).
 */
@DisabledOnOs(OS.WINDOWS)
class JdkUnixPipeContractTest extends AbstractUnixPipeContractTest {
  @Test
  void theJdkBackendIsTheOneUnderTest() {
    assertInstanceOf(UnixBackend.class, Backends.current());
    assertFalse(LinuxSockets.isAvailable());
    assertTrue(
        LinuxSockets.unavailabilityCause().getMessage().contains(LinuxSockets.DISABLE_PROPERTY));
    assertThrows(UnsupportedOperationException.class, LinuxSockets::ensureAvailability);
  }

  @Test
  void messageModeIsRefusedClearly() {
    String name = uniqueName();
    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class,
            () -> new ServerOptions().pipeMode(PipeMode.MESSAGE).create(name));
    assertTrue(e.getMessage().contains("SOCK_SEQPACKET"), e.getMessage());
    assertThrows(
        UnsupportedOperationException.class,
        () -> new ClientOptions().pipeMode(PipeMode.MESSAGE).open(name));
  }

  @Test
  void peerProcessIdIsExplained() throws Exception {
    try (Pair p = connectedPair()) {
      PipeException e = assertThrows(PipeException.class, () -> p.server().peerProcessId());
      assertTrue(e.getMessage().contains("SO_PEERCRED"), e.getMessage());
      assertInstanceOf(PipeError.class, e);
      assertThrows(PipeException.class, () -> p.server().peerCredentials());
    }
  }
}
