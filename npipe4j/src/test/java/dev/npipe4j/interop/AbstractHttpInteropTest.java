package dev.npipe4j.interop;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.NamedPipeSocketFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP/1.1 through {@link dev.npipe4j.NamedPipeSocket} against a server nobody here wrote (Go's
 * net/http on go-winio under Wine, Python's http.server on a Unix socket), which serves: {@code GET
 * /hello}, {@code GET /chunked?n=N}, {@code POST /digest} ("len=N sha256=HEX" of the body) and
 * {@code POST /attach} (101, then the raw stream until the client's half-close, answered with its
 * digest). Once with hand-written requests, once with Apache HttpClient 5 on a socket factory of
 * the adapter.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class AbstractHttpInteropTest {
  /** Hook: the factory of sockets to the running server. */
  protected abstract NamedPipeSocketFactory server();

  @Test
  void severalRequestsOnOneConnection() throws Exception {
    try (Socket socket = server().createSocket("localhost", 80)) {
      socket.setSoTimeout(60_000);
      RawHttp.Response hello = RawHttp.exchange(socket, "GET", "/hello", null);
      assertEquals(200, hello.status(), hello.toString());
      assertEquals("hello from " + serverName() + "\n", hello.text());
      RawHttp.Response chunked = RawHttp.exchange(socket, "GET", "/chunked?n=5", null);
      assertEquals(200, chunked.status());
      assertEquals("chunked", chunked.headers().get("transfer-encoding"));
      assertEquals("chunk 0\nchunk 1\nchunk 2\nchunk 3\nchunk 4\n", chunked.text());
      byte[] body = RawHttp.pattern(200_000);
      RawHttp.Response digest = RawHttp.exchange(socket, "POST", "/digest", body);
      assertEquals(RawHttp.digest(body), digest.text());
      RawHttp.Response again = RawHttp.exchange(socket, "GET", "/hello", null);
      assertArrayEquals(hello.body(), again.body());
    }
  }

  @Test
  void aStreamEndedByHalfCloseIsAnsweredInFull() throws Exception {
    byte[] payload = RawHttp.pattern(300_000);
    try (Socket socket = server().createSocket()) {
      socket.connect(new java.net.InetSocketAddress(loopback(), 2375), 30_000); // goes to the pipe
      socket.setSoTimeout(60_000);
      assertEquals(RawHttp.digest(payload), RawHttp.attach(socket, payload));
      assertTrue(socket.isOutputShutdown());
    }
  }

  @Test
  void apacheHttpClient5ThroughTheSocketFactory() throws Exception {
    AtomicInteger sockets = new AtomicInteger();
    NamedPipeSocketFactory factory = server();
    DetachedSocketFactory detached =
        proxy -> {
          sockets.incrementAndGet();
          return factory.createSocket();
        };
    // No DNS for the name in the URL: the pipe is the only place the client goes.
    DefaultHttpClientConnectionOperator operator =
        new DefaultHttpClientConnectionOperator(
            detached,
            null,
            new DnsResolver() {
              @Override
              public InetAddress[] resolve(String host) {
                return new InetAddress[] {loopback()};
              }

              @Override
              public String resolveCanonicalHostname(String host) {
                return host;
              }
            },
            RegistryBuilder.<TlsSocketStrategy>create().build());
    PoolingHttpClientConnectionManager connections =
        new PoolingHttpClientConnectionManager(
            operator,
            PoolConcurrencyPolicy.STRICT,
            PoolReusePolicy.LIFO,
            TimeValue.NEG_ONE_MILLISECOND,
            null);
    try (CloseableHttpClient client =
        HttpClients.custom().setConnectionManager(connections).build()) {
      for (int i = 0; i < 3; i++) {
        String hello =
            client.execute(
                new HttpGet("http://pipe.invalid/hello"),
                response -> {
                  assertEquals(200, response.getCode());
                  return EntityUtils.toString(response.getEntity(), US_ASCII);
                });
        assertEquals("hello from " + serverName() + "\n", hello);
      }
      String chunks =
          client.execute(
              new HttpGet("http://pipe.invalid/chunked?n=3"),
              response -> EntityUtils.toString(response.getEntity(), US_ASCII));
      assertEquals("chunk 0\nchunk 1\nchunk 2\n", chunks);
      byte[] body = RawHttp.pattern(500_000);
      HttpPost post = new HttpPost("http://pipe.invalid/digest");
      post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_OCTET_STREAM));
      String digest =
          client.execute(post, response -> EntityUtils.toString(response.getEntity(), US_ASCII));
      assertEquals(RawHttp.digest(body), digest);
    }
    assertEquals(1, sockets.get(), "HttpClient kept one pipe connection alive for every request");
  }

  /** How the server's /hello names itself. */
  protected abstract String serverName();

  static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
