package dev.npipe4j.netty.grpc;

import dev.npipe4j.netty.NamedPipeAddress;
import dev.npipe4j.netty.NamedPipeTransport;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ManagedChannelProvider;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.List;

/**
 * The gRPC channel provider for {@link NamedPipeAddress}es: when a target resolves to a pipe (the
 * {@code npipe:} scheme of {@link NamedPipeNameResolverProvider}), {@code Grpc.newChannelBuilder}
 * picks this provider, which returns {@link NamedPipeGrpc#channelBuilder(String,
 * ChannelCredentials)}: grpc-netty over {@link dev.npipe4j.netty.NamedPipeChannel}. Registered
 * through {@code META-INF/services}; it offers nothing for other targets, so other providers keep
 * serving them.
 */
public final class NamedPipeChannelProvider extends ManagedChannelProvider {
  /** Creates the provider; {@code ServiceLoader} calls this. */
  public NamedPipeChannelProvider() {}

  @Override
  protected boolean isAvailable() {
    return NamedPipeTransport.isAvailable();
  }

  @Override
  protected int priority() {
    return 3; // below grpc-netty's own 5: chosen only where it alone fits the address type
  }

  @Override
  protected ManagedChannelBuilder<?> builderForAddress(String name, int port) {
    throw new UnsupportedOperationException(
        "a named pipe has no host and port: use an npipe target");
  }

  @Override
  protected ManagedChannelBuilder<?> builderForTarget(String target) {
    return NamedPipeGrpc.channelBuilder(target, io.grpc.InsecureChannelCredentials.create());
  }

  @Override
  protected NewChannelBuilderResult newChannelBuilder(String target, ChannelCredentials creds) {
    return NewChannelBuilderResult.channelBuilder(NamedPipeGrpc.channelBuilder(target, creds));
  }

  @Override
  protected Collection<Class<? extends SocketAddress>> getSupportedSocketAddressTypes() {
    return List.of(NamedPipeAddress.class);
  }
}
