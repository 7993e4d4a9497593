package dev.npipe4j.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A program for {@code serve --exec} tests: reads one line from stdin and prints it in upper case
 * with its own process id, then exits.
 */
public final class UpperMain {
  private UpperMain() {}

  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    System.out.println(
        (line == null ? "" : line.toUpperCase(Locale.ROOT)) + " " + ProcessHandle.current().pid());
    System.out.flush();
  }
}
