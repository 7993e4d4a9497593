package dev.npipe4j.netty;

/**
 * A channel's read and write steps as the waits that queue them hand them out: each does nothing
 * once {@link #stop()} has run, so a wait that ends after the channel stopped waiting runs nothing
 * of it. On the loop.
 */
final class StoppableSteps {
  private boolean stopped;

  /** Runs {@link NamedPipeChannel#readReady()} unless stopped. */
  final Runnable read;

  /** Runs {@link NamedPipeChannel#writeReady()} unless stopped. */
  final Runnable write;

  StoppableSteps(NamedPipeChannel channel) {
    this.read =
        () -> {
          if (!stopped) {
            channel.readReady();
          }
        };
    this.write =
        () -> {
          if (!stopped) {
            channel.writeReady();
          }
        };
  }

  /** From now on the steps run nothing. */
  void stop() {
    stopped = true;
  }
}
