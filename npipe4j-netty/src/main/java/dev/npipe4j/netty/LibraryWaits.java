package dev.npipe4j.netty;

import dev.npipe4j.NamedPipe;
import io.netty.channel.EventLoop;

/**
 * Waiting through the library's public API, on any loop: {@link NamedPipe#readable()} and {@link
 * NamedPipe#writable()} complete on the library's driver thread, which only queues the channel's
 * step on its loop.
 */
final class LibraryWaits extends PipeWaits {
  private final EventLoop loop;
  private final NamedPipe pipe;

  /** Stopped: a future that completes later runs nothing. */
  private final StoppableSteps steps;

  LibraryWaits(NamedPipeChannel channel, EventLoop loop, NamedPipe pipe) {
    this.loop = loop;
    this.pipe = pipe;
    this.steps = new StoppableSteps(channel);
  }

  @Override
  void awaitReadable() {
    pipe.readable().whenComplete((v, error) -> EventLoops.hop(loop, steps.read, pipe));
  }

  @Override
  void awaitWritable() {
    pipe.writable().whenComplete((v, error) -> EventLoops.hop(loop, steps.write, pipe));
  }

  @Override
  void stop() {
    steps.stop(); // the pipe's close fails the futures, or a new registration waits anew
  }
}
