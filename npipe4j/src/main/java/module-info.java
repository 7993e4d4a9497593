/**
 * Asynchronous named pipes for Java: Win32 named pipes driven by an I/O completion port on Windows,
 * and the same API over Unix domain sockets on Linux and macOS.
 *
 * <p>Only {@code dev.npipe4j} is exported; everything under {@code dev.npipe4j.internal} is an
 * implementation detail.
 */
module dev.npipe4j {
  exports dev.npipe4j;
}
