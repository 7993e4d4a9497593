package dev.npipe4j.netty;

import dev.npipe4j.internal.handle.FdLease;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;

/**
 * Waiting in the loop's own epoll set, on Netty's epoll loops: the pipe's socket is registered
 * there, edge-triggered, and its events run the channel's steps on the loop thread, where the
 * channel reads and writes with the pipe's non-blocking calls. The library's driver thread is not
 * involved.
 *
 * <p>Edge-triggered, an event comes when something changes, so a read loop that stopped before the
 * pipe would block (at a message's end, or at the allocator's limit) queues its next step itself;
 * one that saw the pipe empty waits for the next event. Read interest stays on for the
 * registration's life (an edge costs nothing when nobody reads); write interest is on only while a
 * write waits for room.
 *
 * <p>The descriptor is {@linkplain FdLease leased}: the library cannot give its number to another
 * socket before Netty has removed it from the epoll set, which happens in {@link #unregistered()},
 * however the registration ends (the channel's close, or the loop's shutdown). Netty never closes
 * it: only {@link FileDescriptor#close()} would, and nothing calls that on this one.
 */
final class EpollWaits extends RegisteredWaits implements EpollIoHandle {
  private static final EpollIoOps READ_OPS =
      EpollIoOps.EPOLLIN.with(EpollIoOps.EPOLLRDHUP).with(EpollIoOps.EPOLLET);
  private static final EpollIoOps READ_WRITE_OPS = READ_OPS.with(EpollIoOps.EPOLLOUT);

  /** The events that may make a read move something: anything but room to write. */
  private static final int READ_EVENTS = ~EpollIoOps.EPOLLOUT.value();

  /** The events that may make a write move something: room, an error or a hang-up. */
  private static final int WRITE_EVENTS =
      ~(EpollIoOps.EPOLLIN.value() | EpollIoOps.EPOLLRDHUP.value());

  /** The peer's end or an error: reading goes on to the end of stream whatever a read returns. */
  private static final int END_EVENTS = ~(EpollIoOps.EPOLLIN.value() | EpollIoOps.EPOLLOUT.value());

  private final IoEventLoop loop;
  private final FdLease lease;
  private final FileDescriptor fd;
  private final Runnable readStep;
  private final boolean messages;

  /** Bytes may be there that no event will announce again; true until a read found none. */
  private boolean mayHaveData = true;

  /** An event told of the peer's end or an error. */
  private boolean ending;

  /** A read step is queued. */
  private boolean readQueued;

  /** Write interest is on. */
  private boolean writeInterest;

  /** Registers the pipe's descriptor with the loop. */
  static PipeWaits register(NamedPipeChannel channel, IoEventLoop loop, FdLease lease) {
    return new EpollWaits(channel, loop, lease);
  }

  private EpollWaits(NamedPipeChannel channel, IoEventLoop loop, FdLease lease) {
    super(channel);
    this.loop = loop;
    this.lease = lease;
    this.fd = new FileDescriptor(lease.fd());
    this.readStep = this::queuedRead;
    this.messages = channel.readsMessages();
    register(loop);
  }

  @Override
  void registrationFailed() {
    lease.close(); // never in the epoll set: the number may go back to the library
  }

  @Override
  void submitInterest() {
    submit(writeInterest ? READ_WRITE_OPS : READ_OPS);
  }

  @Override
  public FileDescriptor fd() {
    return fd;
  }

  @Override
  public void handle(IoRegistration registration, IoEvent event) {
    int ops = ((EpollIoEvent) event).ops().value();
    if ((ops & END_EVENTS) != 0) {
      ending = true;
    }
    if ((ops & WRITE_EVENTS) != 0) {
      channel.writeReady();
    }
    if ((ops & READ_EVENTS) != 0 && !closed) {
      mayHaveData = true;
      channel.readReady();
    }
  }

  @Override
  void awaitReadable() {
    if (mayHaveData && !readQueued) {
      readQueued = true;
      loop.execute(readStep); // never in place: a read that finds data again would recurse
    }
  }

  private void queuedRead() {
    readQueued = false;
    channel.readReady();
  }

  @Override
  void readEnded(int last, int attempted) {
    // A short read of bytes emptied the socket (a message ends a read early, whatever is left),
    // unless the peer's end is there to read: its event came already.
    boolean drained = last == 0 || (last > 0 && last < attempted && !messages && !ending);
    mayHaveData = !drained;
  }

  @Override
  void awaitWritable() {
    if (!writeInterest) {
      writeInterest = true;
      submit(READ_WRITE_OPS); // if there is room already, the change reports it at once
    }
  }

  @Override
  void writesDone() {
    if (writeInterest) {
      writeInterest = false;
      submit(READ_OPS);
    }
  }

  @Override
  public void unregistered() {
    lease
        .close(); // out of the epoll set (after stop() or the loop's end): the number may be reused
  }
}
