package dev.npipe4j.netty;

import dev.npipe4j.NamedPipeClient;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import java.net.SocketAddress;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ConnectionPendingException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A client channel's connect: opens the pipe on the library's thread, waiting up to the connect
 * timeout, then completes the promise on the channel's loop. A pipe that opens after the promise
 * was cancelled, or after the channel closed, is closed at once.
 */
final class ClientConnect {
  /** Netty's connect timeout of 0: no timeout, so the open waits as long as it takes. */
  private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

  private ClientConnect() {}

  /** Runs on the channel's loop. */
  static void start(NamedPipeChannel channel, SocketAddress remote, ChannelPromise promise) {
    if (!promise.setUncancellable() || !channel.isOpen()) {
      return;
    }
    if (channel.isActive()) {
      promise.setFailure(new AlreadyConnectedException());
      return;
    }
    if (!(remote instanceof NamedPipeAddress address)) {
      promise.setFailure(
          new IllegalArgumentException(
              "a NamedPipeChannel connects to a NamedPipeAddress, not "
                  + (remote == null ? "null" : remote.getClass().getName())));
      return;
    }
    if (channel.connecting) {
      promise.setFailure(new ConnectionPendingException());
      return;
    }
    CompletableFuture<NamedPipeClient> open;
    try {
      int timeout = channel.config().getConnectTimeoutMillis();
      open =
          channel
              .config()
              .clientOptions()
              .openAsync(address.name(), timeout > 0 ? Duration.ofMillis(timeout) : FOREVER);
    } catch (RuntimeException e) {
      promise.setFailure(e);
      return;
    }
    channel.connecting = true;
    EventLoop loop = channel.eventLoop();
    open.whenComplete(
        (client, error) -> {
          Runnable finish = () -> finish(channel, address, promise, client, error);
          if (client == null) {
            EventLoops.hop(loop, finish, null);
          } else {
            EventLoops.hop(loop, finish, client);
          }
        });
  }

  private static void finish(
      NamedPipeChannel channel,
      NamedPipeAddress address,
      ChannelPromise promise,
      NamedPipeClient client,
      Throwable error) {
    channel.connecting = false;
    if (error != null) {
      Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      // Closed first, so that whoever the failure wakes finds the channel closed.
      channel.unsafe().closeForcibly();
      promise.tryFailure(cause);
      return;
    }
    if (!channel.isOpen()) {
      EventLoops.closeQuietly(client);
      promise.tryFailure(new java.nio.channels.ClosedChannelException());
      return;
    }
    channel.connected(client, address);
    boolean active = channel.isActive();
    if (!promise.trySuccess()) {
      channel.unsafe().close(channel.unsafe().voidPromise());
      return;
    }
    if (active) {
      channel.pipeline().fireChannelActive(); // and reads begin, with auto-read
    }
  }
}
