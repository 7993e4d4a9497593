package dev.npipe4j.internal.linux;

import static dev.npipe4j.internal.linux.libc.Macros.MSG_DONTWAIT;
import static dev.npipe4j.internal.linux.libc.Macros.MSG_NOSIGNAL;
import static dev.npipe4j.internal.linux.libc.Macros.MSG_TRUNC;

import dev.npipe4j.PipeException;
import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.Readiness;
import dev.npipe4j.internal.linux.libc.Errno;
import dev.npipe4j.internal.linux.libc.Libc;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * Messages of any size over {@code SOCK_SEQPACKET}.
 *
 * <p>A {@code SOCK_SEQPACKET} socket keeps the boundary of every packet, but a packet cannot be
 * larger than the sender's socket buffer (a few hundred KiB unless an administrator raises {@code
 * net.core.wmem_max}), and a packet of zero bytes reads like end of stream. So a message travels as
 * one or more packets of at most {@value #PACKET_BYTES} bytes, each starting with a 4-byte
 * big-endian header: how many bytes of the message follow this packet. The last packet's header is
 * 0, so a message of 0 bytes is a packet of header only, and a {@code recv} of 0 bytes is always
 * the socket's end. A message of 0 bytes ends the peer's side, as go-winio's {@code CloseWrite()}
 * does on Windows: byte reads return end of stream, and {@code readMessage} returns it once as an
 * empty message and end of stream after. Messages up to 2 GiB - 9 bytes (the largest Java array)
 * arrive whole.
 *
 * <p>Writing a message is all or nothing for the caller: if the socket takes the first packet, the
 * whole message is accepted, and packets the socket has no room for yet are kept as the <i>tail</i>
 * and sent by the driver thread as room appears. Until the tail is out the endpoint is not
 * writable, so the order of messages holds; closing the endpoint sends the tail before the socket
 * closes, as Windows delivers what a handle wrote before it was closed.
 *
 * <p>Reading: {@code read} returns bytes of one message at most (the rest of a message longer than
 * the buffer comes with the next reads, as {@code ERROR_MORE_DATA} on Windows), or, in {@link
 * Mode#BYTES}, bytes across messages. The message being read is kept whole in one array once its
 * first packet is in.
 */
final class Framing {
  static final int HEADER_BYTES = 4;

  /** The largest packet; its payload is {@value #PAYLOAD_BYTES} bytes. */
  static final int PACKET_BYTES = 64 * 1024;

  static final int PAYLOAD_BYTES = PACKET_BYTES - HEADER_BYTES;

  /** The largest message, that of the largest Java array. */
  static final long MAX_MESSAGE = Integer.MAX_VALUE - 8;

  private static final ValueLayout.OfInt HEADER =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  /** How the reader treats message boundaries. */
  enum Mode {
    /** Reads keep to one message, as {@code PIPE_READMODE_MESSAGE}. */
    MESSAGES,
    /** Reads run across messages, as {@code PIPE_READMODE_BYTE} on a message pipe. */
    BYTES
  }

  private final Connection conn;
  private final Mode mode;

  // Reader state, guarded by readLock: the message being read, whole once all its packets are in.
  private final Object readLock = new Object();
  private byte @Nullable [] message;
  private int consumed;
  private int filled;
  private boolean ended;

  // Writer state, guarded by writeLock.
  private final Object writeLock = new Object();

  /**
   * Written under writeLock; volatile so that {@link #hasTail()} reads it without the lock: the
   * connection asks while it holds its arming lock, which a writer takes while it holds writeLock.
   */
  private volatile @Nullable ByteBuffer tail;

  private boolean closeAfterTail;
  private boolean shutdownAfterTail;

  Framing(Connection conn, Mode mode) {
    this.conn = conn;
    this.mode = mode;
  }

  // ---------------------------------------------------------------- reading

  int read(ByteBuffer dst) throws IOException {
    if (!dst.hasRemaining()) {
      return 0;
    }
    synchronized (readLock) {
      int total = 0;
      while (dst.hasRemaining()) {
        if (message != null && consumed < filled) {
          int n = Math.min(dst.remaining(), filled - consumed);
          dst.put(message, consumed, n);
          consumed += n;
          total += n;
          if (consumed == message.length) {
            message = null;
            if (mode == Mode.MESSAGES) {
              return total; // a read never spans two messages
            }
          }
          continue;
        }
        long seen = conn.readiness().version();
        int r = receive();
        if (r == NONE) {
          if (total == 0) {
            conn.readiness().clear(Readiness.READABLE, seen);
          }
          return total;
        }
        if (r == END) {
          return total > 0 ? total : -1;
        }
        if (message != null && message.length == 0) {
          // A zero-length message ends the peer's side, as go-winio's CloseWrite does on Windows.
          message = null;
          ended = true;
          return total > 0 ? total : -1;
        }
      }
      return total;
    }
  }

  /** The bytes of the message being read that no read has returned yet. */
  int bytesRemaining() {
    synchronized (readLock) {
      return message == null ? 0 : message.length - consumed;
    }
  }

  /** The rest of the current message whole; see {@link PipeIo#readMessage()}. */
  byte @Nullable [] readMessage() throws IOException {
    synchronized (readLock) {
      while (message == null || filled < message.length) {
        long seen = conn.readiness().version();
        int r = receive();
        if (r == NONE) {
          conn.readiness().clear(Readiness.READABLE, seen);
          return null;
        }
        if (r == END) {
          return PipeIo.END_OF_STREAM;
        }
      }
      byte[] whole = message;
      int from = consumed;
      message = null;
      if (whole.length == 0) {
        ended = true; // reported once as an empty message, then end of stream
      }
      if (from == 0) {
        return whole;
      }
      return java.util.Arrays.copyOfRange(whole, from, whole.length);
    }
  }

  private static final int GOT = 0;
  private static final int NONE = 1;
  private static final int END = 2;

  /** Receives one packet into the current message. Caller holds readLock. */
  private int receive() throws IOException {
    if (ended) {
      return END;
    }
    conn.acquire();
    MemorySegment packet = Scratch.take();
    try {
      long n;
      do {
        n = Libc.recv(conn.fd.value, packet, PACKET_BYTES, MSG_DONTWAIT | MSG_TRUNC);
      } while (n < 0 && Libc.errno() == Errno.EINTR);
      if (n < 0) {
        int errno = Libc.errno();
        if (errno == Errno.EAGAIN) {
          return NONE;
        }
        if (errno != Errno.ECONNRESET) {
          throw conn.failure("recv", errno);
        }
        n = 0;
      }
      if (n == 0) {
        if (message != null) {
          throw protocol("the peer closed in the middle of a message");
        }
        ended = true;
        return END;
      }
      if (n < HEADER_BYTES || n > PACKET_BYTES) {
        throw protocol("a packet of " + n + " bytes is not an npipe4j message packet");
      }
      int payload = (int) n - HEADER_BYTES;
      long after = Integer.toUnsignedLong(packet.get(HEADER, 0));
      if (message == null) {
        long length = payload + after;
        if (length > MAX_MESSAGE) {
          throw protocol("a message of " + length + " bytes is larger than a Java array");
        }
        message = new byte[(int) length];
        consumed = 0;
        filled = 0;
      } else if (after != message.length - filled - payload) {
        throw protocol("a message packet does not continue the message being read");
      }
      MemorySegment.copy(packet, ValueLayout.JAVA_BYTE, HEADER_BYTES, message, filled, payload);
      filled += payload;
      return GOT;
    } finally {
      Scratch.give(packet);
      conn.fd.release();
    }
  }

  private PipeException protocol(String what) {
    return new PipeException(conn.pipe + ": " + what, Errno.EPROTO);
  }

  // ---------------------------------------------------------------- writing

  /** Writes one whole message, or nothing if the socket has no room: see the class comment. */
  int write(ByteBuffer src) throws IOException {
    int length = src.remaining();
    if (length == 0) {
      return 0;
    }
    synchronized (writeLock) {
      long seen = conn.readiness().version();
      if (tail != null && !sendTail(tail)) {
        conn.readiness().clear(Readiness.WRITABLE, seen);
        conn.arm();
        return 0;
      }
      ByteBuffer rest = src.duplicate();
      if (!sendPacket(rest)) {
        conn.readiness().clear(Readiness.WRITABLE, seen);
        return 0;
      }
      while (rest.hasRemaining()) {
        if (!sendPacket(rest)) {
          tail = ByteBuffer.allocate(rest.remaining()).put(rest).flip();
          conn.readiness().clear(Readiness.WRITABLE, seen);
          conn.arm();
          break;
        }
      }
      src.position(src.limit());
      return length;
    }
  }

  /**
   * Sends the next packet of {@code rest}, advancing it; the header says what follows.
   *
   * @return false if the socket has no room
   */
  private boolean sendPacket(ByteBuffer rest) throws IOException {
    int payload = Math.min(rest.remaining(), PAYLOAD_BYTES);
    conn.acquire();
    MemorySegment packet = Scratch.take();
    try {
      packet.set(HEADER, 0, rest.remaining() - payload);
      MemorySegment.copy(MemorySegment.ofBuffer(rest), 0, packet, HEADER_BYTES, payload);
      long n;
      do {
        n = Libc.send(conn.fd.value, packet, HEADER_BYTES + payload, MSG_DONTWAIT | MSG_NOSIGNAL);
      } while (n < 0 && Libc.errno() == Errno.EINTR);
      if (n < 0) {
        int errno = Libc.errno();
        if (errno == Errno.EAGAIN) {
          return false;
        }
        throw conn.failure("send", errno);
      }
      rest.position(rest.position() + payload);
      return true;
    } finally {
      Scratch.give(packet);
      conn.fd.release();
    }
  }

  /**
   * Sends what it can of the tail, {@code t}. Caller holds writeLock. Returns true once it is all
   * out.
   */
  private boolean sendTail(ByteBuffer t) throws IOException {
    while (t.hasRemaining()) {
      if (!sendPacket(t)) {
        return false;
      }
    }
    tail = null;
    return true;
  }

  /** True while packets of an accepted message wait for room. */
  boolean hasTail() {
    return tail != null; // no writeLock: see the field
  }

  /**
   * Sends what it can of the tail, on the driver thread, and finishes a close or a shutdown that
   * waited for it. A failure drops the tail: the peer is gone.
   *
   * @return true if nothing is left queued
   */
  boolean flushTail() {
    boolean close;
    boolean shutdown;
    synchronized (writeLock) {
      ByteBuffer t = tail;
      if (t == null) {
        return true;
      }
      try {
        if (!sendTail(t)) {
          return false;
        }
      } catch (IOException e) {
        tail = null;
      }
      close = closeAfterTail;
      shutdown = shutdownAfterTail;
    }
    try {
      if (shutdown && !close) {
        conn.shutdownWrite();
      }
    } catch (IOException ignored) {
      // The peer is gone; nothing is left to tell it.
    }
    if (close) {
      conn.closeNow();
    }
    return true;
  }

  /** Defers the close until the tail is out. Returns false if there is no tail. */
  boolean closeAfterTail() {
    synchronized (writeLock) {
      if (tail == null) {
        return false;
      }
      closeAfterTail = true;
    }
    conn.arm();
    return true;
  }

  /** Defers {@code shutdown(SHUT_WR)} until the tail is out. Returns false if there is no tail. */
  boolean shutdownAfterTail() {
    synchronized (writeLock) {
      if (tail == null) {
        return false;
      }
      shutdownAfterTail = true;
      return true;
    }
  }
}
