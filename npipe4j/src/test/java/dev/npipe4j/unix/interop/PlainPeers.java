package dev.npipe4j.unix.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the plain peers of the Unix interop tests: Python scripts from the test resources and
 * socat, each a separate process that npipe4j did not write.
 */
final class PlainPeers {
  private PlainPeers() {}

  /** A running peer whose stdout is read line by line. */
  static final class Peer implements AutoCloseable {
    final Process process;
    private final BufferedReader out;

    Peer(Process process) {
      this.process = process;
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * The next line of the peer's stdout, waiting at most {@code seconds}: a blocked read of a
     * process's output ignores interrupts, so a test's own timeout could not end the wait.
     *
     * @throws IOException if the peer ends first or prints nothing in time
     */
    String line(long seconds) throws IOException {
      java.util.concurrent.CompletableFuture<String> next =
          new java.util.concurrent.CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  next.complete(line());
                } catch (IOException e) {
                  next.completeExceptionally(e);
                }
              });
      try {
        return next.get(seconds, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IOException("the peer printed no line in " + seconds + " s");
      } catch (java.util.concurrent.ExecutionException e) {
        throw (IOException) e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while waiting for the peer");
      }
    }

    /** The next line of the peer's stdout; fails if it ends first. */
    String line() throws IOException {
      String l = out.readLine();
      if (l == null) {
        throw new IOException("the peer ended (exit " + exitOrRunning() + ") before printing");
      }
      return l;
    }

    private String exitOrRunning() {
      try {
        return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "?";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "?";
      }
    }

    @Override
    public void close() {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts {@code python3 SCRIPT ARGS...} with the script copied out of the test resources. */
  static Peer python(String script, String... args) throws IOException {
    Path file = Files.createTempFile("npipe4j-interop-", "-" + script);
    file.toFile().deleteOnExit();
    try (var in = PlainPeers.class.getResourceAsStream("/interop/" + script)) {
      if (in == null) {
        throw new IOException("no test resource /interop/" + script);
      }
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> command = new ArrayList<>(List.of("python3", file.toString()));
    command.addAll(List.of(args));
    return start(command);
  }

  /** Starts socat. */
  static Peer socat(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("socat"));
    command.addAll(List.of(args));
    return start(command);
  }

  private static Peer start(List<String> command) throws IOException {
    return new Peer(
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
  }
}
