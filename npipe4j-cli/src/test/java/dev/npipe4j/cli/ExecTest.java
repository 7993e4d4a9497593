package dev.npipe4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code npipe serve --exec}, {@code --current-user-only} and {@code --sddl}. */
@Timeout(120)
class ExecTest {
  /** Runs {@link UpperMain} with this JVM's java: the same command on Linux and on Windows. */
  static String upperCommand() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classes =
        Path.of(UpperMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    return "\""
        + java
        + "\" -Xshare:auto -XX:TieredStopAtLevel=1 -cp \""
        + classes
        + "\" "
        + UpperMain.class.getName();
  }

  @Test
  void eachClientGetsItsOwnProcessWiredToThePipe() throws Exception {
    String name = Cli.uniqueName("exec");
    Running server = Running.server("serve", "--exec", upperCommand(), "--verbose", name);
    try {
      List<CompletableFuture<Cli.Result>> clients =
          List.of("first", "second").stream()
              .map(
                  word ->
                      CompletableFuture.supplyAsync(
                          () ->
                              Cli.run(
                                  (word + "\n").getBytes(UTF_8),
                                  "connect",
                                  "--no-expect-echo",
                                  "--timeout",
                                  "30",
                                  name)))
              .toList();
      Cli.Result first = clients.get(0).join();
      Cli.Result second = clients.get(1).join();
      assertEquals(ExitCodes.OK, first.code(), first.err());
      assertEquals(ExitCodes.OK, second.code(), second.err());
      String[] a = first.outText().strip().split(" ");
      String[] b = second.outText().strip().split(" ");
      assertEquals("FIRST", a[0], first.outText());
      assertEquals("SECOND", b[0], second.outText());
      assertNotEquals(a[1], b[1], "two clients shared one process");
      server.err.await("exited with status 0", 20_000);
    } finally {
      server.stop();
    }
  }

  @Test
  void theCommandIsSplitWithQuotesLikeSocat() throws Exception {
    assumeFalse(Platform.isWindows(), "sh is a Unix program; CommandsTest covers the quoting");
    String name = Cli.uniqueName("exec-sh");
    Running server = Running.server("serve", "--exec", "sh -c 'read l; echo \"got $l\"'", name);
    try {
      Cli.Result r = Cli.run("abc\n".getBytes(UTF_8), "connect", "--no-expect-echo", name);
      assertEquals(ExitCodes.OK, r.code(), r.err());
      assertEquals("got abc\n", r.outText());
    } finally {
      server.stop();
    }
  }

  @Test
  void aProgramThatCannotStartEndsTheClientAndIsReported() throws Exception {
    String name = Cli.uniqueName("exec-missing");
    Running server = Running.server("serve", "--exec", "npipe-no-such-program-4711", name);
    try {
      // No input: bytes sent would race the server's close, and a write that loses that race is
      // reported as a failure, as it should be, which would make the exit code a matter of timing.
      Cli.Result r = Cli.run("connect", "--no-expect-echo", name);
      assertEquals(ExitCodes.OK, r.code(), r.err());
      assertEquals(0, r.out().length);
      server.err.await("cannot run [npipe-no-such-program-4711]", 10_000);
    } finally {
      server.stop();
    }
  }

  @Test
  void anUnclosedQuoteIsAUsageError() {
    Cli.Result r = Cli.run("serve", "--exec", "sh -c 'oops", Cli.uniqueName("quote"));
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(r.err().contains("unclosed '"), r.err());
  }

  @Test
  void echoAndExecExcludeEachOther() {
    Cli.Result r = Cli.run("serve", "--echo", "--exec", "cat", Cli.uniqueName("both"));
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
  }

  @Test
  void currentUserOnlyAdmitsThisUser() throws Exception {
    String name = Cli.uniqueName("cuo");
    Running server = Running.server("serve", "--echo", "--current-user-only", name);
    try {
      Cli.Result r = Cli.run("same user".getBytes(UTF_8), "connect", name);
      assertEquals(ExitCodes.OK, r.code(), r.err());
      assertEquals("same user", r.outText());
    } finally {
      server.stop();
    }
  }

  @Test
  void sddlSetsTheDescriptorOnWindowsAndIsRefusedOnUnix() throws Exception {
    String name = Cli.uniqueName("sddl");
    String everyone = "D:P(A;;GA;;;WD)";
    if (!Platform.isWindows()) {
      Cli.Result r = Cli.run("serve", "--echo", "--sddl", everyone, name);
      assertEquals(ExitCodes.UNSUPPORTED, r.code(), r.err());
      return;
    }
    Running server = Running.server("serve", "--echo", "--sddl", everyone, name);
    try {
      Cli.Result r = Cli.run("granted".getBytes(UTF_8), "connect", name);
      assertEquals(ExitCodes.OK, r.code(), r.err());
      assertEquals("granted", r.outText());
    } finally {
      server.stop();
    }
    Cli.Result bad = Cli.run("serve", "--echo", "--sddl", "not sddl", Cli.uniqueName("badsddl"));
    assertEquals(ExitCodes.FAILURE, bad.code(), bad.err());
  }
}
