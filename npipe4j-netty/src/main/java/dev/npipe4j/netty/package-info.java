/**
 * A Netty 4.2 transport over npipe4j's named pipes: {@link dev.npipe4j.netty.NamedPipeChannel},
 * {@link dev.npipe4j.netty.NamedPipeServerChannel}, their {@link
 * dev.npipe4j.netty.NamedPipeAddress} and {@link dev.npipe4j.netty.NamedPipeChannelOption}s. On
 * Windows a channel is a Win32 named pipe; on Linux and macOS it is the library's Unix domain
 * socket for the same name, so one program serves both.
 *
 * {@snippet :
 * EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
 * NamedPipeAddress address = NamedPipeAddress.of("\\\\.\\pipe\\echo");
 * Channel server = new ServerBootstrap()
 *     .group(group)
 *     .channel(NamedPipeServerChannel.class)
 *     .childHandler(new EchoHandler())
 *     .bind(address).sync().channel();
 * Channel client = new Bootstrap()
 *     .group(group)
 *     .channel(NamedPipeChannel.class)
 *     .handler(new ClientHandler())
 *     .connect(address).sync().channel();
 * }
 *
 * <h2>How it is driven, and what that costs</h2>
 *
 * <p>The channels run on any Netty event loop and drive the pipe through the library's public
 * non-blocking API ({@code tryRead}, {@code tryWrite}, and the {@code readable()} and {@code
 * writable()} futures); a completed future only queues the next step on the channel's loop. The
 * issue that asked for this transport preferred an {@code IoHandler} on the completion port (the
 * loop thread itself waiting in {@code GetQueuedCompletionStatusEx}, or in the library's epoll on
 * Linux), and allowed this simpler design if, measured, it is as fast. It is not: each readiness
 * event crosses three threads (the library's driver, the virtual thread that completes its future,
 * the event loop) where Netty's epoll transport crosses none, and the {@code scripts/bench.sh}
 * Netty row (BENCHMARKS.md, one JVM, 2 shared cores) puts its 1 B echo round trip at 10.7x that of
 * Netty's {@code EpollDomainSocketChannel} (306 against 29 microseconds) and its 64 KiB throughput
 * at 0.37x (672 against 1823 MiB/s), far short of the 1.2x target. The design stands for its
 * simplicity and its correctness (every Netty contract of this package's tests holds on Windows and
 * Linux alike); the hand-offs are the cost to remove next, with a loop that waits on the library's
 * driver itself.
 *
 * <h2>Loops</h2>
 *
 * <p>NIO's loops are the usual choice: an application's sockets and pipes then share them. Loops
 * that only run tasks ({@code MultiThreadIoEventLoopGroup(LocalIoHandler.newFactory())}, or {@code
 * DefaultEventLoopGroup}) serve pipes as well and need no selector. When a group shuts down, its
 * pipe channels are closed, as Netty's own channels are.
 *
 * <h2>Availability</h2>
 *
 * <p>{@link dev.npipe4j.netty.NamedPipeTransport#isAvailable()} tells whether pipes work here; the
 * library needs native access ({@code --enable-native-access=dev.npipe4j}, or {@code ALL-UNNAMED}
 * on the class path).
 */
package dev.npipe4j.netty;
