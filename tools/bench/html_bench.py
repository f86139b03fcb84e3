#!/usr/bin/env python3
"""podhist -o html benchmark: one pod with 10^4 Events, and a store of many pods for `why -A -o html`.

usage: tools/bench/html_bench.py [--events 10000] [--pods 100000] [--runs 5] [--podhist PATH] [--json-baseline] [--write]

The workloads are generated here (seeded, deterministic) as Event JSON lines: a crash-looping pod
whose Events (probe failures, kills, starts, pulls, back-offs, each with its own message) come every
few seconds for --events records; and --pods pods with a FailedScheduling or a BackOff each.
Measured in the same run, whole process (CPU seconds and wall seconds), median of --runs after a warm-up:
  why POD -o html, timeline POD -o html   against   why POD (text) (and timeline POD -o json with --json-baseline)
  why -A -o html    against   why -A (text)
and the page sizes. Prints a Markdown table; appends it to tools/bench/RESULTS-html.md with --write.
"""
import argparse, json, os, random, re, resource, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))

def event(ns, pod, reason, msg, t, etype="Normal", count=1, first=None, container="app", i=0):
    return {"kind": "Event", "apiVersion": "v1",
            "metadata": {"name": f"{pod}.{i:08x}", "namespace": ns},
            "involvedObject": {"kind": "Pod", "namespace": ns, "name": pod,
                               "fieldPath": f"spec.containers{{{container}}}" if container else None},
            "reason": reason, "message": msg, "type": etype, "count": count,
            "firstTimestamp": iso(first if first is not None else t), "lastTimestamp": iso(t),
            "source": {"component": "kubelet", "host": "worker-1"}}

def dense_pod(path, n):
    rnd = random.Random(7)
    t = 1_700_000_000
    with open(path, "w") as f:
        f.write(json.dumps(event("bench", "dense-0", "Scheduled", "Successfully assigned bench/dense-0 to worker-1", t, container=None)) + "\n")
        for i in range(n - 1):
            t += rnd.choice([1, 2, 3, 5, 8, 13, 21])
            kind = i % 6
            if kind == 0:
                e = event("bench", "dense-0", "Pulled", f'Container image "registry/app:{i % 7}" already present on machine', t, i=i)
            elif kind == 1:
                e = event("bench", "dense-0", "Started", "Started container app", t, i=i)
            elif kind in (2, 3):
                e = event("bench", "dense-0", "Unhealthy", f"Liveness probe failed: HTTP probe failed with statuscode: 50{i % 4} (request {i})", t, "Warning", i=i)
            elif kind == 4:
                e = event("bench", "dense-0", "Killing", "Container app failed liveness probe, will be restarted", t, i=i)
            else:
                e = event("bench", "dense-0", "BackOff", f"Back-off restarting failed container app in pod dense-0_bench({i})", t, "Warning", i=i)
            f.write(json.dumps(e) + "\n")

def many_pods(path, n):
    t = 1_700_000_000
    with open(path, "w") as f:
        for i in range(n):
            ns = f"team-{i % 50}"
            if i % 2:
                f.write(json.dumps(event(ns, f"web-{i}", "FailedScheduling", "0/3 nodes are available: 3 Insufficient memory.", t + i, "Warning", container=None, i=i)) + "\n")
            else:
                f.write(json.dumps(event(ns, f"web-{i}", "BackOff", "Back-off restarting failed container app", t + i, "Warning", count=5, first=t + i - 300, i=i)) + "\n")

def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

def run(cmd, env):
    """One whole-process run: its CPU seconds (user + system; on a shared machine the wall time
    counts the other builders' work too), wall seconds and output bytes."""
    c0, t0 = cpu(), time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True)
    dt, dc = time.perf_counter() - t0, cpu() - c0
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.decode()[:500]}")
    return dc, dt, p.stdout

