package dev.npipe4j.netty.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.npipe4j.netty.LeakCheck;
import dev.npipe4j.netty.NamedPipeAddress;
import dev.npipe4j.netty.Pipes;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollIoHandler;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class GrpcOverPipeTest {
  private static final int CHUNK = 1 << 20;
  private static final int CHUNKS = 100; // 100 MiB

  private final AtomicReference<String> authority = new AtomicReference<>();
  private EventLoopGroup group;
  private Server server;
  private ManagedChannel channel;

  /** Answers "hello, NAME"; streams CHUNKS messages of CHUNK bytes, each filled with its index. */
  static final class Service extends SimpleServiceGrpc.SimpleServiceImplBase {
    @Override
    public void unaryRpc(SimpleRequest request, StreamObserver<SimpleResponse> out) {
      out.onNext(
          SimpleResponse.newBuilder()
              .setResponseMessage("hello, " + request.getRequestMessage())
              .build());
      out.onCompleted();
    }

    @Override
    public void serverStreamingRpc(SimpleRequest request, StreamObserver<SimpleResponse> out) {
      byte[] chunk = new byte[CHUNK];
      for (int i = 0; i < CHUNKS; i++) {
        java.util.Arrays.fill(chunk, (byte) i);
        out.onNext(
            SimpleResponse.newBuilder()
                .setResponseMessageBytes(ByteString.copyFrom(chunk))
                .build());
      }
      out.onCompleted();
    }
  }

  /** The server's loops; a subclass runs the suite on others. */
  EventLoopGroup newGroup(int threads) {
    return Pipes.group(threads);
  }

  @BeforeEach
  void start() throws Exception {
    group = newGroup(2);
    String simple = "npipe4j-grpc-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    NamedPipeAddress address = NamedPipeAddress.of("\\\\.\\pipe\\" + simple);
    ServerInterceptor seeAuthority =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            authority.set(call.getAuthority());
            return next.startCall(call, headers);
          }
        };
    server =
        NamedPipeGrpc.serverBuilder(address, InsecureServerCredentials.create(), group)
            .addService(ServerInterceptors.intercept(new Service(), seeAuthority))
            .build()
            .start();
    // The target as Docker writes it, through gRPC's own registries.
    channel =
        Grpc.newChannelBuilder("npipe:////./pipe/" + simple, InsecureChannelCredentials.create())
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void theSharedLoopsAreEpollsOnLinux() {
    // The client above dials on them: its pipe waits in their epoll sets.
    IoEventLoop loop = (IoEventLoop) NamedPipeGrpc.sharedGroup().next();
    assertTrue(loop.isIoType(EpollIoHandler.class), loop + " is not an epoll loop");
  }

  @Test
  void helloWorldOverAPipe() {
    SimpleResponse r =
        SimpleServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .unaryRpc(SimpleRequest.newBuilder().setRequestMessage("pipe").build());
    assertEquals("hello, pipe", r.getResponseMessage());
    assertEquals("localhost", authority.get());
    assertInstanceOf(NamedPipeAddress.class, server.getListenSockets().get(0));
  }

  @Test
  void aHundredMebibyteStreamArrivesWhole() {
    Iterator<SimpleResponse> it =
        SimpleServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(120, TimeUnit.SECONDS)
            .serverStreamingRpc(SimpleRequest.getDefaultInstance());
    long total = 0;
    int index = 0;
    while (it.hasNext()) {
      ByteString chunk = it.next().getResponseMessageBytes();
      assertEquals(CHUNK, chunk.size());
      assertEquals((byte) index, chunk.byteAt(0));
      assertEquals((byte) index, chunk.byteAt(CHUNK - 1));
      total += chunk.size();
      index++;
    }
    assertEquals((long) CHUNK * CHUNKS, total);
    assertTrue(index == CHUNKS);
  }
}
