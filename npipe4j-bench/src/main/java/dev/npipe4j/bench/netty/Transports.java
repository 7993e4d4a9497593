package dev.npipe4j.bench.netty;

import dev.npipe4j.netty.NamedPipeAddress;
import dev.npipe4j.netty.NamedPipeChannel;
import dev.npipe4j.netty.NamedPipeServerChannel;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.List;

/** The Netty transports of the Netty row, each with the event loops it runs on. */
final class Transports {
  private Transports() {}

  /** One transport: its channels, its loops and its addresses. */
  record Transport(
      String name,
      Class<? extends ServerChannel> server,
      Class<? extends Channel> client,
      Loops loops,
      Addresses addresses) {
    EventLoopGroup newGroup() {
      return loops.newGroup();
    }
  }

  interface Loops {
    EventLoopGroup newGroup();
  }

  interface Addresses {
    SocketAddress address(Path dir, String id);
  }

  private static SocketAddress pipe(Path dir, String id) {
    return NamedPipeAddress.of("\\\\.\\pipe\\npipe4j-bench-" + ProcessHandle.current().pid() + id);
  }

  /** npipe4j's transport on Netty's epoll loops: the pipes wait in the loop's own epoll set. */
  static final Transport NPIPE_EPOLL =
      new Transport(
          "netty-npipe4j-epoll",
          NamedPipeServerChannel.class,
          NamedPipeChannel.class,
          () -> new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory()),
          Transports::pipe);

  /** npipe4j's transport on NIO's loops, through the library's readiness futures. */
  static final Transport NPIPE_NIO =
      new Transport(
          "netty-npipe4j-nio",
          NamedPipeServerChannel.class,
          NamedPipeChannel.class,
          () -> new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()),
          Transports::pipe);

  /** npipe4j's transport on loops that only run tasks (Netty's LocalIoHandler: park/unpark). */
  static final Transport NPIPE_LOCAL =
      new Transport(
          "netty-npipe4j-local",
          NamedPipeServerChannel.class,
          NamedPipeChannel.class,
          () -> new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory()),
          Transports::pipe);

  /** Netty's own epoll domain sockets: the target. */
  static final Transport EPOLL_UDS =
      new Transport(
          "netty-epoll-uds",
          EpollServerDomainSocketChannel.class,
          EpollDomainSocketChannel.class,
          () -> new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory()),
          (dir, id) -> new DomainSocketAddress(dir.resolve("epoll" + id + ".sock").toFile()));

  static final List<Transport> ALL = List.of(NPIPE_EPOLL, NPIPE_NIO, NPIPE_LOCAL, EPOLL_UDS);
}
