package dev.npipe4j.bench;

import static dev.npipe4j.bench.Protocol.alloc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The server side of the {@link Protocol}: one connection at a time, until {@code Q}. */
final class Server {
  private Server() {}

  /** Prints {@code READY NAME} once listening, then serves until a {@link Protocol#QUIT}. */
  static void serve(Impl impl, String name) throws IOException {
    List<Conn> idle = new ArrayList<>();
    try (Acceptor acceptor = impl.listen(name)) {
      System.out.println("READY " + name);
      System.out.flush();
      ByteBuffer header = alloc(impl, Protocol.HEADER);
      ByteBuffer one = alloc(impl, 1);
      ByteBuffer sink = alloc(impl, 1 << 20);
      while (true) {
        Conn c = acceptor.accept();
        boolean keep = false;
        try {
          if (!c.readFully(header.clear())) {
            continue;
          }
          byte op = header.get(0);
          int size = header.getInt(1);
          long total = header.getLong(5);
          switch (op) {
            case Protocol.ECHO -> echo(impl, c, size);
            case Protocol.MANY -> { // one of many concurrent clients: echo on a thread of its own
              keep = true;
              impl.threads()
                  .start(
                      () -> {
                        try (c) {
                          echo(impl, c, size);
                        } catch (IOException e) {
                          // the client went away
                        }
                      });
            }
            case Protocol.IDLE -> { // an idle connection: acknowledge and keep it open
              keep = true;
              idle.add(c);
              c.writeFully(one.clear().put((byte) 1).flip());
            }
            case Protocol.STATS -> { // memory statistics; size 1: close the idle connections first
              if (size == 1) {
                for (Conn i : idle) {
                  Conn.closeQuietly(i);
                }
                idle.clear();
              }
              long[] st = Memory.stats();
              ByteBuffer reply = alloc(impl, Protocol.STATS_REPLY);
              reply.putLong(st[0]).putLong(st[1]).putLong(idle.size()).flip();
              c.writeFully(reply);
              drain(c, one);
            }
            case Protocol.THROUGHPUT -> {
              long got = 0;
              while (got < total) {
                int n = c.read(sink.clear());
                if (n < 0) {
                  break;
                }
                got += n;
              }
              c.writeFully(one.clear().put((byte) 1).flip());
              drain(c, one);
            }
            case Protocol.CONNECT -> {
              c.writeFully(one.clear().put((byte) 1).flip());
              drain(c, one);
            }
            case Protocol.QUIT -> {
              return;
            }
            default -> System.err.println("unknown op " + op);
          }
        } catch (IOException e) {
          // a client that went away mid-test: serve the next one
          if (Boolean.getBoolean("harness.verbose")) {
            e.printStackTrace();
          }
        } finally {
          if (!keep) {
            Conn.closeQuietly(c);
          }
        }
      }
    } finally {
      for (Conn i : idle) {
        Conn.closeQuietly(i);
      }
    }
  }

  private static void echo(Impl impl, Conn c, int size) throws IOException {
    ByteBuffer buf = alloc(impl, size);
    while (c.readFully(buf.clear())) {
      c.writeFully(buf.flip());
    }
  }

  /** Waits for the client to close (a named pipe server must not disconnect before that). */
  private static void drain(Conn c, ByteBuffer one) {
    try {
      while (c.read(one.clear()) >= 0) {
        // the client sends nothing more
      }
    } catch (IOException e) {
      // broken pipe: the client is gone
    }
  }
}
