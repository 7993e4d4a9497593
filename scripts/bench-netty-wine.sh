#!/usr/bin/env bash
# The Netty row under Wine: npipe4j-netty on NamedPipeIoHandler loops vs LocalIoHandler loops, in
# one Windows JVM (dev.npipe4j.bench.netty.WineNettyBench), in the test prefix (build/wine-prefix).
#   scripts/bench-netty-wine.sh [ROUNDS [RTT_COUNT [THROUGHPUT_BYTES]]]   (default 5 2000 16 MiB)
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/wine-env.sh"
source "$here/lib/windows-run.sh"
cd "$NPIPE4J_ROOT"
source "$here/java-home.sh" >/dev/null
out=build/bench-netty-wine
mvn -o -B -ntp -q -pl npipe4j,npipe4j-bench -am package -Dmaven.test.skip=true -Dspotless.check.skip=true
# The seeded SecureRandom provider of the test suite (see scripts/test-windows.sh): its class and
# security file come from the library's test build.
mvn -o -B -ntp -q -pl npipe4j test-compile -Dspotless.check.skip=true
security=npipe4j/target/windows-test/wine.security
npipe4j_security_providers dev.npipe4j.internal.windows.win32.WineSeededRandomProvider \
  "$WINDOWS_JDK/conf/security/java.security" >"$security"
rm -rf "$out" && mkdir -p "$out/cp"
cp npipe4j-bench/target/npipe4j-bench-*.jar "$out/cp/"
for j in npipe4j-bench/target/lib/*.jar; do
  case $j in *epoll*|*native*|*jmh*|*junix*) ;; *) cp "$j" "$out/cp/" ;; esac
done
cp -a npipe4j/target/test-classes "$out/test-classes"
wcp=$(for j in "$out"/cp/*.jar; do printf '%s;' "$(npipe4j_winpath "$j")"; done)$(npipe4j_winpath "$out/test-classes")
timeout 900 wine "$WINDOWS_JAVA" --enable-native-access=ALL-UNNAMED -Xmx512m \
  -XX:ActiveProcessorCount="$(nproc)" -Dio.netty.machineId=02:00:00:6e:70:34 \
  "-Djava.security.properties=$(npipe4j_winpath "$security")" -cp "$wcp" \
  dev.npipe4j.bench.netty.WineNettyBench "${1:-5}" "${2:-2000}" "${3:-$((16 << 20))}" 2>&1 \
  | tr -d '\r' | grep -a -v -E 'wine32|multiarch|dpkg|apt-get|affinity'
