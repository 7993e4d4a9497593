package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;

/**
 * How a {@link NamedPipeSocket} connects (timeouts, missing and busy pipes, a close while waiting),
 * what {@link NamedPipeSocketFactory} makes, and the TCP options a driver sets.
 */
abstract class AbstractSocketConnectContractTest extends PipeContractSupport {
  private static final int LONG_MILLIS = (int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS);

  /** {@code jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE}, as HttpClient 5 sets it on Linux. */
  private static final SocketOption<Integer> KEEP_IDLE = option("TCP_KEEPIDLE");

  /** An option with no meaning on a pipe. */
  private static final SocketOption<Integer> PEER_CRED = option("SO_PEERCRED");

  private static SocketOption<Integer> option(String name) {
    return new SocketOption<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Class<Integer> type() {
        return Integer.class;
      }
    };
  }

  @Test
  void aMissingPipeIsRefusedAtOnceWithoutATimeout() throws Exception {
    NamedPipeSocket s = new NamedPipeSocket();
    ConnectException e =
        assertThrows(
            ConnectException.class, () -> s.connect(NamedPipeSocketAddress.of(uniqueName())));
    assertInstanceOf(PipeNotFoundException.class, e.getCause());
    assertTrue(s.isClosed(), "a failed connect closes the socket");
    assertFalse(s.isConnected());
    assertThrows(ConnectException.class, () -> new NamedPipeSocket(uniqueName()));
  }

  @Test
  void aMissingPipeTimesOutWithATimeout() throws Exception {
    long start = System.nanoTime();
    try (NamedPipeSocket s = new NamedPipeSocket()) {
      assertThrows(
          SocketTimeoutException.class,
          () -> s.connect(NamedPipeSocketAddress.of(uniqueName()), 300));
    }
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(waited >= 250, "gave up after " + waited + " ms of a 300 ms timeout");
  }

  @Test
  void connectWaitsForThePipeToAppear() throws Exception {
    String name = uniqueName();
    CompletableFuture<NamedPipeSocket> connecting = connectInBackground(name, LONG_MILLIS);
    Thread.sleep(pendingGrace().toMillis());
    assertFalse(connecting.isDone());
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      CompletableFuture<Void> accepted = server.connect();
      try (NamedPipeSocket s = await(connecting)) {
        await(accepted);
        s.getOutputStream().write(ascii("late"));
        assertArrayEquals(ascii("late"), readExactly(server, 4));
      }
    }
  }

  @Test
  void aBusyPipeTimesOutAndACloseEndsTheWait() throws Exception {
    String name = uniqueName();
    try (Pair busy =
        connectedPair(name, new ServerOptions().maxInstances(1), new ClientOptions())) {
      try (NamedPipeSocket s = new NamedPipeSocket()) {
        assertThrows(
            SocketTimeoutException.class, () -> s.connect(NamedPipeSocketAddress.of(name), 300));
      }
      NamedPipeSocket waiting = new NamedPipeSocket();
      CompletableFuture<Void> connect = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  waiting.connect(NamedPipeSocketAddress.of(name), 0);
                  connect.complete(null);
                } catch (Throwable e) {
                  connect.completeExceptionally(e);
                }
              });
      Thread.sleep(pendingGrace().toMillis());
      assertFalse(connect.isDone(), "waits without limit while the instance is busy");
      waiting.close();
      assertInstanceOf(SocketException.class, failure(connect));
      assertTrue(busy.client().isOpen());
    }
  }

  @Test
  void connectNeedsAPipeAddressUnlessTheFactoryNamesThePipe() throws Exception {
    String name = uniqueName();
    try (NamedPipeSocket plain = new NamedPipeSocket()) {
      assertThrows(
          IllegalArgumentException.class,
          () -> plain.connect(InetSocketAddress.createUnresolved("db.example", 1433), 1000));
      assertFalse(plain.isClosed(), "a refused argument leaves the socket as it was");
    }
    SocketFactory factory = new NamedPipeSocketFactory(name);
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      CompletableFuture<Void> accepted = server.connect();
      try (Socket s = factory.createSocket()) {
        assertFalse(s.isConnected());
        s.connect(InetSocketAddress.createUnresolved("db.example", 1433), LONG_MILLIS);
        await(accepted);
        assertTrue(s.isConnected());
        assertThrows(SocketException.class, () -> s.connect(NamedPipeSocketAddress.of(name)));
        s.getOutputStream().write(ascii("via"));
        assertArrayEquals(ascii("via"), readExactly(server, 3));
      }
      server.disconnect();
      accepted = server.connect();
      try (Socket s = factory.createSocket("db.example", 3306)) {
        await(accepted);
        assertTrue(s.isConnected());
        s.getOutputStream().write(ascii("two"));
        assertArrayEquals(ascii("two"), readExactly(server, 3));
      }
    }
  }

  @Test
  void theFactoryReadsItsPropertyAndDockersForm() {
    String old = System.getProperty(NamedPipeSocketFactory.PIPE_PROPERTY);
    try {
      System.clearProperty(NamedPipeSocketFactory.PIPE_PROPERTY);
      IllegalStateException unset =
          assertThrows(IllegalStateException.class, NamedPipeSocketFactory::new);
      assertTrue(unset.getMessage().contains(NamedPipeSocketFactory.PIPE_PROPERTY));
      System.setProperty(NamedPipeSocketFactory.PIPE_PROPERTY, "npipe:////./pipe/docker_engine");
      assertEquals("\\\\.\\pipe\\docker_engine", new NamedPipeSocketFactory().pipe().name());
    } finally {
      if (old == null) {
        System.clearProperty(NamedPipeSocketFactory.PIPE_PROPERTY);
      } else {
        System.setProperty(NamedPipeSocketFactory.PIPE_PROPERTY, old);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> new NamedPipeSocketFactory("pipe"));
  }

  @Test
  void tcpOptionsAreAcceptedAndRemembered() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      server.connect();
      try (NamedPipeSocket s = new NamedPipeSocket(name)) {
        assertFalse(s.getTcpNoDelay());
        s.setTcpNoDelay(true);
        assertTrue(s.getTcpNoDelay());
        s.setKeepAlive(true);
        assertTrue(s.getKeepAlive());
        s.setSoLinger(true, 5);
        assertEquals(5, s.getSoLinger());
        s.setSoLinger(false, 0);
        assertEquals(-1, s.getSoLinger());
        s.setSendBufferSize(1 << 20);
        assertEquals(1 << 20, s.getSendBufferSize());
        s.setReceiveBufferSize(1 << 16);
        assertEquals(1 << 16, s.getReceiveBufferSize());
        s.setReuseAddress(true);
        s.setTrafficClass(0x10);
        assertEquals(0x10, s.getTrafficClass());
        s.setOOBInline(true);
        s.setPerformancePreferences(0, 1, 2);
        s.setOption(StandardSocketOptions.TCP_NODELAY, false);
        assertFalse(s.getOption(StandardSocketOptions.TCP_NODELAY));
        assertTrue(s.supportedOptions().contains(StandardSocketOptions.SO_KEEPALIVE));
        assertThrows(
            IllegalArgumentException.class, () -> s.setOption(StandardSocketOptions.SO_RCVBUF, 0));
        s.setOption(KEEP_IDLE, 60);
        assertEquals(60, s.getOption(KEEP_IDLE));
        assertThrows(UnsupportedOperationException.class, () -> s.setOption(PEER_CRED, 1));
        assertThrows(SocketException.class, () -> s.sendUrgentData(1));
        // Not InetAddress.getLoopbackAddress(): it queries the interfaces, which kills the
        // Windows JVM under Wine 8 (iphlpapi), as UUID seeding would without the test provider.
        assertTrue(s.getInetAddress().isLoopbackAddress());
        assertArrayEquals(new byte[] {127, 0, 0, 1}, s.getLocalAddress().getAddress());
        assertEquals(0, s.getPort());
        assertEquals(s.getRemoteSocketAddress(), s.getLocalSocketAddress());
        assertNull(s.getChannel());
        s.bind(null);
        assertThrows(
            SocketException.class,
            () -> s.bind(InetSocketAddress.createUnresolved("db.example", 0)));
        assertTrue(s.toString().contains(name), s.toString());
      }
    }
  }

  private static CompletableFuture<NamedPipeSocket> connectInBackground(String name, int timeout) {
    CompletableFuture<NamedPipeSocket> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                NamedPipeSocket s = new NamedPipeSocket();
                s.connect(NamedPipeSocketAddress.of(name), timeout);
                result.complete(s);
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }
}
