package dev.npipe4j.internal.unix;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The handshake between npipe4j peers of a {@code \\.\pipe\} name on Unix, negotiated so that a
 * plain peer never sees a byte of it.
 *
 * <p>A Unix socket knows nothing of named-pipe semantics, so the handshake carries them. The
 * <b>request</b> travels out of band: before it connects, the client binds its socket to a name in
 * the pipe's socket directory made by {@link #clientName} (the request flags: read, write, or only
 * probe for a free instance), and deletes the file once connected; the listener reads the name from
 * {@code accept}'s peer address. The listener answers such a client, and only such a client, with a
 * <b>reply</b> of 20 big-endian bytes: magic {@code "NP4J"}, version, a status (OK, BUSY, DENIED),
 * the instance's directions, its instance limit and its buffer sizes. Only an OK hands the
 * connection to a server instance; BUSY and DENIED are followed by a close. So a client that is
 * refused never uses up an instance, which is what Windows does, and the client learns the pipe's
 * {@code PipeInfo}.
 *
 * <p>A client that binds nothing (socat, Python, Go, C, or npipe4j opening a socket path) is a
 * plain client: it is sent nothing and gets an instance as it comes.
 */
public final class Wire {
  private Wire() {}

  public static final int MAGIC = 0x4E50_344A; // "NP4J"
  public static final byte VERSION = 2;

  public static final int REPLY_BYTES = 20;

  // Request flags, in the client's bound name.
  public static final int WANT_READ = 1;
  public static final int WANT_WRITE = 2;
  public static final int PROBE = 4;

  // Reply status.
  public static final int OK = 0;
  public static final int BUSY = 1;
  public static final int DENIED = 2;

  // Reply flags: the server instance's directions.
  public static final int INBOUND = 1;
  public static final int OUTBOUND = 2;

  /** Tells whether an instance created with {@code config} admits a client's request flags. */
  public static boolean allows(dev.npipe4j.internal.ServerConfig config, int requestFlags) {
    return ((requestFlags & WANT_WRITE) == 0 || config.accessInbound())
        && ((requestFlags & WANT_READ) == 0 || config.accessOutbound());
  }

  /** The OK reply describing an instance created with {@code config}. */
  public static ByteBuffer okReply(dev.npipe4j.internal.ServerConfig config, int maxInstances) {
    int flags = (config.accessInbound() ? INBOUND : 0) | (config.accessOutbound() ? OUTBOUND : 0);
    return reply(OK, flags, maxInstances, config.outBufferSize(), config.inBufferSize());
  }

  /**
   * Refuses a security descriptor, which only Windows has.
   *
   * @throws UnsupportedOperationException if {@code config} has one
   */
  public static void refuseSecurityDescriptor(dev.npipe4j.internal.ServerConfig config) {
    if (config.securityDescriptor() != null) {
      throw new UnsupportedOperationException(
          "security descriptors exist on Windows only; on Unix the socket lives in a directory"
              + " only the current user can enter");
    }
  }

  /** How the name a client binds its socket to starts; see {@link #clientName}. */
  public static final String CLIENT_PREFIX = "npipe4j.2.";

  private static final java.security.SecureRandom NONCES = new java.security.SecureRandom();

  /**
   * The name an npipe4j client binds its socket to before it connects to a pipe name: the prefix,
   * the request flags in decimal, and a random nonce, dot-separated. The listener reads it from
   * {@code accept}'s peer address, so the request costs no byte on the connection.
   */
  public static String clientName(int flags) {
    return CLIENT_PREFIX + flags + "." + Long.toHexString(NONCES.nextLong());
  }

  /**
   * The request flags in a peer's bound name (an abstract name, or the last element of a path), or
   * -1 if the peer is not an npipe4j client (unbound, or bound to any other name).
   */
  public static int flagsOf(String peerName) {
    int slash = peerName.lastIndexOf('/');
    String name = peerName.substring(slash + 1);
    if (name.startsWith(".")) {
      name = name.substring(1);
    }
    if (!name.startsWith(CLIENT_PREFIX)) {
      return -1;
    }
    int end = name.indexOf('.', CLIENT_PREFIX.length());
    if (end < 0) {
      return -1;
    }
    try {
      int flags = Integer.parseInt(name.substring(CLIENT_PREFIX.length(), end));
      return flags >= 0 && flags <= (WANT_READ | WANT_WRITE | PROBE) ? flags : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Encodes a reply into a new buffer, ready to send. */
  public static ByteBuffer reply(int status, int flags, int maxInstances, int outBuf, int inBuf) {
    return ByteBuffer.allocate(REPLY_BYTES)
        .putInt(MAGIC)
        .put(VERSION)
        .put((byte) status)
        .put((byte) flags)
        .put((byte) 0)
        .putInt(maxInstances)
        .putInt(outBuf)
        .putInt(inBuf)
        .flip();
  }

  /** A decoded reply. */
  public record Reply(
      int status, int flags, int maxInstances, int outBufferSize, int inBufferSize) {
    /** Decodes a complete reply, or returns null if it is not a reply of this version. */
    public static @Nullable Reply decode(ByteBuffer b) {
      if (b.getInt(0) != MAGIC || b.get(4) != VERSION) {
        return null;
      }
      return new Reply(b.get(5) & 0xFF, b.get(6) & 0xFF, b.getInt(8), b.getInt(12), b.getInt(16));
    }
  }
}
