package dev.npipe4j.internal.unix;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The server side of the handshake for one accepted connection. Runs on the driver thread only.
 *
 * <p>The peer's bound address tells the kind of client ({@link Wire#flagsOf}). Under {@link
 * Listener#LOCK}: a probe gets OK if an instance waits, BUSY otherwise, and is closed; an npipe4j
 * client gets OK and goes to the oldest waiting instance that allows its directions, or gets DENIED
 * if instances wait but none allows them, or BUSY if none waits ({@link InstanceLine#reply}). The
 * reply is written before the connection is handed over, so it precedes any data. A plain client is
 * sent nothing: it goes to the oldest waiting instance, or waits in line for one.
 */
final class Admission {
  private Admission() {}

  /** Decides the fate of an accepted connection. */
  static void admit(Listener listener, SocketChannel channel) {
    try {
      channel.configureBlocking(false);
      decide(listener, channel, Wire.flagsOf(peerName(channel)));
    } catch (IOException e) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing to report to.
      }
    }
  }

  private static String peerName(SocketChannel channel) throws IOException {
    return channel.getRemoteAddress() instanceof UnixDomainSocketAddress a
        ? a.getPath().toString()
        : "";
  }

  private static void decide(Listener listener, SocketChannel channel, int flags)
      throws IOException {
    synchronized (Listener.LOCK) {
      if (flags < 0) {
        listener.admitPlain(channel);
        return;
      }
      UnixServerIo chosen = listener.line.choose(flags);
      ByteBuffer reply = listener.line.reply(flags, chosen);
      channel.write(reply); // 20 bytes into an empty socket buffer: never partial
      if (chosen == null || reply.hasRemaining()) {
        channel.close();
        return;
      }
      chosen.connected(channel);
    }
  }
}
