package dev.npipe4j.internal;

import dev.npipe4j.PipeMode;

/**
 * An immutable snapshot of {@code ClientOptions}, taken when a client opens.
 *
 * @param read open for reading ({@code GENERIC_READ})
 * @param write open for writing ({@code GENERIC_WRITE})
 * @param mode the read mode to set after opening
 * @param securityQosFlags the {@code SECURITY_SQOS_PRESENT} flags passed to {@code CreateFileW}
 * @param currentUserOnly refuse a server that runs as another user ({@link CurrentUserRule})
 */
public record ClientConfig(
    boolean read, boolean write, PipeMode mode, int securityQosFlags, boolean currentUserOnly) {
  /**
   * A snapshot that accepts a server of any user.
   *
   * @param read open for reading
   * @param write open for writing
   * @param mode the read mode
   * @param securityQosFlags the SQOS flags
   */
  public ClientConfig(boolean read, boolean write, PipeMode mode, int securityQosFlags) {
    this(read, write, mode, securityQosFlags, false);
  }
}
