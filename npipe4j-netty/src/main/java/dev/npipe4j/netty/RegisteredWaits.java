package dev.npipe4j.netty;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandle;
import io.netty.channel.IoOps;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.Future;

/**
 * Waits that register one of the pipe's OS handles with the loop's own I/O handler (its epoll set:
 * {@link EpollWaits}; its selector: {@link NioWaits}), and the life of that registration, which
 * both share: registering, submitting interest, failing the channel when either fails, and
 * cancelling on {@link #stop()}. A loop that shuts down ends its registrations, and with them the
 * channel ({@link #close()}).
 */
abstract class RegisteredWaits extends PipeWaits implements IoHandle {
  final NamedPipeChannel channel;

  private IoRegistration registration;

  /** Stopped: nothing is submitted any more, and a registration that comes later is cancelled. */
  boolean closed;

  RegisteredWaits(NamedPipeChannel channel) {
    this.channel = channel;
  }

  /** Registers with {@code loop}; each subclass calls it last in its constructor. */
  final void register(IoEventLoop loop) {
    Future<IoRegistration> registered = loop.register(this);
    if (registered.isDone()) {
      registered(registered);
    } else {
      registered.addListener(f -> registered(registered));
    }
  }

  private void registered(Future<IoRegistration> f) {
    if (!f.isSuccess()) {
      registrationFailed();
      channel.waitsFailed(f.cause());
      return;
    }
    registration = f.getNow();
    if (closed) {
      registration.cancel();
      return;
    }
    submitInterest();
  }

  /** Tells whether the registration is there and not stopped: whether {@link #submit} submits. */
  final boolean isRegistered() {
    return registration != null && !closed;
  }

  /** The loop refused the registration: lets go of what the registration would have held. */
  void registrationFailed() {}

  /** Submits the interest the channel's waits need now; runs first once registered. */
  abstract void submitInterest();

  /**
   * Submits {@code ops}; nothing before the registration is there (it then takes the interest as it
   * is) or once stopped. A refusal fails the channel.
   */
  final void submit(IoOps ops) {
    if (!isRegistered()) {
      return;
    }
    try {
      registration.submit(ops);
    } catch (RuntimeException e) {
      channel.waitsFailed(e);
    }
  }

  @Override
  final void stop() {
    if (closed) {
      return;
    }
    closed = true;
    if (registration != null) {
      registration.cancel(); // on the loop: out of its epoll set or selector now
    }
  }

  @Override
  public final void close() {
    // The loop is shutting down: its registrations end, and so does the channel.
    channel.unsafe().close(channel.unsafe().voidPromise());
  }
}
