package dev.npipe4j.netty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Where {@link NamedPipeIoHandler} is offered. */
class NamedPipeIoHandlerTest {
  @Test
  @DisabledOnOs(OS.WINDOWS)
  void isRefusedOffWindows() {
    assertFalse(NamedPipeIoHandler.isAvailable());
    UnsupportedOperationException e =
        assertThrows(UnsupportedOperationException.class, NamedPipeIoHandler::newFactory);
    assertTrue(e.getMessage().contains("not Windows"), e.getMessage());
  }

  @Test
  @EnabledOnOs(OS.WINDOWS)
  void isAvailableOnWindows() {
    assertTrue(NamedPipeIoHandler.isAvailable());
  }
}
