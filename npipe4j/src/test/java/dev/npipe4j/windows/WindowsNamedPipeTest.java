package dev.npipe4j.windows;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipe;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.PipeBusyException;
import dev.npipe4j.PipeContractSupport;
import dev.npipe4j.PipeError;
import dev.npipe4j.PipeException;
import dev.npipe4j.PipeInfo;
import dev.npipe4j.PipeMode;
import dev.npipe4j.ServerOptions;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Windows behaviour of the public API, ported from tokio's and mio's named-pipe tests with their
 * known defects turned into assertions. Runs on Windows, and on the Windows JVM under Wine.
 */
@EnabledOnOs(OS.WINDOWS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WindowsNamedPipeTest extends PipeContractSupport {
  private static final int ERROR_ACCESS_DENIED = 5;
  private static final int ERROR_PIPE_BUSY = 231;
  private static final int ERROR_NO_DATA = 232;
  private static final int ERROR_PIPE_NOT_CONNECTED = 233;

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  // ---- write errors --------------------------------------------------------------------------

  @Test
  void writeAfterClientClosedFailsWithNoData() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      NamedPipeClient client = new ClientOptions().open(name);
      await(server.connect());
      client.close();
      PipeException e = assertThrows(PipeException.class, () -> writeUntilFailure(server));
      assertEquals(ERROR_NO_DATA, e.osError());
    }
  }

  @Test
  void clientWriteAfterServerDisconnectFailsWithNotConnected() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().create(name);
        NamedPipeClient client = new ClientOptions().open(name)) {
      await(server.connect());
      server.disconnect();
      PipeException e = assertThrows(PipeException.class, () -> writeUntilFailure(client));
      assertEquals(ERROR_PIPE_NOT_CONNECTED, e.osError());
    }
  }

  /** Writes until a write fails: a failure reported by a completion surfaces on the next write. */
  private static void writeUntilFailure(NamedPipe pipe) throws Exception {
    for (int i = 0; i < 100; i++) {
      await(pipe.write(ByteBuffer.wrap(new byte[] {1, 2, 3})));
    }
    fail("100 writes succeeded");
  }

  // ---- access flags --------------------------------------------------------------------------

  @Test
  void inboundOnlyServerRefusesDefaultClient() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().accessOutbound(false).create(name)) {
      AccessDeniedException e =
          assertThrows(AccessDeniedException.class, () -> new ClientOptions().open(name));
      assertEquals(ERROR_ACCESS_DENIED, ((PipeError) e).osError());
      assertTrue(server.isOpen());
    }
  }

  @Test
  void outboundOnlyServerRefusesDefaultClient() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().accessInbound(false).create(name)) {
      assertThrows(AccessDeniedException.class, () -> new ClientOptions().open(name));
      assertTrue(server.isOpen());
    }
  }

  @Test
  void readOnlyClientThatWritesIsDenied() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().create(name);
        NamedPipeClient client = new ClientOptions().write(false).open(name)) {
      await(server.connect());
      assertThrows(
          PipeAccessDeniedException.class, () -> await(client.write(ByteBuffer.allocate(4))));
    }
  }

  @Test
  void writeOnlyClientThatReadsIsDenied() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().create(name);
        NamedPipeClient client = new ClientOptions().read(false).open(name)) {
      await(server.connect());
      assertThrows(
          PipeAccessDeniedException.class, () -> await(client.read(ByteBuffer.allocate(4))));
    }
  }

  @Test
  void oneWayPingServerToClient() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().accessInbound(false).create(name)) {
      CompletableFuture<Void> connect = server.connect();
      assertThrows(TimeoutException.class, () -> connect.get(200, TimeUnit.MILLISECONDS));
      try (NamedPipeClient client = new ClientOptions().write(false).open(name)) {
        await(connect);
        writeAll(server, "ping".getBytes(US_ASCII));
        assertArrayEquals("ping".getBytes(US_ASCII), readExactly(client, 4));
      }
    }
  }

  @Test
  void oneWayPingClientToServer() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().accessOutbound(false).create(name)) {
      CompletableFuture<Void> connect = server.connect();
      assertThrows(TimeoutException.class, () -> connect.get(200, TimeUnit.MILLISECONDS));
      try (NamedPipeClient client = new ClientOptions().read(false).open(name)) {
        await(connect);
        writeAll(client, "ping".getBytes(US_ASCII));
        assertArrayEquals("ping".getBytes(US_ASCII), readExactly(server, 4));
      }
    }
  }

  // ---- instances -----------------------------------------------------------------------------

  @Test
  void maxInstancesRefusesTheThirdWithPipeBusy() throws Exception {
    String name = uniqueName();
    ServerOptions options = new ServerOptions().maxInstances(2);
    try (NamedPipeServer a = options.create(name);
        NamedPipeServer b = options.create(name)) {
      PipeBusyException e = assertThrows(PipeBusyException.class, () -> options.create(name));
      assertEquals(ERROR_PIPE_BUSY, e.osError());
      // The first instance's limit holds even if a later create asks for more.
      PipeBusyException again =
          assertThrows(PipeBusyException.class, () -> options.maxInstances(100).create(name));
      assertEquals(ERROR_PIPE_BUSY, again.osError());
      assertTrue(a.isOpen() && b.isOpen());
    }
  }

  @Test
  void createAfterClosingTheFirstInstanceSucceeds() throws Exception {
    String name = uniqueName();
    ServerOptions options = new ServerOptions().firstPipeInstance(true);
    options.create(name).close();
    try (NamedPipeServer again = options.create(name)) {
      assertTrue(again.isOpen());
    }
  }

  // ---- info ----------------------------------------------------------------------------------

  @Test
  void unlimitedInstancesReportedAs255() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      assertEquals(PipeInfo.UNLIMITED_INSTANCES, server.info().maxInstances());
      assertEquals(PipeMode.BYTE, server.info().mode());
    }
  }

  // Message mode: AbstractMessageModeContractTest, on every backend.

  // ---- connect and reconnect -----------------------------------------------------------------

  @Test
  void connectStaysPendingUntilAClientOpens() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      CompletableFuture<Void> connect = server.connect();
      assertThrows(TimeoutException.class, () -> connect.get(300, TimeUnit.MILLISECONDS));
      assertFalse(server.writable().isDone());
      try (NamedPipeClient client = new ClientOptions().open(name)) {
        await(connect);
        // The connect completion makes the pipe writable.
        await(server.writable());
        assertTrue(client.isOpen());
      }
    }
  }

  @Test
  void connectAfterTheClientOpenedCompletesAtOnce() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().create(name);
        NamedPipeClient client = new ClientOptions().open(name)) {
      CompletableFuture<Void> connect = server.connect();
      assertTrue(connect.isDone(), "connect with a client already there completes at once");
      await(connect);
      assertTrue(client.isOpen());
    }
  }

  @Test
  void cancelledConnectKeepsListening() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      CompletableFuture<Void> first = server.connect();
      assertTrue(first.cancel(false));
      try (NamedPipeClient client = new ClientOptions().open(name)) {
        await(server.connect());
        writeAll(client, "hi".getBytes(US_ASCII));
        assertArrayEquals("hi".getBytes(US_ASCII), readExactly(server, 2));
      }
    }
  }

  @Test
  void afterDisconnectTheNextClientsFirstReadGetsItsData() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      for (int round = 0; round < 3; round++) {
        // After a disconnect the instance accepts a client only once connect() is called again.
        CompletableFuture<Void> connect = server.connect();
        try (NamedPipeClient client = new ClientOptions().open(name)) {
          await(connect);
          byte[] hello = ("client-" + round).getBytes(US_ASCII);
          writeAll(client, hello);
          assertArrayEquals(hello, readExactly(server, hello.length));
        }
        // Let the old client's EOF reach the server before the disconnect.
        Thread.sleep(50);
        server.disconnect();
      }
    }
  }

  // ---- large reads ---------------------------------------------------------------------------

  @Test
  void oneReadReturnsMoreThanFourKiB() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().create(name);
        NamedPipeClient client = new ClientOptions().open(name)) {
      await(server.connect());
      byte[] sent = random(60_000, 7);
      writeAll(client, sent);
      Thread.sleep(200);
      ByteBuffer dst = ByteBuffer.allocate(65536);
      int n = await(server.read(dst));
      assertTrue(n > 4096, "a single read returned only " + n + " bytes");
      byte[] rest = readExactly(server, sent.length - n);
      byte[] all = new byte[sent.length];
      System.arraycopy(dst.array(), 0, all, 0, n);
      System.arraycopy(rest, 0, all, n, rest.length);
      assertArrayEquals(sent, all);
    }
  }

  // ---- close with I/O in flight --------------------------------------------------------------

  @Test
  void closeWithAReadPendingFailsTheRead() throws Exception {
    String name = uniqueName();
    NamedPipeServer server = new ServerOptions().create(name);
    try (NamedPipeClient client = new ClientOptions().open(name)) {
      await(server.connect());
      CompletableFuture<Integer> read = server.read(ByteBuffer.allocate(16));
      server.close();
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> read.get(30, TimeUnit.SECONDS));
      assertInstanceOf(java.nio.channels.AsynchronousCloseException.class, e.getCause());
      server.close(); // idempotent
      assertEquals(-1, await(client.read(ByteBuffer.allocate(16))));
    }
  }

  @Test
  void closeWithAConnectPendingFailsTheConnect() throws Exception {
    String name = uniqueName();
    NamedPipeServer server = new ServerOptions().create(name);
    CompletableFuture<Void> connect = server.connect();
    server.close();
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> connect.get(30, TimeUnit.SECONDS));
    assertInstanceOf(java.nio.channels.AsynchronousCloseException.class, e.getCause());
    // The instance is gone: the name can be created afresh as a first instance.
    try (NamedPipeServer again = new ServerOptions().create(name)) {
      assertTrue(again.isOpen());
    }
  }

  @Test
  void closeDuringALargeWriteStillDeliversTheAcceptedBytes() throws Exception {
    String name = uniqueName();
    NamedPipeServer server = new ServerOptions().outBufferSize(4096).create(name);
    try (NamedPipeClient client = new ClientOptions().open(name)) {
      await(server.connect());
      byte[] sent = random(1 << 20, 11);
      ByteBuffer src = ByteBuffer.wrap(sent);
      int accepted = await(server.write(src));
      assertTrue(accepted > 0);
      server.close();
      byte[] got = readExactly(client, accepted);
      assertArrayEquals(java.util.Arrays.copyOf(sent, accepted), got);
      assertEquals(-1, await(client.read(ByteBuffer.allocate(16))));
    }
  }

  @Test
  void manyClientsPingPong() throws Exception {
    String name = uniqueName();
    int clients = 10;
    ServerOptions options = new ServerOptions();
    NamedPipeServer server = options.create(name);
    List<CompletableFuture<Void>> done = new ArrayList<>();
    List<NamedPipeServer> served = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      int id = i;
      done.add(
          CompletableFuture.runAsync(
              () -> {
                try (NamedPipeClient c =
                    new ClientOptions().open(name, java.time.Duration.ofSeconds(30))) {
                  byte[] ping = ("ping-" + id).getBytes(US_ASCII);
                  writeAll(c, ping);
                  assertArrayEquals(ping, readExactly(c, ping.length));
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              }));
    }
    for (int i = 0; i < clients; i++) {
      await(server.connect());
      NamedPipeServer connected = server;
      server = options.create(name);
      served.add(connected);
      Thread.ofVirtual()
          .start(
              () -> {
                try (connected) {
                  ByteBuffer buf = ByteBuffer.allocate(64);
                  int n = await(connected.read(buf));
                  buf.flip().limit(n);
                  writeAll(connected, java.util.Arrays.copyOf(buf.array(), n));
                  await(connected.read(ByteBuffer.allocate(1)));
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
    }
    for (CompletableFuture<Void> f : done) {
      await(f);
    }
    server.close();
    assertEquals(clients, served.size());
  }
}
