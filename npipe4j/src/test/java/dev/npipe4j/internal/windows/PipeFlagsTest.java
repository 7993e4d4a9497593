package dev.npipe4j.internal.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.ClientConfig;
import dev.npipe4j.internal.ServerConfig;
import org.junit.jupiter.api.Test;

/**
 * The Win32 flag words against tokio's computation, on every OS. The expected values are written as
 * numbers on purpose, so a wrong constant cannot hide behind itself.
 */
class PipeFlagsTest {
  private static ServerConfig server(
      PipeMode mode,
      boolean inbound,
      boolean outbound,
      boolean first,
      boolean writeDac,
      boolean writeOwner,
      boolean systemSecurity,
      boolean rejectRemote) {
    return new ServerConfig(
        mode,
        inbound,
        outbound,
        first,
        writeDac,
        writeOwner,
        systemSecurity,
        rejectRemote,
        255,
        65536,
        65536,
        0,
        null,
        false);
  }

  @Test
  void defaultsAreDuplexOverlappedByteModeRejectingRemoteClients() {
    ServerConfig c = server(PipeMode.BYTE, true, true, false, false, false, false, true);
    assertEquals(0x4000_0003, PipeFlags.openMode(c)); // FILE_FLAG_OVERLAPPED | PIPE_ACCESS_DUPLEX
    assertEquals(0x0000_0008, PipeFlags.pipeMode(c)); // PIPE_REJECT_REMOTE_CLIENTS, byte, wait
  }

  @Test
  void eachServerOptionSetsItsBit() {
    int base = 0x4000_0000; // FILE_FLAG_OVERLAPPED
    assertEquals(
        base | 0x1,
        PipeFlags.openMode(server(PipeMode.BYTE, true, false, false, false, false, false, true)));
    assertEquals(
        base | 0x2,
        PipeFlags.openMode(server(PipeMode.BYTE, false, true, false, false, false, false, true)));
    assertEquals(
        base | 0x3 | 0x0008_0000,
        PipeFlags.openMode(server(PipeMode.BYTE, true, true, true, false, false, false, true)));
    assertEquals(
        base | 0x3 | 0x0004_0000,
        PipeFlags.openMode(server(PipeMode.BYTE, true, true, false, true, false, false, true)));
    assertEquals(
        base | 0x3 | 0x0100_0000,
        PipeFlags.openMode(server(PipeMode.BYTE, true, true, false, false, false, true, true)));
  }

  @Test
  void writeOwnerAndFirstPipeInstanceAreTheSameBit() {
    int writeOwner =
        PipeFlags.openMode(server(PipeMode.BYTE, true, true, false, false, true, false, true));
    int first =
        PipeFlags.openMode(server(PipeMode.BYTE, true, true, true, false, false, false, true));
    assertEquals(0x4008_0003, writeOwner);
    assertEquals(first, writeOwner);
  }

  @Test
  void messageModeSetsTypeAndReadMode() {
    assertEquals(
        0x4 | 0x2 | 0x8,
        PipeFlags.pipeMode(server(PipeMode.MESSAGE, true, true, false, false, false, false, true)));
    assertEquals(
        0x4 | 0x2,
        PipeFlags.pipeMode(
            server(PipeMode.MESSAGE, true, true, false, false, false, false, false)));
  }

  @Test
  void clientDefaultsAreReadWriteWithIdentificationLevel() {
    ClientConfig c =
        new ClientConfig(
            true,
            true,
            PipeMode.BYTE,
            ClientOptions.SECURITY_IDENTIFICATION | ClientOptions.SECURITY_SQOS_PRESENT);
    assertEquals(0xC000_0000, PipeFlags.desiredAccess(c)); // GENERIC_READ | GENERIC_WRITE
    // FILE_FLAG_OVERLAPPED | SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION
    assertEquals(0x4011_0000, PipeFlags.clientFlags(c));
  }

  @Test
  void readOnlyMessageClientAlsoAsksForWriteAttributes() {
    ClientConfig c = new ClientConfig(true, false, PipeMode.MESSAGE, 0x0011_0000);
    assertEquals(0x8000_0100, PipeFlags.desiredAccess(c)); // GENERIC_READ | FILE_WRITE_ATTRIBUTES
    ClientConfig byteMode = new ClientConfig(true, false, PipeMode.BYTE, 0x0011_0000);
    assertEquals(0x8000_0000, PipeFlags.desiredAccess(byteMode));
  }
}
