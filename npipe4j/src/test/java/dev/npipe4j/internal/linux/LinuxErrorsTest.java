package dev.npipe4j.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.PipeBusyException;
import dev.npipe4j.PipeError;
import dev.npipe4j.PipeException;
import dev.npipe4j.PipeNotFoundException;
import dev.npipe4j.internal.linux.LinuxErrors.Step;
import dev.npipe4j.internal.linux.libc.Errno;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The errno table, row by row, on every OS: no native call is made. */
class LinuxErrorsTest {
  static Stream<Arguments> table() {
    return Stream.of(
        // step, errno, pipe name?, exception, words in the message
        Arguments.of(Step.OPEN, Errno.ENOENT, true, PipeNotFoundException.class, "ENOENT"),
        Arguments.of(Step.OPEN, Errno.ENOTDIR, false, PipeNotFoundException.class, "ENOTDIR"),
        Arguments.of(Step.OPEN, Errno.ECONNREFUSED, true, PipeNotFoundException.class, "exited"),
        Arguments.of(
            Step.OPEN, Errno.ECONNREFUSED, false, PipeException.class, "no process accepts"),
        Arguments.of(Step.OPEN, Errno.EAGAIN, true, PipeBusyException.class, "backlog is full"),
        Arguments.of(Step.OPEN, Errno.EACCES, false, PipeAccessDeniedException.class, "EACCES"),
        Arguments.of(Step.OPEN, Errno.EPERM, false, PipeAccessDeniedException.class, "EPERM"),
        Arguments.of(Step.OPEN, Errno.EMFILE, false, PipeException.class, "EMFILE"),
        Arguments.of(
            Step.CREATE, Errno.EADDRINUSE, true, PipeAccessDeniedException.class, "in use"),
        Arguments.of(Step.CREATE, Errno.EACCES, false, PipeAccessDeniedException.class, "EACCES"),
        Arguments.of(Step.CREATE, Errno.ENAMETOOLONG, false, PipeException.class, "ENAMETOOLONG"),
        Arguments.of(Step.CREATE, Errno.ENOENT, false, PipeNotFoundException.class, "ENOENT"),
        Arguments.of(Step.TRANSFER, Errno.EPIPE, true, PipeException.class, "other end has closed"),
        Arguments.of(Step.TRANSFER, Errno.EAGAIN, true, PipeException.class, "EAGAIN"),
        Arguments.of(Step.TRANSFER, Errno.ENOENT, true, PipeException.class, "ENOENT"),
        Arguments.of(Step.TRANSFER, Errno.EACCES, true, PipeException.class, "EACCES"),
        Arguments.of(Step.TRANSFER, Errno.ECONNRESET, true, PipeException.class, "ECONNRESET"),
        Arguments.of(Step.TRANSFER, Errno.EMSGSIZE, false, PipeException.class, "EMSGSIZE"),
        Arguments.of(Step.TRANSFER, 4095, false, PipeException.class, "errno 4095"));
  }

  @ParameterizedTest(name = "{0} {1} pipeName={2} -> {3}")
  @MethodSource("table")
  void translates(Step step, int errno, boolean isPipeName, Class<?> type, String words) {
    IOException e = LinuxErrors.translate(step, "\\\\.\\pipe\\p", isPipeName, "call", errno);
    assertEquals(type, e.getClass());
    assertInstanceOf(PipeError.class, e);
    assertEquals(errno, ((PipeError) e).osError());
    assertTrue(e.getMessage().contains(words), e.getMessage());
    assertTrue(e.getMessage().contains("\\\\.\\pipe\\p"), e.getMessage());
  }
}
