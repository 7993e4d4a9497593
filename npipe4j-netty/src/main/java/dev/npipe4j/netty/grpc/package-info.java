/**
 * gRPC-java over named pipes: an {@code npipe:} name resolver, a channel provider and grpc-netty
 * builders on {@link dev.npipe4j.netty.NamedPipeChannel}. Needs grpc-netty (and so grpc-api) on the
 * class path; npipe4j-netty declares them optional.
 *
 * <p>A server serves a pipe with {@link dev.npipe4j.netty.grpc.NamedPipeGrpc#serverBuilder}, and a
 * client reaches it with gRPC's own {@code Grpc.newChannelBuilder}, whose target is the pipe's name
 * in Docker's form:
 *
 * {@snippet :
 * Server server = NamedPipeGrpc.serverBuilder(NamedPipeAddress.of("\\\\.\\pipe\\greeter"))
 *     .addService(new GreeterImpl())
 *     .build()
 *     .start();
 *
 * ManagedChannel channel =
 *     Grpc.newChannelBuilder("npipe:////./pipe/greeter", InsecureChannelCredentials.create())
 *         .build();
 * GreeterGrpc.GreeterBlockingStub stub = GreeterGrpc.newBlockingStub(channel);
 * }
 *
 * <p>On the class path, {@code META-INF/services} registers {@link
 * dev.npipe4j.netty.grpc.NamedPipeNameResolverProvider} and {@link
 * dev.npipe4j.netty.grpc.NamedPipeChannelProvider} with gRPC. On the module path, where module
 * {@code dev.npipe4j.netty} cannot declare providers of an optional module, register the resolver
 * and build channels with the builder here:
 *
 * {@snippet :
 * NameResolverRegistry.getDefaultRegistry().register(new NamedPipeNameResolverProvider());
 * ManagedChannel channel =
 *     NamedPipeGrpc.channelBuilder("npipe:////./pipe/greeter", InsecureChannelCredentials.create())
 *         .build();
 * }
 *
 * <p>Every call's {@code :authority} is {@code localhost}. On Linux and macOS the name is the
 * library's Unix domain socket for {@code \\.\pipe\greeter}, so the same two programs run there
 * unchanged.
 */
package dev.npipe4j.netty.grpc;
