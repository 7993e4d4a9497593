package dev.npipe4j.bench;

import java.io.Closeable;
import java.io.IOException;

/** The listening side of an implementation: hands out one {@link Conn} per client. */
interface Acceptor extends Closeable {
  Conn accept() throws IOException;
}
