package dev.npipe4j.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.npipe4j.PipeMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(LeakCheck.class)
class HalfCloseTest {
  /**
   * The loops the suite runs on: {@link Pipes#group}'s here, epoll's in {@link EpollHalfCloseTest}.
   */
  EventLoopGroup newGroup(int threads) {
    return Pipes.group(threads);
  }

  private EventLoopGroup group;

  @BeforeEach
  void start() {
    group = newGroup(2);
  }

  @AfterEach
  void stop() {
    Pipes.shutdown(group);
  }

  /** Records what it reads and the events; answers "pong" once the peer has ended its side. */
  static final class Answering extends ChannelInboundHandlerAdapter {
    final List<Object> events = new CopyOnWriteArrayList<>();
    final StringBuilder read = new StringBuilder();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      read.append(buf.toString(StandardCharsets.US_ASCII));
      buf.release();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      events.add(event);
      if (event instanceof ChannelInputShutdownReadComplete) {
        DuplexPipe.check(ctx.channel());
        ctx.writeAndFlush(Unpooled.copiedBuffer("pong:" + read, StandardCharsets.US_ASCII))
            .addListener(f -> ctx.close());
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closed.complete(null);
    }
  }

  /** A server channel's child is the transport's duplex channel. */
  static final class DuplexPipe {
    static void check(Channel ch) {
      NamedPipeChannel pipe = assertInstanceOf(NamedPipeChannel.class, ch);
      assertTrue(pipe.isInputShutdown());
      assertFalse(pipe.isOutputShutdown());
      assertTrue(pipe.isActive());
    }
  }

  /** Collects all bytes until the channel closes. */
  static final class Reader extends ChannelInboundHandlerAdapter {
    final StringBuilder read = new StringBuilder();
    final CompletableFuture<String> done = new CompletableFuture<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      read.append(buf.toString(StandardCharsets.US_ASCII));
      buf.release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      done.complete(read.toString());
    }
  }

  private static boolean windows() {
    return System.getProperty("os.name").startsWith("Windows");
  }

  @ParameterizedTest
  @EnumSource(PipeMode.class)
  void shutdownOutputEndsThePeersInputAndThePeerCanStillAnswer(PipeMode mode) throws Exception {
    assumeFalse(
        windows() && mode == PipeMode.BYTE,
        "a Windows byte pipe has no half-close: aWindowsBytePipeRefusesTheHalfCloseClearly");
    if (mode == PipeMode.MESSAGE) {
      Pipes.assumeMessagePipes();
    }
    NamedPipeAddress address = Pipes.uniqueAddress();
    Answering answering = new Answering();
    Channel server =
        Pipes.bind(
            Pipes.server(group, answering)
                .option(NamedPipeChannelOption.PIPE_MODE, mode)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true),
            address);
    Reader reader = new Reader();
    NamedPipeChannel client =
        (NamedPipeChannel)
            Pipes.connect(
                Pipes.client(group, reader).option(NamedPipeChannelOption.PIPE_MODE, mode),
                address);
    client.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII)).sync();
    // Looked at on the loop, in the step that shuts the output down: by the time the test's
    // thread would look, the answer and the peer's end may have come already.
    boolean[] shut =
        client
            .eventLoop()
            .submit(
                () -> {
                  ChannelFuture f = client.shutdownOutput();
                  return new boolean[] {
                    f.isSuccess(), client.isOutputShutdown(), client.isInputShutdown()
                  };
                })
            .get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS);
    assertArrayEquals(new boolean[] {true, true, false}, shut, "done, output and input shut");
    assertEquals("pong:ping", reader.done.get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS));
    answering.closed.get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(2, answering.events.size(), "events: " + answering.events);
    assertEquals(ChannelInputShutdownEvent.INSTANCE, answering.events.get(0));
    assertEquals(ChannelInputShutdownReadComplete.INSTANCE, answering.events.get(1));
    server.close().sync();
  }

  @Test
  void withoutHalfClosureThePeersEndClosesTheChannel() throws Exception {
    Pipes.assumeMessagePipes();
    NamedPipeAddress address = Pipes.uniqueAddress();
    Answering answering = new Answering();
    Channel server =
        Pipes.bind(
            Pipes.server(group, answering)
                .option(NamedPipeChannelOption.PIPE_MODE, PipeMode.MESSAGE),
            address);
    NamedPipeChannel client =
        (NamedPipeChannel)
            Pipes.connect(
                Pipes.client(group, new Reader())
                    .option(NamedPipeChannelOption.PIPE_MODE, PipeMode.MESSAGE),
                address);
    client.shutdownOutput().sync();
    answering.closed.get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS);
    assertTrue(answering.events.isEmpty(), "events: " + answering.events);
    client.close().sync();
    server.close().sync();
  }

  @Test
  @EnabledOnOs(OS.WINDOWS)
  void aWindowsBytePipeRefusesTheHalfCloseClearly() throws Exception {
    NamedPipeAddress address = Pipes.uniqueAddress();
    Channel server = Pipes.bind(Pipes.server(group, new Answering()), address);
    NamedPipeChannel client =
        (NamedPipeChannel) Pipes.connect(Pipes.client(group, new Reader()), address);
    ChannelFuture f = client.shutdownOutput().await();
    assertInstanceOf(UnsupportedOperationException.class, f.cause());
    assertFalse(client.isOutputShutdown());
    client.close().sync();
    server.close().sync();
  }
}
