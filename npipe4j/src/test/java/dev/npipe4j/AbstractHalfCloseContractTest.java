package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@link NamedPipe#closeWrite()}: the peer reads end of stream after every byte written before, and
 * the conversation goes on in the other direction. A backend names the server options whose pipes
 * have a half-close (byte mode on Unix, message mode on Windows).
 */
abstract class AbstractHalfCloseContractTest extends PipeContractSupport {
  /** Hook: options for a server whose pipes support closeWrite. */
  protected abstract ServerOptions halfCloseServer();

  /** Hook: options for a client of such a server. */
  protected ClientOptions halfCloseClient() {
    return new ClientOptions();
  }

  private Pair pair(String name) throws Exception {
    return connectedPair(name, halfCloseServer(), halfCloseClient());
  }

  @Test
  void theServerReadsEndOfStreamAndStillAnswers() throws Exception {
    try (Pair p = pair(uniqueName())) {
      p.client().outputStream().write(ascii("request body"));
      p.client().closeWrite();
      assertArrayEquals(ascii("request body"), p.server().inputStream().readAllBytes());
      // End of stream stays: every view reads it again.
      assertEquals(-1, p.server().inputStream().read());
      assertEquals(-1, await(p.server().read(ByteBuffer.allocate(8))));
      assertEquals(-1, p.server().blockingChannel().read(ByteBuffer.allocate(8)));
      p.server().outputStream().write(ascii("answer"));
      p.server().close();
      assertArrayEquals(ascii("answer"), p.client().inputStream().readAllBytes());
    }
  }

  @Test
  void theServerCanHalfCloseToo() throws Exception {
    try (Pair p = pair(uniqueName())) {
      writeAll(p.server(), ascii("greeting"));
      p.server().closeWrite();
      InputStream in = p.client().inputStream();
      assertArrayEquals(ascii("greeting"), in.readNBytes(8));
      assertEquals(-1, in.read());
      assertEquals(-1, p.client().tryRead(ByteBuffer.allocate(1)));
      writeAll(p.client(), ascii("reply"));
      assertArrayEquals(ascii("reply"), readExactly(p.server(), 5));
    }
  }

  @Test
  void writesAfterCloseWriteFailAndItIsIdempotent() throws Exception {
    try (Pair p = pair(uniqueName())) {
      p.client().closeWrite();
      p.client().closeWrite();
      assertThrows(ClosedChannelException.class, () -> p.client().tryWrite(ByteBuffer.allocate(1)));
      Throwable async = failure(p.client().write(ByteBuffer.allocate(1)));
      assertInstanceOf(ClosedChannelException.class, async);
      assertThrows(ClosedChannelException.class, () -> p.client().outputStream().write(1));
      assertTrue(await(p.client().ready(Interest.WRITABLE)).isWriteClosed());
      assertEquals(-1, p.server().inputStream().read());
      assertTrue(p.client().isOpen(), "closeWrite leaves the pipe open");
    }
  }

  @Test
  void bytesInFlightArriveBeforeTheEnd() throws Exception {
    // More than the pipe buffers hold, so the write is still in flight when closeWrite runs.
    byte[] big = pattern(4 << 20);
    try (Pair p = pair(uniqueName())) {
      ByteBuffer src = ByteBuffer.wrap(big);
      int accepted = await(p.client().write(src));
      assertTrue(accepted > 0);
      CompletableFuture<byte[]> received = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  received.complete(p.server().inputStream().readAllBytes());
                } catch (IOException e) {
                  received.completeExceptionally(e);
                }
              });
      p.client().closeWrite();
      byte[] got = await(received);
      assertEquals(accepted, got.length, "bytes before end of stream");
      assertArrayEquals(java.util.Arrays.copyOf(big, accepted), got);
    }
  }

  @Test
  void aDisconnectForgetsTheHalfClose() throws Exception {
    String name = uniqueName();
    try (Pair p = pair(name)) {
      p.client().closeWrite();
      p.server().closeWrite();
      assertEquals(-1, p.server().inputStream().read());
      p.client().close();
      p.server().disconnect();
      CompletableFuture<Void> connected = p.server().connect();
      try (NamedPipeClient next = halfCloseClient().open(name, java.time.Duration.ofSeconds(30))) {
        await(connected);
        writeAll(next, ascii("next"));
        assertArrayEquals(ascii("next"), readExactly(p.server(), 4));
        writeAll(p.server(), ascii("back"));
        assertArrayEquals(ascii("back"), readExactly(next, 4));
      }
    }
  }

  @Test
  void closeWriteOnAClosedPipeFails() throws Exception {
    Pair p = pair(uniqueName());
    p.close();
    assertThrows(ClosedChannelException.class, () -> p.client().closeWrite());
    assertThrows(ClosedChannelException.class, () -> p.server().closeWrite());
  }
}
