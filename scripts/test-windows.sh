#!/usr/bin/env bash
# Runs the JUnit suites of the library (npipe4j), of the npipe command (npipe4j-cli) and of the
# Netty transport (npipe4j-netty, with its Netty and grpc-java jars) on the Windows JVM under Wine
# (the JUnit console launcher), against Wine's kernel32 and named-pipe server. The library and its
# tests run on the module path, as module `dev.npipe4j` with the test classes patched in and
# --enable-native-access=dev.npipe4j (native access by any other module is denied); the npipe
# command's and the Netty transport's classes and tests run on the class path beside it. Ends with
# the line
#   Windows/Wine: N passed, N failed, N skipped
# and exits non-zero on any failure, on zero tests, or on a timeout.
#   NPIPE4J_SKIP_BUILD=1   do not run `mvn test-compile` first (test-all has just built)
#   NPIPE4J_WINDOWS_TIMEOUT (default 20m), NPIPE4J_WINDOWS_XMX (default 1g)
#   NPIPE4J_CLASSES_DIR / NPIPE4J_TEST_CLASSES_DIR   run other class directories (default
#       npipe4j/target/classes and npipe4j/target/test-classes); the library's test-scope jars
#       (npipe4j/target/windows-test/lib) are on the class path beside them
#   arguments, if any, replace the launcher's test selection (--select-module=dev.npipe4j,
#     --select-package=dev.npipe4j.cli and --select-package=dev.npipe4j.netty), e.g.
#     --select-class=dev.npipe4j.internal.windows.win32.RawPipeTest
set -uo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/wine-env.sh"
source "$here/lib/windows-run.sh"
cd "$NPIPE4J_ROOT" || exit 1

label="[windows/wine]"
say() { printf '%s %s\n' "$label" "$*"; }

target=npipe4j/target
launcher=$target/windows-test/junit-platform-console-standalone.jar
reports=$target/windows-test/reports

if [ ! -f "$WINDOWS_JAVA" ] || [ ! -f "$WINEPREFIX/system.reg" ]; then
  bash "$here/setup-windows.sh" || { say "setup failed"; echo "Windows/Wine: 0 passed, 0 failed, 0 skipped"; exit 1; }
fi
if [ "${NPIPE4J_SKIP_BUILD:-0}" != 1 ]; then
  source "$here/java-home.sh" || exit 1
  say "building: mvn -pl npipe4j,npipe4j-cli,npipe4j-netty test-compile"
  mvn -B -ntp -q -pl npipe4j,npipe4j-cli,npipe4j-netty test-compile -Dspotless.check.skip=true >"$target/windows-test-build.log" 2>&1 \
    || { grep -v -E "^WARNING|sun.misc.Unsafe" "$target/windows-test-build.log" >&2; say "build failed"; echo "Windows/Wine: 0 passed, 0 failed, 0 skipped"; exit 1; }
fi
classes=${NPIPE4J_CLASSES_DIR:-$target/classes}
test_classes=${NPIPE4J_TEST_CLASSES_DIR:-$target/test-classes}
for f in "$classes" "$test_classes" "$launcher"; do
  [ -e "$f" ] || { say "missing $f (run: mvn -pl npipe4j test-compile)"; echo "Windows/Wine: 0 passed, 0 failed, 0 skipped"; exit 1; }
done

# The plain Win32 peers of the interop tests (dev.npipe4j.windows.interop); they fail, not skip,
# without them.
bash "$here/build-native.sh" || say "native build failed: the interop tests will fail"
native_dir=$(npipe4j_winpath "$NPIPE4J_ROOT/build/native")
# The go-winio peer's runtime loads bcryptprimitives.dll from system32 only.
shim=$NPIPE4J_ROOT/build/native/bcryptprimitives.dll
system32=$WINEPREFIX/drive_c/windows/system32
if [ -f "$shim" ] && ! cmp -s "$shim" "$system32/bcryptprimitives.dll"; then
  cp -f "$shim" "$system32/bcryptprimitives.dll"
fi

