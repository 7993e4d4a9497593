package dev.npipe4j.netty;

import dev.npipe4j.PipeMode;
import dev.npipe4j.ServerOptions;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultChannelConfig;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration of a {@link NamedPipeServerChannel}: Netty's channel options and the server's
 * pipe options of {@link NamedPipeChannelOption}, which take effect at bind. Each setter checks its
 * value as {@link ServerOptions} does.
 */
public final class NamedPipeServerChannelConfig extends DefaultChannelConfig {
  private volatile PipeMode pipeMode = PipeMode.BYTE;
  private volatile int maxInstances;
  private volatile int inBufferSize = 65536;
  private volatile int outBufferSize = 65536;
  private volatile String securityDescriptor;
  private volatile boolean currentUserOnly;
  private volatile boolean rejectRemoteClients = true;

  NamedPipeServerChannelConfig(NamedPipeServerChannel channel) {
    super(channel);
  }

  @Override
  public Map<ChannelOption<?>, Object> getOptions() {
    return getOptions(
        super.getOptions(),
        NamedPipeChannelOption.PIPE_MODE,
        NamedPipeChannelOption.MAX_INSTANCES,
        NamedPipeChannelOption.IN_BUFFER_SIZE,
        NamedPipeChannelOption.OUT_BUFFER_SIZE,
        NamedPipeChannelOption.SECURITY_DESCRIPTOR,
        NamedPipeChannelOption.CURRENT_USER_ONLY,
        NamedPipeChannelOption.REJECT_REMOTE_CLIENTS);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getOption(ChannelOption<T> option) {
    Object value;
    if (option == NamedPipeChannelOption.PIPE_MODE) {
      value = pipeMode;
    } else if (option == NamedPipeChannelOption.MAX_INSTANCES) {
      value = maxInstances;
    } else if (option == NamedPipeChannelOption.IN_BUFFER_SIZE) {
      value = inBufferSize;
    } else if (option == NamedPipeChannelOption.OUT_BUFFER_SIZE) {
      value = outBufferSize;
    } else if (option == NamedPipeChannelOption.SECURITY_DESCRIPTOR) {
      value = securityDescriptor;
    } else if (option == NamedPipeChannelOption.CURRENT_USER_ONLY) {
      value = currentUserOnly;
    } else if (option == NamedPipeChannelOption.REJECT_REMOTE_CLIENTS) {
      value = rejectRemoteClients;
    } else {
      return super.getOption(option);
    }
    return (T) value;
  }

  @Override
  public <T> boolean setOption(ChannelOption<T> option, T value) {
    validate(option, value);
    if (option == NamedPipeChannelOption.PIPE_MODE) {
      pipeMode = Objects.requireNonNull((PipeMode) value, "PIPE_MODE");
    } else if (option == NamedPipeChannelOption.MAX_INSTANCES) {
      int max = (Integer) value;
      if (max != 0) {
        new ServerOptions().maxInstances(max); // the library's check and message
      }
      maxInstances = max;
    } else if (option == NamedPipeChannelOption.IN_BUFFER_SIZE) {
      inBufferSize = (Integer) value;
      new ServerOptions().inBufferSize(inBufferSize);
    } else if (option == NamedPipeChannelOption.OUT_BUFFER_SIZE) {
      outBufferSize = (Integer) value;
      new ServerOptions().outBufferSize(outBufferSize);
    } else if (option == NamedPipeChannelOption.SECURITY_DESCRIPTOR) {
      securityDescriptor = (String) value;
    } else if (option == NamedPipeChannelOption.CURRENT_USER_ONLY) {
      currentUserOnly = (Boolean) value;
    } else if (option == NamedPipeChannelOption.REJECT_REMOTE_CLIENTS) {
      rejectRemoteClients = (Boolean) value;
    } else {
      return super.setOption(option, value);
    }
    return true;
  }

  /** The server options these settings stand for, for every instance of the pipe. */
  ServerOptions serverOptions() {
    ServerOptions options =
        new ServerOptions()
            .pipeMode(pipeMode)
            .inBufferSize(inBufferSize)
            .outBufferSize(outBufferSize)
            .securityDescriptor(securityDescriptor)
            .currentUserOnly(currentUserOnly)
            .rejectRemoteClients(rejectRemoteClients);
    return maxInstances == 0 ? options.unlimitedInstances() : options.maxInstances(maxInstances);
  }

  /** The mode of the pipe, which its accepted channels share. */
  PipeMode pipeMode() {
    return pipeMode;
  }
}
