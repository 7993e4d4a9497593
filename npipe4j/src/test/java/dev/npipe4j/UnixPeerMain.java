package dev.npipe4j;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A server in another process, for {@link AbstractUnixPipeContractTest}: creates the pipe named by
 * the argument, prints "ready", and answers each client's 4 bytes with the same bytes, until
 * killed.
 */
final class UnixPeerMain {
  private UnixPeerMain() {}

  /**
   * The command that starts this peer for the pipe {@code name} the way this JVM runs the suite: on
   * the module path, with the test classes patched into {@code dev.npipe4j}, or on the class path.
   */
  static List<String> command(String name) throws URISyntaxException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The peer runs the other Unix backend: both speak the same handshake.
    cmd.add("-Ddev.npipe4j.unix.noNative=" + !Boolean.getBoolean("dev.npipe4j.unix.noNative"));
    Module module = UnixPeerMain.class.getModule();
    if (module.isNamed()) {
      Path testClasses =
          Path.of(UnixPeerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      cmd.addAll(
          List.of(
              "--enable-native-access=" + module.getName(),
              "--module-path",
              System.getProperty("jdk.module.path"),
              "--patch-module",
              module.getName() + "=" + testClasses,
              "--module",
              module.getName() + "/" + UnixPeerMain.class.getName()));
    } else {
      cmd.addAll(
          List.of(
              "--enable-native-access=ALL-UNNAMED",
              "-cp",
              System.getProperty("java.class.path"),
              UnixPeerMain.class.getName()));
    }
    cmd.add(name);
    return cmd;
  }

  public static void main(String[] args) throws Exception {
    try (PipeListener listener = PipeListener.bind(args[0], new ServerOptions())) {
      System.out.println("ready");
      System.out.flush();
      while (true) {
        try (NamedPipeServer s = listener.accept().get()) {
          ByteBuffer buf = ByteBuffer.allocate(4);
          while (buf.hasRemaining() && s.read(buf).get() > 0) {}
          s.write(buf.flip()).get();
          s.read(ByteBuffer.allocate(1)).get(); // wait for the client to close
        }
      }
    }
  }
}
