package dev.npipe4j.netty;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.SingleThreadEventExecutor;

/**
 * Closes a channel when its event loop shuts down, as Netty's own transports' channels close with
 * their loop. Used on the channel's loop only; a loop that offers no shutdown hooks is left alone.
 */
final class ShutdownClose {
  private final Runnable close;

  /** The loop the hook is on, or null. Loop only. */
  private SingleThreadEventExecutor hookedOn;

  ShutdownClose(Channel channel) {
    this.close = () -> channel.unsafe().close(channel.unsafe().voidPromise());
  }

  /** On registration: hooks onto the channel's loop. */
  void register(EventLoop loop) {
    if (loop instanceof SingleThreadEventExecutor executor) {
      executor.addShutdownHook(close);
      hookedOn = executor;
    }
  }

  /** On deregistration or close: unhooks, once. */
  void deregister() {
    if (hookedOn != null) {
      hookedOn.removeShutdownHook(close);
      hookedOn = null;
    }
  }
}
