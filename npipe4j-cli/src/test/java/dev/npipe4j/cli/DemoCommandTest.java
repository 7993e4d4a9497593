package dev.npipe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs {@code npipe demo} in-process on the real backend. */
@Timeout(60)
class DemoCommandTest {
  @Test
  void byteModeVerifiesEveryByte() {
    Cli.Result r = Cli.run("demo", "--clients", "4", "--messages", "50", "--size", "3000");
    assertEquals(ExitCodes.OK, r.code(), r.outText() + r.err());
    assertTrue(
        r.outText().contains("all 4 clients verified: 600000 bytes, 0 mismatches"), r.outText());
    assertTrue(r.outText().contains(Platform.backend()), r.outText());
  }

  @Test
  void payloadsLargerThanThePipeBuffersDoNotDeadlock() {
    Cli.Result r = Cli.run("demo", "--clients", "2", "--messages", "3", "--size", "1000000");
    assertEquals(ExitCodes.OK, r.code(), r.outText() + r.err());
    assertTrue(r.outText().contains("0 mismatches"), r.outText());
  }

  @Test
  void messageMode() {
    Cli.Result r =
        Cli.run("demo", "--mode", "message", "--clients", "3", "--messages", "20", "--size", "777");
    if (Platform.isWindows() || dev.npipe4j.LinuxSockets.isAvailable()) {
      assertEquals(ExitCodes.OK, r.code(), r.outText() + r.err());
      assertTrue(r.outText().contains("0 mismatches"), r.outText());
    } else {
      // Message mode on the JDK socket backend: a clear one-line refusal, no stack trace.
      assertEquals(ExitCodes.UNSUPPORTED, r.code(), r.outText() + r.err());
      assertTrue(r.err().startsWith("npipe: not supported on"), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }
}
