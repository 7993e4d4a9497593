package dev.npipe4j.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JDK's blocking {@link SocketChannel} over a {@link UnixDomainSocketAddress} (Unix). */
final class JdkImpl implements Impl {
  @Override
  public String name() {
    return "jdk";
  }

  @Override
  public Acceptor listen(String name) throws IOException {
    Files.deleteIfExists(Path.of(name));
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(name), 64);
    return new Acceptor() {
      @Override
      public Conn accept() throws IOException {
        SocketChannel ch = server.accept();
        return new ChannelConn(ch, ch);
      }

      @Override
      public void close() throws IOException {
        server.close();
        Files.deleteIfExists(Path.of(name));
      }
    };
  }

  @Override
  public Conn connect(String name) throws IOException {
    SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(name));
    return new ChannelConn(ch, ch);
  }

  @Override
  public boolean direct() {
    return true;
  }
}