def median(cmd, env, runs):
    """Median CPU seconds, median wall seconds, the output's size and the output of `runs` runs after a warm-up."""
    run(cmd, env)
    samples = [run(cmd, env) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples), len(samples[0][2]), samples[0][2]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--pods", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--podhist", default=os.path.join(ROOT, ".build", "release", "podhist"))
    ap.add_argument("--write", action="store_true")
    # timeline -o json prints every state of 10^4 instants (5 MB, ~50 CPU s): a baseline only on request.
    ap.add_argument("--json-baseline", action="store_true")
    a = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as d:
        dense, many = os.path.join(d, "dense.jsonl"), os.path.join(d, "many.jsonl")
        dense_pod(dense, a.events)
        many_pods(many, a.pods)
        env = dict(os.environ, PODHIST_STORE=os.path.join(d, "dense.db"), NO_COLOR="1")
        subprocess.run([a.podhist, "import", dense], env=env, check=True, capture_output=True)
        html = median([a.podhist, "why", "dense-0", "-n", "bench", "-o", "html"], env, a.runs)
        timeline = median([a.podhist, "timeline", "dense-0", "-n", "bench", "-o", "html"], env, a.runs)
        text = median([a.podhist, "why", "dense-0", "-n", "bench"], env, a.runs)
        json_ = median([a.podhist, "timeline", "dense-0", "-n", "bench", "-o", "json"], env, a.runs) if a.json_baseline else None
        work = f"1 pod, {a.events:,} Events"
        rows.append(("why POD -o html", work, html, "why POD (text)", text))
        rows.append(("timeline POD -o html", work, timeline, "why POD (text)", text))
        if json_:
            rows.append(("why POD -o html", work, html, "timeline POD -o json", json_))
        env = dict(os.environ, PODHIST_STORE=os.path.join(d, "many.db"), NO_COLOR="1")
        subprocess.run([a.podhist, "import", many], env=env, check=True, capture_output=True)
        runs = max(1, a.runs // 2)
        all_html = median([a.podhist, "why", "-A", "-o", "html"], env, runs)
        all_text = median([a.podhist, "why", "-A"], env, runs)
        rows.append(("why -A -o html", f"{a.pods:,} pods", all_html, "why -A (text)", all_text))
    out = ["| command | workload | CPU s | wall s | output bytes | baseline | baseline CPU s | baseline bytes | CPU ratio | size ratio |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for c, w, (t, wall, b, _), bc, (bt, _, bb, _) in rows:
        out.append(f"| `{c}` | {w} | {t:.3f} | {wall:.3f} | {b:,} | `{bc}` | {bt:.3f} | {bb:,} | {t / bt:.2f}x | {b / max(1, bb):.2f}x |")
    # What the issue asks of the pages: a pod with 10^4 Events under 2 MB; the page of 10^5 pods capped, saying what it left out.
    left_out = [l for l in all_html[3].decode().split("\n") if "left out" in l or "Timelines are drawn for the first" in l]
    out += ["", f"Page of the pod with {a.events:,} Events: {html[2]:,} bytes ({'under' if html[2] < 2_000_000 else 'NOT under'} 2 MB). "
            f"Page of {a.pods:,} pods: {all_html[2]:,} bytes; what it says it left out:", ""]
    out += [f"> {re.sub('<[^>]+>', '', l).strip()}" for l in left_out] or ["> (nothing: NOT capped)"]
    table = "\n".join(out)
    print(table)
    if a.write:
        with open(os.path.join(HERE, "RESULTS-html.md"), "w") as f:
            f.write("# podhist -o html benchmark\n\n"
                    f"Command: `python3 tools/bench/html_bench.py --events {a.events} --pods {a.pods} --runs {a.runs}`; "
                    f"{os.cpu_count()} cores, shared machine; medians of whole-process runs after a warm-up (CPU "
                    "seconds are user + system of the podhist process, what the machine's other work inflates "
                    "least), each ratio against a baseline measured in the same run on the same store.\n\n" + table + "\n")

if __name__ == "__main__":
    main()
