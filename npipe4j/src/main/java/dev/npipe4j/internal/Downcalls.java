package dev.npipe4j.internal;

/**
 * What the two bindings packages ({@code internal.linux.libc} and {@code internal.windows.win32})
 * share without touching {@code Linker}: only they link native functions, so each keeps its own
 * linker plumbing (its lookup, its call-state capture) and this class holds the rest.
 */
public final class Downcalls {
  private Downcalls() {}

  /**
   * Rethrows what a downcall handle threw: its unchecked exceptions and errors as they are, and
   * anything else (which a downcall never throws) wrapped.
   *
   * @param t what {@code MethodHandle.invokeExact} threw
   * @param library the library called, for the message ("libc", "Win32")
   * @return never returns; declared so a caller can write {@code throw rethrow(...)}
   */
  public static RuntimeException rethrow(Throwable t, String library) {
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("unexpected exception from a " + library + " downcall", t);
  }
}
