package dev.npipe4j.netty.grpc;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.local.LocalIoHandler;

/**
 * The loops of {@link NamedPipeGrpc#sharedGroup()}: Netty's epoll ones on Linux where Netty's epoll
 * jars are present, on which the pipe channels wait in the loop's epoll set; elsewhere loops that
 * only run tasks, which need no selector.
 */
final class SharedLoops {
  private SharedLoops() {}

  static IoHandlerFactory factory() {
    // Not elsewhere even to ask: Epoll's first step opens a NIO selector, which the Windows JVM
    // under Wine 8 cannot.
    if (System.getProperty("os.name", "").startsWith("Linux")) {
      try {
        IoHandlerFactory epoll = EpollLoops.factory();
        if (epoll != null) {
          return epoll;
        }
      } catch (LinkageError absent) {
        // Netty's epoll classes are not here.
      }
    }
    return LocalIoHandler.newFactory();
  }

  /** Apart, so that nothing of epoll is needed before it is asked for. */
  private static final class EpollLoops {
    static IoHandlerFactory factory() {
      return Epoll.isAvailable() ? EpollIoHandler.newFactory() : null;
    }
  }
}
