package dev.npipe4j.netty;

import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.nio.NioIoEvent;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.nio.NioIoOps;
import io.netty.util.concurrent.Future;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;

/**
 * Waiting in the loop's own selector, on NIO's loops with the library's JDK socket backend: the
 * pipe's non-blocking {@link SocketChannel} is registered there too (the library's selector keeps
 * its own key), and its readiness runs the channel's steps on the loop thread.
 *
 * <p>The selector is level-triggered: read interest is on while the channel waits to read, write
 * interest while a write waits for room, so a ready socket the channel does not want does not spin
 * the loop. Closing the pipe closes the socket channel, and the JDK lets go of the descriptor only
 * once every selector has dropped its key.
 */
final class NioWaits extends PipeWaits implements NioIoHandle {
  private final NamedPipeChannel channel;
  private final SocketChannel socket;

  private IoRegistration registration;
  private boolean closed;
  private boolean wantRead;
  private boolean wantWrite;

  /** The interest the registration has now. */
  private NioIoOps submitted = NioIoOps.NONE;

  NioWaits(NamedPipeChannel channel, IoEventLoop loop, SocketChannel socket) {
    this.channel = channel;
    this.socket = socket;
    Future<IoRegistration> registered = loop.register(this);
    if (registered.isDone()) {
      registered(registered);
    } else {
      registered.addListener(f -> registered(registered));
    }
  }

  private void registered(Future<IoRegistration> f) {
    if (!f.isSuccess()) {
      channel.waitsFailed(f.cause());
      return;
    }
    registration = f.getNow();
    if (closed) {
      registration.cancel();
      return;
    }
    update();
  }

  /** Submits the interest the channel's waits need, if it changed. */
  private void update() {
    if (registration == null || closed) {
      return;
    }
    NioIoOps ops = NioIoOps.NONE;
    if (wantRead) {
      ops = ops.with(NioIoOps.READ);
    }
    if (wantWrite) {
      ops = ops.with(NioIoOps.WRITE);
    }
    if (!ops.equals(submitted)) {
      submitted = ops;
      try {
        registration.submit(ops);
      } catch (RuntimeException e) {
        channel.waitsFailed(e);
      }
    }
  }

  @Override
  public SelectableChannel selectableChannel() {
    return socket;
  }

  @Override
  public void handle(IoRegistration registration, IoEvent event) {
    NioIoOps ops = ((NioIoEvent) event).ops();
    if (ops.contains(NioIoOps.WRITE) && wantWrite) {
      wantWrite = false;
      channel.writeReady();
    }
    if (ops.contains(NioIoOps.READ) && wantRead && !closed) {
      wantRead = false;
      channel.readReady(); // asks again through awaitReadable if it still wants to read
    }
    update();
  }

  @Override
  void awaitReadable() {
    wantRead = true;
    update();
  }

  @Override
  void awaitWritable() {
    wantWrite = true;
    update();
  }

  @Override
  void stop() {
    if (closed) {
      return;
    }
    closed = true;
    if (registration != null) {
      registration.cancel();
    }
  }

  @Override
  public void close() {
    // The loop is shutting down: its registrations end, and so does the channel.
    channel.unsafe().close(channel.unsafe().voidPromise());
  }
}
