package dev.npipe4j.netty.grpc;

import dev.npipe4j.netty.Pipes;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link GrpcOverPipeTest} with the server on {@code NamedPipeIoHandler} loops, which lead the
 * library's completion port; the client dials on the shared loops.
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsGrpcOverPipeTest extends GrpcOverPipeTest {
  @Override
  EventLoopGroup newGroup(int threads) {
    return Pipes.windowsGroup(threads);
  }
}
