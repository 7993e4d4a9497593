#!/usr/bin/env bats
# scripts/lib/consumer.sh: the text checks of scripts/check-consumer.sh.

setup() {
  # shellcheck source=../lib/consumer.sh
  source "$BATS_TEST_DIRNAME/../lib/consumer.sh"
}

@test "library jar: the main jar, not the tests, sources or javadoc jars" {
  d=$BATS_TEST_TMPDIR
  touch "$d/npipe4j-0.1.0-javadoc.jar" "$d/npipe4j-0.1.0-sources.jar" "$d/npipe4j-0.1.0-tests.jar"
  run npipe4j_library_jar "$d"
  [ -z "$output" ]
  touch "$d/npipe4j-0.1.0.jar"
  run npipe4j_library_jar "$d"
  [ "$output" = "$d/npipe4j-0.1.0.jar" ]
}

@test "not exported: javac's refusal of an unexported package is recognised" {
  javac_out="Peek.java:6: error: package dev.npipe4j.internal is not visible
  static final Class<?> BACKENDS = dev.npipe4j.internal.Backends.class;
                                              ^
  (package dev.npipe4j.internal is declared in module dev.npipe4j, which does not export it)
1 error"
  npipe4j_not_exported_error "$javac_out" dev.npipe4j.internal
}

@test "not exported: any other compile error is not mistaken for it" {
  run npipe4j_not_exported_error "Peek.java:6: error: cannot find symbol" dev.npipe4j.internal
  [ "$status" -ne 0 ]
  run npipe4j_not_exported_error "error: package dev.npipe4j.internal does not exist" dev.npipe4j.internal
  [ "$status" -ne 0 ]
}

@test "consumer output: exactly one success line, on the named OS" {
  npipe4j_consumer_ok "consumer: ok (Linux)"
  npipe4j_consumer_ok "consumer: ok (Windows 10)" Windows
  run npipe4j_consumer_ok "consumer: ok (Linux)" Windows
  [ "$status" -ne 0 ]
  run npipe4j_consumer_ok "consumer: FAILED: stream read"
  [ "$status" -ne 0 ]
  run npipe4j_consumer_ok "$(printf 'consumer: ok (Linux)\nconsumer: ok (Linux)')"
  [ "$status" -ne 0 ]
  run npipe4j_consumer_ok ""
  [ "$status" -ne 0 ]
}

@test "wine noise: Wine's own lines go, the program's stay" {
  run npipe4j_drop_wine_noise <<'ERR'
it looks like wine32 is missing, you should install it.
multiarch needs to be enabled first.  as root, please
execute "dpkg --add-architecture i386 && apt-get update &&
apt-get install wine32:i386"
WARNING: A restricted method in java.lang.foreign.Linker has been called
ERR
  [ "$output" = "WARNING: A restricted method in java.lang.foreign.Linker has been called" ]
}

@test "restricted warning: the JDK's warning naming the module is recognised" {
  f=$BATS_TEST_TMPDIR/err
  cat >"$f" <<'ERR'
WARNING: A restricted method in java.lang.foreign.Linker has been called
WARNING: java.lang.foreign.Linker::downcallHandle has been called by dev.npipe4j.internal.windows.win32.Native in module dev.npipe4j
WARNING: Use --enable-native-access=dev.npipe4j to avoid a warning for callers in this module
WARNING: Restricted methods will be blocked in a future release unless native access is enabled
ERR
  npipe4j_restricted_warning "$f" dev.npipe4j
  run npipe4j_restricted_warning "$f" other.module
  [ "$status" -ne 0 ]
  : >"$f"
  run npipe4j_restricted_warning "$f" dev.npipe4j
  [ "$status" -ne 0 ]
}
