package dev.npipe4j.netty;

import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.nio.NioIoEvent;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.nio.NioIoOps;
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
final class NioWaits extends RegisteredWaits implements NioIoHandle {
  private final SocketChannel socket;

  private boolean wantRead;
  private boolean wantWrite;

  /** The interest the registration has now. */
  private NioIoOps submitted = NioIoOps.NONE;

  NioWaits(NamedPipeChannel channel, IoEventLoop loop, SocketChannel socket) {
    super(channel);
    this.socket = socket;
    register(loop);
  }

  /** Submits the interest the channel's waits need, if it changed. */
  @Override
  void submitInterest() {
    if (!isRegistered()) {
      return; // registered later, with the interest as it is then
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
      submit(ops);
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
    submitInterest();
  }

  @Override
  void awaitReadable() {
    wantRead = true;
    submitInterest();
  }

  @Override
  void awaitWritable() {
    wantWrite = true;
    submitInterest();
  }
}
