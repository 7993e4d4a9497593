package dev.npipe4j.netty;

import dev.npipe4j.NamedPipe;
import dev.npipe4j.internal.handle.FdLease;
import dev.npipe4j.internal.handle.PipeHandles;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandle;
import io.netty.channel.nio.NioIoHandle;
import java.nio.channels.SocketChannel;

/**
 * How a {@link NamedPipeChannel} learns that its pipe may read or write again, once a non-blocking
 * attempt would have blocked: from the event loop's own epoll set ({@link EpollWaits}), when the
 * loop is Netty's epoll one and the pipe has a Linux descriptor; from the loop's own selector
 * ({@link NioWaits}), when the loop is NIO's and the pipe is a JDK socket channel (the library's
 * JDK socket backend); on Windows, from hooks run where the completion port is dispatched, when the
 * loop is a {@link NamedPipeIoHandler} one that leads that port ({@link WindowsWaits}); or else
 * from the library's readiness futures ({@link LibraryWaits}), on any loop. Used on the channel's
 * loop only.
 */
abstract class PipeWaits {
  /** The library's package of OS handles. */
  private static final String HANDLES = "dev.npipe4j.internal.handle";

  /** Netty's epoll handle type, or null where its classes are absent. */
  private static final Class<? extends IoHandle> EPOLL_HANDLE =
      handleType("io.netty.channel.epoll.EpollIoHandle");

  /**
   * Whether the library lets this module reach its pipes' handles: it exports them to this module
   * by name, so not where this module is on the class path and the library a named module.
   */
  private static final boolean HANDLES_REACHABLE =
      NamedPipe.class.getModule().isExported(HANDLES, PipeWaits.class.getModule());

  /** Runs {@link NamedPipeChannel#readReady()} once the pipe may be readable. */
  abstract void awaitReadable();

  /** Runs {@link NamedPipeChannel#writeReady()} once the pipe may be writable. */
  abstract void awaitWritable();

  /**
   * A read loop has ended, before its reads complete in the pipeline.
   *
   * @param last what the last read returned (0: it would have blocked)
   * @param attempted the room the last read had
   */
  void readEnded(int last, int attempted) {}

  /** Everything written is in the pipe: nothing waits to be written. */
  void writesDone() {}

  /** Stops waiting, on close or deregistration; nothing is run after. */
  abstract void stop();

  /** The waits for a channel whose pipe is {@code pipe}, registered on {@code loop}. */
  static PipeWaits of(NamedPipeChannel channel, EventLoop loop, NamedPipe pipe) {
    if (HANDLES_REACHABLE && loop.inEventLoop()) {
      NamedPipeIoHandler handler = NamedPipeIoHandler.onThisThread();
      if (handler != null && handler.port() == PipeHandles.completionPort(pipe)) {
        return new WindowsWaits(channel, loop, handler, pipe);
      }
    }
    if (HANDLES_REACHABLE && loop instanceof IoEventLoop io) {
      if (EPOLL_HANDLE != null && io.isCompatible(EPOLL_HANDLE)) {
        FdLease fd = PipeHandles.leaseFd(pipe);
        if (fd != null) {
          // Through a method: the verifier of this one must not need the epoll classes.
          return EpollWaits.register(channel, io, fd);
        }
      } else if (io.isCompatible(NioIoHandle.class)) {
        SocketChannel socket = PipeHandles.socketChannel(pipe);
        if (socket != null) {
          return new NioWaits(channel, io, socket);
        }
      }
    }
    return new LibraryWaits(channel, loop, pipe);
  }

  private static Class<? extends IoHandle> handleType(String name) {
    try {
      return Class.forName(name, false, PipeWaits.class.getClassLoader())
          .asSubclass(IoHandle.class);
    } catch (ClassNotFoundException | LinkageError absent) {
      return null; // no such transport here: its loops cannot exist either
    }
  }
}
