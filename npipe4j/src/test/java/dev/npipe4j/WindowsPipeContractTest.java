package dev.npipe4j;

import dev.npipe4j.internal.windows.win32.WineDivergence;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The contract on the Win32 named-pipe backend (real Windows, or Wine). */
@EnabledOnOs(OS.WINDOWS)
class WindowsPipeContractTest extends AbstractPipeContractTest {
  @Override
  protected void assumeFirstPipeInstanceEnforced() {
    WineDivergence.FIRST_PIPE_INSTANCE_IGNORED.assumeWindowsBehaviour();
  }

  @org.junit.jupiter.api.Test
  void peerCredentialsGiveTheProcessIdAndNoNumericIds() throws Exception {
    long pid = ProcessHandle.current().pid();
    try (Pair p = connectedPair()) {
      for (NamedPipe end : new NamedPipe[] {p.server(), p.client()}) {
        PeerCredentials c = end.peerCredentials();
        org.junit.jupiter.api.Assertions.assertEquals(pid, c.processId());
        org.junit.jupiter.api.Assertions.assertTrue(c.userId().isEmpty());
        org.junit.jupiter.api.Assertions.assertTrue(c.groupId().isEmpty());
      }
    }
  }
}
