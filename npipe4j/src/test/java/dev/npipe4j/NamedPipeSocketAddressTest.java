package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.internal.Backends;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** The forms of pipe name {@link NamedPipeSocketAddress#of(String)} takes, on any OS. */
class NamedPipeSocketAddressTest {
  @Test
  void dockersFormBecomesAPipeName() {
    assertEquals(
        "\\\\.\\pipe\\docker_engine",
        NamedPipeSocketAddress.of("npipe:////./pipe/docker_engine").name());
    assertEquals(
        "\\\\.\\pipe\\docker_engine",
        NamedPipeSocketAddress.of("NPIPE://./pipe/docker_engine").name());
    assertEquals("\\\\.\\pipe\\a\\b", NamedPipeSocketAddress.of("npipe:////./pipe/a/b").name());
    assertEquals("\\\\.\\pipe\\x", NamedPipeSocketAddress.of("\\\\.\\pipe\\x").name());
  }

  @Test
  void malformedNamesFailAtOnceWithTheReason() {
    assertThrows(NullPointerException.class, () -> NamedPipeSocketAddress.of(null));
    for (String bad :
        new String[] {"", "docker_engine", "npipe:", "npipe:/./pipe/x", "npipe:////"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> NamedPipeSocketAddress.of(bad), bad);
      assertTrue(e.getMessage().contains("pipe"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> NamedPipeSocketAddress.of("unix:run/x"));
  }

  @Test
  void unixPathsAreForUnixOnly() {
    if (Backends.isWindows()) {
      assertThrows(
          IllegalArgumentException.class,
          () -> NamedPipeSocketAddress.of("unix:///var/run/docker.sock"));
      assertThrows(
          IllegalArgumentException.class, () -> NamedPipeSocketAddress.of("/var/run/x.sock"));
    } else {
      assertEquals(
          "/var/run/docker.sock", NamedPipeSocketAddress.of("unix:///var/run/docker.sock").name());
      assertEquals("/var/run/x.sock", NamedPipeSocketAddress.of("unix:/var/run/x.sock").name());
      assertEquals("/var/run/x.sock", NamedPipeSocketAddress.of("/var/run/x.sock").name());
    }
  }

  @Test
  void equalityAndSerialization() throws Exception {
    NamedPipeSocketAddress a = NamedPipeSocketAddress.of("npipe:////./pipe/x");
    NamedPipeSocketAddress b = NamedPipeSocketAddress.of("\\\\.\\pipe\\x");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, NamedPipeSocketAddress.of("\\\\.\\pipe\\y"));
    assertEquals("\\\\.\\pipe\\x", a.toString());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(a);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(a, in.readObject());
    }
  }
}
