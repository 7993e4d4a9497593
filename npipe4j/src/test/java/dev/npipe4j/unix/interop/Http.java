package dev.npipe4j.unix.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Just enough HTTP/1.1 to read one response with a Content-Length from a stream. */
final class Http {
  private Http() {}

  /** Reads one response, asserts its status, and returns its body. */
  static String readResponse(InputStream in, int status) throws IOException {
    String statusLine = line(in);
    assertTrue(statusLine.startsWith("HTTP/1.1 "), statusLine);
    assertEquals(status, Integer.parseInt(statusLine.substring(9, 12)), statusLine);
    int length = -1;
    for (String h; !(h = line(in)).isEmpty(); ) {
      if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(15).trim());
      }
    }
    assertTrue(length >= 0, "no Content-Length");
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new EOFException("end of stream inside a header");
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.US_ASCII);
  }
}
