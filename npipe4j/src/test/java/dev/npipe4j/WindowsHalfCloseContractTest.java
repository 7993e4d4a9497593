package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The half-close on Win32 named pipes: a zero-length message on a pipe of message type, read as end
 * of stream by a client in either read mode; refused on a pipe of byte type.
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsHalfCloseContractTest extends AbstractHalfCloseContractTest {
  @Override
  protected ServerOptions halfCloseServer() {
    return new ServerOptions().pipeMode(PipeMode.MESSAGE);
  }

  @Test
  void aBytePipeRefusesClearly() throws Exception {
    try (Pair p = connectedPair()) {
      UnsupportedOperationException e =
          assertThrows(UnsupportedOperationException.class, () -> p.client().closeWrite());
      assertTrue(e.getMessage().contains("PipeMode.MESSAGE"), e.getMessage());
      assertThrows(UnsupportedOperationException.class, () -> p.server().closeWrite());
      // Refused, not half done: both directions still work.
      writeAll(p.client(), ascii("still"));
      assertArrayEquals(ascii("still"), readExactly(p.server(), 5));
      writeAll(p.server(), ascii("open"));
      assertArrayEquals(ascii("open"), readExactly(p.client(), 4));
    }
  }

  @Test
  void readMessageReportsTheEmptyMessageOnceThenEndOfStream() throws Exception {
    try (Pair p =
        connectedPair(
            uniqueName(), halfCloseServer(), new ClientOptions().pipeMode(PipeMode.MESSAGE))) {
      writeAll(p.client(), ascii("one"));
      p.client().closeWrite();
      assertArrayEquals(ascii("one"), await(p.server().readMessage()));
      byte[] empty = await(p.server().readMessage());
      assertNotNull(empty, "the zero-length message is not the end of the pipe");
      assertEquals(0, empty.length);
      assertNull(await(p.server().readMessage()), "after it, end of stream");
      assertEquals(-1, p.server().tryRead(ByteBuffer.allocate(4)));
      // The other direction: a message-read-mode client sees the server's half-close too.
      writeAll(p.server(), ascii("two"));
      p.server().closeWrite();
      byte[] two = await(p.client().readMessage());
      assertArrayEquals(ascii("two"), two);
      byte[] end = await(p.client().readMessage());
      assertNotSame(null, end);
      assertEquals(0, end.length);
      assertEquals(-1, p.client().inputStream().read());
    }
  }
}
