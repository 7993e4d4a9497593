package dev.npipe4j;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jdk.jfr.Configuration;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Name;
import jdk.jfr.SettingDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * npipe4j's Flight Recorder events, recorded with {@link RecordingStream} on the running OS's
 * backend (Unix domain sockets on Linux, named pipes on the Windows JVM under Wine).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FlightEventsTest {
  private static final String READ = "dev.npipe4j.PipeRead";
  private static final String WRITE = "dev.npipe4j.PipeWrite";
  private static final String CONNECT = "dev.npipe4j.PipeConnect";
  private static final String ACCEPT = "dev.npipe4j.PipeAccept";
  private static final List<String> ALL = List.of(READ, WRITE, CONNECT, ACCEPT);
  private static final long WAIT_SECONDS = 30;

  /**
   * Committed after the operations under test, on the same thread: when it arrives, so have they.
   */
  @Name("dev.npipe4j.test.Marker")
  static final class Marker extends Event {}

  private static String uniqueName() {
    return "\\\\.\\pipe\\npipe4j-jfr-" + UUID.randomUUID();
  }

  @Test
  void everyEventIsOffByDefaultWithATwentyMillisecondThreshold() {
    List<Class<? extends Event>> classes =
        List.of(
            FlightEvents.Read.class,
            FlightEvents.Write.class,
            FlightEvents.Connect.class,
            FlightEvents.Accept.class);
    for (int i = 0; i < classes.size(); i++) {
      EventType type = EventType.getEventType(classes.get(i));
      assertEquals(ALL.get(i), type.getName());
      assertEquals("false", setting(type, "enabled").getDefaultValue(), type.getName());
      assertEquals("20 ms", setting(type, "threshold").getDefaultValue(), type.getName());
    }
  }

  @Test
  void recordsReadsWritesConnectsAndAcceptsWithTheirFields() throws Exception {
    String name = uniqueName();
    String missing = uniqueName();
    List<RecordedEvent> events = new CopyOnWriteArrayList<>();
    long clientsPeer;
    long serversPeer;
    int fromServer;
    NoSuchFileException refusal;
    try (RecordingStream rs = new RecordingStream()) {
      for (String type : ALL) {
        rs.enable(type).withThreshold(Duration.ZERO).withStackTrace();
      }
      rs.onEvent(events::add);
      rs.startAsync();

      try (NamedPipeServer server = new ServerOptions().create(name)) {
        CompletableFuture<Void> accepted = server.connect();
        NamedPipeClient client = new ClientOptions().open(name, Duration.ofSeconds(7));
        accepted.get(WAIT_SECONDS, TimeUnit.SECONDS);
        clientsPeer = peerOf(client);
        serversPeer = peerOf(server);

        client.outputStream().write("hello".getBytes(US_ASCII)); // blocking: PipeWrite 5
        ByteBuffer buf = ByteBuffer.allocate(64);
        while (buf.position() < 5) { // futures: PipeRead per read
          assertTrue(server.read(buf).get(WAIT_SECONDS, TimeUnit.SECONDS) > 0);
        }
        server.writable().get(WAIT_SECONDS, TimeUnit.SECONDS);
        fromServer = server.tryWrite(ByteBuffer.wrap("abc".getBytes(US_ASCII))); // readiness
        assertTrue(fromServer > 0, "tryWrite on a writable pipe moved nothing");
        assertEquals(fromServer, client.inputStream().readNBytes(fromServer).length); // blocking

        client.close();
        assertEquals(-1, server.read(buf.clear()).get(WAIT_SECONDS, TimeUnit.SECONDS));
      }
      refusal = assertThrows(NoSuchFileException.class, () -> new ClientOptions().open(missing));

      awaitEvents(events, e -> isConnect(e, missing));
      awaitEvents(events, e -> is(e, READ, name, PipeEnd.SERVER) && e.getBoolean("endOfStream"));
      awaitEvents(events, e -> isConnect(e, name));
      awaitEvents(events, e -> is(e, ACCEPT, name, PipeEnd.SERVER));
      awaitBytes(events, WRITE, "bytesWritten", name, PipeEnd.CLIENT, 5);
      awaitBytes(events, READ, "bytesRead", name, PipeEnd.SERVER, 5);
      awaitBytes(events, WRITE, "bytesWritten", name, PipeEnd.SERVER, fromServer);
      awaitBytes(events, READ, "bytesRead", name, PipeEnd.CLIENT, fromServer);
    }
    if (isWindows()) {
      // Both ends are in this process; on Unix the peer's pid is not known (0).
      assertEquals(ProcessHandle.current().pid(), clientsPeer);
      assertEquals(ProcessHandle.current().pid(), serversPeer);
    }

    RecordedEvent connected = only(events, e -> isConnect(e, name));
    assertEquals("BYTE", connected.getString("mode"));
    assertEquals(7000, connected.getDuration("timeout").toMillis());
    assertNull(connected.getString("error"));
    assertEquals(clientsPeer, connected.getLong("peerPid"));
    assertCalledFrom(connected, "recordsReadsWritesConnectsAndAcceptsWithTheirFields");

    RecordedEvent refused = only(events, e -> isConnect(e, missing));
    assertEquals(refusal.toString(), refused.getString("error"));
    assertEquals(0, refused.getDuration("timeout").toMillis());
    assertEquals(0, refused.getLong("peerPid"));

    RecordedEvent accept = only(events, e -> is(e, ACCEPT, name, PipeEnd.SERVER));
    assertNull(accept.getString("error"));
    assertEquals(serversPeer, accept.getLong("peerPid"));
    assertEquals("BYTE", accept.getString("mode"));

    for (RecordedEvent e : events) {
      if (!e.getEventType().getName().equals(READ) && !e.getEventType().getName().equals(WRITE)) {
        continue;
      }
      if (!name.equals(e.getString("pipeName"))
          || e.hasField("endOfStream") && e.getBoolean("endOfStream")) {
        continue;
      }
      PipeEnd end = PipeEnd.valueOf(e.getString("pipeEnd"));
      assertEquals(end == PipeEnd.CLIENT ? clientsPeer : serversPeer, e.getLong("peerPid"), "" + e);
      assertEquals("BYTE", e.getString("mode"), e.toString());
      assertFalse(e.getDuration().isNegative(), e.toString());
    }
    RecordedEvent blockingWrite =
        events.stream()
            .filter(e -> is(e, WRITE, name, PipeEnd.CLIENT) && e.getLong("bytesWritten") == 5)
            .findFirst()
            .orElseThrow();
    assertCalledFrom(blockingWrite, "recordsReadsWritesConnectsAndAcceptsWithTheirFields");
  }

  @Test
  void recordsNothingWithTheDefaultSettings() throws Exception {
    List<RecordedEvent> events = new CopyOnWriteArrayList<>();
    try (RecordingStream rs = new RecordingStream(Configuration.getConfiguration("default"))) {
      rs.enable(Marker.class);
      rs.onEvent(events::add);
      rs.startAsync();
      exchange(uniqueName());
      new Marker().commit();
      awaitEvents(events, e -> e.getEventType().getName().equals("dev.npipe4j.test.Marker"));
    }
    assertEquals(
        List.of(),
        events.stream()
            .filter(e -> e.getEventType().getName().startsWith("dev.npipe4j.Pipe"))
            .toList());
  }

  @Test
  void commitsOnlyOperationsOverTheThreshold() throws Exception {
    List<RecordedEvent> events = new CopyOnWriteArrayList<>();
    String name = uniqueName();
    try (RecordingStream rs = new RecordingStream()) {
      rs.enable(READ).withThreshold(Duration.ofHours(1));
      rs.enable(WRITE).withThreshold(Duration.ZERO);
      rs.enable(Marker.class);
      rs.onEvent(events::add);
      rs.startAsync();
      exchange(name);
      new Marker().commit();
      awaitEvents(events, e -> e.getEventType().getName().equals("dev.npipe4j.test.Marker"));
    }
    assertTrue(events.stream().anyMatch(e -> is(e, WRITE, name, PipeEnd.CLIENT)), "" + events);
    assertEquals(
        List.of(), events.stream().filter(e -> e.getEventType().getName().equals(READ)).toList());
  }

  @Test
  void runsWhereTheRuntimeHasNoJdkJfr() throws Exception {
    String classes = location(NamedPipe.class);
    String tests = location(dev.npipe4j.modules.WithoutJfrMain.class);
    String java = System.getProperty("java.home") + "/bin/java" + (isWindows() ? ".exe" : "");
    String name =
        "\\\\.\\pipe\\npipe4j-nojfr-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    Process p =
        new ProcessBuilder(
                java,
                "--enable-native-access=dev.npipe4j",
                "--limit-modules",
                "java.base,dev.npipe4j",
                "--module-path",
                classes,
                "--add-modules",
                "dev.npipe4j",
                "-cp",
                tests,
                "dev.npipe4j.modules.WithoutJfrMain",
                name)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), US_ASCII).strip();
    assertTrue(p.waitFor(WAIT_SECONDS * 2, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);
    // contains, not equals: a Windows console under Wine may add control sequences around it
    assertTrue(out.contains("jdk.jfr=false module=dev.npipe4j echo=ping"), out);
  }

  /** One open, accept, and a few bytes each way with tryWrite, tryRead and the blocking views. */
  private static void exchange(String name) throws Exception {
    try (NamedPipeServer server = new ServerOptions().create(name)) {
      CompletableFuture<Void> accepted = server.connect();
      try (NamedPipeClient client = new ClientOptions().open(name, Duration.ofSeconds(10))) {
        accepted.get(WAIT_SECONDS, TimeUnit.SECONDS);
        client.writable().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(2, client.tryWrite(ByteBuffer.wrap("hi".getBytes(US_ASCII))));
        ByteBuffer buf = ByteBuffer.allocate(2);
        while (buf.hasRemaining()) {
          server.readable().get(WAIT_SECONDS, TimeUnit.SECONDS);
          assertTrue(server.tryRead(buf) >= 0);
        }
        server.outputStream().write(buf.array());
        assertEquals(2, client.inputStream().readNBytes(2).length);
      }
    }
  }

  private static long peerOf(NamedPipe pipe) {
    try {
      return pipe.peerProcessId();
    } catch (IOException notTold) {
      return 0;
    }
  }

  private static boolean is(RecordedEvent e, String type, String name, PipeEnd end) {
    return e.getEventType().getName().equals(type)
        && name.equals(e.getString("pipeName"))
        && end.name().equals(e.getString("pipeEnd"));
  }

  private static boolean isConnect(RecordedEvent e, String name) {
    return is(e, CONNECT, name, PipeEnd.CLIENT);
  }

  private static RecordedEvent only(List<RecordedEvent> events, Predicate<RecordedEvent> which) {
    List<RecordedEvent> found = events.stream().filter(which).toList();
    assertEquals(1, found.size(), "" + found);
    return found.get(0);
  }

  private static void awaitEvents(List<RecordedEvent> events, Predicate<RecordedEvent> which)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (events.stream().noneMatch(which)) {
      if (System.nanoTime() > deadline) {
        fail("no such event among " + events.size() + ": " + events);
      }
      Thread.sleep(50);
    }
  }

  /** Waits until the events of one kind and end add up to {@code total} bytes. */
  private static void awaitBytes(
      List<RecordedEvent> events, String type, String field, String name, PipeEnd end, long total)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    long sum;
    while ((sum = sum(events, type, field, name, end)) < total) {
      if (System.nanoTime() > deadline) {
        fail(type + " " + end + " events add up to " + sum + " of " + total + " bytes: " + events);
      }
      Thread.sleep(50);
    }
    assertEquals(total, sum, type + " " + end + ": " + events);
  }

  private static long sum(
      List<RecordedEvent> events, String type, String field, String name, PipeEnd end) {
    return events.stream()
        .filter(e -> is(e, type, name, end))
        .mapToLong(e -> e.getLong(field))
        .sum();
  }

  private static void assertCalledFrom(RecordedEvent e, String method) {
    assertNotNull(e.getStackTrace(), e.toString());
    assertTrue(
        e.getStackTrace().getFrames().stream()
            .anyMatch(f -> f.getMethod().getName().equals(method)),
        e.toString());
  }

  private static SettingDescriptor setting(EventType type, String name) {
    return type.getSettingDescriptors().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(type.getName() + " has no setting " + name));
  }

  private static String location(Class<?> c) throws Exception {
    return java.nio.file.Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }

  private static boolean isWindows() {
    return PipeTransport.current() == PipeTransport.WINDOWS_NAMED_PIPES;
  }
}
