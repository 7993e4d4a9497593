package dev.npipe4j.netty.grpc;

import dev.npipe4j.netty.NamedPipeAddress;
import dev.npipe4j.netty.NamedPipeChannel;
import dev.npipe4j.netty.NamedPipeServerChannel;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * grpc-netty builders set up for named pipes: the channel type, the address type and the event
 * loops, which grpc-netty needs to be told for any transport but its own sockets.
 *
 * {@snippet :
 * Server server = NamedPipeGrpc.serverBuilder(NamedPipeAddress.of("\\\\.\\pipe\\greeter"))
 *     .addService(new GreeterImpl())
 *     .build()
 *     .start();
 * ManagedChannel channel =
 *     Grpc.newChannelBuilder("npipe:////./pipe/greeter", InsecureChannelCredentials.create())
 *         .build();
 * }
 *
 * <p>Without a group of their own, the builders use one shared group of daemon event-loop threads
 * (as many as grpc-netty would start), created on first use and never shut down, as grpc-netty's
 * own default group lives for the process. On Linux, where Netty's epoll jars are there, they are
 * Netty's epoll loops, on which a pipe waits in the loop's own epoll set (the fast path, see {@link
 * NamedPipeChannel}); elsewhere they only run tasks (Netty's {@code LocalIoHandler}): a pipe
 * channel needs no selector, and a JVM that cannot open one (the Windows JVM under Wine 8) runs
 * them too. Pass a group, for example the NIO group an application already has for its sockets, to
 * share it or to own its lifetime.
 */
public final class NamedPipeGrpc {
  private NamedPipeGrpc() {}

  private static final class Shared {
    static final EventLoopGroup GROUP =
        new MultiThreadIoEventLoopGroup(
            0, new DefaultThreadFactory("npipe4j-grpc", true), SharedLoops.factory());
  }

  /**
   * Returns the group the builders use when given none.
   *
   * @return the shared group of daemon threads
   */
  public static EventLoopGroup sharedGroup() {
    return Shared.GROUP;
  }

  /**
   * Returns a channel builder for an {@code npipe:} target, on the shared group.
   *
   * @param target the target, {@code npipe:////./pipe/NAME}
   * @param credentials the channel credentials, usually {@code InsecureChannelCredentials}
   * @return the builder
   */
  public static NettyChannelBuilder channelBuilder(String target, ChannelCredentials credentials) {
    return channelBuilder(target, credentials, sharedGroup());
  }

  /**
   * Returns a channel builder for an {@code npipe:} target on the given group, which the caller
   * shuts down after the channel.
   *
   * @param target the target, {@code npipe:////./pipe/NAME}
   * @param credentials the channel credentials
   * @param group the event loops
   * @return the builder
   */
  public static NettyChannelBuilder channelBuilder(
      String target, ChannelCredentials credentials, EventLoopGroup group) {
    return NettyChannelBuilder.forTarget(target, credentials)
        .channelType(NamedPipeChannel.class, NamedPipeAddress.class)
        .eventLoopGroup(group)
        .overrideAuthority(NamedPipeNameResolverProvider.AUTHORITY);
  }

  /**
   * Returns a plaintext server builder for a pipe, on the shared group.
   *
   * @param address the pipe to serve
   * @return the builder
   */
  public static NettyServerBuilder serverBuilder(NamedPipeAddress address) {
    return serverBuilder(address, InsecureServerCredentials.create(), sharedGroup());
  }

  /**
   * Returns a server builder for a pipe, accepting and serving on the given group, which the caller
   * shuts down after the server.
   *
   * @param address the pipe to serve
   * @param credentials the server credentials
   * @param group the event loops, for accepting and for the calls
   * @return the builder
   */
  public static NettyServerBuilder serverBuilder(
      NamedPipeAddress address, ServerCredentials credentials, EventLoopGroup group) {
    return NettyServerBuilder.forAddress(address, credentials)
        .channelType(NamedPipeServerChannel.class)
        .bossEventLoopGroup(group)
        .workerEventLoopGroup(group);
  }
}