cleanup() { wineserver -k >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM

rm -rf "$reports"
mkdir -p "$reports"
log=$target/windows-test/console.log
# Run from a private copy: other builds in the same tree may rewrite target/ during the run.
snapshot=$target/windows-test/classpath
rm -rf "$snapshot"
mkdir -p "$snapshot"
if ! { cp -a "$classes" "$snapshot/classes" && cp -a "$test_classes" "$snapshot/test-classes"; }; then
  say "could not copy the class directories"; echo "Windows/Wine: 0 passed, 0 failed, 0 skipped"; exit 1
fi
# The module path: dev.npipe4j with its tests patched in. JUnit, on the class path, reads the
# module and reflects on every package of it; the JDK's provider loader (java.base) instantiates
# the test-only security provider below.
module_args=(--module-path "$(npipe4j_winpath "$snapshot/classes")"
  --patch-module "dev.npipe4j=$(npipe4j_winpath "$snapshot/test-classes")"
  --add-modules dev.npipe4j --add-reads dev.npipe4j=ALL-UNNAMED
  --add-exports dev.npipe4j/dev.npipe4j.internal.windows.win32=java.base
  --enable-native-access=dev.npipe4j --illegal-native-access=deny)
while read -r package; do
  module_args+=(--add-opens "dev.npipe4j/$package=ALL-UNNAMED")
done < <(npipe4j_packages "$snapshot/classes" "$snapshot/test-classes")
cp=$(npipe4j_winpath "$launcher")
# The library's test-scope dependencies (HttpClient 5, ...), copied there by its test-compile.
if [ -d "$target/windows-test/lib" ]; then
  cp -a "$target/windows-test/lib" "$snapshot/lib" \
    || { say "could not copy the test libraries"; echo "Windows/Wine: 0 passed, 0 failed, 0 skipped"; exit 1; }
  for jar in "$snapshot"/lib/*.jar; do
    [ -e "$jar" ] && cp="$cp;$(npipe4j_winpath "$jar")"
  done
fi
default_selection=(--select-module=dev.npipe4j)
# The npipe command's classes and tests, with picocli, on the class path when that module is built.
cli=npipe4j-cli/target
if [ -z "${NPIPE4J_CLASSES_DIR:-}" ] && [ -d "$cli/test-classes" ] && [ -f "$cli/windows-test/picocli.jar" ]; then
  if ! { cp -a "$cli/classes" "$snapshot/cli-classes" && cp -a "$cli/test-classes" "$snapshot/cli-test-classes"; }; then
    say "could not copy the npipe4j-cli class directories"; echo "Windows/Wine: 0 passed, 0 failed, 0 skipped"; exit 1
  fi
  cp="$cp;$(npipe4j_winpath "$snapshot/cli-classes");$(npipe4j_winpath "$snapshot/cli-test-classes");$(npipe4j_winpath "$cli/windows-test/picocli.jar")"
  default_selection+=(--select-package=dev.npipe4j.cli)
else
  say "npipe4j-cli is not built: its tests are not part of this run"
fi
# The Netty transport's classes and tests, with Netty and grpc-java (copied by its test-compile).
netty=npipe4j-netty/target
if [ -z "${NPIPE4J_CLASSES_DIR:-}" ] && [ -d "$netty/test-classes" ] && [ -d "$netty/windows-test/lib" ]; then
  if ! { cp -a "$netty/classes" "$snapshot/netty-classes" && cp -a "$netty/test-classes" "$snapshot/netty-test-classes" \
    && cp -a "$netty/windows-test/lib" "$snapshot/netty-lib"; }; then
    say "could not copy the npipe4j-netty class directories"; echo "Windows/Wine: 0 passed, 0 failed, 0 skipped"; exit 1
  fi
  # Its module-info would make the class directory a second module beside dev.npipe4j: class path only.
  rm -f "$snapshot/netty-classes/module-info.class"
  cp="$cp;$(npipe4j_winpath "$snapshot/netty-classes");$(npipe4j_winpath "$snapshot/netty-test-classes")"
  for jar in "$snapshot"/netty-lib/*.jar; do
    [ -e "$jar" ] && cp="$cp;$(npipe4j_winpath "$jar")"
  done
  default_selection+=(--select-package=dev.npipe4j.netty)
else
  say "npipe4j-netty is not built: its tests are not part of this run"
fi
# Wine 8 lacks iphlpapi!GetAnycastIpAddressTable, which the JDK's SecureRandom seeding reaches
# through NetworkInterface (the JVM dies with 0xC06D007F on the first UUID.randomUUID()). Put a
# test-only provider first that seeds SHA1PRNG without it; the JDK's own list follows unchanged.
security=$target/windows-test/wine.security
npipe4j_security_providers dev.npipe4j.internal.windows.win32.WineSeededRandomProvider \
  "$WINDOWS_JDK/conf/security/java.security" >"$security"

# Netty derives its channel ids from a MAC address, read through NetworkInterface: the same Wine gap
# kills the JVM there. A fixed machine id skips the lookup (the Netty tests only).
netty_machine_id=02:00:00:6e:70:34

say "================================================================================"
say "npipe4j JUnit suite on the WINDOWS JVM under WINE ($(wine --version 2>/dev/null))"
say "java.exe: ${WINDOWS_JAVA#"$NPIPE4J_ROOT"/}   prefix: ${WINEPREFIX#"$NPIPE4J_ROOT"/}"
say "================================================================================"
# Every test of the module and of the npipe command, unless the caller selects (--select-class=...).
if [ $# -eq 0 ]; then selection=("${default_selection[@]}"); else selection=("$@"); fi
start=$(date +%s)
timeout --kill-after=30s "${NPIPE4J_WINDOWS_TIMEOUT:-20m}" \
  wine "$WINDOWS_JAVA" "-Xmx${NPIPE4J_WINDOWS_XMX:-1g}" "${module_args[@]}" \
  -Dnpipe4j.test.expectWine=true -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 \
  "-Dio.netty.machineId=$netty_machine_id" \
  "-Dnpipe4j.native.dir=$native_dir" \
  "-Djava.security.properties=$(npipe4j_winpath "$security")" \
  -cp "$cp" org.junit.platform.console.ConsoleLauncher execute \
  "${selection[@]}" --fail-if-no-tests \
  --details=tree --disable-banner --disable-ansi-colors \
  --reports-dir "$(npipe4j_winpath "$reports")" 2>&1 \
  | tr -d '\r' \
  | grep -v --line-buffered -E 'wine32 is missing|multiarch needs to be enabled|dpkg --add-architecture|apt-get install wine32|process group affinity failed' \
  | tee "$log" | sed -u "s|^|$label |"
rc=${PIPESTATUS[0]}
elapsed=$(( $(date +%s) - start ))
cleanup

read -r passed failed skipped found < <(npipe4j_launcher_counts "$log")
if ! grep -q '^Test run finished after' "$log"; then
  say "NO SUMMARY from the console launcher: the Windows JVM ended early"
fi

say "finished in ${elapsed}s (exit $rc), reports in $reports"
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
  say "TIMED OUT after ${NPIPE4J_WINDOWS_TIMEOUT:-20m}"
fi
echo "Windows/Wine: $passed passed, $failed failed, $skipped skipped"
if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$found" -eq 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
exit 0
