package dev.npipe4j.internal.unix;

import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.PipeBusyException;
import dev.npipe4j.PipeInfo;
import dev.npipe4j.internal.PipeName;
import dev.npipe4j.internal.ServerConfig;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bookkeeping of one pipe's listener in either Unix backend: how many instances are open, the
 * instances waiting for a client and the plain clients waiting for an instance, both oldest first,
 * and the rule that admits an npipe4j client. Guarded by the listener's lock: every method is
 * called with it held.
 *
 * @param <I> the backend's server instance
 * @param <C> the backend's accepted connection
 */
public final class InstanceLine<I extends SocketServerIo<?>, C> {
  private final int maxInstances;
  private final int backlog;
  private int instances;
  private final ArrayDeque<I> waiting = new ArrayDeque<>();
  private final ArrayDeque<C> plainInLine = new ArrayDeque<>();
  private boolean paused;

  /**
   * Creates the line of a new listener.
   *
   * @param maxInstances the limit set by the first instance, or {@link
   *     PipeInfo#UNLIMITED_INSTANCES}
   * @param backlog how many plain clients may wait for an instance
   */
  public InstanceLine(int maxInstances, int backlog) {
    this.maxInstances = maxInstances;
    this.backlog = backlog;
  }

  /**
   * Refuses another instance of a pipe that exists already, by the options and the limit.
   *
   * @throws PipeAccessDeniedException with {@code firstPipeInstance}
   * @throws PipeBusyException when the limit is reached
   */
  public void checkRoom(PipeName name, ServerConfig config)
      throws PipeAccessDeniedException, PipeBusyException {
    if (config.firstPipeInstance()) {
      throw new PipeAccessDeniedException(
          name.text(), "the pipe exists already (firstPipeInstance)", UnixErrors.EADDRINUSE);
    }
    if (maxInstances != PipeInfo.UNLIMITED_INSTANCES && instances >= maxInstances) {
      throw new PipeBusyException(
          "all " + maxInstances + " instances of " + name + " exist", UnixErrors.EBUSY);
    }
  }

  /** Counts a new instance. */
  public void opened() {
    instances++;
  }

  /**
   * Counts a closed instance.
   *
   * @return true if it was the last: the listener closes
   */
  public boolean closed() {
    return --instances <= 0;
  }

  /** Puts an instance in line for a client. */
  public void await(I io) {
    waiting.add(io);
  }

  /** Takes an instance out of line. */
  public void leave(SocketServerIo<?> io) {
    waiting.remove(io);
  }

  /** Takes the oldest waiting instance out of line, or returns null. */
  public @Nullable I nextInstance() {
    return waiting.poll();
  }

  /** Takes the oldest plain client out of line, or returns null. */
  public @Nullable C nextPlain() {
    return plainInLine.poll();
  }

  /**
   * Tells whether the listener must stop accepting because the line of plain clients is full, and
   * if so marks it paused. A paused listener leaves new connections in the kernel's backlog, where
   * a client waits in {@code connect} (or is refused by the kernel once that is full too), instead
   * of taking them and closing them: a client that was let in is never dropped for want of room.
   *
   * @return true if the listener must stop accepting until {@link #resume} says otherwise
   */
  public boolean pauseIfFull() {
    if (plainInLine.size() < backlog) {
      return false;
    }
    paused = true;
    return true;
  }

  /**
   * After a plain client has left the line: tells whether a paused listener may accept again.
   *
   * @return true once, when the listener was paused and the line has room again
   */
  public boolean resume() {
    if (!paused || plainInLine.size() >= backlog) {
      return false;
    }
    paused = false;
    return true;
  }

  /**
   * Lets a plain client wait for an instance, up to the backlog. A listener that checks {@link
   * #pauseIfFull} before each accept never meets a full line here, unless admissions overlap.
   *
   * @return false if the line is full: the caller closes the connection
   */
  public boolean keepPlain(C conn) {
    if (plainInLine.size() >= backlog) {
      return false;
    }
    plainInLine.add(conn);
    return true;
  }

  /** Empties the line of plain clients, for the listener's close. */
  public List<C> drainPlain() {
    List<C> all = new ArrayList<>(plainInLine);
    plainInLine.clear();
    return all;
  }

  /**
   * Finds the instance an npipe4j client with these request flags gets: none for a probe, else the
   * oldest waiting instance that allows its directions.
   *
   * @return the instance, still in line, or null
   */
  public @Nullable I choose(int flags) {
    if ((flags & Wire.PROBE) != 0) {
      return null;
    }
    for (I io : waiting) {
      if (io.allows(flags)) {
        return io;
      }
    }
    return null;
  }

  /**
   * The reply to an npipe4j client: a probe gets OK if an instance waits, BUSY otherwise; a client
   * gets OK with its chosen instance, DENIED if instances wait but none allows its directions, or
   * BUSY if none waits.
   *
   * @param chosen what {@link #choose} returned for the same flags
   */
  public ByteBuffer reply(int flags, @Nullable I chosen) {
    if (chosen != null) {
      return chosen.reply();
    }
    int status;
    if ((flags & Wire.PROBE) != 0) {
      status = waiting.isEmpty() ? Wire.BUSY : Wire.OK;
    } else {
      status = waiting.isEmpty() ? Wire.BUSY : Wire.DENIED;
    }
    return Wire.reply(status, 0, maxInstances, 0, 0);
  }
}
