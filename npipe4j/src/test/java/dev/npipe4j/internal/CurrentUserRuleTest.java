package dev.npipe4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.PipeInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;

/** The wording of currentUserOnly refusals, and that a refused client end is closed. */
class CurrentUserRuleTest {
  /** An endpoint that only counts its closes, and may fail them. */
  private static final class Endpoint extends PipeIo {
    int closes;
    IOException closeFailure;

    @Override
    public int read(ByteBuffer dst) {
      return 0;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
      return 0;
    }

    @Override
    public int write(ByteBuffer src) {
      return 0;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
      return 0;
    }

    @Override
    public PipeInfo info() {
      throw new UnsupportedOperationException();
    }

    @Override
    public long peerProcessId() {
      return 0;
    }

    @Override
    public void close() throws IOException {
      closes++;
      if (closeFailure != null) {
        throw closeFailure;
      }
    }
  }

  @Test
  void anotherUserIsNamedBesideTheCurrentOne() {
    PipeAccessDeniedException e =
        CurrentUserRule.otherUser("/tmp/s", "nobody (uid 65534)", "alice (uid 1000)", 13);
    assertTrue(e instanceof AccessDeniedException);
    assertEquals(
        "/tmp/s: currentUserOnly: the server runs as nobody (uid 65534), not the current user"
            + " alice (uid 1000)",
        e.getMessage());
    assertEquals("/tmp/s", e.getFile());
    assertEquals(13, e.osError());
  }

  @Test
  void anUnreadableUserIsRefusedSayingWhy() {
    PipeAccessDeniedException e =
        CurrentUserRule.unknownUser(
            "\\\\.\\pipe\\x", "OpenProcessToken: Access is denied.", "me", 5);
    assertEquals(
        "\\\\.\\pipe\\x: currentUserOnly: cannot tell which user the server runs as"
            + " (OpenProcessToken: Access is denied.), so it is not known to be the current user me",
        e.getMessage());
    assertEquals(5, e.osError());
  }

  @Test
  void aRefusedClientIsClosedAndAFailedCloseIsKept() {
    Endpoint client = new Endpoint();
    PipeAccessDeniedException refusal = CurrentUserRule.otherUser("p", "b", "a", 13);
    assertSame(
        refusal,
        assertThrows(
            PipeAccessDeniedException.class, () -> CurrentUserRule.refuse(client, refusal)));
    assertEquals(1, client.closes);

    Endpoint failing = new Endpoint();
    failing.closeFailure = new IOException("close failed");
    PipeAccessDeniedException second = CurrentUserRule.otherUser("p", "b", "a", 13);
    assertThrows(PipeAccessDeniedException.class, () -> CurrentUserRule.refuse(failing, second));
    assertEquals(1, failing.closes);
    assertSame(failing.closeFailure, second.getSuppressed()[0]);
  }
}
