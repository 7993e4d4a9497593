#!/usr/bin/env python3
"""Turns the RESULT lines of scripts/bench.sh into BENCHMARKS.md (printed on stdout)."""
import argparse
import statistics
from collections import defaultdict

p = argparse.ArgumentParser()
p.add_argument("results")
p.add_argument("--date")
p.add_argument("--machine")
p.add_argument("--command")
p.add_argument("--elapsed")
p.add_argument("--rounds")
p.add_argument("--linux-sizes")
p.add_argument("--wine-sizes")
p.add_argument("--clients", default="1000 100 200 50")
p.add_argument("--idle", default="10000 1000")
p.add_argument("--carriers", default="8")
a = p.parse_args()

data = defaultdict(list)  # (platform, impl, metric) -> [values]
unavailable = {}
idle = {}  # (platform, impl) -> fields of the idle RESULT line
server_counts = {}  # (impl, test) -> (per_unit, {request: per_unit})
for line in open(a.results):
    if line.startswith("SERVERCOUNT"):
        f = dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
        top = {k: float(v) for k, v in (kv.rsplit(":", 1) for kv in f["top"].split(",") if kv)}
        server_counts[(f["impl"], f["test"])] = (float(f["per_unit"]), top)
        continue
    f = dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
    if line.startswith("UNAVAILABLE"):
        unavailable[f["impl"]] = f.get("reason", "").replace("_", " ")
        continue
    if not line.startswith("RESULT"):
        continue
    plat, impl, test = f["platform"], f["impl"], f["test"]
    if test == "rtt":
        size = "1 B" if f["size"] == "1" else "4 KiB" if f["size"] == "4096" else f["size"] + " B"
        for q, key in (("p50", "p50_us"), ("p99", "p99_us"), ("p99.9", "p999_us")):
            data[(plat, impl, f"RTT {size} {q} (µs)")].append(float(f[key]))
    elif test == "throughput":
        data[(plat, impl, "Throughput, 64 KiB writes (MiB/s)")].append(float(f["mib_s"]))
    elif test == "connect":
        data[(plat, impl, "Connect+disconnect (cycles/s)")].append(float(f["per_s"]))
    elif test == "clients":
        data[(plat, impl, "Many clients: round trips/s")].append(float(f["per_s"]))
        data[(plat, impl, "Many clients: RTT p50 (µs)")].append(float(f["p50_us"]))
        data[(plat, impl, "Many clients: RTT p99 (µs)")].append(float(f["p99_us"]))
    elif test == "idle":
        idle[(plat, impl)] = f


def fmt(v):
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}" if v >= 10 else f"{v:.2f}"


def cell(vals):
    m = statistics.median(vals)
    if len(vals) > 1:
        return f"{fmt(m)} ({fmt(min(vals))}–{fmt(max(vals))})"
    return fmt(m)


LOWER = lambda metric: "RTT" in metric  # noqa: E731


def target_for(plat, base, metric):
    """(bound, text) where bound is the ratio npipe4j/base the target asks for, or None."""
    ahead = (1.0, "ahead")
    if plat == "linux":
        if base == "c":
            if metric.startswith("Throughput"):
                return (0.9, "≥ 0.90×")
            if metric.startswith("RTT") and "p50" in metric:
                return (1.25, "≤ 1.25×")
            return None
        if "p99" in metric:
            return None
        if base == "jdk" and metric.startswith("Connect"):
            return (0.9, "≥ 0.90×")
        if metric.startswith("Many clients"):
            return ahead if base == "jdk" and metric.endswith("round trips/s") else None
        return ahead
    if metric.startswith("Many clients"):
        return None
    if base == "c":
        if metric.startswith("Throughput"):
            return (0.95, "≥ 0.95×")
        if metric.startswith("RTT") and "p50" in metric:
            return (1.10, "≤ 1.10×")
        if metric.startswith("Connect"):
            return (0.9, "≥ 0.90×")
        return None
    if "p99" in metric:
        return None
    return ahead


METRICS = [
    "RTT 1 B p50 (µs)",
    "RTT 1 B p99 (µs)",
    "RTT 1 B p99.9 (µs)",
    "RTT 4 KiB p50 (µs)",
    "RTT 4 KiB p99 (µs)",
    "Throughput, 64 KiB writes (MiB/s)",
    "Connect+disconnect (cycles/s)",
    "Many clients: round trips/s",
    "Many clients: RTT p50 (µs)",
    "Many clients: RTT p99 (µs)",
]


