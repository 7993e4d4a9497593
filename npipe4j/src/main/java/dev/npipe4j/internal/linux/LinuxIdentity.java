package dev.npipe4j.internal.linux;

import dev.npipe4j.PeerCredentials;
import dev.npipe4j.internal.CurrentUserRule;
import dev.npipe4j.internal.PipeIo;
import dev.npipe4j.internal.linux.libc.Errno;
import dev.npipe4j.internal.linux.libc.LibcUsers;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Users on the Linux backend: the name of a uid, and the client-side check of {@code
 * ClientOptions.currentUserOnly} ({@code SO_PEERCRED} of the connected socket, which for a client
 * is the server's effective uid when it called {@code listen}, against {@code geteuid()}).
 */
final class LinuxIdentity {
  private LinuxIdentity() {}

  /** The largest buffer {@code getpwuid_r} gets: an entry is a line of {@code /etc/passwd}. */
  private static final int MAX_ENTRY_BYTES = 1 << 20;

  /**
   * Adds the user's name to {@code SO_PEERCRED} credentials.
   *
   * @param raw credentials with a uid
   * @return the same credentials with {@link PeerCredentials#userName()}
   */
  static PeerCredentials named(PeerCredentials raw) {
    Optional<String> name =
        raw.userId().isPresent() ? userName(raw.userId().getAsLong()) : Optional.empty();
    return new PeerCredentials(
        raw.processId(), raw.userId(), raw.groupId(), name, raw.userSid(), raw.sessionId());
  }

  /**
   * The {@code passwd} name of a uid ({@code getpwuid_r}), or empty if it has none or the user
   * database cannot be read.
   */
  static Optional<String> userName(long uid) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pwd = arena.allocate(LibcUsers.PASSWD_BYTES, 8);
      MemorySegment result = arena.allocate(ValueLayout.ADDRESS);
      for (int size = 1024; size <= MAX_ENTRY_BYTES; size *= 4) {
        MemorySegment buf = arena.allocate(size);
        int r = LibcUsers.getpwuid_r((int) uid, pwd, buf, size, result);
        if (r == Errno.ERANGE) {
          continue;
        }
        if (r != 0 || result.get(ValueLayout.ADDRESS, 0).address() == 0) {
          return Optional.empty();
        }
        // pw_name points into buf: read it there, without trusting a raw pointer.
        long offset =
            pwd.get(ValueLayout.ADDRESS, LibcUsers.PASSWD_PW_NAME).address() - buf.address();
        if (offset < 0 || offset >= size) {
          return Optional.empty();
        }
        return Optional.of(buf.getString(offset, StandardCharsets.UTF_8));
      }
      return Optional.empty();
    }
  }

  /** Describes a uid for a message: {@code "nobody (uid 65534)"}. */
  static String describe(long uid) {
    return userName(uid).map(n -> n + " (uid " + uid + ")").orElse("uid " + uid);
  }

  /** Refuses, closing it, a client end whose server runs as another user than this process. */
  static void requireServerIsCurrentUser(PipeIo client, String pipeName) throws IOException {
    long me = Integer.toUnsignedLong(LibcUsers.geteuid());
    PeerCredentials server;
    try {
      server = client.peerCredentials();
    } catch (IOException e) {
      throw CurrentUserRule.refuse(
          client,
          CurrentUserRule.unknownUser(
              pipeName, "SO_PEERCRED: " + e.getMessage(), describe(me), Errno.EACCES));
    }
    long uid = server.userId().orElse(-1);
    if (uid != me) {
      throw CurrentUserRule.refuse(
          client,
          CurrentUserRule.otherUser(
              pipeName,
              describe(uid) + ", process " + server.processId(),
              describe(me),
              Errno.EACCES));
    }
  }
}
