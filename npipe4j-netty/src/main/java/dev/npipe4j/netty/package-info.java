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
 * <p>The channels read and write on their loop's thread with the pipe's non-blocking {@code
 * tryRead} and {@code tryWrite}, until those would block. What wakes them then depends on the loop
 * (the {@link dev.npipe4j.netty.NamedPipeChannel} class comment tells it in full):
 *
 * <ul>
 *   <li>Netty's epoll loops ({@code EpollIoHandler}) on Linux: the pipe's socket is registered in
 *       the loop's own epoll set, edge-triggered, as Netty's {@code EpollDomainSocketChannel} is,
 *       and its events run the reads and writes. No other thread is involved. In the {@code
 *       scripts/bench.sh} Netty row (BENCHMARKS.md: one JVM, 2 shared cores) this path's 1 B echo
 *       round trip and 64 KiB throughput are within 5% of {@code EpollDomainSocketChannel}'s (mean
 *       1.05x, median 1.04x, 99th percentile 0.78x of its time, throughput time 1.03x), and within
 *       1.2x in every run of that day but the most loaded one.
 *   <li>NIO's loops with the library's JDK socket backend (macOS, or Linux with the Linux backend
 *       turned off): the pipe's socket channel is registered in the loop's selector.
 *   <li>Every other loop (NIO's with the Linux backend or on Windows, {@code LocalIoHandler}'s, a
 *       {@code DefaultEventLoopGroup}): the channel waits for the library's {@code readable()} and
 *       {@code writable()} futures, whose completion, on the library's driver thread, queues the
 *       next step on the loop. Each wait crosses threads, and costs: in the same row the mean round
 *       trip on NIO's loops is 9.2x that of {@code EpollDomainSocketChannel}.
 * </ul>
 *
 * <p>On Windows, {@link dev.npipe4j.netty.NamedPipeIoHandler}'s loops wait in the library's
 * completion port themselves, and run a channel's steps on the thread that dequeued its completion
 * when that is the channel's loop: no hop at all with one loop; with several, they lead the port in
 * turn and a completion for another loop's channel is handed to it as a task.
 *
 * <h2>Loops</h2>
 *
 * <p>On Linux, put the pipes on Netty's epoll loops ({@code
 * MultiThreadIoEventLoopGroup(EpollIoHandler.newFactory())}, with Netty's epoll jars); elsewhere
 * NIO's loops are the usual choice, and an application's sockets and pipes then share them. Loops
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
