package dev.npipe4j.interop;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough HTTP/1.1 to check what a real server sends over a socket: requests with a
 * Content-Length body, responses with a Content-Length or chunked body, and the upgrade to a raw
 * stream that Docker's attach uses. Every check is strict: a malformed response fails the test.
 */
public final class RawHttp {
  private RawHttp() {}

  /** A response: status, headers (names in lower case) and the whole body. */
  public record Response(int status, Map<String, String> headers, byte[] body) {
    public String text() {
      return new String(body, US_ASCII);
    }
  }

  /** Byte i of every test stream: (i*31 + (i>>8)*7) mod 256, as the native peers send it. */
  public static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + (i >>> 8) * 7);
    }
    return b;
  }

  /** What the test servers answer for a body: "len=N sha256=HEX". */
  public static String digest(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return "len=" + body.length + " sha256=" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Sends one request on a kept-alive connection and reads its response. */
  public static Response exchange(Socket socket, String method, String path, byte[] body)
      throws IOException {
    OutputStream out = socket.getOutputStream();
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    out.write(head.append("\r\n").toString().getBytes(US_ASCII));
    if (body != null) {
      out.write(body);
    }
    out.flush();
    return readResponse(socket.getInputStream());
  }

  /**
   * Upgrades the connection to a raw stream (POST /attach, as Docker's attach does), sends {@code
   * payload}, ends it with {@link Socket#shutdownOutput()} and returns what the server answers up
   * to end of stream.
   */
  static String attach(Socket socket, byte[] payload) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST /attach HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                + "Content-Length: 0\r\n\r\n")
            .getBytes(US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    Response upgraded = readHead(in);
    if (upgraded.status() != 101) {
      throw new IOException("expected 101 to upgrade, got " + upgraded);
    }
    out.write(payload);
    out.flush();
    socket.shutdownOutput();
    return new String(in.readAllBytes(), US_ASCII).strip();
  }

  static Response readResponse(InputStream in) throws IOException {
    Response head = readHead(in);
    String length = head.headers().get("content-length");
    String encoding = head.headers().getOrDefault("transfer-encoding", "");
    byte[] body;
    if (encoding.equalsIgnoreCase("chunked")) {
      body = readChunked(in);
    } else if (length != null) {
      body = in.readNBytes(Integer.parseInt(length.strip()));
      if (body.length != Integer.parseInt(length.strip())) {
        throw new IOException("end of stream inside a body of " + length + " bytes");
      }
    } else {
      throw new IOException("a response with neither Content-Length nor chunked: " + head);
    }
    return new Response(head.status(), head.headers(), body);
  }

  private static Response readHead(InputStream in) throws IOException {
    String status = readLine(in);
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP status line: \"" + status + '"');
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line; !(line = readLine(in)).isEmpty(); ) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("not a header line: \"" + line + '"');
      }
      headers.put(
          line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip());
    }
    return new Response(Integer.parseInt(parts[1]), headers, new byte[0]);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      int semicolon = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
      if (size == 0) {
        while (!readLine(in).isEmpty()) {
          // trailers: none expected, skipped
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new IOException("end of stream inside a chunk");
      }
      body.write(chunk);
      if (!readLine(in).isEmpty()) {
        throw new IOException("a chunk not followed by CRLF");
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new IOException("end of stream inside a line: \"" + line + '"');
      }
      line.append((char) c);
    }
    if (line.isEmpty() || line.charAt(line.length() - 1) != '\r') {
      throw new IOException("a line not ended by CRLF: \"" + line + '"');
    }
    return line.substring(0, line.length() - 1);
  }
}
