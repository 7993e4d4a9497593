# shellcheck shell=bash
# Sourced by scripts/check-consumer.sh: the checks on text, testable without a JDK or Wine
# (scripts/test/consumer.bats).

# npipe4j_library_jar DIR: the library's main jar in DIR (not -tests, -sources or -javadoc), or
# nothing.
npipe4j_library_jar() {
  local f
  for f in "$1"/npipe4j-*.jar; do
    [ -f "$f" ] || continue
    case $f in *-tests.jar | *-sources.jar | *-javadoc.jar) continue ;; esac
    echo "$f"
    return 0
  done
}

# npipe4j_not_exported_error JAVAC-OUTPUT PACKAGE: true if javac refused PACKAGE because the module
# does not export it (JDK 22+ wording: "package P is not visible" ... "does not export it").
npipe4j_not_exported_error() {
  grep -q "package $2 is not visible" <<<"$1" && grep -q "does not export" <<<"$1"
}

# npipe4j_consumer_ok OUTPUT [OS-WORD]: true if the consumer printed its one success line (and,
# with OS-WORD, ran on that OS).
npipe4j_consumer_ok() {
  local line
  line=$(grep -x 'consumer: ok (.*)' <<<"$1") || return 1
  [ "$(wc -l <<<"$line")" -eq 1 ] || return 1
  [ -z "${2:-}" ] || grep -q "($2" <<<"$line"
}

# npipe4j_drop_wine_noise: stdin to stdout without the lines Wine itself prints about its missing
# 32-bit support, which are not the program's.
npipe4j_drop_wine_noise() {
  grep -v -E 'wine32 is missing|multiarch needs to be enabled|dpkg --add-architecture|apt-get install wine32|^$' || true
}

# npipe4j_restricted_warning FILE MODULE: true if FILE holds the JVM's warning that a restricted
# method was called, naming MODULE as the caller to enable.
npipe4j_restricted_warning() {
  grep -q 'WARNING: A restricted method in java.lang.foreign' "$1" \
    && grep -q -- "--enable-native-access=$2" "$1"
}
