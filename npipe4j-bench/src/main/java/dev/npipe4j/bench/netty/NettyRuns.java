package dev.npipe4j.bench.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One measurement through a Netty transport: server and client in this JVM, a loop each. */
final class NettyRuns {
  private NettyRuns() {}

  /** Echoes what it reads (round trips), or counts it and answers one byte at the end. */
  static final class ServerSide extends ChannelInboundHandlerAdapter {
    private final long sinkTotal; // 0: echo
    private long seen;

    ServerSide(long sinkTotal) {
      this.sinkTotal = sinkTotal;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (sinkTotal == 0) {
        ctx.write(msg);
        return;
      }
      ByteBuf buf = (ByteBuf) msg;
      seen += buf.readableBytes();
      buf.release();
      if (seen == sinkTotal) {
        ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(1));
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }
  }

  /** Round trips of {@code size} bytes, {@code count} times; completes with the elapsed nanos. */
  static final class PingPong extends ChannelInboundHandlerAdapter {
    final CompletableFuture<Long> done = new CompletableFuture<>();
    private final int size;
    private final int count;

    /** Each round trip's nanos. */
    final long[] each;

    private int trips;
    private int got;
    private long start;
    private long sent;

    PingPong(int size, int count) {
      this.size = size;
      this.count = count;
      this.each = new long[count];
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      start = System.nanoTime();
      ping(ctx);
    }

    private void ping(ChannelHandlerContext ctx) {
      sent = System.nanoTime();
      ctx.writeAndFlush(ctx.alloc().directBuffer(size).writeZero(size));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      got += ((ByteBuf) msg).readableBytes();
      ((ByteBuf) msg).release();
      if (got < size) {
        return;
      }
      got -= size;
      each[trips] = System.nanoTime() - sent;
      if (++trips == count) {
        done.complete(System.nanoTime() - start);
      } else {
        ping(ctx);
      }
    }
  }

  /** Writes {@code total} bytes in chunks as fast as writability allows; done at the answer. */
  static final class Push extends ChannelInboundHandlerAdapter {
    final CompletableFuture<Long> done = new CompletableFuture<>();
    private final ByteBuf chunk;
    private final long total;
    private long sent;
    private long start;

    Push(int size, long total) {
      this.chunk = PooledByteBufAllocator.DEFAULT.directBuffer(size).writeZero(size);
      this.total = total;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      start = System.nanoTime();
      push(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      push(ctx);
    }

    private void push(ChannelHandlerContext ctx) {
      while (sent < total && ctx.channel().isWritable()) {
        int n = (int) Math.min(chunk.readableBytes(), total - sent);
        ctx.write(chunk.retainedSlice(0, n));
        sent += n;
      }
      ctx.flush();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ((ByteBuf) msg).release();
      chunk.release();
      done.complete(System.nanoTime() - start);
    }
  }

  /** Runs one test; returns the elapsed nanos of the measured part. */
  static long run(
      Transports.Transport t,
      Path dir,
      String id,
      ChannelHandler server,
      ChannelInboundHandlerAdapter client,
      CompletableFuture<Long> done)
      throws Exception {
    EventLoopGroup serverGroup = t.newGroup();
    EventLoopGroup clientGroup = t.newGroup();
    try {
      var address = t.addresses().address(dir, id);
      Channel s =
          new ServerBootstrap()
              .group(serverGroup)
              .channel(t.server())
              .childHandler(server)
              .bind(address)
              .sync()
              .channel();
      Channel c =
          new Bootstrap()
              .group(clientGroup)
              .channel(t.client())
              .handler(client)
              .connect(address)
              .sync()
              .channel();
      long nanos = done.get(300, TimeUnit.SECONDS);
      c.close().sync();
      s.close().sync();
      return nanos;
    } finally {
      clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
      serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
