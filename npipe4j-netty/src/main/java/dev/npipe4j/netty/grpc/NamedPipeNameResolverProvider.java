package dev.npipe4j.netty.grpc;

import dev.npipe4j.netty.NamedPipeAddress;
import dev.npipe4j.netty.NamedPipeTransport;
import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.Status;
import io.grpc.StatusOr;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;

/**
 * Resolves gRPC targets of the {@code npipe:} scheme, Docker's form of a pipe name ({@code
 * npipe:////./pipe/NAME}), to a {@link NamedPipeAddress}. Registered through {@code
 * META-INF/services}, so {@code Grpc.newChannelBuilder("npipe:////./pipe/NAME", credentials)} finds
 * it (with {@link NamedPipeChannelProvider}).
 *
 * <p>The service authority, the {@code :authority} of every call, is {@code localhost}: a pipe name
 * is no host name, and servers and proxies that check the authority (grpc-java #12664 shows what a
 * path there does) accept {@code localhost}.
 */
public final class NamedPipeNameResolverProvider extends NameResolverProvider {
  /** The scheme: {@code npipe}. */
  public static final String SCHEME = "npipe";

  /** The {@code :authority} of calls over a pipe. */
  static final String AUTHORITY = "localhost";

  /** Creates the provider; {@code ServiceLoader} calls this. */
  public NamedPipeNameResolverProvider() {}

  @Override
  protected boolean isAvailable() {
    return NamedPipeTransport.isAvailable();
  }

  @Override
  protected int priority() {
    return 5; // gRPC's default: the scheme is this provider's alone
  }

  @Override
  public String getDefaultScheme() {
    return SCHEME;
  }

  @Override
  public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
    return List.of(NamedPipeAddress.class);
  }

  @Override
  public NameResolver newNameResolver(URI target, NameResolver.Args args) {
    if (!SCHEME.equalsIgnoreCase(target.getScheme())) {
      return null;
    }
    return new Resolver(NamedPipeAddress.of(SCHEME + ":" + target.getRawSchemeSpecificPart()));
  }

  /** Resolves once, to the one address; a pipe has nothing to re-resolve. */
  private static final class Resolver extends NameResolver {
    private final NamedPipeAddress address;

    Resolver(NamedPipeAddress address) {
      this.address = address;
    }

    @Override
    public String getServiceAuthority() {
      return AUTHORITY;
    }

    @Override
    public void start(Listener2 listener) {
      try {
        listener.onResult(
            ResolutionResult.newBuilder()
                .setAddressesOrError(
                    StatusOr.fromValue(List.of(new EquivalentAddressGroup(address))))
                .setAttributes(Attributes.EMPTY)
                .build());
      } catch (RuntimeException e) {
        listener.onError(Status.INTERNAL.withDescription("npipe resolver").withCause(e));
      }
    }

    @Override
    public void shutdown() {}
  }
}
