package dev.npipe4j;

import dev.npipe4j.internal.Os;

/**
 * What carries npipe4j's pipes in this JVM: Win32 named pipes on Windows, Unix domain sockets
 * everywhere else. The same API runs over both; what differs is described in {@link
 * NamedPipeServer}.
 *
 * {@snippet :
 * System.out.println("pipes here are " + PipeTransport.current().description());
 * if (PipeTransport.current() == PipeTransport.UNIX_DOMAIN_SOCKETS) {
 *   PipeDirectory.socketDirectory().ifPresent(dir -> System.out.println("sockets in " + dir));
 * }
 * }
 *
 * <p>The choice follows the {@code os.name} system property, read once: a name starting with
 * "Windows", in any case, means Windows (Wine reports so, and npipe4j runs there as on Windows).
 */
public enum PipeTransport {
  /** Win32 named pipes, driven by an I/O completion port. */
  WINDOWS_NAMED_PIPES("Windows named pipes"),

  /** Unix domain sockets: on Linux through libc where {@link LinuxSockets} is available. */
  UNIX_DOMAIN_SOCKETS("Unix domain sockets");

  private final String description;

  PipeTransport(String description) {
    this.description = description;
  }

  /**
   * Returns the transport of this JVM's operating system.
   *
   * @return {@link #WINDOWS_NAMED_PIPES} on Windows, else {@link #UNIX_DOMAIN_SOCKETS}
   */
  public static PipeTransport current() {
    return Os.WINDOWS ? WINDOWS_NAMED_PIPES : UNIX_DOMAIN_SOCKETS;
  }

  /**
   * Names the transport for people.
   *
   * @return "Windows named pipes" or "Unix domain sockets"
   */
  public String description() {
    return description;
  }
}
