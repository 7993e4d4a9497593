package dev.npipe4j.unix.interop;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipeClient;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether an npipe4j client that opens an absolute socket path talks to the socket as it is,
 * writing no byte of its own, which a plain server (Python's http.server) needs. A JDK server
 * socket watches what a fresh client sends first.
 */
final class PlainUnixSockets {
  private PlainUnixSockets() {}

  /** The first bytes of the npipe4j handshake's request. */
  private static final String HANDSHAKE_MAGIC = "NP4J";

  /** Why a test that needs plain sockets is skipped. */
  static final String MISSING =
      "npipe4j's Unix client still writes its handshake (\"NP4J...\") to an absolute socket"
          + " path, so it cannot talk to a plain server such as Python's http.server; this test"
          + " runs once such a client writes no byte of its own";

  /** Tells whether a client opening an absolute path writes nothing of its own. */
  static boolean clientsOpenPlainSockets(Path dir) throws Exception {
    Path path = dir.resolve("probe.sock");
    Files.deleteIfExists(path);
    try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      listener.bind(UnixDomainSocketAddress.of(path));
      CompletableFuture<NamedPipeClient> opening = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  opening.complete(new ClientOptions().open(path.toString()));
                } catch (Throwable e) {
                  opening.completeExceptionally(e);
                }
              });
      String sent;
      try (SocketChannel accepted = listener.accept()) {
        ByteBuffer first = ByteBuffer.allocate(HANDSHAKE_MAGIC.length());
        CompletableFuture<Integer> read = new CompletableFuture<>();
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    while (first.hasRemaining() && accepted.read(first) >= 0) {}
                    read.complete(first.position());
                  } catch (Throwable e) {
                    read.completeExceptionally(e);
                  }
                });
        try {
          read.get(2, TimeUnit.SECONDS);
          sent = new String(first.array(), 0, first.position(), US_ASCII);
        } catch (TimeoutException silent) {
          sent = "";
        }
      }
      try {
        opening.get(10, TimeUnit.SECONDS).close();
      } catch (Exception refused) {
        // A client still speaking the handshake fails once the probe closes: expected then.
      }
      return !sent.startsWith(HANDSHAKE_MAGIC);
    } finally {
      Files.deleteIfExists(path);
    }
  }
}
