package dev.npipe4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.internal.windows.win32.WineDivergence;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs {@code npipe serve --echo} on a thread and {@code npipe connect} against it. */
@Timeout(60)
class ServeConnectTest {
  /** A running {@code serve --echo}. */
  private static final class Server {
    final Cli.Capture err = new Cli.Capture();
    final AtomicInteger code = new AtomicInteger(-1);
    final Thread thread;

    Server(String... args) throws InterruptedException {
      Streams streams =
          new Streams(
              new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), err.stream);
      thread = Thread.ofPlatform().start(() -> code.set(Main.run(streams, args)));
      err.await("listening on ", 10_000);
    }

    /** Interrupts the command, as a stop, and checks it exits 0. */
    void stop() throws InterruptedException {
      thread.interrupt();
      thread.join(10_000);
      assertEquals(ExitCodes.OK, code.get(), err.text());
    }
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void connectGetsTheExactBytesBack() throws Exception {
    String name = Cli.uniqueName("echo");
    Server server = new Server("serve", "--echo", name);
    try {
      assertTrue(
          server.err.text().contains("listening on \\\\.\\pipe\\" + name), server.err.text());
      byte[] data = randomBytes(300_000, 1);
      Cli.Result r = Cli.run(data, "connect", name);
      assertEquals(ExitCodes.OK, r.code(), r.err());
      assertArrayEquals(data, r.out());
    } finally {
      server.stop();
    }
  }

  @Test
  void emptyStdinEndsAtOnce() throws Exception {
    String name = Cli.uniqueName("empty");
    Server server = new Server("serve", "--echo", name);
    try {
      Cli.Result r = Cli.run(new byte[0], "connect", name);
      assertEquals(ExitCodes.OK, r.code(), r.err());
      assertEquals(0, r.out().length);
    } finally {
      server.stop();
    }
  }

  @Test
  void clientsTakeTurnsOnASingleInstance() throws Exception {
    String name = Cli.uniqueName("one");
    Server server = new Server("serve", "--echo", "--instances", "1", "--verbose", name);
    try {
      List<byte[]> inputs = List.of(randomBytes(50_000, 2), randomBytes(70_000, 3));
      List<CompletableFuture<Cli.Result>> runs =
          inputs.stream()
              .map(
                  in ->
                      CompletableFuture.supplyAsync(
                          () -> Cli.run(in, "connect", "--timeout", "20", name)))
              .toList();
      for (int i = 0; i < inputs.size(); i++) {
        Cli.Result r = runs.get(i).join();
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertArrayEquals(inputs.get(i), r.out());
      }
      server.err.await("client 2 disconnected", 10_000);
    } finally {
      server.stop();
    }
  }

  @Test
  void noSuchPipeIsOneFriendlyLine() {
    String name = Cli.uniqueName("missing");
    Cli.Result r =
        Cli.run("hello".getBytes(StandardCharsets.UTF_8), "connect", "--timeout", "0.2", name);
    assertEquals(ExitCodes.NO_SUCH_PIPE, r.code(), r.err());
    assertTrue(r.err().startsWith("npipe: no such pipe: "), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void secondServerOnTheSameNameIsRefused() throws Exception {
    String name = Cli.uniqueName("twice");
    Server server = new Server("serve", "--echo", name);
    try {
      // serve creates its first instance with firstPipeInstance, which Wine does not enforce.
      WineDivergence.FIRST_PIPE_INSTANCE_IGNORED.assumeWindowsBehaviour();
      Cli.Result r = Cli.run("serve", "--echo", name);
      assertEquals(ExitCodes.ACCESS_DENIED, r.code(), r.err());
      assertTrue(r.err().startsWith("npipe: access denied: "), r.err());
    } finally {
      server.stop();
    }
  }

  @Test
  void lsShowsARunningServer() throws Exception {
    String name = Cli.uniqueName("ls");
    Server server = new Server("serve", "--echo", "--instances", "3", name);
    try {
      if (Platform.isWindows()) {
        WineDivergence.PIPES_NOT_LISTABLE.assumeWindowsBehaviour();
      }
      String full = "\\\\.\\pipe\\" + name;
      Cli.Result r = Cli.run("ls");
      assertEquals(ExitCodes.OK, r.code(), r.err());
      // serve keeps one instance listening; Windows tells the count, Unix does not
      String line = Platform.isWindows() ? full + "\t1 instances" : full;
      assertTrue(r.outText().lines().anyMatch(l -> l.equalsIgnoreCase(line)), r.outText());

      Cli.Result json = Cli.run("ls", "--json");
      assertEquals(ExitCodes.OK, json.code(), json.err());
      String entry =
          "{\"name\":\""
              + full.replace("\\", "\\\\")
              + "\",\"instances\":"
              + (Platform.isWindows() ? "1" : "null")
              + "}";
      String out = json.outText().strip();
      assertTrue(out.startsWith("[") && out.endsWith("]"), out);
      assertTrue(
          out.toLowerCase(java.util.Locale.ROOT).contains(entry.toLowerCase(java.util.Locale.ROOT)),
          out + " lacks " + entry);
    } finally {
      server.stop();
    }
    assertTrue(Cli.run("ls").outText().lines().noneMatch(l -> l.contains(name)), "still listed");
  }

  @Test
  void messageModeEchoesEachLineAsOneMessage() throws Exception {
    String name = Cli.uniqueName("msg");
    if (!Platform.isWindows() && !dev.npipe4j.LinuxSockets.isAvailable()) {
      Cli.Result r = Cli.run("serve", "--echo", "--mode", "message", name);
      assertEquals(ExitCodes.UNSUPPORTED, r.code(), r.err());
      assertTrue(r.err().startsWith("npipe: not supported on"), r.err());
      return;
    }
    Server server = new Server("serve", "--echo", "--mode", "message", name);
    try {
      byte[] lines = "one\n\ntwo two\nlast without newline".getBytes(StandardCharsets.UTF_8);
      Cli.Result r = Cli.run(lines, "connect", "--mode", "message", name);
      assertEquals(ExitCodes.OK, r.code(), r.err());
      assertArrayEquals(lines, r.out());
      byte[] chunks = randomBytes(100_000, 4);
      r = Cli.run(chunks, "connect", "--mode", "message", "--message-size", "30000", name);
      assertEquals(ExitCodes.OK, r.code(), r.err());
      assertArrayEquals(chunks, r.out());
    } finally {
      server.stop();
    }
  }
}
