package dev.npipe4j.internal.unix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The server side of the handshake for one accepted connection. Runs on the driver thread only.
 *
 * <p>Reads the client's request, then, under {@link Listener#LOCK}: a probe gets OK if an instance
 * waits, BUSY otherwise, and is closed; a client gets OK and goes to the oldest waiting instance
 * that allows its directions, or gets DENIED if instances wait but none allows them, or BUSY if
 * none waits. The reply is written before the connection is handed over, so it precedes any data.
 */
final class Admission implements UnixDriver.Handler {
  /** How long a connected client may take to send its request. */
  private static final long REQUEST_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Listener listener;
  private final SocketChannel channel;
  private final ByteBuffer request = ByteBuffer.allocate(Wire.REQUEST_BYTES);

  /** True once decided or dropped. Confined to the driver thread. */
  private boolean finished;

  Admission(Listener listener, SocketChannel channel) {
    this.listener = listener;
    this.channel = channel;
  }

  /** Reads the request if it is there already, else waits for it. */
  void start() {
    try {
      channel.configureBlocking(false);
      if (!readRequest()) {
        listener.driver.register(channel, SelectionKey.OP_READ, this);
        listener.driver.at(System.nanoTime() + REQUEST_TIMEOUT_NANOS, this::drop);
      }
    } catch (IOException e) {
      drop();
    }
  }

  @Override
  public void onReady(SelectionKey key, int readyOps) {
    try {
      readRequest();
    } catch (IOException e) {
      drop();
    }
  }

  /** Returns true once the request was read and decided, or the connection dropped. */
  private boolean readRequest() throws IOException {
    if (finished) {
      return true;
    }
    int n = channel.read(request);
    if (n < 0) {
      drop(); // a probe of firstPipeInstance, or a client that gave up
      return true;
    }
    if (request.hasRemaining()) {
      return false;
    }
    decide(Wire.requestFlags(request));
    return true;
  }

  private void decide(int flags) throws IOException {
    finished = true;
    if (flags < 0) {
      channel.close(); // not an npipe4j client
      return;
    }
    // If the request came late, the channel is registered with this as attachment; the instance's
    // register call then takes the key over (same selector), with its own interest and handler.
    synchronized (Listener.LOCK) {
      UnixServerIo chosen = (flags & Wire.PROBE) != 0 ? null : listener.choose(flags);
      int status;
      if ((flags & Wire.PROBE) != 0) {
        status = listener.anyWaiting() ? Wire.OK : Wire.BUSY;
      } else if (chosen != null) {
        status = Wire.OK;
      } else {
        status = listener.anyWaiting() ? Wire.DENIED : Wire.BUSY;
      }
      ByteBuffer reply =
          chosen != null ? chosen.reply() : Wire.reply(status, 0, listener.maxInstances, 0, 0);
      channel.write(reply); // 20 bytes into an empty socket buffer: never partial
      if (chosen == null || reply.hasRemaining()) {
        channel.close();
        return;
      }
      chosen.connected(channel);
    }
  }

  private void drop() {
    if (!finished) {
      finished = true;
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing to report to.
      }
    }
  }
}
