package dev.npipe4j.netty;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.PipeMode;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DuplexChannelConfig;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration of a {@link NamedPipeChannel}: Netty's channel options, {@link
 * ChannelOption#ALLOW_HALF_CLOSURE}, and the client's pipe options of {@link
 * NamedPipeChannelOption} ({@code PIPE_MODE}, {@code SECURITY_QOS_FLAGS}), which take effect at
 * connect.
 */
public final class NamedPipeChannelConfig extends DefaultChannelConfig
    implements DuplexChannelConfig {
  private volatile boolean allowHalfClosure;
  private volatile PipeMode pipeMode = PipeMode.BYTE;
  private volatile int securityQosFlags = ClientOptions.SECURITY_IDENTIFICATION;

  NamedPipeChannelConfig(NamedPipeChannel channel) {
    super(channel);
  }

  @Override
  public Map<ChannelOption<?>, Object> getOptions() {
    return getOptions(
        super.getOptions(),
        ChannelOption.ALLOW_HALF_CLOSURE,
        NamedPipeChannelOption.PIPE_MODE,
        NamedPipeChannelOption.SECURITY_QOS_FLAGS);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getOption(ChannelOption<T> option) {
    if (option == ChannelOption.ALLOW_HALF_CLOSURE) {
      return (T) Boolean.valueOf(allowHalfClosure);
    }
    if (option == NamedPipeChannelOption.PIPE_MODE) {
      return (T) pipeMode;
    }
    if (option == NamedPipeChannelOption.SECURITY_QOS_FLAGS) {
      return (T) Integer.valueOf(securityQosFlags);
    }
    return super.getOption(option);
  }

  @Override
  public <T> boolean setOption(ChannelOption<T> option, T value) {
    validate(option, value);
    if (option == ChannelOption.ALLOW_HALF_CLOSURE) {
      allowHalfClosure = (Boolean) value;
    } else if (option == NamedPipeChannelOption.PIPE_MODE) {
      setPipeMode((PipeMode) value);
    } else if (option == NamedPipeChannelOption.SECURITY_QOS_FLAGS) {
      setSecurityQosFlags((Integer) value);
    } else {
      return super.setOption(option, value);
    }
    return true;
  }

  /**
   * Returns the read mode the client asks for at connect; an accepted channel has its server's.
   *
   * @return the mode
   */
  public PipeMode getPipeMode() {
    return pipeMode;
  }

  /**
   * Sets the read mode the client asks for ({@link ClientOptions#pipeMode(PipeMode)}).
   *
   * @param mode the mode
   * @return this
   */
  public NamedPipeChannelConfig setPipeMode(PipeMode mode) {
    this.pipeMode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /**
   * Returns the impersonation level the client grants.
   *
   * @return the {@code ClientOptions.SECURITY_*} flags
   */
  public int getSecurityQosFlags() {
    return securityQosFlags;
  }

  /**
   * Sets the impersonation level the client grants ({@link ClientOptions#securityQosFlags(int)}),
   * checked at once.
   *
   * @param flags the {@code ClientOptions.SECURITY_*} flags
   * @return this
   * @throws IllegalArgumentException as {@link ClientOptions#securityQosFlags(int)}
   */
  public NamedPipeChannelConfig setSecurityQosFlags(int flags) {
    new ClientOptions().securityQosFlags(flags);
    this.securityQosFlags = flags;
    return this;
  }

  /** The client options these settings stand for. */
  ClientOptions clientOptions() {
    return new ClientOptions().pipeMode(pipeMode).securityQosFlags(securityQosFlags);
  }

  @Override
  public boolean isAllowHalfClosure() {
    return allowHalfClosure;
  }

  @Override
  public NamedPipeChannelConfig setAllowHalfClosure(boolean allow) {
    this.allowHalfClosure = allow;
    return this;
  }

  @Override
  public NamedPipeChannelConfig setConnectTimeoutMillis(int millis) {
    super.setConnectTimeoutMillis(millis);
    return this;
  }

  @Override
  @Deprecated
  public NamedPipeChannelConfig setMaxMessagesPerRead(int max) {
    super.setMaxMessagesPerRead(max);
    return this;
  }

  @Override
  public NamedPipeChannelConfig setWriteSpinCount(int count) {
    super.setWriteSpinCount(count);
    return this;
  }

  @Override
  public NamedPipeChannelConfig setAllocator(ByteBufAllocator allocator) {
    super.setAllocator(allocator);
    return this;
  }

  @Override
  public NamedPipeChannelConfig setRecvByteBufAllocator(RecvByteBufAllocator allocator) {
    super.setRecvByteBufAllocator(allocator);
    return this;
  }

  @Override
  public NamedPipeChannelConfig setAutoRead(boolean autoRead) {
    super.setAutoRead(autoRead);
    return this;
  }

  @Override
  public NamedPipeChannelConfig setAutoClose(boolean autoClose) {
    super.setAutoClose(autoClose);
    return this;
  }

  @Override
  public NamedPipeChannelConfig setWriteBufferWaterMark(WriteBufferWaterMark mark) {
    super.setWriteBufferWaterMark(mark);
    return this;
  }

  @Override
  public NamedPipeChannelConfig setMessageSizeEstimator(MessageSizeEstimator estimator) {
    super.setMessageSizeEstimator(estimator);
    return this;
  }
}
