package dev.npipe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class PipeNamesTest {
  @Test
  void bareNameGetsThePrefix() {
    assertEquals("\\\\.\\pipe\\demo", PipeNames.expand("demo"));
  }

  @Test
  void fullNamesAndPathsAreKept() {
    assertEquals("\\\\.\\pipe\\demo", PipeNames.expand("\\\\.\\pipe\\demo"));
    assertEquals("/run/app.sock", PipeNames.expand("/run/app.sock"));
  }

  @Test
  void uniqueNamesDiffer() {
    String a = PipeNames.unique("t");
    assertTrue(a.startsWith("\\\\.\\pipe\\t-"), a);
    assertNotEquals(a, PipeNames.unique("t"));
  }
}
