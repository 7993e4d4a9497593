#!/usr/bin/env python3
"""Counts wineserver requests per operation from a `wineserver -d1` trace (scripts/bench.sh).

    server_count.py TRACE WINDOWS

TRACE is the wineserver's stderr. Each request is one line `TTTT: name( args )` (TTTT the calling
thread's id); its reply is a second line `TTTT: name() = STATUS { ... }`, which is not counted.
WINDOWS has lines `impl test units start end`: byte offsets of TRACE around one client run (the
server of that implementation running too, nothing else). For every (impl, test) there are two
runs, a long and a short one that differ only in `units` (round trips, MiB or connect cycles); the
difference of their counts, divided by the difference of their units, is the number of requests per
unit with process start-up (and, but for connect cycles, connection set-up and teardown) subtracted
out. Prints one line per (impl, test):

    SERVERCOUNT impl=... test=... units=... per_unit=... top=name:count,...

with every request name whose count per unit is at least 0.01, most frequent first.
"""
import re
import sys
from collections import Counter, defaultdict

REQUEST = re.compile(rb"^[0-9a-f]+: ([a-z_0-9]+)\(")


def count(path, start, end):
    c = Counter()
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    for line in data.split(b"\n"):
        m = REQUEST.match(line)
        if m and b") = " not in line:
            c[m.group(1).decode()] += 1
    return c


def main():
    trace, windows = sys.argv[1], sys.argv[2]
    runs = defaultdict(list)  # (impl, test) -> [(units, Counter)]
    for line in open(windows):
        parts = line.split()
        if len(parts) != 5:
            continue
        impl, test, units, start, end = parts[0], parts[1], float(parts[2]), int(parts[3]), int(parts[4])
        runs[(impl, test)].append((units, count(trace, start, end)))
    for (impl, test), rs in runs.items():
        if len(rs) < 2:
            continue
        rs.sort(key=lambda r: r[0])
        (u0, c0), (u1, c1) = rs[0], rs[-1]
        du = u1 - u0
        per = {k: (c1[k] - c0[k]) / du for k in set(c0) | set(c1)}
        total = sum(per.values())
        top = sorted(((k, v) for k, v in per.items() if abs(v) >= 0.01), key=lambda kv: -kv[1])
        top_s = ",".join(f"{k}:{v:.2f}" for k, v in top)
        print(f"SERVERCOUNT impl={impl} test={test} units={du:g} per_unit={total:.2f} top={top_s}")


if __name__ == "__main__":
    main()
