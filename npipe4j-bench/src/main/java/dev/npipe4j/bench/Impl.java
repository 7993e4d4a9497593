package dev.npipe4j.bench;

import java.io.IOException;

/**
 * One implementation under test. To add one, implement this interface in a class of its own and
 * list it in {@link Impls#ALL}; the C and Go baselines under {@code bench/} are separate programs.
 */
interface Impl {
  /** The IMPL argument of the harness command line and of the result lines. */
  String name();

  Acceptor listen(String name) throws IOException;

  Conn connect(String name) throws IOException;

  /** Direct buffers for channel APIs, heap buffers for stream APIs. */
  boolean direct();

  /**
   * Threads for per-connection work: virtual by default; platform threads for stream
   * implementations whose blocking reads pin the carrier.
   */
  default Thread.Builder threads() {
    return Thread.ofVirtual();
  }
}
