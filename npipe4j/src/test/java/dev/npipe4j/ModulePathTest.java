package dev.npipe4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The suite runs as a module user runs the library: on the module path, inside {@code dev.npipe4j},
 * with native access granted to that module by name (--enable-native-access=dev.npipe4j). Fails
 * when the tests run on the class path.
 */
class ModulePathTest {

  @Test
  void theTestsRunInsideTheNamedModule() {
    Module library = NamedPipe.class.getModule();
    assertTrue(library.isNamed(), "the library is on the class path, not the module path");
    assertEquals("dev.npipe4j", library.getName());
    assertSame(library, ModulePathTest.class.getModule(), "tests are not patched into the module");
    assertSame(ModuleLayer.boot(), library.getLayer());
  }

  @Test
  void nativeAccessIsEnabledForTheModuleByName() {
    assertTrue(
        NamedPipe.class.getModule().isNativeAccessEnabled(),
        "run with --enable-native-access=dev.npipe4j");
  }

  @Test
  void onlyTheApiPackageIsExportedToEveryone() {
    Module library = NamedPipe.class.getModule();
    assertTrue(library.isNamed(), "the library is on the class path, not the module path");
    ModuleDescriptor descriptor = library.getDescriptor();
    Set<String> exported =
        descriptor.exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet());
    assertEquals(Set.of("dev.npipe4j"), exported);
    // The OS handles of pipes, to the library's own Netty transport and no one else.
    assertEquals(
        Set.of("dev.npipe4j.internal.handle -> [dev.npipe4j.netty]"),
        descriptor.exports().stream()
            .filter(ModuleDescriptor.Exports::isQualified)
            .map(e -> e.source() + " -> " + e.targets())
            .collect(Collectors.toSet()));
    assertTrue(descriptor.opens().isEmpty());
    assertFalse(descriptor.isOpen());
    // No runtime dependency: java.base, and jdk.jfr (events), jdk.net (SO_PEERCRED for the JDK
    // socket backend's currentUserOnly) and org.jspecify (the nullness annotations) only at compile
    // time (requires static).
    assertEquals(
        Set.of("java.base", "jdk.jfr", "jdk.net", "org.jspecify"),
        descriptor.requires().stream()
            .map(ModuleDescriptor.Requires::name)
            .collect(Collectors.toSet()));
    assertTrue(
        descriptor.requires().stream()
            .filter(r -> !r.name().equals("java.base"))
            .allMatch(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)));
  }
}
