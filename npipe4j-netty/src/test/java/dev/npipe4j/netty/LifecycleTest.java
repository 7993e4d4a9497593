package dev.npipe4j.netty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class LifecycleTest {
  /**
   * The loops the suite runs on: {@link Pipes#group}'s here, epoll's in {@link EpollLifecycleTest}.
   */
  EventLoopGroup newGroup(int threads) {
    return Pipes.group(threads);
  }

  /** Completes with the accepted channel. */
  static final class Accepted extends ChannelInboundHandlerAdapter {
    final CompletableFuture<Channel> channel = new CompletableFuture<>();

    @Override
    public boolean isSharable() {
      return true;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      channel.complete(ctx.channel());
    }
  }

  @Test
  void shuttingTheGroupDownClosesItsOpenChannels() throws Exception {
    EventLoopGroup group = newGroup(2);
    NamedPipeAddress address = Pipes.uniqueAddress();
    Accepted accepted = new Accepted();
    Channel server = Pipes.bind(Pipes.server(group, accepted), address);
    Channel client =
        Pipes.connect(Pipes.client(group, new ChannelInboundHandlerAdapter()), address);
    Channel child = accepted.channel.get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS);
    assertTrue(client.isActive() && child.isActive() && server.isActive());
    assertTrue(
        group
            .shutdownGracefully(0, 5, TimeUnit.SECONDS)
            .await(Pipes.WAIT_SECONDS, TimeUnit.SECONDS));
    for (Channel ch : new Channel[] {server, client, child}) {
      assertTrue(ch.closeFuture().await(Pipes.WAIT_SECONDS, TimeUnit.SECONDS), ch + " still open");
      assertFalse(ch.isOpen());
    }
    // The pipe's name went with the server: a new client finds nothing.
    EventLoopGroup other = newGroup(1);
    try {
      ChannelFuture f =
          Pipes.client(other, new ChannelInboundHandlerAdapter())
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1)
              .connect(address)
              .await();
      assertInstanceOf(NoSuchFileException.class, f.cause());
    } finally {
      Pipes.shutdown(other);
    }
  }

  @Test
  void acceptingAtTheInstanceLimitWaitsUntilAnAcceptedChannelCloses() throws Exception {
    EventLoopGroup group = newGroup(2);
    try {
      NamedPipeAddress address = Pipes.uniqueAddress();
      Accepted first = new Accepted();
      Channel server =
          Pipes.bind(
              Pipes.server(group, first).option(NamedPipeChannelOption.MAX_INSTANCES, 1), address);
      Channel a = Pipes.connect(Pipes.client(group, new ChannelInboundHandlerAdapter()), address);
      Channel childA = first.channel.get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS);
      // The one instance is taken: a second client waits (its connect timeout allows it).
      ChannelFuture b =
          Pipes.client(group, new ChannelInboundHandlerAdapter())
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 20_000)
              .connect(address);
      assertFalse(b.await(300), "connected beyond the instance limit");
      childA.close().sync();
      assertTrue(b.await(Pipes.WAIT_SECONDS, TimeUnit.SECONDS) && b.isSuccess(), "" + b.cause());
      a.close().sync();
      b.channel().close().sync();
      server.close().sync();
    } finally {
      Pipes.shutdown(group);
    }
  }

  @Test
  void badOptionsAndAddressesFailWithTheReason() throws Exception {
    EventLoopGroup group = newGroup(1);
    try {
      var server = new NamedPipeServerChannel();
      IllegalArgumentException max =
          assertThrows(
              IllegalArgumentException.class,
              () -> server.config().setOption(NamedPipeChannelOption.MAX_INSTANCES, 300));
      assertTrue(max.getMessage().contains("maxInstances"), max.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> new NamedPipeChannel().config().setSecurityQosFlags(0x7));
      assertThrows(IllegalArgumentException.class, () -> NamedPipeAddress.of("npipe:/x"));
      ChannelFuture missing =
          Pipes.client(group, new ChannelInboundHandlerAdapter())
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 100)
              .connect(Pipes.uniqueAddress())
              .await();
      assertInstanceOf(NoSuchFileException.class, missing.cause());
      assertFalse(missing.channel().isOpen());
    } finally {
      Pipes.shutdown(group);
    }
  }
}
