package dev.npipe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bad arguments are usage errors (exit 2) and touch no pipe. */
@Timeout(10)
class UsageTest {
  @Test
  void instancesZeroIsRejected() {
    Cli.Result r = Cli.run("serve", "--echo", "--instances", "0", Cli.uniqueName("zero"));
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(r.err().contains("--instances must be 1 to 254"), r.err());
  }

  @Test
  void instances255IsRejected() {
    Cli.Result r = Cli.run("serve", "--echo", "--instances", "255", Cli.uniqueName("big"));
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(r.err().contains("--instances must be 1 to 254"), r.err());
  }

  @Test
  void serveWithoutNameIsRejected() {
    Cli.Result r = Cli.run("serve", "--echo");
    assertEquals(ExitCodes.USAGE, r.code(), r.err());
    assertTrue(r.err().contains("Missing required parameter: 'NAME'"), r.err());
  }

  @Test
  void connectWithoutNameIsRejected() {
    assertEquals(ExitCodes.USAGE, Cli.run("connect").code());
  }

  @Test
  void serveWithoutEchoIsRejected() {
    assertEquals(ExitCodes.USAGE, Cli.run("serve", Cli.uniqueName("noecho")).code());
  }

  @Test
  void badModeIsRejected() {
    assertEquals(ExitCodes.USAGE, Cli.run("demo", "--mode", "stream").code());
  }

  @Test
  void negativeTimeoutIsRejected() {
    assertEquals(
        ExitCodes.USAGE, Cli.run("connect", "--timeout", "-1", Cli.uniqueName("neg")).code());
  }

  @Test
  void noCommandIsRejected() {
    assertEquals(ExitCodes.USAGE, Cli.run().code());
  }

  @Test
  void helpListsTheExitCodes() {
    Cli.Result r = Cli.run("--help");
    assertEquals(ExitCodes.OK, r.code());
    assertTrue(r.outText().contains("Exit codes:"), r.outText());
    assertTrue(r.outText().contains("no such pipe"), r.outText());
  }

  @Test
  void lsHelpNamesTheSocketDirectoryTheLibraryUses() {
    Cli.Result r = Cli.run("ls", "--help");
    assertEquals(ExitCodes.OK, r.code(), r.err());
    String help = r.outText().replaceAll("\\s+", " ");
    assertTrue(help.contains("the per-user socket directory"), help);
    dev.npipe4j.PipeDirectory.socketDirectory()
        .ifPresent(dir -> assertTrue(help.contains("here " + dir + " "), help));
  }

  @Test
  void everySubcommandHasHelpWithAnExample() {
    for (String command : new String[] {"serve", "connect", "relay", "bench", "ls", "demo"}) {
      Cli.Result r = Cli.run(command, "--help");
      assertEquals(ExitCodes.OK, r.code(), command + ": " + r.err());
      assertTrue(
          r.outText().contains("Example"), command + " --help has no example:\n" + r.outText());
      assertTrue(r.outText().contains("npipe " + command), command + ": " + r.outText());
    }
  }

  @Test
  void benchRejectsAZeroSize() {
    assertEquals(ExitCodes.USAGE, Cli.run("bench", "--size", "0", Cli.uniqueName("z")).code());
  }
}
