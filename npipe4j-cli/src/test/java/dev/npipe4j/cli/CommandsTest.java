package dev.npipe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The small parsers and writers of the command: {@code --exec} splitting, names, JSON. */
@Timeout(5)
class CommandsTest {
  @Test
  void splitsAtSpacesAndKeepsQuotedText() {
    assertEquals(List.of("sort", "-u"), Commands.split("  sort   -u "));
    assertEquals(
        List.of("sh", "-c", "read l; echo \"$l\""), Commands.split("sh -c 'read l; echo \"$l\"'"));
    assertEquals(List.of("a b", "c\"d", "e\\f"), Commands.split("\"a b\" \"c\\\"d\" e\\f"));
    assertEquals(
        List.of("C:\\Program Files\\x.exe", "--flag"),
        Commands.split("\"C:\\Program Files\\x.exe\" --flag"));
    assertEquals(List.of("ab"), Commands.split("a'b'"));
  }

  @Test
  void refusesAnUnclosedQuoteOrNothing() {
    assertThrows(IllegalArgumentException.class, () -> Commands.split("sh -c 'x"));
    assertThrows(IllegalArgumentException.class, () -> Commands.split("   "));
  }

  @Test
  void slashSpelledNamesBecomePipeNames() {
    assertEquals("\\\\.\\pipe\\docker_engine", PipeNames.expand("//./pipe/docker_engine"));
    assertEquals("\\\\.\\pipe\\x", PipeNames.expand("//./PIPE/x"));
  }

  @Test
  void writesJson() {
    Map<String, Object> object = new java.util.LinkedHashMap<>();
    object.put("a", java.util.Arrays.asList(1, null, true, 2.5));
    object.put("b", "q\"\\\n\u0001");
    assertEquals("{\"a\":[1,null,true,2.5],\"b\":\"q\\\"\\\\\\n\\u0001\"}", Json.write(object));
    assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
  }
}
