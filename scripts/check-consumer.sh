#!/usr/bin/env bash
# Checks the library's module descriptor from the outside, as an application sees the jar:
#  1. a module that `requires dev.npipe4j` (npipe4j/src/it/consumer) compiles against the jar with
#     -Xlint:all -Werror and prints nothing;
#  2. a module that imports dev.npipe4j.internal does not compile (the package is not exported);
#  3. the consumer runs on the module path with --enable-native-access=dev.npipe4j and nothing on
#     stderr: on the host JDK, then on the Windows JVM under Wine, where the library calls kernel32
#     through FFM; there a control run without the flag must print the JVM's restricted-method
#     warning, or the check in 3 proves nothing.
# Ends with "consumer: PASSED" or "consumer: FAILED (...)".
#   --no-wine      the host JDK only
#   NPIPE4J_JAR    the jar to check (default: npipe4j/target/npipe4j-VERSION.jar; built if missing)
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
cd "$root" || exit 1
source "$here/java-home.sh" || exit 1
source "$here/lib/consumer.sh"

wine_on=1
[ "${1:-}" = --no-wine ] && wine_on=0
fail() { echo "consumer: $*" >&2; echo "consumer: FAILED ($1)"; exit 1; }
ok() { echo "consumer: $*"; }

jar=${NPIPE4J_JAR:-$(npipe4j_library_jar npipe4j/target)}
if [ -z "$jar" ]; then
  ok "building the library jar (mvn -pl npipe4j package -DskipTests)"
  mvn -B -ntp -q -pl npipe4j package -DskipTests -Dspotless.check.skip=true >/dev/null 2>&1 || fail "build" "mvn package failed"
  jar=$(npipe4j_library_jar npipe4j/target)
fi
[ -f "$jar" ] || fail "jar" "no library jar in npipe4j/target"
out=$root/build/consumer
rm -rf "$out" && mkdir -p "$out/classes" "$out/internal/src/dev/npipe4j/peek"
# A private copy: other builds may rewrite target/ while this runs.
cp "$jar" "$out/npipe4j.jar"

# 1. The consumer compiles cleanly against the exported API.
mapfile -t sources < <(find npipe4j/src/it/consumer -name '*.java' | LC_ALL=C sort)
javac_out=$("$JAVA_HOME/bin/javac" --release 22 -Xlint:all -Werror --module-path "$out/npipe4j.jar" \
  -d "$out/classes" "${sources[@]}" 2>&1) || fail "compile" "$javac_out"
[ -z "$javac_out" ] || fail "compile" "javac printed: $javac_out"
ok "compiled ${#sources[@]} sources with -Xlint:all -Werror against ${jar#"$root"/}: no output"

# 2. The internal packages are out of reach.
cat >"$out/internal/src/module-info.java" <<'JAVA'
module dev.npipe4j.peek {
  requires dev.npipe4j;
}
JAVA
cat >"$out/internal/src/dev/npipe4j/peek/Peek.java" <<'JAVA'
package dev.npipe4j.peek;

public final class Peek {
  private Peek() {}

  static final Class<?> BACKENDS = dev.npipe4j.internal.Backends.class;
}
JAVA
if internal_out=$("$JAVA_HOME/bin/javac" --release 22 --module-path "$out/npipe4j.jar" -d "$out/internal/classes" \
  "$out/internal/src/module-info.java" "$out/internal/src/dev/npipe4j/peek/Peek.java" 2>&1); then
  fail "encapsulation" "a module compiled against dev.npipe4j.internal"
fi
npipe4j_not_exported_error "$internal_out" dev.npipe4j.internal || fail "encapsulation" "unexpected javac error: $internal_out"
ok "dev.npipe4j.internal is not visible to other modules"

# 3. Runs, host JDK.
run_out=$("$JAVA_HOME/bin/java" --enable-native-access=dev.npipe4j --module-path "$out/npipe4j.jar:$out/classes" \
  --module dev.npipe4j.consumer/dev.npipe4j.consumer.Main 2>"$out/host.err") || fail "host run" "$run_out $(cat "$out/host.err")"
[ ! -s "$out/host.err" ] || fail "host run" "stderr: $(cat "$out/host.err")"
npipe4j_consumer_ok "$run_out" || fail "host run" "unexpected output: $run_out"
ok "host JDK: $run_out; stderr empty"

if [ "$wine_on" = 1 ]; then
  source "$here/wine-env.sh"
  [ -f "$WINDOWS_JAVA" ] || bash "$here/setup-windows.sh" >/dev/null || fail "wine" "setup-windows.sh failed"
  trap 'wineserver -k >/dev/null 2>&1 || true' EXIT
  mp="$(npipe4j_winpath "$out/npipe4j.jar");$(npipe4j_winpath "$out/classes")"
  wine_run() { # wine_run STDERR-FILE JVM-ARGS...: the consumer on the Windows JVM
    local err=$1
    shift
    # -XX:ActiveProcessorCount: Wine lacks GetProcessGroupAffinity, and the JVM would warn about it.
    timeout 120 wine "$WINDOWS_JAVA" -XX:ActiveProcessorCount="$(nproc)" "$@" --module-path "$mp" \
      --module dev.npipe4j.consumer/dev.npipe4j.consumer.Main 2>"$err.raw" | tr -d '\r'
    local rc=${PIPESTATUS[0]}
    tr -d '\r' <"$err.raw" | npipe4j_drop_wine_noise >"$err"
    return "$rc"
  }
  run_out=$(wine_run "$out/wine.err" --enable-native-access=dev.npipe4j) \
    || fail "wine run" "$run_out $(cat "$out/wine.err")"
  npipe4j_consumer_ok "$run_out" "Windows" || fail "wine run" "unexpected output: $run_out"
  [ ! -s "$out/wine.err" ] || fail "wine run" "stderr: $(cat "$out/wine.err")"
  ok "Windows JVM under Wine, --enable-native-access=dev.npipe4j: $run_out; stderr empty"
  # The control: without the flag the JVM warns, so the empty stderr above is the flag's doing.
  run_out=$(wine_run "$out/wine-control.err") || fail "wine control run" "$run_out $(cat "$out/wine-control.err")"
  npipe4j_restricted_warning "$out/wine-control.err" dev.npipe4j \
    || fail "wine control run" "no restricted-method warning without the flag: $(cat "$out/wine-control.err")"
  ok "Windows JVM under Wine, no flag: the JVM warns ($(grep -m1 'restricted method' "$out/wine-control.err"))"
fi
echo "consumer: PASSED"
