package dev.npipe4j.bench;

import dev.npipe4j.ClientOptions;
import dev.npipe4j.NamedPipe;
import dev.npipe4j.PipeListener;
import dev.npipe4j.ServerOptions;
import java.io.Closeable;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;
import org.HdrHistogram.Histogram;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.scalasbt.ipcsocket.Win32NamedPipeServerSocket;
import org.scalasbt.ipcsocket.Win32NamedPipeSocket;

/**
 * The cross-process benchmark harness: one server process and one client process per
 * implementation, speaking the wire protocol that the C and Go baselines under {@code bench/} speak
 * too, so every row of BENCHMARKS.md compares the same work.
 *
 * <pre>
 * Harness server IMPL NAME
 * Harness client IMPL NAME --test rtt|throughput|connect|clients|idle --size N --count N [--clients N]
 * Harness stop   IMPL NAME
 * </pre>
 *
 * <p>IMPL is {@code npipe4j} (blocking channel over the library, any OS), {@code jdk} (the JDK's
 * blocking {@link SocketChannel} over {@link UnixDomainSocketAddress}), {@code junixsocket}
 * (AFUNIXSocket streams) or {@code ipcsocket} (sbt's JNA named pipes, Windows). NAME is a socket
 * path on Unix and {@code \\.\pipe\NAME} on Windows. For throughput, {@code --count} is the number
 * of bytes to send.
 *
 * <p>Protocol: each connection starts with a 13-byte little-endian header, op (1 byte), size (int),
 * total (long). {@code R}: the server echoes messages of {@code size} bytes until end of stream.
 * {@code T}: the server reads {@code total} bytes and answers one byte. {@code C}: the server
 * answers one byte and waits for end of stream. {@code Q}: the server exits. {@code M}: as {@code
 * R}, on a thread of its own, so that many clients run at once ({@code clients}: {@code --clients}
 * connections, each doing {@code --count} round trips of {@code --size} bytes). {@code I}: the
 * server answers one byte and keeps the connection open and idle. {@code S}: the server answers 24
 * bytes, its heap used after GC, its NMT committed total (-1 without NMT) and the number of idle
 * connections it holds, after closing them if {@code size} is 1 ({@code idle}: {@code --count} idle
 * connections, memory per connection on both sides).
 *
 * <p>The client prints one line: {@code RESULT impl=... test=... key=value...}.
 */
public final class Harness {
  private Harness() {}

  static final int HEADER = 13;

  /** A connected byte stream, blocking. */
  interface Conn extends Closeable {
    /** Reads at least one byte, or returns -1 at end of stream. */
    int read(ByteBuffer dst) throws IOException;

    void writeFully(ByteBuffer src) throws IOException;

    default boolean readFully(ByteBuffer dst) throws IOException {
      while (dst.hasRemaining()) {
        if (read(dst) < 0) {
          if (dst.position() == 0) {
            return false;
          }
          throw new EOFException();
        }
      }
      return true;
    }
  }

  interface Acceptor extends Closeable {
    Conn accept() throws IOException;
  }

  /** One implementation under test. */
  interface Impl {
    Acceptor listen(String name) throws IOException;

    Conn connect(String name) throws IOException;

    /** Direct buffers for channel APIs, heap buffers for stream APIs. */
    boolean direct();
  }

  // ---------------------------------------------------------------- implementations

  static final class ChannelConn implements Conn {
    private final ByteChannel ch;
    private final Closeable owner;

    ChannelConn(ByteChannel ch, Closeable owner) {
      this.ch = ch;
      this.owner = owner;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return ch.read(dst);
    }

    @Override
    public void writeFully(ByteBuffer src) throws IOException {
      while (src.hasRemaining()) {
        ch.write(src);
      }
    }

    @Override
    public void close() throws IOException {
      owner.close();
    }
  }

  static final class StreamConn implements Conn {
    private final InputStream in;
    private final OutputStream out;
    private final Closeable owner;

    StreamConn(Socket s) throws IOException {
      this.in = s.getInputStream();
      this.out = s.getOutputStream();
      this.owner = s;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
      if (n > 0) {
        dst.position(dst.position() + n);
      }
      return n;
    }

    @Override
    public void writeFully(ByteBuffer src) throws IOException {
      out.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
      out.flush();
      src.position(src.limit());
    }

    @Override
    public void close() throws IOException {
      owner.close();
    }
  }

