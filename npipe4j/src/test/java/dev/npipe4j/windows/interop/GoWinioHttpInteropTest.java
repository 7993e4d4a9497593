package dev.npipe4j.windows.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipeSocket;
import dev.npipe4j.NamedPipeSocketAddress;
import dev.npipe4j.NamedPipeSocketFactory;
import dev.npipe4j.internal.windows.win32.Wine;
import dev.npipe4j.internal.windows.win32.WineDivergence;
import dev.npipe4j.interop.AbstractHttpInteropTest;
import dev.npipe4j.interop.RawHttp;
import dev.npipe4j.windows.interop.NativePeers.Peer;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The HTTP exchanges of {@link AbstractHttpInteropTest} against Go's net/http served over
 * go-winio's {@code ListenPipe} in message mode ({@code native/go}, the way the Docker engine
 * serves its API), so the half-close is go-winio's zero-byte message both ways.
 */
@EnabledOnOs(OS.WINDOWS)
class GoWinioHttpInteropTest extends AbstractHttpInteropTest {
  private static Peer server;
  private static NamedPipeSocketFactory factory;

  @BeforeAll
  static void startServer() throws Exception {
    String name = NativePeers.uniqueName("winio-http");
    server = Peer.start("winio-peer.exe", "http-server", name);
    server.awaitLine("ready", 60);
    if (Wine.isWine()) {
      // Wine divergence 15 (GO_WINIO_HOLDING_INSTANCE_TAKES_A_CLIENT): the first client of a
      // go-winio listener is never served under Wine. Spend it here.
      new ClientOptions().open(name, Duration.ofSeconds(30)).close();
    }
    // Docker writes its pipe this way in DOCKER_HOST.
    factory = new NamedPipeSocketFactory("npipe:" + name.replace('\\', '/'));
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theFirstClientOfAListenerIsServed() throws Exception {
    String name = NativePeers.uniqueName("winio-first");
    try (Peer fresh = Peer.start("winio-peer.exe", "http-server", name);
        NamedPipeSocket socket = new NamedPipeSocket()) {
      fresh.awaitLine("ready", 60);
      socket.connect(NamedPipeSocketAddress.of(name), 30_000);
      socket.setSoTimeout(5_000);
      String outcome;
      try {
        outcome = "served: " + RawHttp.exchange(socket, "GET", "/hello", null).text().strip();
      } catch (SocketTimeoutException e) {
        outcome = "no answer in 5 s";
      }
      System.out.println("divergence 15: the first client of a go-winio listener: " + outcome);
      WineDivergence.GO_WINIO_HOLDING_INSTANCE_TAKES_A_CLIENT.assumeWindowsBehaviour();
      assertEquals("served: hello from go-winio", outcome);
    }
  }

  @Override
  protected NamedPipeSocketFactory server() {
    return factory;
  }

  @Override
  protected String serverName() {
    return "go-winio";
  }
}
