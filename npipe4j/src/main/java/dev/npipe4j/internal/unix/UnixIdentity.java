package dev.npipe4j.internal.unix;

import dev.npipe4j.internal.CurrentUserRule;
import java.io.IOException;
import java.net.SocketOption;
import java.util.Objects;
import jdk.net.UnixDomainPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * The client-side check of {@code ClientOptions.currentUserOnly} on the JDK socket backend: the
 * server's user, from {@code jdk.net.ExtendedSocketOptions.SO_PEERCRED}, against {@code user.name},
 * the user {@link SocketPaths} holds the pipe directory for.
 *
 * <p>npipe4j reads {@code jdk.net} only where it is present ({@code requires static}), and looks
 * the option up by name before it touches any of its types: without the module (a runtime image or
 * module graph that lacks it), no server can be vouched for, and every one is refused with that
 * reason.
 */
final class UnixIdentity {
  private UnixIdentity() {}

  /** {@code jdk.net.ExtendedSocketOptions.SO_PEERCRED}, or null with {@link #ABSENT} saying why. */
  private static final @Nullable SocketOption<?> SO_PEERCRED;

  private static final @Nullable String ABSENT;

  static {
    SocketOption<?> option = null;
    String absent = null;
    try {
      Class<?> options = Class.forName("jdk.net.ExtendedSocketOptions");
      option = (SocketOption<?>) options.getField("SO_PEERCRED").get(null);
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      absent =
          "SO_PEERCRED needs the jdk.net module, which this runtime does not have"
              + " (run with --add-modules jdk.net): "
              + e;
    }
    SO_PEERCRED = option;
    ABSENT = absent;
  }

  /** Refuses, closing it, a client end whose server runs as another user than this process. */
  static void requireServerIsCurrentUser(UnixClientIo client, String pipeName) throws IOException {
    String me = System.getProperty("user.name");
    if (SO_PEERCRED == null) {
      throw CurrentUserRule.refuse(
          client,
          CurrentUserRule.unknownUser(
              pipeName,
              Objects.requireNonNull(ABSENT, "set where SO_PEERCRED is not"),
              me,
              UnixErrors.EOPNOTSUPP));
    }
    Object peer;
    try {
      peer = client.option(SO_PEERCRED);
    } catch (IOException | UnsupportedOperationException e) {
      throw CurrentUserRule.refuse(
          client,
          CurrentUserRule.unknownUser(
              pipeName, "SO_PEERCRED: " + e.getMessage(), me, UnixErrors.EOPNOTSUPP));
    }
    String server = ((UnixDomainPrincipal) peer).user().getName();
    if (!server.equals(me)) {
      throw CurrentUserRule.refuse(
          client, CurrentUserRule.otherUser(pipeName, server, me, UnixErrors.EACCES));
    }
  }
}
