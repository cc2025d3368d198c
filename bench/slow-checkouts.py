#!/usr/bin/env python3
"""Where the half-rate run's slow requests waited, from JDK Flight Recorder files (settings=default: waits of 20 ms and more).

Usage: slow-checkouts.py <app.jfr> <name>=<file.jfr>...

From the application's recording: every wait of a request thread (Tomcat's http-nio-*) that JFR kept (parks, monitor
waits, socket reads and writes, sleeps, file I/O: the default settings keep those of 20 ms and longer), summed by
what waited (the first frame outside the JDK) and the Polyshop frame that called it. From every named recording:
the garbage collector's pauses. Then the longest waits, each with the pauses of any JVM that overlapped it: a wait
with a pause beside it was set by that pause; one without was not.
"""
import json
import re
import subprocess
import sys
from collections import defaultdict
from datetime import datetime, timedelta

WAITS = "jdk.ThreadPark,jdk.SocketRead,jdk.SocketWrite,jdk.JavaMonitorEnter,jdk.JavaMonitorWait,jdk.ThreadSleep,jdk.FileRead,jdk.FileWrite"
JDK = ("java/", "javax/", "jdk/", "sun/", "com/sun/")
IDLE = "org/apache/tomcat/util/threads/TaskQueue."  # a request thread waiting for its next request


def events(path, types):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", types, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def seconds(iso):  # PT0.05S, PT1M2.5S
    m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", iso)
    h, mi, s = (float(g) if g else 0.0 for g in m.groups())
    return h * 3600 + mi * 60 + s


def instant(iso):
    head, _, frac = iso.rstrip("Z").partition(".")
    return datetime.fromisoformat(head) + timedelta(microseconds=int((frac + "000000")[:6]))


def frame(f):
    return f["method"]["type"]["name"] + "." + f["method"]["name"]


def pauses(path):
    found = []
    for e in events(path, "jdk.GarbageCollection"):
        v = e["values"]
        found.append((instant(v["startTime"]), seconds(v["sumOfPauses"]), v["name"], v["cause"]))
    return found


def main():
    app = sys.argv[1]
    jvms = dict(arg.split("=", 1) for arg in sys.argv[2:])
    waits = []
    for e in events(app, WAITS):
        v = e["values"]
        thread = (v.get("eventThread") or {}).get("javaName") or ""
        if not thread.startswith("http-nio"):
            continue
        frames = [frame(f) for f in (v.get("stackTrace") or {}).get("frames", [])]
        if any(f.startswith(IDLE) for f in frames[:8]):
            continue
        what = next((f for f in frames if not f.startswith(JDK)), frames[0] if frames else "?")
        where = next((f for f in frames if f.startswith("io/polyshop/")), "-")
        start = instant(v["startTime"])
        waits.append((start, seconds(v["duration"]), e["type"].removeprefix("jdk."), what, where))

    by_site = defaultdict(list)
    for _, d, kind, what, where in waits:
        by_site[(kind, what, where)].append(d)
    print("request threads' waits kept by JFR (>= its threshold), by site: count, total ms, max ms")
    for (kind, what, where), ds in sorted(by_site.items(), key=lambda kv: -sum(kv[1]))[:12]:
        print(f"  {len(ds):5d} {sum(ds) * 1000:8.0f} {max(ds) * 1000:6.0f}  {kind} {what.replace('/', '.')}  <- {where.replace('/', '.')}")

    gc = {name: pauses(path) for name, path in jvms.items()}
    print("garbage collection pauses: count, total ms, max ms, count over 20 ms")
    for name, ps in gc.items():
        ds = [p[1] for p in ps] or [0]
        print(f"  {name:10s} {len(ps):5d} {sum(ds) * 1000:8.0f} {max(ds) * 1000:6.0f} {sum(d > 0.02 for d in ds):5d}")

    print("the 15 longest waits, with the pauses that overlapped them")
    for start, d, kind, what, where in sorted(waits, key=lambda w: -w[1])[:15]:
        end = start + timedelta(seconds=d)
        beside = [f"{name} {p[2]} {p[1] * 1000:.0f} ms" for name, ps in gc.items() for p in ps
                  if p[0] < end and p[0] + timedelta(seconds=p[1]) > start]
        print(f"  {start:%H:%M:%S.%f} {d * 1000:5.0f} ms {kind} {what.replace('/', '.')} <- {where.replace('/', '.')}"
              f"  [{', '.join(beside) or 'no pause'}]")


if __name__ == "__main__":
    main()
