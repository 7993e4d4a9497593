package dev.npipe4j.netty;

import io.netty.channel.EventLoop;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;

/**
 * How the channels meet their event loop: the library completes its futures on its own threads, and
 * every step that touches a channel or runs a handler hops to the channel's loop from there.
 */
final class EventLoops {
  private EventLoops() {}

  /**
   * Runs {@code task} on {@code loop}. If the loop no longer takes tasks (its group is shut down),
   * closes {@code pipe} instead, on the calling thread, which runs no user code: the task would
   * have found the channel closing anyway.
   */
  static void hop(EventLoop loop, Runnable task, Closeable pipe) {
    try { // always queued, never run inline: a step that finds the pipe ready again would recurse
      loop.execute(task);
    } catch (RejectedExecutionException shutDown) {
      closeQuietly(pipe);
    }
  }

  static void closeQuietly(Closeable pipe) {
    if (pipe == null) {
      return;
    }
    try {
      pipe.close();
    } catch (IOException ignored) {
      // closing because the channel is gone: nobody to report to
    }
  }
}
