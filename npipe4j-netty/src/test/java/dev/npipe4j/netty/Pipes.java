package dev.npipe4j.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;

/** What the tests share: names, event loops, a server and clients. */
public final class Pipes {
  private Pipes() {}

  /** Generous: Wine schedules slowly at times. */
  static final long WAIT_SECONDS = 30;

  private static final AtomicLong COUNTER = new AtomicLong();

  /** A pipe name no other test (or run) uses. */
  static NamedPipeAddress uniqueAddress() {
    return NamedPipeAddress.of(
        "\\\\.\\pipe\\npipe4j-netty-"
            + ProcessHandle.current().pid()
            + "-"
            + System.nanoTime()
            + "-"
            + COUNTER.incrementAndGet());
  }

  /** Set by scripts/test-windows.sh for the Windows JVM under Wine. */
  static final boolean UNDER_WINE = Boolean.getBoolean("npipe4j.test.expectWine");

  /**
   * The loops users have: NIO's, shared with their sockets. Under Wine 8 the JDK cannot open a NIO
   * selector (its wake-up pipe reaches iphlpapi!GetAnycastIpAddressTable, which Wine lacks, and the
   * JVM dies, as test-windows.sh tells for SecureRandom), so there the loops are Netty's task-only
   * LocalIoHandler ones, which the transport runs on as well.
   */
  public static EventLoopGroup group(int threads) {
    return new MultiThreadIoEventLoopGroup(
        threads, UNDER_WINE ? LocalIoHandler.newFactory() : NioIoHandler.newFactory());
  }

  /** Skips a test of message mode where pipes have none: on the library's JDK socket backend. */
  static void assumeMessagePipes() {
    Assumptions.assumeFalse(
        Boolean.getBoolean("dev.npipe4j.unix.noNative"),
        "the JDK socket backend carries byte mode only");
  }

  /** Netty's epoll loops (Linux), on which the channels wait in the loop's own epoll set. */
  static EventLoopGroup epollGroup(int threads) {
    return new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory());
  }

  /** {@link NamedPipeIoHandler}'s loops (Windows), which lead the library's completion port. */
  public static EventLoopGroup windowsGroup(int threads) {
    return new MultiThreadIoEventLoopGroup(threads, NamedPipeIoHandler.newFactory());
  }

  static ServerBootstrap server(EventLoopGroup group, ChannelHandler child) {
    return new ServerBootstrap()
        .group(group)
        .channel(NamedPipeServerChannel.class)
        .childHandler(child);
  }

  static Bootstrap client(EventLoopGroup group, ChannelHandler handler) {
    return new Bootstrap().group(group).channel(NamedPipeChannel.class).handler(handler);
  }

  static Channel bind(ServerBootstrap b, NamedPipeAddress address) throws InterruptedException {
    return b.bind(address).sync().channel();
  }

  static Channel connect(Bootstrap b, NamedPipeAddress address) throws InterruptedException {
    return b.connect(address).sync().channel();
  }

  static void shutdown(EventLoopGroup group) {
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