  static final class Npipe4j implements Impl {
    @Override
    public Acceptor listen(String name) throws IOException {
      PipeListener listener = PipeListener.bind(name, new ServerOptions());
      return new Acceptor() {
        @Override
        public Conn accept() throws IOException {
          try {
            NamedPipe pipe = listener.accept().get();
            return new ChannelConn(pipe.blockingChannel(), pipe);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
          } catch (ExecutionException e) {
            throw new IOException(e.getCause());
          }
        }

        @Override
        public void close() throws IOException {
          listener.close();
        }
      };
    }

    @Override
    public Conn connect(String name) throws IOException {
      NamedPipe pipe = new ClientOptions().open(name, Duration.ofSeconds(10));
      return new ChannelConn(pipe.blockingChannel(), pipe);
    }

    @Override
    public boolean direct() {
      return true;
    }
  }

  static final class Jdk implements Impl {
    @Override
    public Acceptor listen(String name) throws IOException {
      Files.deleteIfExists(Path.of(name));
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(name), 64);
      return new Acceptor() {
        @Override
        public Conn accept() throws IOException {
          SocketChannel ch = server.accept();
          return new ChannelConn(ch, ch);
        }

        @Override
        public void close() throws IOException {
          server.close();
          Files.deleteIfExists(Path.of(name));
        }
      };
    }

