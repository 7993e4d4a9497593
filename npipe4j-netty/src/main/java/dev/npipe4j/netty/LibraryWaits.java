package dev.npipe4j.netty;

import dev.npipe4j.NamedPipe;
import io.netty.channel.EventLoop;

/**
 * Waiting through the library's public API, on any loop: {@link NamedPipe#readable()} and {@link
 * NamedPipe#writable()} complete on the library's driver thread, which only queues the channel's
 * step on its loop.
 */
final class LibraryWaits extends PipeWaits {
  private final NamedPipeChannel channel;
  private final EventLoop loop;
  private final NamedPipe pipe;
  private final Runnable readStep;
  private final Runnable writeStep;

  /** Stopped: a future that completes later runs nothing. On the loop. */
  private boolean stopped;

  LibraryWaits(NamedPipeChannel channel, EventLoop loop, NamedPipe pipe) {
    this.channel = channel;
    this.loop = loop;
    this.pipe = pipe;
    this.readStep =
        () -> {
          if (!stopped) {
            channel.readReady();
          }
        };
    this.writeStep =
        () -> {
          if (!stopped) {
            channel.writeReady();
          }
        };
  }

  @Override
  void awaitReadable() {
    pipe.readable().whenComplete((v, error) -> EventLoops.hop(loop, readStep, pipe));
  }

  @Override
  void awaitWritable() {
    pipe.writable().whenComplete((v, error) -> EventLoops.hop(loop, writeStep, pipe));
  }

  @Override
  void stop() {
    stopped = true; // the pipe's close fails the futures, or a new registration waits anew
  }
}
