package dev.npipe4j.internal.windows.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npipe4j.PipeAccessDeniedException;
import dev.npipe4j.PipeBusyException;
import dev.npipe4j.PipeError;
import dev.npipe4j.PipeException;
import dev.npipe4j.PipeNotFoundException;
import dev.npipe4j.internal.windows.WindowsErrors;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one place raw Win32 codes are translated: {@link Win32Outcome} for the driver, {@link
 * WindowsErrors} for the exceptions callers see. Table-driven, pure Java apart from FormatMessageW
 * on Windows: runs on every OS.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WindowsErrorsTest {

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("ERROR_IO_PENDING", 997, Win32Outcome.PENDING, PipeException.class),
        Arguments.of("ERROR_PIPE_CONNECTED", 535, Win32Outcome.CONNECTED, PipeException.class),
        Arguments.of("ERROR_NO_DATA", 232, Win32Outcome.PEER_CLOSED, PipeException.class),
        Arguments.of("ERROR_PIPE_LISTENING", 536, Win32Outcome.LISTENING, PipeException.class),
        Arguments.of("ERROR_MORE_DATA", 234, Win32Outcome.MORE_DATA, PipeException.class),
        Arguments.of("ERROR_BROKEN_PIPE", 109, Win32Outcome.EOF, PipeException.class),
        Arguments.of("ERROR_OPERATION_ABORTED", 995, Win32Outcome.ABORTED, PipeException.class),
        Arguments.of(
            "ERROR_FILE_NOT_FOUND", 2, Win32Outcome.NOT_FOUND, PipeNotFoundException.class),
        Arguments.of("ERROR_PIPE_BUSY", 231, Win32Outcome.FAILED, PipeBusyException.class),
        Arguments.of(
            "ERROR_ACCESS_DENIED", 5, Win32Outcome.FAILED, PipeAccessDeniedException.class),
        Arguments.of(
            "ERROR_PIPE_NOT_CONNECTED", 233, Win32Outcome.NOT_CONNECTED, PipeException.class));
  }

  @ParameterizedTest(name = "{0} ({1}) -> {2}, {3}")
  @MethodSource("table")
  void classifiesAndTranslatesKeepingTheRawCode(
      String name, int code, Win32Outcome outcome, Class<? extends IOException> type) {
    assertEquals(outcome, Win32Outcome.of(code));
    assertEquals(name, WindowsErrors.name(code));

    String pipe = "\\\\.\\pipe\\npipe4j-errors-" + UUID.randomUUID();
    IOException e = WindowsErrors.toIOException(code, pipe, "CreateFileW");
    assertEquals(type, e.getClass());
    assertEquals(code, ((PipeError) e).osError());
    String message = e.getMessage();
    assertTrue(message.contains(pipe), message);
    assertTrue(message.contains("CreateFileW"), message);
    assertTrue(message.contains("Win32 error " + code), message);
    assertTrue(message.contains(name), message);
  }

  @ParameterizedTest(name = "{0} is a java.nio.file exception")
  @MethodSource("table")
  void standardTypes(String name, int code, Win32Outcome outcome, Class<?> type) {
    IOException e = WindowsErrors.toIOException(code, "\\\\.\\pipe\\x", "open");
    switch (code) {
      case Win32.ERROR_FILE_NOT_FOUND -> assertInstanceOf(NoSuchFileException.class, e);
      case Win32.ERROR_ACCESS_DENIED -> assertInstanceOf(AccessDeniedException.class, e);
      default -> assertInstanceOf(PipeException.class, e);
    }
  }

  @org.junit.jupiter.api.Test
  void unknownCodesStayGenericAndKeepTheirNumber() {
    IOException e = WindowsErrors.toIOException(12345, "\\\\.\\pipe\\x", "ReadFile");
    assertEquals(PipeException.class, e.getClass());
    assertEquals(12345, ((PipeError) e).osError());
    assertTrue(e.getMessage().contains("Win32 error 12345"), e.getMessage());
    assertEquals(Win32Outcome.FAILED, Win32Outcome.of(12345));
    assertEquals(Win32Outcome.SUCCESS, Win32Outcome.of(0));
    assertEquals(Win32Outcome.EOF, Win32Outcome.of(Win32.ERROR_HANDLE_EOF));
  }
}
