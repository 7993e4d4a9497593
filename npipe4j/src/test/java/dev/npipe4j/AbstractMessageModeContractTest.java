package dev.npipe4j;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Message mode ({@link PipeMode#MESSAGE}) on every backend that has it: boundaries of messages of
 * any size, partial reads, whole-message reads, and byte reads of a message pipe. Windows and Linux
 * run it through thin subclasses.
 */
abstract class AbstractMessageModeContractTest extends PipeContractSupport {
  /** Each task on a thread of its own: the common pool has one worker on a 2-core machine. */
  private static final java.util.concurrent.Executor OWN_THREAD =
      task -> Thread.ofVirtual().start(task);

  private Pair messagePair() throws Exception {
    return connectedPair(
        uniqueName(),
        new ServerOptions().pipeMode(PipeMode.MESSAGE),
        new ClientOptions().pipeMode(PipeMode.MESSAGE));
  }

  /** Reads one whole message in message mode: until no byte of it is left. */
  static byte[] readMessage(NamedPipe pipe, int capacity) throws Exception {
    ByteBuffer dst = ByteBuffer.allocate(capacity);
    do {
      int r = await(pipe.read(dst));
      assertTrue(r > 0, "message read returned " + r);
    } while (pipe.messageBytesRemaining() > 0 && dst.hasRemaining());
    return java.util.Arrays.copyOf(dst.array(), dst.position());
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void infoReportsModeEndAndInstances() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server =
            new ServerOptions().pipeMode(PipeMode.MESSAGE).maxInstances(5).create(name);
        NamedPipeClient client = new ClientOptions().pipeMode(PipeMode.MESSAGE).open(name)) {
      PipeInfo s = server.info();
      assertEquals(PipeMode.MESSAGE, s.mode());
      assertEquals(PipeEnd.SERVER, s.end());
      assertEquals(5, s.maxInstances());
      PipeInfo c = client.info();
      assertEquals(PipeEnd.CLIENT, c.end());
      assertEquals(PipeMode.MESSAGE, c.mode());
      assertEquals(5, c.maxInstances());
    }
  }

  @Test
  void tenFiveByteMessagesEachWayKeepTheirBoundaries() throws Exception {
    try (Pair p = messagePair()) {
      for (NamedPipe[] pair :
          new NamedPipe[][] {{p.client(), p.server()}, {p.server(), p.client()}}) {
        for (int i = 0; i < 10; i++) {
          writeAll(pair[0], ("msg-" + i).getBytes(US_ASCII));
        }
        for (int i = 0; i < 10; i++) {
          ByteBuffer dst = ByteBuffer.allocate(100);
          assertEquals(5, await(pair[1].read(dst)));
          assertEquals("msg-" + i, new String(dst.array(), 0, 5, US_ASCII));
          assertEquals(0, pair[1].messageBytesRemaining());
        }
      }
    }
  }

  @Test
  void byteModeMergesWrites() throws Exception {
    try (Pair p = connectedPair()) {
      for (int i = 0; i < 10; i++) {
        writeAll(p.client(), ("msg-" + i).getBytes(US_ASCII));
      }
      // Let every write land before reading, so the reader finds them together.
      Thread.sleep(200);
      int reads = 0;
      ByteBuffer dst = ByteBuffer.allocate(100);
      while (dst.position() < 50) {
        assertTrue(await(p.server().read(dst)) > 0);
        reads++;
      }
      assertEquals(50, dst.position());
      assertTrue(reads < 10, "50 bytes of 10 writes took " + reads + " reads: nothing merged");
    }
  }

  @Test
  void eightKiBMessagesWrittenBeforeTheReaderStartsArriveWhole() throws Exception {
    try (Pair p =
        connectedPair(
            uniqueName(),
            new ServerOptions().pipeMode(PipeMode.MESSAGE).inBufferSize(1 << 20),
            new ClientOptions().pipeMode(PipeMode.MESSAGE))) {
      byte[][] sent = new byte[4][];
      for (int i = 0; i < sent.length; i++) {
        sent[i] = random(8192, i);
        writeAll(p.client(), sent[i]);
      }
      Thread.sleep(100);
      for (byte[] expected : sent) {
        assertArrayEquals(expected, readMessage(p.server(), 1 << 16));
      }
    }
  }

  @Test
  void largeMessagesArriveWholeAndExact() throws Exception {
    try (Pair p = messagePair()) {
      for (int size : new int[] {64 * 1024, 200_000, 1 << 20, 4 << 20}) {
        byte[] sent = random(size, size);
        CompletableFuture<byte[]> received =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return readMessage(p.server(), 8 << 20);
                  } catch (Exception e) {
                    throw new RuntimeException(e);
                  }
                },
                OWN_THREAD);
        writeAll(p.client(), sent);
        byte[] got = received.get(60, TimeUnit.SECONDS);
        assertEquals(size, got.length, "message of " + size + " bytes");
        assertArrayEquals(sent, got);
      }
    }
  }

  @Test
  void aMessageLongerThanTheBufferComesInPartsThatStayInIt() throws Exception {
    try (Pair p = messagePair()) {
      byte[] big = random(300_000, 7);
      // More than a pipe buffer holds: the writes finish as the reader drains them.
      CompletableFuture<Void> writing =
          CompletableFuture.runAsync(
              () -> {
                try {
                  writeAll(p.client(), big);
                  writeAll(p.client(), ascii("next"));
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              },
              OWN_THREAD);
      ByteBuffer part = ByteBuffer.allocate(100_000);
      int total = 0;
      while (total < big.length) {
        part.clear();
        int n = await(p.server().read(part));
        assertTrue(n > 0 && total + n <= big.length, "read " + n + " after " + total);
        assertArrayEquals(
            java.util.Arrays.copyOfRange(big, total, total + n),
            java.util.Arrays.copyOf(part.array(), n));
        total += n;
        assertEquals(big.length - total, p.server().messageBytesRemaining());
      }
      assertArrayEquals(ascii("next"), readMessage(p.server(), 100));
      await(writing);
    }
  }

  @Test
  void readMessageReturnsWholeMessagesThenNullAtEndOfStream() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().pipeMode(PipeMode.MESSAGE).create(name)) {
      NamedPipeClient client = new ClientOptions().pipeMode(PipeMode.MESSAGE).open(name);
      await(server.connect());
      byte[][] sent = {random(1, 1), random(70_000, 2), random(1 << 20, 3), random(10, 4)};
      CompletableFuture<Void> writing =
          CompletableFuture.runAsync(
              () -> {
                try {
                  for (byte[] m : sent) {
                    writeAll(client, m);
                  }
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              },
              OWN_THREAD);
      for (byte[] expected : sent) {
        assertArrayEquals(expected, await(server.readMessage()));
      }
      await(writing);
      // Part of a message through read(), the rest through readMessage().
      writeAll(client, "head+tail".getBytes(US_ASCII));
      ByteBuffer head = ByteBuffer.allocate(5);
      assertEquals(5, await(server.read(head)));
      assertArrayEquals("tail".getBytes(US_ASCII), await(server.readMessage()));
      client.close();
      assertNull(await(server.readMessage()));
    }
  }

  @Test
  void gatheringWriteIsOneMessage() throws Exception {
    try (Pair p = messagePair()) {
      ByteBuffer[] parts = {
        ByteBuffer.wrap(ascii("one-")), ByteBuffer.wrap(ascii("two-")), ByteBuffer.wrap(ascii("3"))
      };
      long n = 0;
      while (n == 0) {
        n = p.client().tryWrite(parts);
        if (n == 0) {
          await(p.client().writable());
        }
      }
      assertEquals(9, n);
      assertArrayEquals(ascii("one-two-3"), await(p.server().readMessage()));
    }
  }

  @Test
  void aByteModeClientReadsAMessagePipeAsBytes() throws Exception {
    try (Pair p =
        connectedPair(
            uniqueName(), new ServerOptions().pipeMode(PipeMode.MESSAGE), new ClientOptions())) {
      assertEquals(PipeMode.MESSAGE, p.client().info().mode());
      writeAll(p.server(), ascii("abc"));
      writeAll(p.server(), ascii("defg"));
      assertArrayEquals(ascii("abcdefg"), readExactly(p.client(), 7));
      assertThrows(UnsupportedOperationException.class, p.client()::readMessage);
    }
  }

  @Test
  void readMessageNeedsMessageReadMode() throws Exception {
    try (Pair p = connectedPair()) {
      assertThrows(UnsupportedOperationException.class, p.server()::readMessage);
      assertThrows(UnsupportedOperationException.class, p.client()::readMessage);
    }
  }
}
