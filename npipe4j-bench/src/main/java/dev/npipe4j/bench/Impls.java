package dev.npipe4j.bench;

import java.util.List;
import java.util.stream.Collectors;

/** The implementations the harness knows, by their IMPL name. */
final class Impls {
  private Impls() {}

  /** Every implementation, in the order the usage message lists them. */
  static final List<Impl> ALL =
      List.of(
          new Npipe4jImpl(),
          new Npipe4jImpl(Npipe4jImpl.Threads.PLATFORM),
          new Npipe4jImpl(Npipe4jImpl.Threads.MORE_CARRIERS),
          new Npipe4jSocket(),
          new JdkImpl(),
          new JunixsocketImpl(),
          new IpcsocketImpl());

  static Impl byName(String name) {
    for (Impl impl : ALL) {
      if (impl.name().equals(name)) {
        return impl;
      }
    }
    throw new IllegalArgumentException("unknown IMPL " + name);
  }

  /** The IMPL names for the usage message: {@code npipe4j | jdk | ...}. */
  static String names() {
    return ALL.stream().map(Impl::name).collect(Collectors.joining(" | "));
  }
}
