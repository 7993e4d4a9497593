package dev.npipe4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code npipe relay} against {@code npipe serve}, with npiperelay's flags. */
@Timeout(90)
class RelayTest {
  @Test
  void relaysBothWaysAndClosesWriteAtTheEndOfStdin() throws Exception {
    String name = Cli.uniqueName("relay");
    Running server = Running.server("serve", "--echo", name);
    try {
      byte[] data = new byte[200_000];
      new Random(5).nextBytes(data);
      // The npiperelay spelling of the name. Stdin ends after the data: on Unix the relay closes
      // the pipe's write side, the echo server reads end of stream, echoes the rest and closes,
      // and the relay ends with everything copied back.
      Running relay = new Running(new ByteArrayInputStream(data), "relay", "//./pipe/" + name);
      if (Platform.isWindows()) {
        // A Windows byte pipe has no half-close: the relay goes on until the server closes.
        relay.awaitOut(data.length, 30_000);
        assertTrue(relay.isRunning(), "the relay ended before the server closed the pipe");
        server.stop();
      }
      assertEquals(ExitCodes.OK, relay.await(30_000), relay.err.text());
      assertArrayEquals(data, relay.out.toByteArray());
    } finally {
      server.stop();
    }
  }

  @Test
  void waitsForThePipeToAppear() throws Exception {
    String name = Cli.uniqueName("relay-wait");
    PipedOutputStream stdin = new PipedOutputStream();
    Running relay = new Running(new PipedInputStream(stdin), "relay", "-p", "-v", name);
    relay.err.await("connecting to", 10_000);
    Thread.sleep(500);
    assertTrue(relay.isRunning(), relay.err.text());
    Running server = Running.server("serve", "--echo", name);
    try {
      relay.err.await("connected", 20_000);
      stdin.write("ping".getBytes(UTF_8));
      stdin.flush();
      relay.awaitOut(4, 20_000);
      assertEquals("ping", relay.outText());
      stdin.close();
    } finally {
      server.stop();
    }
    assertEquals(ExitCodes.OK, relay.await(20_000), relay.err.text());
  }

  @Test
  void aMissingPipeFailsAtOnceWithoutWait() throws Exception {
    Running relay =
        new Running(new ByteArrayInputStream(new byte[0]), "relay", Cli.uniqueName("none"));
    assertEquals(ExitCodes.NO_SUCH_PIPE, relay.await(10_000));
    assertTrue(relay.err.text().startsWith("npipe: no such pipe: "), relay.err.text());
  }

  @Test
  void aBoundedWaitEndsWithNoSuchPipe() throws Exception {
    long start = System.nanoTime();
    Running relay =
        new Running(
            new ByteArrayInputStream(new byte[0]),
            "relay",
            "--timeout",
            "0.5",
            Cli.uniqueName("late"));
    assertEquals(ExitCodes.NO_SUCH_PIPE, relay.await(20_000));
    assertTrue(System.nanoTime() - start >= 500_000_000L, "gave up before the timeout");
  }

  @Test
  void exitOnStdinEofLeavesAtOnce() throws Exception {
    String name = Cli.uniqueName("relay-ei");
    Running server = Running.server("serve", "--echo", name);
    try {
      Running relay = new Running(new ByteArrayInputStream(new byte[0]), "relay", "-ei", name);
      assertEquals(ExitCodes.OK, relay.await(20_000), relay.err.text());
    } finally {
      server.stop();
    }
  }

  @Test
  void afterThePipeEndsStdinIsStillSentUnlessExitOnPipeEof() throws Exception {
    String name = Cli.uniqueName("relay-ep");
    Running server = Running.server("serve", "--echo", name);
    PipedOutputStream keep = new PipedOutputStream();
    PipedOutputStream keepToo = new PipedOutputStream();
    // --timeout: the second may find the one listening instance taken before the next is armed
    Running patient =
        new Running(new PipedInputStream(keep), "relay", "-v", "--timeout", "20", name);
    Running quick =
        new Running(new PipedInputStream(keepToo), "relay", "-v", "-ep", "--timeout", "20", name);
    patient.err.await("connected", 20_000);
    quick.err.await("connected", 20_000);
    server.stop(); // every client reads end of stream
    assertEquals(ExitCodes.OK, quick.await(20_000), quick.err.text());
    Thread.sleep(300);
    assertTrue(patient.isRunning(), "without -ep the relay must wait for stdin to end");
    keep.close();
    assertEquals(ExitCodes.OK, patient.await(20_000), patient.err.text());
    keepToo.close();
  }

  @Test
  void messageModeRelaysEachChunkAsAMessage() throws Exception {
    String name = Cli.uniqueName("relay-msg");
    if (!Platform.isWindows() && !dev.npipe4j.LinuxSockets.isAvailable()) {
      Running relay =
          new Running(new ByteArrayInputStream(new byte[0]), "relay", "--mode", "message", name);
      assertEquals(ExitCodes.UNSUPPORTED, relay.await(10_000), relay.err.text());
      Cli.Result r = Cli.run("serve", "--echo", "--mode", "message", name);
      assertEquals(ExitCodes.UNSUPPORTED, r.code(), r.err());
      return;
    }
    Running server = Running.server("serve", "--echo", "--mode", "message", name);
    byte[] data = "one message\n".getBytes(UTF_8);
    Running relay = new Running(new ByteArrayInputStream(data), "relay", "--mode", "message", name);
    relay.awaitOut(data.length, 20_000);
    server.stop();
    assertEquals(ExitCodes.OK, relay.await(20_000), relay.err.text());
    assertArrayEquals(data, relay.out.toByteArray());
  }
}
