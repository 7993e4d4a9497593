package dev.npipe4j.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.PipeMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
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
  /** The loops the suite runs on: {@link Pipes#group}'s here, epoll's in {@link EpollEchoTest}. */
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

  /**
   * Matches every read against the messages sent, in order: a read may hold part of a message (a
   * long one comes in pieces) but never bytes of two. Completes once all of them are in.
   */
  static final class MessageReads extends ChannelInboundHandlerAdapter {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final List<Integer> sizes;
    private int message;
    private int left;

    MessageReads(List<Integer> sizes) {
      this.sizes = sizes;
      this.left = sizes.get(0);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      int n = buf.readableBytes();
      byte mark = buf.getByte(buf.readerIndex());
      buf.release();
      if (message == sizes.size() || n > left || mark != (byte) message) {
        done.completeExceptionally(
            new AssertionError(
                "a read of "
                    + n
                    + " bytes marked "
                    + mark
                    + " with "
                    + left
                    + " left of "
                    + message));
        return;
      }
      left -= n;
      if (left == 0 && ++message < sizes.size()) {
        left = sizes.get(message);
      }
      if (message == sizes.size()) {
        done.complete(null);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      done.completeExceptionally(cause);
    }
  }

  @Test
  void messagesSentTogetherAreNeverMixedInOneRead() throws Exception {
    Pipes.assumeMessagePipes();
    NamedPipeAddress address = Pipes.uniqueAddress();
    // Longer than one packet on Unix (64 KiB), and than the socket's buffer, between short ones.
    List<Integer> sizes = List.of(1, 100, 70_000, 3, 300_000, 5, 65_532, 7);
    MessageReads reads = new MessageReads(sizes);
    Channel server =
        Pipes.bind(
            Pipes.server(group, reads)
                .option(NamedPipeChannelOption.PIPE_MODE, PipeMode.MESSAGE)
                .childOption(
                    ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(512 * 1024)),
            address);
    Channel client =
        Pipes.connect(
            Pipes.client(group, new ChannelInboundHandlerAdapter())
                .option(NamedPipeChannelOption.PIPE_MODE, PipeMode.MESSAGE),
            address);
    for (int i = 0; i < sizes.size(); i++) {
      byte[] message = new byte[sizes.get(i)];
      Arrays.fill(message, (byte) i);
      client.write(Unpooled.wrappedBuffer(message));
    }
    client.flush();
    reads.done.get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS);
    client.close().sync();
    server.close().sync();
  }

  @Test
  void channelsOpenedOneAfterAnotherEachEchoAndClose() throws Exception {
    // Each closed channel's descriptor is free for the next one: its number comes back at once.
    NamedPipeAddress address = Pipes.uniqueAddress();
    Channel server = Pipes.bind(Pipes.server(group, new Echo()), address);
    for (int i = 0; i < 40; i++) {
      Collect collect = new Collect(3);
      Channel ch = Pipes.connect(Pipes.client(group, collect), address);
      ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, (byte) i}));
      assertArrayEquals(
          new byte[] {1, 2, (byte) i},
          collect.done.get(Pipes.WAIT_SECONDS, TimeUnit.SECONDS),
          "channel " + i);
      ch.close().sync();
    }
    server.close().sync();
  }

  @Test
  void availableHere() {
    assertTrue(
        NamedPipeTransport.isAvailable(), () -> "" + NamedPipeTransport.unavailabilityCause());
    NamedPipeTransport.ensureAvailability();
  }
}
