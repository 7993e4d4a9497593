package dev.npipe4j;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Who is at the other end of a connected pipe, as the operating system vouches for it: for a server
 * end, the client that connected; for a client end, the server.
 *
 * <p>What each OS gives, field by field:
 *
 * <table class="striped">
 *   <caption>The fields on each backend</caption>
 *   <thead>
 *     <tr><th scope="col">field</th><th scope="col">Windows</th><th scope="col">Linux</th>
 *       <th scope="col">JDK socket backend (macOS, other Unixes)</th></tr>
 *   </thead>
 *   <tbody>
 *     <tr><th scope="row">{@link #processId()}</th>
 *       <td>{@code GetNamedPipeClientProcessId} on a server end, {@code
 *         GetNamedPipeServerProcessId} on a client end</td>
 *       <td>{@code SO_PEERCRED}: the client's pid at {@code connect}; for a client end, the
 *         server's at {@code listen}</td>
 *       <td rowspan="6">not available: {@link NamedPipe#peerCredentials()} fails, since the JDK
 *         gives no process id ({@link ClientOptions#currentUserOnly(boolean)} still works)</td></tr>
 *     <tr><th scope="row">{@link #userId()}, {@link #groupId()}</th>
 *       <td>empty: Windows names users by SID, not by number</td>
 *       <td>{@code SO_PEERCRED}: the effective uid and gid</td></tr>
 *     <tr><th scope="row">{@link #userName()}</th>
 *       <td>{@code DOMAIN\name} of {@link #userSid()} ({@code LookupAccountSidW}); on a server
 *         end, if that lookup fails, the bare name of {@code GetNamedPipeHandleStateW}, which Windows
 *         gives only when the client allowed {@link ClientOptions#SECURITY_IMPERSONATION}</td>
 *       <td>the {@code passwd} name of the uid ({@code getpwuid_r}); empty if it has none</td></tr>
 *     <tr><th scope="row">{@link #userSid()}</th>
 *       <td>the user of the peer's token, as {@code S-1-5-21-...}: on a server end the client's
 *         ({@code ImpersonateNamedPipeClient}, {@code OpenThreadToken}, {@code
 *         GetTokenInformation(TokenUser)}, reverted at once); on a client end the server process's
 *         ({@code OpenProcess}, {@code OpenProcessToken}). Empty when the client opened with {@link
 *         ClientOptions#SECURITY_ANONYMOUS}, or when this process may not read the server's
 *         token (a service of another user)</td>
 *       <td>empty</td></tr>
 *     <tr><th scope="row">{@link #sessionId()}</th>
 *       <td>the peer's Terminal Services session ({@code GetNamedPipeClientSessionId}, {@code
 *         GetNamedPipeServerSessionId}): 0 for services</td>
 *       <td>empty: {@code SO_PEERCRED} has no session, and a process's {@code getsid} is a job
 *         control session, not a login</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Each call of {@link NamedPipe#peerCredentials()} asks the OS anew on Windows (a client with
 * {@link ClientOptions#SECURITY_CONTEXT_TRACKING} may change its token); on Linux a connection's
 * credentials are fixed when it is made, and are asked once.
 *
 * {@snippet :
 * PeerCredentials peer = server.peerCredentials();
 * if (peer.userId().isPresent() && peer.userId().getAsLong() != 0) {
 *   throw new AccessDeniedException("root only; caller is uid " + peer.userId().getAsLong());
 * }
 * log.info("client " + peer.userName().orElse("?") + " (" + peer.userSid().orElse("no SID")
 *     + "), pid " + peer.processId());
 * }
 *
 * @param processId the peer's process id
 * @param userId the peer's numeric user id, where the OS has one
 * @param groupId the peer's numeric primary group id, where the OS has one
 * @param userName the peer's user name, where the OS can tell it
 * @param userSid the peer's user as a Windows security identifier in string form, where the OS has
 *     one
 * @param sessionId the peer's login session, where the OS has one
 */
public record PeerCredentials(
    long processId,
    OptionalLong userId,
    OptionalLong groupId,
    Optional<String> userName,
    Optional<String> userSid,
    OptionalLong sessionId) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if an optional component is null
   */
  public PeerCredentials {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(userSid, "userSid");
    Objects.requireNonNull(sessionId, "sessionId");
  }

  /**
   * Creates credentials with a process id and numeric ids only, and no name, SID or session.
   *
   * @param processId the peer's process id
   * @param userId the peer's numeric user id, where the OS has one
   * @param groupId the peer's numeric primary group id, where the OS has one
   * @throws NullPointerException if {@code userId} or {@code groupId} is null
   */
  public PeerCredentials(long processId, OptionalLong userId, OptionalLong groupId) {
    this(processId, userId, groupId, Optional.empty(), Optional.empty(), OptionalLong.empty());
  }
}
