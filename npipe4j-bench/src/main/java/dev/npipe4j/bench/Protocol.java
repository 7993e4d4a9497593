package dev.npipe4j.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The wire protocol that the harness, the C baselines and the Go baseline under {@code bench/} all
 * speak, so every row of BENCHMARKS.md compares the same work.
 *
 * <p>Each connection starts with a 13-byte little-endian header: op (1 byte), size (int), total
 * (long). The ops are the constants below.
 */
final class Protocol {
  private Protocol() {}

  /** The header's length in bytes. */
  static final int HEADER = 13;

  /** The server echoes messages of {@code size} bytes until end of stream. */
  static final byte ECHO = 'R';

  /** The server reads {@code total} bytes and answers one byte. */
  static final byte THROUGHPUT = 'T';

  /** The server answers one byte and waits for end of stream. */
  static final byte CONNECT = 'C';

  /** The server exits. */
  static final byte QUIT = 'Q';

  /** As {@link #ECHO}, on a thread of its own, so that many clients run at once. */
  static final byte MANY = 'M';

  /** The server answers one byte and keeps the connection open and idle. */
  static final byte IDLE = 'I';

  /**
   * The server answers 24 bytes: its heap used after GC, its NMT committed total (-1 without NMT)
   * and the number of idle connections it holds, after closing them if {@code size} is 1.
   */
  static final byte STATS = 'S';

  /** The length of the {@link #STATS} answer. */
  static final int STATS_REPLY = 24;

  /** A little-endian buffer of {@code n} bytes, direct or heap as {@code impl} wants. */
  static ByteBuffer alloc(Impl impl, int n) {
    ByteBuffer b = impl.direct() ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
    return b.order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Writes a connection's header. */
  static void header(Conn c, Impl impl, byte op, int size, long total) throws IOException {
    ByteBuffer h = alloc(impl, HEADER);
    h.put(op).putInt(size).putLong(total).flip();
    c.writeFully(h);
  }
}
