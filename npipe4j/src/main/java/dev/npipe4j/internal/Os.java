package dev.npipe4j.internal;

import java.util.Locale;

/**
 * The operating system this JVM runs on, as {@code os.name} tells it: the one definition every
 * backend, binding and public class consults. Wine reports Windows, and npipe4j treats it so.
 */
public final class Os {
  private Os() {}

  /** {@code os.name}, as read once at startup. */
  public static final String NAME = System.getProperty("os.name", "");

  /** True on Windows, and under Wine. */
  public static final boolean WINDOWS = NAME.toLowerCase(Locale.ROOT).startsWith("windows");

  /** True on Linux. */
  public static final boolean LINUX = NAME.toLowerCase(Locale.ROOT).startsWith("linux");
}
