package dev.npipe4j.windows;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipeClient;
import dev.npipe4j.NamedPipeServer;
import dev.npipe4j.PeerCredentials;
import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.PipeContractSupport;
import dev.npipe4j.PipeError;
import dev.npipe4j.PipeException;
import dev.npipe4j.ServerOptions;
import dev.npipe4j.internal.windows.win32.ThreadTokens;
import dev.npipe4j.internal.windows.win32.Win32;
import dev.npipe4j.internal.windows.win32.WineDivergence;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Who is at the other end on Windows: the peer's user, SID and session on both ends, impersonation
 * of a server's client, and the client-side currentUserOnly check. The expected user comes from the
 * JDK's own {@code com.sun.security.auth.module.NTSystem}, which reads this process's token in
 * native code of its own.
 */
@EnabledOnOs(OS.WINDOWS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WindowsIdentityTest extends PipeContractSupport {
  /** This process's user as the JDK reads it. */
  record Me(String sid, String name) {
    static Me read() throws ReflectiveOperationException {
      Class<?> nt = Class.forName("com.sun.security.auth.module.NTSystem");
      Object system = nt.getConstructor().newInstance();
      String domain = (String) nt.getMethod("getDomain").invoke(system);
      String user = (String) nt.getMethod("getName").invoke(system);
      return new Me((String) nt.getMethod("getUserSID").invoke(system), domain + "\\" + user);
    }
  }

  /** A connected server instance and client. */
  record Pair(NamedPipeServer server, NamedPipeClient client) implements AutoCloseable {
    static Pair open(String name, int qos) throws Exception {
      NamedPipeServer server = new ServerOptions().create(name);
      CompletableFuture<Void> connect = server.connect();
      NamedPipeClient client = new ClientOptions().securityQosFlags(qos).open(name);
      await(connect);
      return new Pair(server, client);
    }

    @Override
    public void close() throws IOException {
      client.close();
      server.close();
    }
  }

  @Test
  void theServerSeesTheClientsUserSidAndSession() throws Exception {
    Me me = Me.read();
    try (Pair p = Pair.open(uniqueName(), ClientOptions.SECURITY_IDENTIFICATION)) {
      PeerCredentials c = p.server().peerCredentials();
      assertEquals(ProcessHandle.current().pid(), c.processId());
      assertEquals(Optional.of(me.sid()), c.userSid());
      assertEquals(Optional.of(me.name()), c.userName());
      assertEquals(ThreadTokens.processSession(), c.sessionId().orElseThrow());
      assertTrue(c.userId().isEmpty(), "Windows has no numeric user id");
      assertTrue(c.groupId().isEmpty());
      // Asking impersonated the client on this thread only for the question.
      assertNull(ThreadTokens.current());
    }
  }

  @Test
  void theClientSeesTheServersUserSidAndSession() throws Exception {
    Me me = Me.read();
    try (Pair p = Pair.open(uniqueName(), ClientOptions.SECURITY_IDENTIFICATION)) {
      PeerCredentials c = p.client().peerCredentials();
      assertEquals(ProcessHandle.current().pid(), c.processId());
      assertEquals(Optional.of(me.sid()), c.userSid());
      assertEquals(Optional.of(me.name()), c.userName());
      assertEquals(ThreadTokens.processSession(), c.sessionId().orElseThrow());
    }
  }

  @Test
  void aVirtualThreadAsksThroughAPlatformThreadAndGetsTheSameAnswer() throws Exception {
    try (Pair p = Pair.open(uniqueName(), ClientOptions.SECURITY_IDENTIFICATION)) {
      PeerCredentials direct = p.server().peerCredentials();
      CompletableFuture<PeerCredentials> fromVirtual = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  fromVirtual.complete(p.server().peerCredentials());
                } catch (Throwable t) {
                  fromVirtual.completeExceptionally(t);
                }
              });
      assertEquals(direct, await(fromVirtual));
    }
  }

  @Test
  void anAnonymousClientShowsNoUser() throws Exception {
    try (Pair p = Pair.open(uniqueName(), ClientOptions.SECURITY_ANONYMOUS)) {
      PeerCredentials c = p.server().peerCredentials();
      assertEquals(ProcessHandle.current().pid(), c.processId());
      WineDivergence.SQOS_IGNORED.assumeWindowsBehaviour();
      assertTrue(c.userSid().isEmpty(), () -> "anonymous, yet " + c);
      assertTrue(c.userName().isEmpty(), () -> "anonymous, yet " + c);
    }
  }

  @Test
  void impersonateRunsTheActionAsTheClientOnTheCallingThreadAndReverts() throws Exception {
    Me me = Me.read();
    try (Pair p = Pair.open(uniqueName(), ClientOptions.SECURITY_IMPERSONATION)) {
      assertNull(ThreadTokens.current(), "the test thread starts as the process");
      Thread caller = Thread.currentThread();
      ThreadTokens.Token inside =
          p.server()
              .impersonate(
                  () -> {
                    assertSame(caller, Thread.currentThread());
                    return ThreadTokens.current();
                  });
      assertNotNull(inside, "the action ran without the client's token");
      assertEquals(me.sid(), inside.userSid());
      assertEquals(Win32.SecurityImpersonation, inside.level());
      assertNull(ThreadTokens.current(), "the client's token outlived impersonate()");
    }
  }

  @Test
  void aClientThatAllowsIdentificationOnlyGivesAnIdentificationToken() throws Exception {
    try (Pair p = Pair.open(uniqueName(), ClientOptions.SECURITY_IDENTIFICATION)) {
      ThreadTokens.Token inside = p.server().impersonate(ThreadTokens::current);
      assertNotNull(inside);
      assertNull(ThreadTokens.current());
      WineDivergence.SQOS_IGNORED.assumeWindowsBehaviour();
      assertEquals(Win32.SecurityIdentification, inside.level());
    }
  }

  @Test
  void theActionsExceptionsPassThroughAndTheTokenIsRevertedAnyway() throws Exception {
    try (Pair p = Pair.open(uniqueName(), ClientOptions.SECURITY_IMPERSONATION)) {
      IOException checked = new IOException("checked, from the action");
      IOException thrown =
          assertThrows(
              IOException.class,
              () ->
                  p.server()
                      .impersonate(
                          () -> {
                            assertNotNull(ThreadTokens.current());
                            throw checked;
                          }));
      assertSame(checked, thrown);
      assertNull(ThreadTokens.current());

      IllegalArgumentException unchecked = new IllegalArgumentException("unchecked");
      assertSame(
          unchecked,
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  p.server()
                      .impersonate(
                          () -> {
                            throw unchecked;
                          })));
      assertNull(ThreadTokens.current());
      // The pipe is still usable afterwards.
      writeAll(p.client(), "after".getBytes(US_ASCII));
      assertArrayEquals("after".getBytes(US_ASCII), readExactly(p.server(), 5));
    }
  }

  @Test
  void aNestedCallRestoresTheOuterClientNotTheProcess() throws Exception {
    try (Pair outer = Pair.open(uniqueName(), ClientOptions.SECURITY_IMPERSONATION);
        Pair inner = Pair.open(uniqueName(), ClientOptions.SECURITY_IMPERSONATION)) {
      ThreadTokens.Token[] seen = new ThreadTokens.Token[3];
      outer
          .server()
          .impersonate(
              () -> {
                seen[0] = ThreadTokens.current();
                seen[1] = inner.server().impersonate(ThreadTokens::current);
                seen[2] = ThreadTokens.current();
                return null;
              });
      assertNotNull(seen[0]);
      assertNotNull(seen[1]);
      assertNotEquals(
          seen[0].tokenId(), seen[1].tokenId(), "the inner call ran as the outer client");
      assertNotNull(seen[2], "the inner call reverted to the process inside the outer one");
      assertEquals(
          seen[0].tokenId(), seen[2].tokenId(), "the outer client's token was not restored");
      assertNull(ThreadTokens.current());
    }
  }

  @Test
  void aVirtualThreadIsRefusedBeforeAnythingHappens() throws Exception {
    try (Pair p = Pair.open(uniqueName(), ClientOptions.SECURITY_IMPERSONATION)) {
      AtomicBoolean ran = new AtomicBoolean();
      CompletableFuture<Throwable> failure = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  p.server().impersonate(() -> ran.getAndSet(true));
                  failure.complete(null);
                } catch (Throwable t) {
                  failure.complete(t);
                }
              });
      Throwable t = await(failure);
      assertTrue(t instanceof IllegalStateException, () -> "got " + t);
      assertTrue(t.getMessage().contains("platform thread"), t.getMessage());
      assertTrue(t.getMessage().contains("carrier"), t.getMessage());
      assertFalse(ran.get(), "the action ran on a virtual thread");
    }
  }

  @Test
  void withoutAClientOrAfterCloseNothingRuns() throws Exception {
    String name = uniqueName();
    AtomicBoolean ran = new AtomicBoolean();
    NamedPipeServer server = new ServerOptions().create(name);
    try (server) {
      PipeException e =
          assertThrows(PipeException.class, () -> server.impersonate(() -> ran.getAndSet(true)));
      assertEquals(Win32.ERROR_CANNOT_IMPERSONATE, ((PipeError) e).osError());
      assertTrue(e.getMessage().contains("no client"), e.getMessage());
      assertThrows(PipeException.class, server::peerCredentials);
    }
    assertThrows(ClosedChannelException.class, () -> server.impersonate(() -> ran.getAndSet(true)));
    assertFalse(ran.get());
    assertNull(ThreadTokens.current());
  }

  @Test
  void currentUserOnlyAdmitsAServerOfThisUser() throws Exception {
    String name = uniqueName();
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      CompletableFuture<Void> connect = server.connect();
      try (NamedPipeClient client = new ClientOptions().currentUserOnly(true).open(name)) {
        await(connect);
        writeAll(client, "mine".getBytes(US_ASCII));
        assertArrayEquals("mine".getBytes(US_ASCII), readExactly(server, 4));
      }
    }
  }

  /** Pipes every Windows serves from a process of SYSTEM that any user may open. */
  private static final String[] SYSTEM_PIPES = {
    "\\\\.\\pipe\\lsass", "\\\\.\\pipe\\ntsvcs", "\\\\.\\pipe\\svcctl"
  };

  @Test
  void currentUserOnlyRefusesAServerOfAnotherUser() throws Exception {
    Me me = Me.read();
    WineDivergence.ONE_USER_FOR_EVERY_PROCESS.assumeWindowsBehaviour();
    String reachable = null;
    for (String pipe : SYSTEM_PIPES) {
      try (NamedPipeClient plain = new ClientOptions().open(pipe, Duration.ofSeconds(5))) {
        assertTrue(plain.isOpen());
        reachable = pipe;
        break;
      } catch (IOException unreachable) {
        // try the next one
      }
    }
    assertNotNull(reachable, "no pipe of a system service could be opened");
    String pipe = reachable;
    PipeAccessDeniedException e =
        assertThrows(
            PipeAccessDeniedException.class,
            () -> new ClientOptions().currentUserOnly(true).open(pipe, Duration.ofSeconds(5)));
    assertTrue(e.getMessage().contains("currentUserOnly"), e.getMessage());
    assertTrue(e.getMessage().contains(me.sid()), e.getMessage());
  }
}
