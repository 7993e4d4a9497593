package dev.npipe4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NamedPipeAddressTest {
  @Test
  void theFormsOfOneNameAreOneAddress() {
    NamedPipeAddress a = NamedPipeAddress.of("npipe:////./pipe/x");
    NamedPipeAddress b = NamedPipeAddress.of("\\\\.\\pipe\\x");
    assertEquals("\\\\.\\pipe\\x", a.name());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, NamedPipeAddress.of("\\\\.\\pipe\\y"));
    assertEquals(a.name(), a.toString());
    assertThrows(IllegalArgumentException.class, () -> NamedPipeAddress.of("\\\\.\\pipe\\"));
  }

  @Test
  void aSerializedAddressComesBackEqual() throws Exception {
    NamedPipeAddress a = NamedPipeAddress.of("\\\\.\\pipe\\x");
    assertEquals(a, read(write(a)));
  }

  @Test
  void aDeserializedNameIsCheckedAsOfChecksIt() throws Exception {
    byte[] bytes = write(NamedPipeAddress.of("\\\\.\\pipe\\xy"));
    // The stream's modified UTF-8 writes NUL as the two bytes C0 80: put it where "xy" was, so the
    // string keeps its length and the stream stays well formed.
    byte[] xy = "\\pipe\\xy".getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(bytes, xy) + xy.length - 2;
    assertTrue(at > 0, "the name is in the stream");
    bytes[at] = (byte) 0xC0;
    bytes[at + 1] = (byte) 0x80;
    InvalidObjectException e = assertThrows(InvalidObjectException.class, () -> read(bytes));
    assertTrue(e.getMessage().contains("NUL"), e.getMessage());
  }

  private static byte[] write(NamedPipeAddress a) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(a);
    }
    return bytes.toByteArray();
  }

  private static Object read(byte[] bytes) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
