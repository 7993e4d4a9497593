package dev.npipe4j.netty;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.PipeMode;
import dev.npipe4j.ServerOptions;
import io.netty.channel.ChannelOption;

/**
 * The pipe options of {@link NamedPipeChannel} and {@link NamedPipeServerChannel}, each mapped onto
 * one setting of npipe4j's {@link ServerOptions} or {@link ClientOptions}, with the same defaults
 * and the same checks (a bad value fails the bind or the connect with the library's message).
 *
 * <p>Server options go to {@code ServerBootstrap.option(...)}, client options to {@code
 * Bootstrap.option(...)}; Netty's own options ({@link ChannelOption#ALLOW_HALF_CLOSURE}, {@link
 * ChannelOption#WRITE_BUFFER_WATER_MARK}, {@link ChannelOption#CONNECT_TIMEOUT_MILLIS}...) apply as
 * usual. An accepted channel takes its pipe's mode from the server.
 *
 * {@snippet :
 * new ServerBootstrap()
 *     .channel(NamedPipeServerChannel.class)
 *     .option(NamedPipeChannelOption.MAX_INSTANCES, 4)
 *     .option(NamedPipeChannelOption.CURRENT_USER_ONLY, true);
 * }
 */
public final class NamedPipeChannelOption {
  private NamedPipeChannelOption() {}

  /**
   * Server and client: the pipe's mode ({@link ServerOptions#pipeMode}, {@link
   * ClientOptions#pipeMode}). Default {@link PipeMode#BYTE}. In {@link PipeMode#MESSAGE} mode each
   * {@code ByteBuf} written is one message, and each message read arrives as {@code ByteBuf}s of it
   * alone. On Windows only a message pipe has a half-close ({@link
   * NamedPipeChannel#shutdownOutput()}).
   */
  public static final ChannelOption<PipeMode> PIPE_MODE = option("PIPE_MODE");

  /**
   * Server: the most instances of the pipe, 1 to 254 ({@link ServerOptions#maxInstances}); 0, the
   * default, is unlimited. At the limit, accepting waits until an accepted channel closes.
   */
  public static final ChannelOption<Integer> MAX_INSTANCES = option("MAX_INSTANCES");

  /** Server: the inbound buffer size ({@link ServerOptions#inBufferSize}). Default 65536. */
  public static final ChannelOption<Integer> IN_BUFFER_SIZE = option("IN_BUFFER_SIZE");

  /** Server: the outbound buffer size ({@link ServerOptions#outBufferSize}). Default 65536. */
  public static final ChannelOption<Integer> OUT_BUFFER_SIZE = option("OUT_BUFFER_SIZE");

  /**
   * Server: the pipe's security descriptor in SDDL ({@link ServerOptions#securityDescriptor}).
   * Windows only. Default: the OS default.
   */
  public static final ChannelOption<String> SECURITY_DESCRIPTOR = option("SECURITY_DESCRIPTOR");

  /**
   * Server: admit only clients of the current user ({@link ServerOptions#currentUserOnly}). Default
   * false.
   */
  public static final ChannelOption<Boolean> CURRENT_USER_ONLY = option("CURRENT_USER_ONLY");

  /**
   * Server: refuse clients on other machines ({@link ServerOptions#rejectRemoteClients}). Default
   * true.
   */
  public static final ChannelOption<Boolean> REJECT_REMOTE_CLIENTS =
      option("REJECT_REMOTE_CLIENTS");

  /**
   * Client: the impersonation level the server may use ({@link ClientOptions#securityQosFlags}, one
   * of the {@code ClientOptions.SECURITY_*} constants). Windows only. Default {@link
   * ClientOptions#SECURITY_IDENTIFICATION}.
   */
  public static final ChannelOption<Integer> SECURITY_QOS_FLAGS = option("SECURITY_QOS_FLAGS");

  private static <T> ChannelOption<T> option(String name) {
    return ChannelOption.valueOf(NamedPipeChannelOption.class, name);
  }
}
