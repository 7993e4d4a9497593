package dev.npipe4j.internal;

import dev.npipe4j.PipeAccessDeniedException;
import java.io.IOException;

/**
 * The rule of {@code ClientOptions.currentUserOnly}, one for every backend: a client that finds the
 * pipe served by another user, or cannot tell by whom, closes its end at once and fails with {@link
 * PipeAccessDeniedException} naming both users. Each backend decides who the server runs as; this
 * class words the refusal and makes sure nothing stays open.
 */
public final class CurrentUserRule {
  private CurrentUserRule() {}

  /**
   * The refusal of a server that runs as another user.
   *
   * @param pipe the pipe's name
   * @param server who the server runs as, for example {@code "nobody (uid 65534)"}
   * @param current who this process runs as
   * @param osError the code the exception carries ({@code EACCES}, {@code ERROR_ACCESS_DENIED})
   * @return the exception to throw
   */
  public static PipeAccessDeniedException otherUser(
      String pipe, String server, String current, int osError) {
    return new PipeAccessDeniedException(
        pipe,
        "currentUserOnly: the server runs as " + server + ", not the current user " + current,
        osError);
  }

  /**
   * The refusal of a server whose user cannot be read: it is not known to be the current user.
   *
   * @param pipe the pipe's name
   * @param why why the user cannot be read
   * @param current who this process runs as
   * @param osError the code the exception carries
   * @return the exception to throw
   */
  public static PipeAccessDeniedException unknownUser(
      String pipe, String why, String current, int osError) {
    return new PipeAccessDeniedException(
        pipe,
        "currentUserOnly: cannot tell which user the server runs as ("
            + why
            + "), so it is not known to be the current user "
            + current,
        osError);
  }

  /**
   * Closes a client end that failed the check and throws the refusal.
   *
   * @param client the client end, open
   * @param refusal the refusal
   * @return never returns
   * @throws PipeAccessDeniedException always, with any failure to close suppressed in it
   */
  public static PipeAccessDeniedException refuse(PipeIo client, PipeAccessDeniedException refusal)
      throws PipeAccessDeniedException {
    try {
      client.close();
    } catch (IOException | RuntimeException e) {
      refusal.addSuppressed(e);
    }
    throw refusal;
  }
}
