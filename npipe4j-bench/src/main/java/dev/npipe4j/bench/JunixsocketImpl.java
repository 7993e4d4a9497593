package dev.npipe4j.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** junixsocket's AFUNIXSocket streams (Unix). */
final class JunixsocketImpl implements Impl {
  @Override
  public String name() {
    return "junixsocket";
  }

  @Override
  public Acceptor listen(String name) throws IOException {
    Files.deleteIfExists(Path.of(name));
    AFUNIXServerSocket server = AFUNIXServerSocket.newInstance();
    server.bind(AFUNIXSocketAddress.of(new File(name)), 64);
    return new Acceptor() {
      @Override
      public Conn accept() throws IOException {
        return new StreamConn(server.accept());
      }

      @Override
      public void close() throws IOException {
        server.close();
      }
    };
  }

  @Override
  public Conn connect(String name) throws IOException {
    return new StreamConn(AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(new File(name))));
  }

  @Override
  public boolean direct() {
    return false;
  }

  /** Its blocking reads pin a virtual thread's carrier. */
  @Override
  public Thread.Builder threads() {
    return Thread.ofPlatform().daemon(true);
  }
}
