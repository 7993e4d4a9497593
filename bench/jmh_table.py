#!/usr/bin/env python3
"""Turns a JMH JSON result file into the micro-benchmark section of BENCHMARKS.md."""
import json
import sys


def main(path, command):
    rows = json.load(open(path))
    out = [
        "",
        "## Micro-benchmarks (JMH, host JDK)",
        "",
        f"`{command}`: one fork, 2 warm-up and 3 measured iterations of 1 s, with `-prof gc`. "
        "Short runs on a noisy 2-core machine: the error column is JMH's 99.9% interval.",
        "",
        "| Benchmark | Param | Time (ns/op) | ± | Allocated (B/op) |",
        "|---|---|---:|---:|---:|",
    ]
    for r in rows:
        name = r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1]
        params = ", ".join(f"{k}={v}" for k, v in (r.get("params") or {}).items()) or "—"
        pm = r["primaryMetric"]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        alloc_text = "—" if alloc is None else f"{alloc:,.1f}"
        out.append(
            f"| {name} | {params} | {pm['score']:,.0f} | {pm['scoreError']:,.0f} | {alloc_text} |"
        )
    out += [
        "",
        "`CopyPathBenchmark`: one `tryWrite` and the `tryRead`s that take the same bytes out, "
        "over a connected pair of the host's backend, in one thread. `HandOffBenchmark`: a "
        "future completed by another thread while the caller waits for it, through the "
        "library's callback executor (a virtual thread per completion), the common pool and a "
        "dedicated platform thread; `direct` completes on the caller's thread, for reference. "
        "`WaitPathBenchmark`: a read started while nothing is there, then 64 bytes written, so "
        "each `read` future, `asyncIo` and `readMessage` waits for exactly one readiness event "
        "(`stream`: the blocking stream's read with the bytes there); its B/op is a property of "
        "the code. `RoundTripBenchmark`: a 64-byte message to an in-process echo and back, the "
        "client waiting through each of those ways; whether the echo waits is a race, so its B/op "
        "varies with timing.",
        "",
    ]
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
