package dev.npipe4j.netty;

import dev.npipe4j.NamedPipe;
import dev.npipe4j.internal.handle.PipeHandles;
import io.netty.channel.EventLoop;
import java.util.concurrent.RejectedExecutionException;

/**
 * Waiting on a {@link NamedPipeIoHandler} loop: a hook on the pipe's readiness runs where the
 * completion is dispatched. When that is this loop's own thread (it leads the port), the hook
 * queues the channel's step on the handler, which runs it as soon as the dispatching is over, with
 * no task and no wake-up; on any other thread it queues the step as a task on the loop.
 */
final class WindowsWaits extends PipeWaits {
  private final EventLoop loop;
  private final NamedPipeIoHandler handler;
  private final NamedPipe pipe;
  private final Runnable readHook;
  private final Runnable writeHook;

  /** Stopped: a hook that runs later runs nothing. */
  private final StoppableSteps steps;

  WindowsWaits(
      NamedPipeChannel channel, EventLoop loop, NamedPipeIoHandler handler, NamedPipe pipe) {
    this.loop = loop;
    this.handler = handler;
    this.pipe = pipe;
    this.steps = new StoppableSteps(channel);
    this.readHook = () -> hand(steps.read);
    this.writeHook = () -> hand(steps.write);
  }

  /** On the dispatching thread, perhaps under the pipe's lock: runs nothing of the channel. */
  private void hand(Runnable step) {
    if (handler.inLoop()) {
      handler.runSoon(step);
      return;
    }
    try {
      loop.execute(step);
    } catch (RejectedExecutionException shutDown) {
      // the loop's shutdown closes the channel (ShutdownClose): nothing to run
    }
  }

  @Override
  void awaitReadable() {
    if (!PipeHandles.whenReadable(pipe, readHook)) {
      handler.runSoon(steps.read); // ready now: after this step, never in it
    }
  }

  @Override
  void awaitWritable() {
    if (!PipeHandles.whenWritable(pipe, writeHook)) {
      handler.runSoon(steps.write);
    }
  }

  @Override
  void stop() {
    steps.stop(); // the pipe's close runs the hooks, or a new registration waits anew
  }
}
