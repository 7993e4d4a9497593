#!/usr/bin/env bats
# scripts/java-home.sh: which JDK the scripts pick.

setup() {
  jvms=$BATS_TEST_TMPDIR/jvm
  mkdir -p "$jvms"
}

# fake_jdk NAME VERSION [no-javac]: a directory whose bin/java reports VERSION the way
# `java -XshowSettings:properties -version` does.
fake_jdk() {
  local d=$jvms/$1
  mkdir -p "$d/bin"
  printf '#!/bin/sh\necho "Property settings:" >&2\necho "    java.specification.version = %s" >&2\necho "openjdk version" >&2\n' "$2" >"$d/bin/java"
  chmod +x "$d/bin/java"
  if [ "${3:-}" != no-javac ]; then
    printf '#!/bin/sh\nexit 0\n' >"$d/bin/javac"
    chmod +x "$d/bin/javac"
  fi
}

pick() { # pick [JAVA_HOME]: sources java-home.sh in a clean shell, prints the JAVA_HOME it exports
  # shellcheck disable=SC2016 # expanded by the inner shell
  env -u JAVA_HOME ${1:+JAVA_HOME="$1"} NPIPE4J_JVM_DIR="$jvms" \
    bash -c 'source "$0" && echo "$JAVA_HOME"' "$BATS_TEST_DIRNAME/../java-home.sh"
}

@test "picks the newest JDK of 22 or later" {
  fake_jdk java-17 17
  fake_jdk temurin-22 22
  fake_jdk temurin-25 25
  fake_jdk old 1.8
  run pick
  [ "$status" -eq 0 ]
  [ "$output" = "$jvms/temurin-25" ]
}

@test "an explicit JAVA_HOME of 22 or later wins over a newer JDK" {
  fake_jdk temurin-22 22
  fake_jdk temurin-25 25
  run pick "$jvms/temurin-22"
  [ "$status" -eq 0 ]
  [ "$output" = "$jvms/temurin-22" ]
}

@test "an explicit JAVA_HOME older than 22 is passed over" {
  fake_jdk java-17 17
  fake_jdk temurin-24 24
  run pick "$jvms/java-17"
  [ "$status" -eq 0 ]
  [ "$output" = "$jvms/temurin-24" ]
}

@test "a JDK without javac (a JRE) is not picked" {
  fake_jdk jre-25 25 no-javac
  fake_jdk temurin-23 23
  run pick
  [ "$status" -eq 0 ]
  [ "$output" = "$jvms/temurin-23" ]
}

@test "no JDK of 22 or later: fails and says what to install" {
  fake_jdk java-17 17
  run pick
  [ "$status" -ne 0 ]
  [[ "$output" == *"no JDK 22 or newer with javac found"* ]]
  [[ "$output" == *"Temurin 25"* ]]
}
