package dev.npipe4j.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class EchoTest {
  private EventLoopGroup group;

  @BeforeEach
  void start() {
    group = Pipes.group(2);
  }

  @AfterEach
  void stop() {
    Pipes.shutdown(group);
  }

  /** Writes every byte it reads back. */
  @ChannelHandler.Sharable
  static final class Echo extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.write(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      cause.printStackTrace();
      ctx.close();
    }
  }

  /** Collects {@code expected} bytes, then completes. */
  static final class Collect extends SimpleChannelInboundHandler<ByteBuf> {
    final CompletableFuture<byte[]> done = new CompletableFuture<>();
    private final ByteArrayOutputStream got = new ByteArrayOutputStream();
    private final int expected;

    Collect(int expected) {
      this.expected = expected;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
      got.writeBytes(ByteBufUtil.getBytes(msg));
      if (got.size() >= expected) {
        done.complete(got.toByteArray());
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      done.completeExceptionally(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      done.completeExceptionally(new AssertionError("closed after " + got.size() + " bytes"));
    }
  }

  @Test
  void manyConcurrentChannelsEachGetTheirOwnBytesBack() throws Exception {
    NamedPipeAddress address = Pipes.uniqueAddress();
    Channel server = Pipes.bind(Pipes.server(group, new Echo()), address);
    assertEquals(address, server.localAddress());
    int clients = 32;
    int size = 64 * 1024 + 7;
    List<byte[]> sent = new ArrayList<>();
    List<Collect> collectors = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      byte[] data = new byte[size];
      new Random(i).nextBytes(data);
      Collect collect = new Collect(size);
      Channel ch = Pipes.connect(Pipes.client(group, collect), address);
      assertTrue(ch.isActive());
      assertEquals(address, ch.remoteAddress());
      sent.add(data);
      collectors.add(collect);
      channels.add(ch);
    }
    for (int i = 0; i < clients; i++) {
      channels.get(i).writeAndFlush(Unpooled.wrappedBuffer(sent.get(i)));
    }
    for (int i = 0; i < clients; i++) {
      byte[] got = collectors.get(i).done.get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS);
      assertArrayEquals(sent.get(i), got, "client " + i);
    }
    for (Channel ch : channels) {
      ch.close().sync();
    }
    server.close().sync();
    assertTrue(!server.isOpen() && !server.isActive());
  }

  @Test
  void availableHere() {
    assertTrue(
        NamedPipeTransport.isAvailable(), () -> "" + NamedPipeTransport.unavailabilityCause());
    NamedPipeTransport.ensureAvailability();
  }
}
