package dev.npipe4j;

import java.util.Objects;

/**
 * What the operating system reports about a pipe ({@code GetNamedPipeInfo} on Windows).
 *
 * @param mode the pipe's type, as created by the server
 * @param end which end this handle is
 * @param maxInstances the maximum number of instances, or {@link #UNLIMITED_INSTANCES}
 * @param outBufferSize the size of the outbound buffer, in bytes
 * @param inBufferSize the size of the inbound buffer, in bytes
 */
public record PipeInfo(
    PipeMode mode, PipeEnd end, int maxInstances, int outBufferSize, int inBufferSize) {

  /**
   * The value of {@link #maxInstances()} for a pipe created without a limit: Win32's {@code
   * PIPE_UNLIMITED_INSTANCES}, which npipe4j passes to {@code CreateNamedPipeW} as is and the Unix
   * backends report the same way.
   */
  public static final int UNLIMITED_INSTANCES = 255;

  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code mode} or {@code end} is null
   */
  public PipeInfo {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(end, "end");
  }
}