    @Override
    public Conn connect(String name) throws IOException {
      SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(name));
      return new ChannelConn(ch, ch);
    }

    @Override
    public boolean direct() {
      return true;
    }
  }

  static final class Junixsocket implements Impl {
    @Override
    public Acceptor listen(String name) throws IOException {
      Files.deleteIfExists(Path.of(name));
      AFUNIXServerSocket server = AFUNIXServerSocket.newInstance();
      server.bind(AFUNIXSocketAddress.of(new File(name)), 64);
      return new Acceptor() {
        @Override
        public Conn accept() throws IOException {
          return new StreamConn(server.accept());
        }

        @Override
        public void close() throws IOException {
          server.close();
        }
      };
    }

    @Override
    public Conn connect(String name) throws IOException {
      return new StreamConn(AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(new File(name))));
    }

    @Override
    public boolean direct() {
      return false;
    }
  }

  static final class Ipcsocket implements Impl {
    @Override
    public Acceptor listen(String name) throws IOException {
      Win32NamedPipeServerSocket server = new Win32NamedPipeServerSocket(name);
      return new Acceptor() {
        @Override
        public Conn accept() throws IOException {
          return new StreamConn(server.accept());
        }

        @Override
        public void close() throws IOException {
          server.close();
        }
      };
    }

    @Override
    public Conn connect(String name) throws IOException {
      IOException last = null;
      for (int i = 0; i < 1000; i++) { // ipcsocket has no wait-for-instance: retry while busy
        try {
          return new StreamConn(new Win32NamedPipeSocket(name));
        } catch (IOException e) {
          last = e;
          try {
            Thread.sleep(1);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw e;
          }
        }
      }
      throw last;
    }

    @Override
    public boolean direct() {
      return false;
    }
  }

  static Impl impl(String name) {
    return switch (name) {
      case "npipe4j" -> new Npipe4j();
      case "npipe4j-socket" -> new Npipe4jSocket();
      case "jdk" -> new Jdk();
      case "junixsocket" -> new Junixsocket();
      case "ipcsocket" -> new Ipcsocket();
      default -> throw new IllegalArgumentException("unknown IMPL " + name);
    };
  }

  static ByteBuffer alloc(Impl impl, int n) {
    ByteBuffer b = impl.direct() ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
    return b.order(ByteOrder.LITTLE_ENDIAN);
  }

  // ---------------------------------------------------------------- server

  static void serve(Impl impl, String name) throws IOException {
    List<Conn> idle = new ArrayList<>();
    try (Acceptor acceptor = impl.listen(name)) {
      System.out.println("READY " + name);
      System.out.flush();
      ByteBuffer header = alloc(impl, HEADER);
      ByteBuffer one = alloc(impl, 1);
      ByteBuffer sink = alloc(impl, 1 << 20);
      while (true) {
        Conn c = acceptor.accept();
        boolean keep = false;
        try {
          if (!c.readFully(header.clear())) {
            continue;
          }
          byte op = header.get(0);
          int size = header.getInt(1);
          long total = header.getLong(5);
          switch (op) {
            case 'R' -> echo(impl, c, size);
            case 'M' -> { // one of many concurrent clients: echo on a thread of its own
              keep = true;
              threads(impl)
                  .start(
                      () -> {
                        try (c) {
                          echo(impl, c, size);
                        } catch (IOException e) {
                          // the client went away
                        }
                      });
            }
            case 'I' -> { // an idle connection: acknowledge and keep it open
              keep = true;
              idle.add(c);
              c.writeFully(one.clear().put((byte) 1).flip());
            }
            case 'S' -> { // memory statistics; size 1: close the idle connections first
              if (size == 1) {
                for (Conn i : idle) {
                  closeQuietly(i);
                }
                idle.clear();
              }
              long[] st = memStats();
              ByteBuffer reply = alloc(impl, 24);
              reply.putLong(st[0]).putLong(st[1]).putLong(idle.size()).flip();
              c.writeFully(reply);
              drain(c, one);
            }
            case 'T' -> {
              long got = 0;
              while (got < total) {
                int n = c.read(sink.clear());
                if (n < 0) {
                  break;
                }
                got += n;
              }
              c.writeFully(one.clear().put((byte) 1).flip());
              drain(c, one);
            }
            case 'C' -> {
              c.writeFully(one.clear().put((byte) 1).flip());
              drain(c, one);
            }
            case 'Q' -> {
              return;
            }
            default -> System.err.println("unknown op " + op);
          }
        } catch (IOException e) {
          // a client that went away mid-test: serve the next one
          if (Boolean.getBoolean("harness.verbose")) {
            e.printStackTrace();
          }
        } finally {
          if (!keep) {
            closeQuietly(c);
          }
        }
      }
    } finally {
      for (Conn i : idle) {
        closeQuietly(i);
      }
    }
  }

  private static void echo(Impl impl, Conn c, int size) throws IOException {
    ByteBuffer buf = alloc(impl, size);
    while (c.readFully(buf.clear())) {
      c.writeFully(buf.flip());
    }
  }

  private static void closeQuietly(Conn c) {
    try {
      c.close();
    } catch (IOException e) {
      // already broken
    }
  }

  /**
   * Threads for per-connection work: virtual, except for the stream implementations whose blocking
   * reads pin the carrier (junixsocket, ipcsocket).
   */
  static Thread.Builder threads(Impl impl) {
    return impl instanceof Junixsocket || impl instanceof Ipcsocket
        ? Thread.ofPlatform().daemon(true)
        : Thread.ofVirtual();
  }

  /**
   * Heap used after GC and native memory committed, in bytes: NMT's committed total without the
   * categories that follow the heap size, the JIT or class loading (Java Heap, GC, GCCardSet, Code,
   * Compiler, Arena Chunk, Class, Metaspace, Shared class space, Symbol), -1 without {@code
   * -XX:NativeMemoryTracking}.
   */
  static long[] memStats() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long nativeBytes = -1;
    try {
      Object out =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "vmNativeMemory",
                  new Object[] {new String[] {"summary"}},
                  new String[] {String[].class.getName()});
      String text = String.valueOf(out);
      Matcher m = NMT_TOTAL.matcher(text);
      if (m.find()) {
        long kb = Long.parseLong(m.group(1));
        Matcher cat = NMT_CATEGORY.matcher(text);
        while (cat.find()) {
          if (NMT_EXCLUDED.contains(cat.group(1))) {
            kb -= Long.parseLong(cat.group(2));
          }
        }
        nativeBytes = kb * 1024;
      }
    } catch (JMException | RuntimeException e) {
      // no NMT, or no management: leave -1
    }
    return new long[] {heap, nativeBytes};
  }

  private static final Pattern NMT_TOTAL =
      Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
  private static final Pattern NMT_CATEGORY =
      Pattern.compile("-\\s+([A-Za-z ]+?) \\(reserved=\\d+KB, committed=(\\d+)KB");
  private static final Set<String> NMT_EXCLUDED =
      Set.of(
          "Java Heap",
          "GC",
          "GCCardSet",
          "Code",
          "Compiler",
          "Arena Chunk",
          "Class",
          "Metaspace",
          "Shared class space",
          "Symbol");

  /** Waits for the client to close (a named pipe server must not disconnect before that). */
  private static void drain(Conn c, ByteBuffer one) {
    try {
      while (c.read(one.clear()) >= 0) {
        // the client sends nothing more
      }
    } catch (IOException e) {
      // broken pipe: the client is gone
    }
  }

  // ---------------------------------------------------------------- client

  static void header(Conn c, Impl impl, char op, int size, long total) throws IOException {
    ByteBuffer h = alloc(impl, HEADER);
    h.put((byte) op).putInt(size).putLong(total).flip();
    c.writeFully(h);
  }

  static String rtt(Impl impl, String name, int size, int count) throws IOException {
    Histogram histogram = new Histogram(60_000_000_000L, 3);
    try (Conn c = impl.connect(name)) {
      header(c, impl, 'R', size, 0);
      ByteBuffer out = alloc(impl, size);
      ByteBuffer in = alloc(impl, size);
      while (out.hasRemaining()) {
        out.put((byte) out.position());
      }
      int warmup = Math.max(count / 10, 100);
      for (int i = -warmup; i < count; i++) {
        long t0 = System.nanoTime();
        c.writeFully(out.clear());
        if (!c.readFully(in.clear())) {
          throw new EOFException("server closed");
        }
        long t1 = System.nanoTime();
        if (i >= 0) {
          histogram.recordValue(t1 - t0);
        }
      }
    }
    return String.format(
        Locale.ROOT,
        "test=rtt size=%d count=%d p50_us=%.2f p99_us=%.2f p999_us=%.2f mean_us=%.2f",
        size,
        count,
        histogram.getValueAtPercentile(50) / 1e3,
        histogram.getValueAtPercentile(99) / 1e3,
        histogram.getValueAtPercentile(99.9) / 1e3,
        histogram.getMean() / 1e3);
  }

  static double pushBytes(Impl impl, String name, int size, long total) throws IOException {
    try (Conn c = impl.connect(name)) {
      header(c, impl, 'T', size, total);
      ByteBuffer out = alloc(impl, size);
      ByteBuffer ack = alloc(impl, 1);
      long t0 = System.nanoTime();
      long sent = 0;
      while (sent < total) {
        out.clear();
        if (total - sent < size) {
          out.limit((int) (total - sent));
        }
        sent += out.remaining();
        c.writeFully(out);
      }
      if (!c.readFully(ack)) {
        throw new EOFException("server closed");
      }
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  static String throughput(Impl impl, String name, int size, long total) throws IOException {
    pushBytes(impl, name, size, Math.max(total / 8, size)); // warm-up on its own connection
    double secs = pushBytes(impl, name, size, total);
    return String.format(
        Locale.ROOT,
        "test=throughput size=%d bytes=%d secs=%.3f mib_s=%.1f",
        size,
        total,
        secs,
        total / secs / (1 << 20));
  }

  static void cycle(Impl impl, String name, ByteBuffer one) throws IOException {
    try (Conn c = impl.connect(name)) {
      header(c, impl, 'C', 0, 0);
      if (!c.readFully(one.clear())) {
        throw new EOFException("server closed");
      }
    }
  }

  static String connect(Impl impl, String name, int count) throws IOException {
    ByteBuffer one = alloc(impl, 1);
    for (int i = 0; i < Math.max(count / 10, 10); i++) {
      cycle(impl, name, one);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      cycle(impl, name, one);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    return String.format(
        Locale.ROOT, "test=connect count=%d secs=%.3f per_s=%.0f", count, secs, count / secs);
  }

  static String clients(Impl impl, String name, int size, int count, int n) throws Exception {
    List<Conn> conns = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Conn c = impl.connect(name);
      header(c, impl, 'M', size, 0);
      conns.add(c);
    }
    Histogram[] hs = new Histogram[n];
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    Throwable[] failure = new Throwable[1];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Conn c = conns.get(i);
      Histogram h = hs[i] = new Histogram(60_000_000_000L, 3);
      threads.add(
          threads(impl)
              .start(
                  () -> {
                    try {
                      ByteBuffer out = alloc(impl, size);
                      ByteBuffer in = alloc(impl, size);
                      for (int k = 0; k < 10; k++) { // warm-up
                        c.writeFully(out.clear());
                        c.readFully(in.clear());
                      }
                      ready.countDown();
                      go.await();
                      for (int k = 0; k < count; k++) {
                        long t0 = System.nanoTime();
                        c.writeFully(out.clear());
                        if (!c.readFully(in.clear())) {
                          throw new EOFException("server closed");
                        }
                        h.recordValue(System.nanoTime() - t0);
                      }
                    } catch (Throwable e) {
                      synchronized (failure) {
                        failure[0] = e;
                      }
                      ready.countDown();
                    }
                  }));
    }
    ready.await();
    long t0 = System.nanoTime();
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    for (Conn c : conns) {
      closeQuietly(c);
    }
    synchronized (failure) {
      if (failure[0] != null) {
        throw new IOException("a client failed", failure[0]);
      }
    }
    Histogram all = new Histogram(60_000_000_000L, 3);
    for (Histogram h : hs) {
      all.add(h);
    }
    return String.format(
        Locale.ROOT,
        "test=clients clients=%d size=%d count=%d secs=%.3f per_s=%.0f p50_us=%.2f p99_us=%.2f",
        n,
        size,
        count,
        secs,
        (double) n * count / secs,
        all.getValueAtPercentile(50) / 1e3,
        all.getValueAtPercentile(99) / 1e3);
  }

  static long[] serverStats(Impl impl, String name, int closeIdle) throws IOException {
    try (Conn c = impl.connect(name)) {
      header(c, impl, 'S', closeIdle, 0);
      ByteBuffer reply = alloc(impl, 24);
      if (!c.readFully(reply)) {
        throw new EOFException("server closed");
      }
      return new long[] {reply.getLong(0), reply.getLong(8), reply.getLong(16)};
    }
  }

  static String idle(Impl impl, String name, int n) throws IOException {
    serverStats(impl, name, 1);
    long[] c0 = memStats();
    long[] s0 = serverStats(impl, name, 0);
    List<Conn> conns = new ArrayList<>();
    ByteBuffer one = alloc(impl, 1);
    for (int i = 0; i < n; i++) {
      Conn c = impl.connect(name);
      header(c, impl, 'I', 0, 0);
      if (!c.readFully(one.clear())) {
        throw new EOFException("server closed");
      }
      conns.add(c);
    }
    long[] c1 = memStats();
    long[] s1 = serverStats(impl, name, 0);
    for (Conn c : conns) {
      closeQuietly(c);
    }
    serverStats(impl, name, 1);
    return String.format(
        Locale.ROOT,
        "test=idle count=%d server_idle=%d client_heap_b=%.0f client_native_b=%s"
            + " server_heap_b=%.0f server_native_b=%s",
        n,
        s1[2],
        (double) (c1[0] - c0[0]) / n,
        c0[1] < 0 ? "na" : String.format(Locale.ROOT, "%.0f", (double) (c1[1] - c0[1]) / n),
        (double) (s1[0] - s0[0]) / n,
        s0[1] < 0 ? "na" : String.format(Locale.ROOT, "%.0f", (double) (s1[1] - s0[1]) / n));
  }

  // ---------------------------------------------------------------- main

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      usage();
    }
    String mode = args[0];
    String implName = args[1];
    String name = args[2];
    Impl impl = impl(implName);
    switch (mode) {
      case "server" -> serve(impl, name);
      case "stop" -> {
        try (Conn c = impl.connect(name)) {
          header(c, impl, 'Q', 0, 0);
        }
      }
      case "client" -> {
        String test = "rtt";
        int size = 1;
        long count = 10_000;
        int clients = 1000;
        List<String> rest = new ArrayList<>(List.of(args).subList(3, args.length));
        for (int i = 0; i + 1 < rest.size(); i += 2) {
          switch (rest.get(i)) {
            case "--test" -> test = rest.get(i + 1);
            case "--size" -> size = Integer.parseInt(rest.get(i + 1));
            case "--count" -> count = Long.parseLong(rest.get(i + 1));
            case "--clients" -> clients = Integer.parseInt(rest.get(i + 1));
            default -> usage();
          }
        }
        String result =
            switch (test) {
              case "rtt" -> rtt(impl, name, size, (int) count);
              case "throughput" -> throughput(impl, name, size, count);
              case "connect" -> connect(impl, name, (int) count);
              case "clients" -> clients(impl, name, size, (int) count, clients);
              case "idle" -> idle(impl, name, (int) count);
              default -> throw new IllegalArgumentException("unknown test " + test);
            };
        System.out.println("RESULT impl=" + implName + " " + result);
      }
      default -> usage();
    }
    System.exit(0);
  }

  private static void usage() {
    System.err.println(
        "usage: Harness server|stop IMPL NAME\n"
            + "       Harness client IMPL NAME --test rtt|throughput|connect|clients|idle --size N"
            + " --count N [--clients N]\n"
            + "IMPL: npipe4j | jdk | junixsocket | ipcsocket");
    System.exit(2);
  }
}
