/**
 * A Netty 4.2 transport over npipe4j's named pipes ({@link dev.npipe4j.netty}), and gRPC-java over
 * it ({@link dev.npipe4j.netty.grpc}).
 *
 * <p>grpc-java is optional: the gRPC package needs {@code io.grpc} and {@code io.grpc.netty}
 * (grpc-netty) at run time, and the transport alone needs neither. On the class path the gRPC
 * providers register themselves through {@code META-INF/services}; a named module cannot declare
 * them, because a service of an optional module would fail the module graph where gRPC is absent,
 * so on the module path register them in code (see {@link dev.npipe4j.netty.grpc}).
 */
@SuppressWarnings({
  "requires-automatic",
  "requires-transitive-automatic"
}) // grpc-java's jars are automatic modules
module dev.npipe4j.netty {
  requires transitive dev.npipe4j;
  requires transitive io.netty.transport;
  requires transitive io.netty.buffer;
  requires transitive io.netty.common;
  requires static io.netty.transport.classes.epoll;
  requires static io.netty.transport.unix.common;
  requires static transitive io.grpc;
  requires static transitive io.grpc.netty;

  exports dev.npipe4j.netty;
  exports dev.npipe4j.netty.grpc;
}
