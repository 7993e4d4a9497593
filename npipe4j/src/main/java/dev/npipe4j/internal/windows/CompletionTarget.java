package dev.npipe4j.internal.windows;

/**
 * What the {@link IocpDriver} sees of a handle bound to its port: where a dequeued packet goes, and
 * how the driver ends the handle when it shuts down.
 */
interface CompletionTarget {
  /**
   * Takes one dequeued packet of this target's completion key. Runs on the thread draining the
   * port; never runs user code.
   *
   * @param overlapped the packet's OVERLAPPED address, which names the operation
   * @param bytes the packet's byte count
   */
  void completed(long overlapped, int bytes);

  /**
   * Tells whether someone depends on this target's packets being dequeued soon: a waiter on its
   * readiness, a pending connect, or memory to free after a close.
   */
  boolean needsPolling();

  /**
   * Takes the completion of a direct operation (one that queues no packet) that is over; returns
   * true if one is still in flight, to be looked at again soon.
   */
  boolean reapDirect();

  /** Closes the target: cancels what is in flight; memory goes when the last packet has come. */
  void close();

  /**
   * Releases the handle of a target whose packets will never be dequeued (the port is closing); its
   * memory is never freed, because the kernel may still write it.
   */
  void abandon();
}
