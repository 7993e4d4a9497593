package dev.npipe4j;

import java.util.OptionalLong;

/**
 * Who is at the other end of a connected pipe, as the operating system vouches for it.
 *
 * <p>What each OS gives:
 *
 * <ul>
 *   <li><b>Linux</b> ({@code SO_PEERCRED}): the process id, user id and group id the peer had when
 *       it connected (for a server end, the client that connected; for a client end, the server
 *       that created the listening socket). Plain peers that npipe4j did not create are vouched for
 *       the same way.
 *   <li><b>Windows</b>: the process id ({@code GetNamedPipeClientProcessId} on a server end, {@code
 *       GetNamedPipeServerProcessId} on a client end). Windows identifies users by security
 *       identifiers, not numbers, so {@link #userId()} and {@link #groupId()} are empty there.
 *   <li><b>Other Unixes</b> (the JDK socket backend): not available; {@link
 *       NamedPipe#peerCredentials()} fails.
 * </ul>
 *
 * {@snippet :
 * PeerCredentials peer = server.peerCredentials();
 * if (peer.userId().isPresent() && peer.userId().getAsLong() != 0) {
 *   throw new AccessDeniedException("root only; caller is uid " + peer.userId().getAsLong());
 * }
 * }
 *
 * @param processId the peer's process id
 * @param userId the peer's numeric user id, where the OS has one
 * @param groupId the peer's numeric primary group id, where the OS has one
 */
public record PeerCredentials(long processId, OptionalLong userId, OptionalLong groupId) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code userId} or {@code groupId} is null
   */
  public PeerCredentials {
    java.util.Objects.requireNonNull(userId, "userId");
    java.util.Objects.requireNonNull(groupId, "groupId");
  }
}
