/**
 * Asynchronous named pipes for Java: Win32 named pipes driven by an I/O completion port on Windows,
 * and the same API over Unix domain sockets on Linux and macOS.
 *
 * <p>Only {@code dev.npipe4j} is exported; everything under {@code dev.npipe4j.internal} is an
 * implementation detail. {@code dev.npipe4j.internal.handle}, which hands a pipe's OS handle to
 * npipe4j's Netty transport for its event loop to wait on, is exported to that module alone.
 *
 * <p>{@code jdk.jfr} is optional: where it is present, npipe4j records the Flight Recorder events
 * described in the documentation of the {@code dev.npipe4j} package; where it is not, npipe4j runs
 * without them.
 *
 * <p>{@code jdk.net} is optional too: the JDK socket backend (used where the Linux one is not)
 * reads {@code SO_PEERCRED} through it for {@code ClientOptions.currentUserOnly}; without it, that
 * check refuses every server, saying why.
 *
 * <p>{@code org.jspecify} is needed at compile time only: its annotations say which types may be
 * null, for the compiler's null checks and for tools that read them. A module compiled against
 * npipe4j needs not have it, so it is not {@code transitive} (javac would then require it there).
 */
@SuppressWarnings("module") // the qualified export's module, npipe4j-netty, is built after this one
module dev.npipe4j {
  requires static jdk.jfr;
  requires static jdk.net;
  requires static org.jspecify;

  exports dev.npipe4j;
  exports dev.npipe4j.internal.handle to
      dev.npipe4j.netty;
}
