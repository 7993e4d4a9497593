package dev.npipe4j.internal.unix;

import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.ServerConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The listening socket of one pipe, shared by every instance of the pipe in this process.
 *
 * <p>A per-process registry maps socket paths to listeners. The first instance binds the socket,
 * each instance holds a reference, and the last one to close closes the socket and deletes its
 * file. The listener accepts whenever a client connects and lets {@link Admission} decide, from the
 * address the client bound, whether it is an npipe4j client (which gets the reply of {@link Wire})
 * or a plain one (which gets nothing but the bytes).
 *
 * <p>Instances of a pipe cannot span processes: a process cannot accept on another's listening
 * socket. So creating an instance of a pipe another live process serves fails with {@link
 * PipeAccessDeniedException}, with or without {@code firstPipeInstance}.
 */
final class Listener extends SocketListener<UnixServerIo, SocketChannel>
    implements UnixDriver.Handler {
  private static final System.Logger LOG = System.getLogger(Listener.class.getName());

  /** Guards the registry and the mutable state of every listener and server instance. */
  static final Object LOCK = new Object();

  /** Live listeners by socket path. Guarded by LOCK. */
  private static final Map<Path, Listener> BY_PATH = new HashMap<>();

  private static final int BACKLOG = 128;

  private static final int S_IFMT = 0xF000;
  private static final int S_IFSOCK = 0xC000;

  final UnixDriver driver;

  private final ServerSocketChannel server;

  /** The listening socket's registration, set once it is registered. Guarded by LOCK. */
  private @Nullable SelectionKey key;

  private Listener(String pipe, Path path, int maxInstances, ServerSocketChannel server) {
    super(pipe, path, maxInstances, BACKLOG, LOCK, BY_PATH);
    this.driver = UnixDriver.shared();
    this.server = server;
  }

  /** Creates a server instance, binding the pipe's socket if this is the first. */
  static UnixServerIo createInstance(PipeName name, Path path, ServerConfig config)
      throws IOException {
    synchronized (LOCK) {
      Listener l = BY_PATH.get(path);
      if (l != null) {
        l.line.checkRoom(name, config);
      } else {
        l = new Listener(name.text(), path, config.maxInstances(), bind(name, path, config));
        l.key = l.driver.register(l.server, SelectionKey.OP_ACCEPT, l);
        BY_PATH.put(path, l);
      }
      l.line.opened();
      UnixServerIo io = new UnixServerIo(l, config);
      l.enqueue(io);
      return io;
    }
  }

  /** Binds the socket, replacing the file of a dead listener. */
  private static ServerSocketChannel bind(PipeName name, Path path, ServerConfig config)
      throws IOException {
    SocketPaths.prepareDirectory(name, path);
    ServerSocketChannel ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      try {
        ss.bind(UnixDomainSocketAddress.of(path), BACKLOG);
      } catch (IOException e) {
        // The file's presence, not the (locale-dependent) message, tells EADDRINUSE apart.
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
          throw e;
        }
        // Step: the file exists. A live listener answers a connect; a dead one's file refuses.
        replaceStale(name, path, config);
        ss.bind(UnixDomainSocketAddress.of(path), BACKLOG);
      }
      ss.configureBlocking(false);
      return ss;
    } catch (IOException | RuntimeException e) {
      ss.close();
      throw UnixErrors.create(name.text(), e instanceof IOException io ? io : new IOException(e));
    }
  }

  private static void replaceStale(PipeName name, Path path, ServerConfig config)
      throws IOException {
    Object mode;
    try {
      mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException gone) {
      return; // removed meanwhile: bind again
    } catch (UnsupportedOperationException | IllegalArgumentException noView) {
      mode = S_IFSOCK; // cannot tell; the probe below still protects a live pipe
    }
    if (!(mode instanceof Integer m) || (m & S_IFMT) != S_IFSOCK) {
      throw new PipeAccessDeniedException(
          name.text(), path + " exists and is not a socket", UnixErrors.EADDRINUSE);
    }
    boolean live;
    try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      live = probe.isConnected();
    } catch (IOException refused) {
      live = false;
    }
    if (live) {
      throw new PipeAccessDeniedException(
          name.text(),
          config.firstPipeInstance()
              ? "the pipe exists already (firstPipeInstance)"
              : "another process serves this pipe; instances cannot be shared across processes",
          UnixErrors.EADDRINUSE);
    }
    // Nobody listens: the file is stale.
    Files.deleteIfExists(path);
  }

  /**
   * Puts an instance back in line for a client; a plain client already in line takes it at once.
   * Caller holds LOCK.
   */
  void enqueue(UnixServerIo io) {
    SocketChannel plain = nextPlain();
    if (plain == null) {
      line.await(io);
      return;
    }
    try {
      io.connected(plain);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "attaching a client of " + pipe, e);
      line.await(io);
    }
  }

  /**
   * Gives a plain client the oldest waiting instance, or puts it in line, up to the backlog. Caller
   * holds LOCK.
   */
  void admitPlain(SocketChannel ch) throws IOException {
    UnixServerIo io = line.nextInstance();
    if (io != null) {
      io.connected(ch);
    } else if (!line.keepPlain(ch)) {
      ch.close();
    }
  }

  @Override
  protected void closeSocket(List<SocketChannel> plainInLine) {
    try {
      for (SocketChannel plain : plainInLine) {
        plain.close();
      }
      server.close();
      driver.wakeup(); // the selector releases the descriptor
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "closing the socket of " + pipe, e);
    }
  }

  @Override
  protected void accepting(boolean on) {
    SelectionKey k = key;
    if (k == null) {
      return;
    }
    try {
      k.interestOps(on ? SelectionKey.OP_ACCEPT : 0);
    } catch (CancelledKeyException closed) {
      return;
    }
    if (on) {
      driver.wakeup(); // a select under way does not see the change
    }
  }

  @Override
  public void onReady(SelectionKey key, int readyOps) {
    // Step: accept everything queued; each connection's handshake decides its fate. With the line
    // of plain clients full, stop listening and leave the rest in the kernel's backlog.
    while (true) {
      synchronized (LOCK) {
        if (pausedIfFull()) {
          return;
        }
      }
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (IOException e) {
        return; // closed by the last instance
      }
      if (ch == null) {
        return;
      }
      Admission.admit(this, ch);
    }
  }
}
