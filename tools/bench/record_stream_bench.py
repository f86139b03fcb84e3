#!/usr/bin/env python3
"""podhist record at 10^6 Events without the fake API server: the recorder's own cost and memory.

usage: tools/bench/record_stream_bench.py STREAM_JSONL [--podhist PATH] [--baseline | --expect FACTS] [--write]

STREAM_JSONL is a scenario's watch events, one per line (what `fakeapi.py --emit-stream` writes; the
file record_bench.py makes under tools/bench/.work/record-N/stream.jsonl). The Python fake API server
needs more than 13 GB and a quarter of an hour to load 10^6 writes on a shared 2-core machine, so here
a stand-in for kubectl (a shell script given as `--kubectl`) answers each List with an empty List and
each watch with the scenario's Pod or Event lines, as fast as the recorder reads them (a pipe: the
recorder's bounded queue holds the writer back), then keeps the watch open. Everything after the
kubectl is the real recorder: WatchLine, the importer, deduplication, commits every second or 4,096
facts. Facts/s = facts committed / seconds from the recorder's start to its last commit; the RSS is
sampled with the facts committed (/proc/PID/status), the peak is VmHWM. The recording must hold as
many facts as a file import of the same stream (--baseline runs that import too and times it).
"""
import argparse, os, signal, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

FAKE_KUBECTL = """#!/bin/sh
# kubectl get --raw PATH, for record_stream_bench.py: an empty List, or a watch of the scenario.
for a in "$@"; do path=$a; done
case "$path" in
  *watch=1*)
    case "$path" in */pods\\?*) cat "{dir}/pods.jsonl";; *) cat "{dir}/events.jsonl";; esac
    exec sleep 100000;;
  *) echo '{{"kind":"List","apiVersion":"v1","metadata":{{"resourceVersion":"999"}},"items":[]}}';;
esac
"""

# The recorder bench's helpers: its memory sampler, the facts a store holds, a store removed.
from record_bench import rss_kib, facts_added, fresh

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stream")
    ap.add_argument("--podhist", default=os.path.join(ROOT, ".build", "release", "podhist"))
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--expect", type=int, default=0, help="facts a file import of the stream holds (stop when recorded)")
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    d = os.path.join(os.path.dirname(os.path.abspath(a.stream)), "stream-bench")
    os.makedirs(d, exist_ok=True)
    pods, events = os.path.join(d, "pods.jsonl"), os.path.join(d, "events.jsonl")
    if not os.path.exists(events):
        with open(a.stream) as f, open(pods + ".tmp", "w") as p, open(events + ".tmp", "w") as e:
            for line in f:
                (p if line.startswith('{"type": ') and '"object": {"apiVersion": "v1", "kind": "Pod"' in line[:80] else e).write(line)
        os.rename(pods + ".tmp", pods); os.rename(events + ".tmp", events)
    kubectl = os.path.join(d, "kubectl")
    with open(kubectl, "w") as f: f.write(FAKE_KUBECTL.format(dir=d))
    os.chmod(kubectl, 0o755)
    lines = sum(1 for _ in open(pods)), sum(1 for _ in open(events))

    base = None
    if a.baseline:
        store = os.path.join(d, "file.db"); fresh(store)
        t0 = time.perf_counter()
        p = subprocess.Popen([a.podhist, "import", a.stream], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=dict(os.environ, PODHIST_STORE=store))
        _, _, ru = os.wait4(p.pid, 0)
        base = (facts_added(store), time.perf_counter() - t0, ru.ru_maxrss / 1024)

    store = os.path.join(d, "recorded.db"); fresh(store)
    t0 = time.perf_counter()
    rec = subprocess.Popen([a.podhist, "record", "-A", "--kubectl", kubectl], stdout=subprocess.DEVNULL,
                           stderr=open(os.path.join(d, "record.log"), "w"), env=dict(os.environ, PODHIST_STORE=store, NO_COLOR="1"))
    samples, waits = [], []
    last_n, last_change = -1, time.perf_counter()
    while True:
        time.sleep(0.25)
        now = time.perf_counter()
        n = facts_added(store)
        samples.append((now - t0, n, rss_kib(rec.pid)))
        if n != last_n:
            if last_n > 0: waits.append(now - last_change)
            last_n, last_change = n, now
        if (base and n >= base[0]) or (a.expect and n >= a.expect) or (n > 0 and now - last_change > 60): break
    done = last_change - t0
    peak = rss_kib(rec.pid, "VmHWM")
    rec.send_signal(signal.SIGINT); rec.wait()
    recorded = facts_added(store)
    def at(frac):
        return min(samples, key=lambda s: abs(s[1] - frac * recorded))
    mib = lambda k: k / 1024
    waits.sort()
    text = "\n".join([
        f"\n## Recording 10^6 Events: the recorder alone (issue 13), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n",
        f"`tools/bench/record_stream_bench.py {os.path.relpath(a.stream, ROOT)}{' --baseline' if a.baseline else ''}` (release build) on "
        f"2 cores shared with other builds (load average {os.getloadavg()[0]:.1f} at the end): {lines[0] + lines[1]:,} watch events "
        f"({lines[1]:,} Event writes, {lines[0]:,} pod changes) handed to `podhist record -A` by a stand-in for kubectl as fast as it reads.\n",
        "| | facts | seconds | facts/s | peak RSS (MiB) |", "|---|---:|---:|---:|---:|",
        f"| `podhist record -A` | {recorded:,} | {done:.1f} | {recorded / max(done, 1e-9):,.0f} | {mib(peak):.0f} |"]
        + ([f"| `podhist import` of the same stream from a file (baseline) | {base[0]:,} | {base[1]:.1f} | {base[0] / base[1]:,.0f} | {base[2]:.0f} |"] if base else [])
        + ["", "Recorder RSS over the recording: " + ", ".join(
            f"{int(f * 100)}% ({at(f)[1]:,} facts, {at(f)[0]:.0f} s): {mib(at(f)[2]):.0f} MiB" for f in (0.1, 0.25, 0.5, 0.75, 1.0)) + ".",
           "", f"Commits seen (the store sampled every 0.25 s): {len(waits) + 1}; wait between two: median {statistics.median(waits) if waits else 0:.2f} s, "
           f"90th percentile {waits[int(len(waits) * 0.9)] if waits else 0:.2f} s, longest {waits[-1] if waits else 0:.2f} s.", ""])
    print(text)
    if a.write:
        with open(os.path.join(HERE, "RESULTS.md"), "a") as f: f.write(text)

if __name__ == "__main__":
    main()
