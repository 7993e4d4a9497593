package dev.npipe4j.internal.windows.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Platform and Wine detection. {@code scripts/test-windows.sh} passes {@code
 * -Dnpipe4j.test.expectWine=true} (the environment variable {@code NPIPE4J_TEST_EXPECT_WINE=true}
 * works too), so the detection itself is asserted under Wine; a native Windows run sets neither and
 * asserts that it is not Wine.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WineDetectionTest {

  private static boolean expectWine() {
    return Boolean.getBoolean("npipe4j.test.expectWine")
        || "true".equalsIgnoreCase(System.getenv("NPIPE4J_TEST_EXPECT_WINE"));
  }

  @Test
  @EnabledOnOs(OS.WINDOWS)
  void windowsBindingsAreAvailableAndWineIsDetectedWhenExpected() {
    assertTrue(Win32Platform.isAvailable(), () -> "cause: " + Win32Platform.unavailabilityCause());
    assertNull(Win32Platform.unavailabilityCause());
    assertEquals(expectWine(), Wine.isWine(), "Wine.version() = " + Wine.version());
    if (expectWine()) {
      assertNotNull(Wine.version());
      System.out.println("Running under Wine " + Wine.version());
    }
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void everythingLoadsButNothingIsAvailableOffWindows() {
    assertFalse(Win32Platform.isAvailable());
    assertNotNull(Win32Platform.unavailabilityCause());
    assertFalse(Wine.isWine());
    assertNull(Wine.version());
    assertFalse(expectWine(), "expectWine set, but this JVM is not a Windows one");
    // The binding classes load without kernel32; only calling them needs Windows.
    assertNotNull(Kernel32.class.getName() + Iocp.class + Advapi32.class + Kernel32System.class);
  }
}
