package dev.npipe4j.bench;

import java.io.IOException;
import org.scalasbt.ipcsocket.Win32NamedPipeServerSocket;
import org.scalasbt.ipcsocket.Win32NamedPipeSocket;

/** sbt's ipcsocket: named pipes through JNA (Windows). */
final class IpcsocketImpl implements Impl {
  @Override
  public String name() {
    return "ipcsocket";
  }

  @Override
  public Acceptor listen(String name) throws IOException {
    Win32NamedPipeServerSocket server = new Win32NamedPipeServerSocket(name);
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
    IOException last = null;
    for (int i = 0; i < 1000; i++) { // ipcsocket has no wait-for-instance: retry while busy
      try {
        return new StreamConn(new Win32NamedPipeSocket(name));
      } catch (IOException e) {
        last = e;
        try {
          Thread.sleep(1);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
    throw last;
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