def table(plat, baselines, labels):
    out = [
        "| Metric | Baseline | npipe4j | Baseline value | npipe4j ÷ baseline | Target | |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    for base in baselines:
        for metric in METRICS:
            n = data.get((plat, "npipe4j", metric))
            b = data.get((plat, base, metric))
            if not n or not b:
                continue
            ratio = statistics.median(n) / statistics.median(b)
            t = target_for(plat, base, metric)
            verdict, ttext = "", "—"
            if t:
                bound, ttext = t
                ok = ratio <= bound if LOWER(metric) else ratio >= bound
                if ttext == "ahead":
                    ttext = "ahead (≤ 1×)" if LOWER(metric) else "ahead (≥ 1×)"
                verdict = "met" if ok else "**missed**"
            better = "lower is better" if LOWER(metric) else "higher is better"
            out.append(
                f"| {metric} | {labels[base]} | {cell(n)} | {cell(b)} | {ratio:.2f}× ({better}) "
                f"| {ttext} | {verdict} |"
            )
    for base in baselines:
        if base in unavailable:
            out.append(f"\n{labels[base]}: not measured: {unavailable[base]}")
        elif not any(k[0] == plat and k[1] == base for k in data):
            out.append(f"\n{labels[base]}: no results in this run.")
    return "\n".join(out)


lr, lt, lc = (int(x) for x in a.linux_sizes.split())
wr, wt, wc = (int(x) for x in a.wine_sizes.split())
cl = [int(x) for x in a.clients.split()]
linux_labels = {
    "c": "C AF_UNIX (bench/c/unix_bench.c)",
    "jdk": "JDK blocking SocketChannel",
    "junixsocket": "junixsocket 2.10.1",
}
wine_labels = {
    "c": "raw C overlapped IOCP (bench/c/pipe_bench.c)",
    "go-winio": "go-winio v0.6.2 (bench/go)",
    "ipcsocket": "ipcsocket 1.6.3 (JNA)",
}
have = {k[0] for k in data}
print(f"""# Benchmarks

Generated by `{a.command}` on {a.date} in {a.elapsed} s ({a.rounds} round(s)). Regenerate with
the same command; this file is overwritten.

**Machine:** {a.machine}.

**Method.** `dev.npipe4j.bench.Harness` (npipe4j-bench) runs a server process and a client process
per implementation; the C and Go baselines speak the same 13-byte-header protocol and print the
same result line. Each implementation talks to its own server. In every round each test runs once
per implementation, the order rotating between rounds, so both sides of a ratio share the same
minutes of this noisy 2-core machine. Cells are the median over rounds, with the range in
parentheses. npipe4j uses its blocking channel (`NamedPipe.blockingChannel()`) on a platform
thread, the server accepts through `PipeListener` and serves one connection at a time; buffers are
direct. Latency is a 1 B or 4 KiB echo (client write, then read of the same size), after a warm-up
of a tenth of the count; percentiles from HdrHistogram (Java) or the sorted samples (C, Go).
Throughput is one-way 64 KiB writes until the server has read everything and answered one byte
(after a warm-up connection of an eighth of the amount). A connect cycle is open, 13-byte header,
one byte back, close, after a warm-up of a tenth of the count. Each client runs in a fresh process,
and every client of the round-trip, connect and many-clients tests, C and Go included, also warms
up for at least 3 s (`--warm-up-secs`; the C many-clients clients since 2026-12-06): the Java clients' JIT
compiles meanwhile, and this machine runs a burst of work faster than sustained work (the C AF_UNIX
client's 1 B p50 was 3.5 µs over 1,000 round trips, 5.5 µs over 10,000 and 71 µs over 100,000, one
after the other against one server), so every client is timed after the same warm-up.

**Amounts.** Linux: {lr:,} round trips per RTT test, {lt / 2**30:g} GiB per throughput test,
{lc:,} connect cycles. Wine: {wr:,} round trips, {wt / 2**20:g} MiB, {wc:,} connect cycles
(Wine's single-threaded wineserver makes every pipe operation about 10–100× slower).
Many clients: {cl[0]:,} concurrent connections on Linux, each doing {cl[1]:,} round trips of 1 B
after at least 10 of warm-up and 3 s, all released at once; under Wine {cl[2]:,} connections of {cl[3]:,} round trips
each, npipe4j vs C only (the Go baseline serves one connection at a time). Round trips/s is the
total over the wall time, p50/p99 over every round trip. The Java servers echo on a virtual thread
per connection (a platform thread for junixsocket, whose blocking reads pin the carrier), the Java
clients likewise; the C baselines use a thread per connection on both sides (under Wine each
thread waits for its overlapped operations on an event).
""")
if "linux" in have:
    print("## Linux (Unix domain sockets, host JDK)\n")
    print(table("linux", ["c", "jdk", "junixsocket"], linux_labels))
    print()
if "wine" in have or any(u for u in unavailable):
    print("## Windows named pipes under Wine (Windows JVM)\n")
    print(table("wine", ["c", "go-winio", "ipcsocket"], wine_labels))
    print()
THREAD_ROWS = [("npipe4j", "npipe4j, a virtual thread per connection"),
               ("npipe4j-carriers", f"npipe4j, a virtual thread per connection, {a.carriers} carriers"),
               ("npipe4j-platform", "npipe4j, a platform thread per connection"),
               ("c", "C, a thread per connection")]
if any(k[1] == "npipe4j-platform" for k in data):
    print(f"""## Many clients: virtual or platform threads

The many-clients test again, in the same rounds as the rows above, with the library in three
thread shapes on both sides. A platform thread per connection (`npipe4j-platform`) is the shape of
the C baselines: it waits for its own I/O (on Linux in `recv(2)` or `poll(2)`; under Wine its reads
skip the completion port and it waits on an event of its own). A virtual thread's wait goes through
the library's one driver thread (epoll on Linux, the completion port under Wine), which wakes it;
under Wine one that waits to read first yields to the other runnable virtual threads, then issues
its read, which under load often completes at once. Every pipe call under Wine is a synchronous
request to the one wineserver, during which a virtual thread holds its carrier, and the JVM's
default scheduler has one carrier per processor; so the Wine rounds also run the virtual threads
with `-Djdk.virtualThreadScheduler.parallelism={a.carriers}` on both sides (`npipe4j-carriers`), to
show whether more carriers help.
""")
    print("| Platform | Implementation | Round trips/s | ÷ C | RTT p50 (µs) | RTT p99 (µs) |")
    print("|---|---|---:|---:|---:|---:|")
    for plat, pname in (("linux", "Linux"), ("wine", "Wine")):
        c = data.get((plat, "c", "Many clients: round trips/s"))
        for impl, label in THREAD_ROWS:
            r = data.get((plat, impl, "Many clients: round trips/s"))
            if not r:
                continue
            ratio = f"{statistics.median(r) / statistics.median(c):.2f}×" if c else "—"
            p50 = data[(plat, impl, "Many clients: RTT p50 (µs)")]
            p99 = data[(plat, impl, "Many clients: RTT p99 (µs)")]
            print(f"| {pname} | {label} | {cell(r)} | {ratio} | {cell(p50)} | {cell(p99)} |")
    print()
SOCKET_METRICS = ("RTT 1 B p50 (µs)", "RTT 1 B p99 (µs)")
if any(k[1] == "npipe4j-socket" for k in data):
    print("""## The Socket adapter

`NamedPipeSocket` (implementation `npipe4j-socket`: the client is a `java.net.Socket` over a pipe
client, driven through its streams; the server is npipe4j's, as for `npipe4j`) against the blocking
channel (`npipe4j`), 1 B round trips in the same rounds as the tables above:
""")
    print("| Platform | Channel p50 (µs) | Adapter p50 (µs) | Adapter ÷ channel | Channel p99 (µs) | Adapter p99 (µs) |")
    print("|---|---:|---:|---:|---:|---:|")
    for plat, pname in (("linux", "Linux"), ("wine", "Wine")):
        ch = [data.get((plat, "npipe4j", m)) for m in SOCKET_METRICS]
        ad = [data.get((plat, "npipe4j-socket", m)) for m in SOCKET_METRICS]
        if not all(ch) or not all(ad):
            continue
        ratio = statistics.median(ad[0]) / statistics.median(ch[0])
        print(f"| {pname} | {cell(ch[0])} | {cell(ad[0])} | {ratio:.2f}× | {cell(ch[1])} | {cell(ad[1])} |")
    print()
IDLE_LABELS = {"npipe4j": "npipe4j", "jdk": "JDK SocketChannel", "junixsocket": "junixsocket 2.10.1"}
if idle:
    li, wi = (int(x) for x in a.idle.split())
    print(f"""## Memory per idle connection

One client process opens N connections to one server process and leaves them idle (each
acknowledged by the server, which then keeps it open and does nothing more with it): N = {li:,} on
Linux, {wi:,} under Wine (Wine's single wineserver makes 10,000 slow to set up). Both JVMs run with
`-XX:NativeMemoryTracking=summary`; each measures itself before and after (three `System.gc()`,
then the MemoryMXBean's heap used, and NMT's committed total through the DiagnosticCommand MBean,
without the categories that follow heap size, the JIT or class loading: Java Heap, GC, GCCardSet,
Code, Compiler, Arena Chunk, Class, Metaspace, Shared class space, Symbol). Before the baseline a
burst of N/10 such connections is opened and closed again, so that what a process starts once under
load (the virtual-thread scheduler's carriers, timer threads; under Wine each thread's whole 1 MiB
stack counts as committed) is not divided among the N connections. Bytes per connection;
the target is ≤ 16 KiB per idle connection (heap + native) on each side. Linux rows: the harness's
blocking channel, the Unix backend over AF_UNIX; the JDK and junixsocket rows are the same
connections without npipe4j, for scale.
""")
    print("| Platform | Implementation | Client heap | Client native | Server heap | Server native | Target ≤ 16 KiB |")
    print("|---|---|---:|---:|---:|---:|---|")

    def b(v):
        return "n/a" if v == "na" else f"{float(v):,.0f} B"

    for (plat, impl), f in sorted(idle.items(), key=lambda kv: (kv[0][0] != "linux", kv[0][1] != "npipe4j")):
        tot = []
        for side in ("client", "server"):
            h, n = f[f"{side}_heap_b"], f[f"{side}_native_b"]
            tot.append(float(h) + (0 if n == "na" else float(n)))
        verdict = "met" if max(tot) <= 16384 else "**missed**"
        if impl != "npipe4j":
            verdict = "—"
        pl = "Linux" if plat == "linux" else f"Wine (N = {wi:,})"
        print(f"| {pl} | {IDLE_LABELS.get(impl, impl)} | {b(f['client_heap_b'])} | {b(f['client_native_b'])} "
              f"| {b(f['server_heap_b'])} | {b(f['server_native_b'])} | {verdict} |")
    print()

SC_OPS = [
    ("rtt", "per 1 B round trip"),
    ("throughput", "per MiB, 64 KiB writes"),
    ("connect", "per connect+disconnect cycle"),
]
if server_counts:
    print("""## Wineserver requests per operation (Wine, npipe4j vs C)

Every Windows pipe operation under Wine is one or more requests to the single-threaded wineserver,
so the number of requests is a noise-free measure of the work an implementation asks for. A fresh
wineserver of the private prefix traces every request (`wineserver -d1`); the server and the
client of one implementation run alone, each client twice: 1,000 vs 200 round trips of 1 B (after
the same 100 warm-up round trips), 16 vs 8 MiB in 64 KiB writes (warm-up connections of 2 and
1 MiB), and 200 vs 40 connect+disconnect cycles. The difference of the two runs' request counts,
divided by 800 round trips, 9 MiB or 160 cycles, removes process start-up (and, for the first two,
connection set-up and teardown). Both sides (client and server process)
are counted. An idle Windows JVM adds about 0.6 requests/s (`get_thread_times`), negligible here.
The round-trip counts repeat within a few percent between runs; the per-MiB counts depend on how
often a read or write completes at once instead of going pending, which is timing, and have varied
by up to 2× between runs.
""")
    print("| Operation | npipe4j | C (bench/c/pipe_bench.c) | npipe4j ÷ C |")
    print("|---|---:|---:|---:|")
    for test, label in SC_OPS:
        n, c = server_counts.get(("npipe4j", test)), server_counts.get(("c", test))
        if n and c:
            print(f"| Requests {label} | {n[0]:.1f} | {c[0]:.1f} | {n[0] / c[0]:.2f}× |")
    for test, label in SC_OPS:
        n, c = server_counts.get(("npipe4j", test)), server_counts.get(("c", test))
        if not (n and c):
            continue
        print(f"\n**By request, {label}** (the union of the top 8 of each side; below 0.01 shows as 0):\n")
        print("| Request | npipe4j | C | npipe4j − C |")
        print("|---|---:|---:|---:|")
        top8 = lambda d: sorted(d, key=lambda k: -d[k])[:8]  # noqa: E731
        names = sorted(set(top8(n[1])) | set(top8(c[1])), key=lambda k: -max(n[1].get(k, 0), c[1].get(k, 0)))
        for k in names:
            nv, cv = n[1].get(k, 0.0), c[1].get(k, 0.0)
            print(f"| `{k}` | {nv:.2f} | {cv:.2f} | {nv - cv:+.2f} |")
    print()
print("""## Notes

- Under Wine the Windows JVMs run with `-XX:ActiveProcessorCount=<nproc>`: Wine 8 lacks
  `GetProcessGroupAffinity`, and without the flag the JVM prints a warning to the console on every
  processor-count query (a few per npipe4j connection), which would be measured too.
- go-winio is built with the current Go toolchain; Go 1.22+ needs `bcryptprimitives!ProcessPrng`,
  which Wine 8 lacks, so the benchmark's private Wine prefix gets a stand-in DLL
  (bench/c/bcryptprimitives_shim.c, forwarding to `RtlGenRandom`).
- ipcsocket runs with JNA's `jnidispatch.dll` handed over through `jna.boot.library.path`: unpacking
  it goes through `File.createTempFile`, whose `SecureRandom` seeding kills the JVM under Wine 8.
  Its server still cannot start under Wine 8: it calls `DisconnectNamedPipe` on a fresh, never
  connected instance, which Windows accepts and Wine 8 refuses with `ERROR_PIPE_LISTENING` (536),
  reported as "Could not disconnect lock 536".
- The first client of a go-winio listener hangs under Wine 8; the script spends that connection
  (with a timeout) before measuring.
""")
