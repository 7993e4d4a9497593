package dev.npipe4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipeNameTest {
  @Test
  void localName() {
    PipeName n = PipeName.parse("\\\\.\\PIPE\\Demo", false, true);
    assertEquals(".", n.host());
    assertEquals("Demo", n.pipe());
    assertEquals("demo", n.foldedPipe());
    assertFalse(n.isPath());
    assertEquals("\\\\.\\PIPE\\Demo", n.toString());
  }

  @Test
  void remoteNameOnlyForWindowsClients() {
    PipeName n = PipeName.parse("\\\\host\\pipe\\x", true, false);
    assertEquals("host", n.host());
    assertThrows(
        IllegalArgumentException.class, () -> PipeName.parse("\\\\host\\pipe\\x", true, true));
    assertThrows(
        IllegalArgumentException.class, () -> PipeName.parse("\\\\host\\pipe\\x", false, false));
  }

  @Test
  void pathOnlyOnUnix() {
    PipeName n = PipeName.parse("/run/app.sock", false, true);
    assertTrue(n.isPath());
    assertEquals("/run/app.sock", n.pipe());
    assertThrows(IllegalArgumentException.class, () -> PipeName.parse("/run/x", true, true));
  }

  @Test
  void lengthLimit() {
    String ok = "\\\\.\\pipe\\" + "a".repeat(PipeName.MAX_LENGTH - 9);
    assertEquals(PipeName.MAX_LENGTH, ok.length());
    PipeName.parse(ok, true, true);
    assertThrows(IllegalArgumentException.class, () -> PipeName.parse(ok + "a", true, true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "foo", "\\\\.\\pipe\\", "\\\\", "\\\\.", "\\\\\\pipe\\x", "a\0b"})
  void malformed(String text) {
    assertThrows(IllegalArgumentException.class, () -> PipeName.parse(text, true, true));
    assertThrows(IllegalArgumentException.class, () -> PipeName.parse(text, false, false));
  }

  @Test
  void nullName() {
    assertThrows(NullPointerException.class, () -> PipeName.parse(null, true, true));
  }
}
