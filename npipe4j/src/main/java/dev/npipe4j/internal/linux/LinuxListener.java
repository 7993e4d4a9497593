package dev.npipe4j.internal.linux;

import dev.npipe4j.PeerCredentials;
import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.PipeMode;
import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.ServerConfig;
import dev.npipe4j.internal.linux.LinuxErrors.Step;
import dev.npipe4j.internal.linux.libc.Errno;
import dev.npipe4j.internal.linux.libc.Libc;
import dev.npipe4j.internal.linux.libc.LibcLayouts;
import dev.npipe4j.internal.linux.libc.Macros;
import dev.npipe4j.internal.unix.SocketListener;
import dev.npipe4j.internal.unix.SocketPaths;
import dev.npipe4j.internal.unix.Wire;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The listening socket of one pipe, shared by every instance of the pipe in this process.
 *
 * <p>A per-process registry maps socket paths to listeners; the first instance binds the socket and
 * the last one to close closes it and deletes its file. The driver thread accepts every connection
 * at once and tells the two kinds of client apart by the address the peer bound ({@link
 * Wire#clientName}):
 *
 * <ul>
 *   <li>An <b>npipe4j client</b> of a {@code \\.\pipe\} name carries its request in that address.
 *       It gets the 20-byte reply of {@link Wire} and, if the reply is OK, the oldest waiting
 *       instance that allows its directions. BUSY and DENIED close the connection, so a refused
 *       client never uses up an instance.
 *   <li>A <b>plain client</b> (socat, Python, Go, C, or npipe4j opening a socket path) binds
 *       nothing and is sent nothing: it gets the oldest waiting instance, or waits in line until
 *       one waits. When {@value #BACKLOG} wait in line, the listener stops accepting ({@link
 *       dev.npipe4j.internal.unix.InstanceLine#pauseIfFull}) and leaves the rest in the kernel's
 *       backlog, until one leaves. An npipe4j client that arrives meanwhile waits there too, for
 *       its reply, up to the client's reply timeout: every instance is taken then anyway.
 * </ul>
 */
final class LinuxListener extends SocketListener<LinuxServerIo, Fd> implements EpollDriver.Handler {
  private static final System.Logger LOG = System.getLogger(LinuxListener.class.getName());

  /** Guards the registry and the mutable state of every listener and server instance. */
  static final Object LOCK = new Object();

  /** Live listeners by socket path. Guarded by LOCK. */
  private static final Map<Path, LinuxListener> BY_PATH = new HashMap<>();

  static final int BACKLOG = 512;

  final boolean isPipeName;
  final PipeMode mode;
  final EpollDriver driver;

  /** With {@code currentUserOnly}: the only user id admitted; else -1. */
  private final long onlyUid;

  private final Fd fd;
  private final long token;

  private LinuxListener(PipeName name, Path path, ServerConfig config, Fd fd) throws IOException {
    super(name.text(), path, config.maxInstances(), BACKLOG, LOCK, BY_PATH);
    this.isPipeName = !name.isPath();
    this.mode = config.mode();
    this.driver = EpollDriver.shared();
    this.fd = fd;
    this.onlyUid = config.currentUserOnly() ? ownerUid(path) : -1;
    fd.acquire();
    try {
      token = driver.register(fd, Macros.EPOLLIN, this);
    } finally {
      fd.release();
    }
  }

  /** Creates a server instance, binding the pipe's socket if this is the first. */
  static LinuxServerIo createInstance(PipeName name, Path path, ServerConfig config)
      throws IOException {
    LinuxServerIo io;
    CompletableFuture<Void> arrived;
    synchronized (LOCK) {
      LinuxListener l = BY_PATH.get(path);
      if (l != null) {
        if (config.firstPipeInstance()) {
          l.line.checkRoom(name, config); // refuses it
        }
        if (l.mode != config.mode()) {
          throw new PipeAccessDeniedException(
              name.text(),
              "the pipe exists in " + l.mode + " mode; every instance shares it",
              Errno.EADDRINUSE);
        }
        l.line.checkRoom(name, config);
      } else {
        Fd fd = bind(name, path, config);
        try {
          l = new LinuxListener(name, path, config, fd);
        } catch (IOException | RuntimeException e) {
          fd.close();
          throw e;
        }
        BY_PATH.put(path, l);
      }
      l.line.opened();
      io = new LinuxServerIo(l, config);
      arrived = l.enqueue(io);
    }
    if (arrived != null) {
      arrived.complete(null); // a plain client was in line; nobody waits on the new instance yet
    }
    return io;
  }

  /** The socket type of a pipe mode. */
  static int socketType(PipeMode mode) {
    return mode == PipeMode.MESSAGE ? Macros.SOCK_SEQPACKET : Macros.SOCK_STREAM;
  }

  /** Binds and listens, replacing the file of a dead listener. */
  private static Fd bind(PipeName name, Path path, ServerConfig config) throws IOException {
    SocketPaths.prepareDirectory(name, path);
    byte[] address = LibcLayouts.pathBytes(path.toString());
    int s = Sockets.socket(socketType(config.mode()), true);
    if (s < 0) {
      throw LinuxErrors.translate(Step.CREATE, name.text(), !name.isPath(), "socket", -s);
    }
    Fd fd = new Fd(s, true);
    try {
      int r = Sockets.bind(s, address);
      if (r == -Errno.EADDRINUSE) {
        replaceStale(name, path, config, address);
        r = Sockets.bind(s, address);
      }
      if (r == 0) {
        if (config.mode() == PipeMode.MESSAGE) {
          Sockets.sizeForPackets(s, Math.max(config.inBufferSize(), config.outBufferSize()));
        }
        r = Sockets.listen(s, BACKLOG);
      }
      if (r < 0) {
        throw LinuxErrors.translate(Step.CREATE, name.text(), !name.isPath(), "bind " + path, -r);
      }
      return fd;
    } catch (IOException | RuntimeException e) {
      fd.close();
      throw e;
    }
  }

  /** The file exists: a live listener answers a connect, a dead one's file refuses. */
  private static void replaceStale(PipeName name, Path path, ServerConfig config, byte[] address)
      throws IOException {
    java.nio.file.attribute.BasicFileAttributes attrs;
    try {
      attrs =
          Files.readAttributes(
              path, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException gone) {
      return; // removed meanwhile: bind again
    }
    if (!attrs.isOther()) {
      throw new PipeAccessDeniedException(
          name.text(), path + " exists and is not a socket", Errno.EADDRINUSE);
    }
    int r = -Errno.ECONNREFUSED;
    for (int type : new int[] {Macros.SOCK_STREAM, Macros.SOCK_SEQPACKET}) {
      int probe = Sockets.socket(type, true);
      if (probe < 0) {
        break;
      }
      r = Sockets.connect(probe, address);
      Libc.close(probe);
      if (r != -Errno.EPROTOTYPE) {
        break;
      }
    }
    if (r == 0 || r == -Errno.EAGAIN) {
      throw new PipeAccessDeniedException(
          name.text(),
          config.firstPipeInstance()
              ? "the pipe exists already (firstPipeInstance)"
              : "another process serves this pipe; instances cannot be shared across processes",
          Errno.EADDRINUSE);
    }
    Files.deleteIfExists(path); // nobody listens: the file is stale
  }

  private static long ownerUid(Path path) throws IOException {
    Object uid = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    return ((Integer) uid).longValue();
  }

  @Override
  protected void accepting(boolean on) {
    driver.modify(fd, on ? Macros.EPOLLIN : 0, token); // a closed socket has no need
  }

  /**
   * Puts an instance in line for a client; a plain client already in line takes it at once. Caller
   * holds LOCK.
   *
   * @return the instance's wait to complete once the caller has released the lock, or null
   */
  @Nullable CompletableFuture<Void> enqueue(LinuxServerIo io) {
    Fd plain = nextPlain();
    if (plain != null) {
      return io.connected(plain);
    }
    line.await(io);
    return null;
  }

  @Override
  protected void closeSocket(List<Fd> plainInLine) {
    driver.forget(token);
    fd.close();
    plainInLine.forEach(Fd::close);
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "deleting the socket file of " + pipe, e);
    }
  }

  @Override
  public void onEvents(int events) {
    if (!fd.acquire()) {
      return;
    }
    try (Arena arena = Arena.ofConfined()) {
      // Step: accept everything queued; the peer's address decides each connection's fate. With
      // the line of plain clients full, stop listening and leave the rest in the kernel's backlog.
      while (true) {
        synchronized (LOCK) {
          if (pausedIfFull()) {
            return;
          }
        }
        Sockets.Accepted a = Sockets.accept(fd.value, arena);
        if (a == null) {
          int errno = Libc.errno();
          if (errno != Errno.EAGAIN && errno != Errno.ECONNABORTED) {
            LOG.log(Level.WARNING, "accept on " + pipe + ": " + LinuxErrors.symbol(errno));
            return;
          }
          if (errno == Errno.EAGAIN) {
            return;
          }
          continue;
        }
        admit(new Fd(a.fd(), true), a.peerName());
      }
    } finally {
      fd.release();
    }
  }

  private void admit(Fd conn, String peerName) {
    if (onlyUid >= 0 && !sameUser(conn)) {
      conn.close(); // currentUserOnly: another user's client
      return;
    }
    CompletableFuture<Void> arrived = decide(conn, Wire.flagsOf(peerName));
    if (arrived != null) {
      // Outside the lock: the waiting side may create the next instance right here.
      arrived.complete(null);
    }
  }

  /** Hands a connection over, or refuses it; returns the wait to complete, or null. */
  private @Nullable CompletableFuture<Void> decide(Fd conn, int flags) {
    synchronized (LOCK) {
      if (flags < 0) {
        LinuxServerIo io = line.nextInstance();
        if (io != null) {
          return io.connected(conn);
        }
        if (!line.keepPlain(conn)) {
          conn.close();
        }
        return null;
      }
      LinuxServerIo chosen = line.choose(flags);
      ByteBuffer reply = line.reply(flags, chosen);
      if (!sendReply(conn, reply) || chosen == null) {
        conn.close();
        return null;
      }
      line.leave(chosen);
      return chosen.connected(conn);
    }
  }

  private boolean sameUser(Fd conn) {
    PeerCredentials peer = Sockets.peerCredentials(conn.value);
    return peer != null && peer.userId().orElse(-1) == onlyUid;
  }

  /** Sends a reply into a fresh socket, whose buffer always has room for it. */
  private static boolean sendReply(Fd conn, ByteBuffer reply) {
    long n =
        Libc.send(
            conn.value,
            MemorySegment.ofBuffer(reply),
            reply.remaining(),
            Macros.MSG_DONTWAIT | Macros.MSG_NOSIGNAL);
    return n == reply.remaining();
  }
}
