#!/usr/bin/env python3
"""podhist -o html benchmark: one pod with 10^4 Events, and a store of many pods for `why -A -o html`.

usage: tools/bench/html_bench.py [--events 10000] [--pods 100000] [--runs 5] [--podhist PATH]

The workloads are generated here (seeded, deterministic) as Event JSON lines: a crash-looping pod
whose Events (probe failures, kills, starts, pulls, back-offs, each with its own message) come every
few seconds for --events records; and --pods pods with a FailedScheduling or a BackOff each.
Measured in the same run, whole process, median of --runs after a warm-up:
  why POD -o html   against   why POD (text) and timeline POD -o json on the same store
  why -A -o html    against   why -A (text)
and the page sizes. Prints a Markdown table; appends it to tools/bench/RESULTS-html.md with --write.
"""
import argparse, json, os, random, statistics, subprocess, sys, tempfile, time

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

def run(cmd, env):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.decode()[:500]}")
    return dt, len(p.stdout)

def median(cmd, env, runs):
    run(cmd, env)
    samples = [run(cmd, env) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), samples[0][1]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--pods", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--podhist", default=os.path.join(ROOT, ".build", "release", "podhist"))
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as d:
        dense, many = os.path.join(d, "dense.jsonl"), os.path.join(d, "many.jsonl")
        dense_pod(dense, a.events)
        many_pods(many, a.pods)
        env = dict(os.environ, PODHIST_STORE=os.path.join(d, "dense.db"), NO_COLOR="1")
        subprocess.run([a.podhist, "import", dense], env=env, check=True, capture_output=True)
        html_t, html_b = median([a.podhist, "why", "dense-0", "-n", "bench", "-o", "html"], env, a.runs)
        text_t, text_b = median([a.podhist, "why", "dense-0", "-n", "bench"], env, a.runs)
        json_t, json_b = median([a.podhist, "timeline", "dense-0", "-n", "bench", "-o", "json"], env, a.runs)
        rows.append(("why POD -o html", f"1 pod, {a.events:,} Events", html_t, html_b, "why POD (text)", text_t, text_b))
        rows.append(("why POD -o html", f"1 pod, {a.events:,} Events", html_t, html_b, "timeline POD -o json", json_t, json_b))
        env = dict(os.environ, PODHIST_STORE=os.path.join(d, "many.db"), NO_COLOR="1")
        subprocess.run([a.podhist, "import", many], env=env, check=True, capture_output=True)
        runs = max(1, a.runs // 2)
        all_html_t, all_html_b = median([a.podhist, "why", "-A", "-o", "html"], env, runs)
        all_text_t, all_text_b = median([a.podhist, "why", "-A"], env, runs)
        rows.append(("why -A -o html", f"{a.pods:,} pods", all_html_t, all_html_b, "why -A (text)", all_text_t, all_text_b))
    out = ["| command | workload | s | output bytes | baseline | baseline s | baseline bytes | time ratio | size ratio |",
           "|---|---|---|---|---|---|---|---|---|"]
    for c, w, t, b, bc, bt, bb in rows:
        out.append(f"| `{c}` | {w} | {t:.3f} | {b:,} | `{bc}` | {bt:.3f} | {bb:,} | {t / bt:.2f}x | {b / max(1, bb):.2f}x |")
    table = "\n".join(out)
    print(table)
    if a.write:
        with open(os.path.join(HERE, "RESULTS-html.md"), "w") as f:
            f.write("# podhist -o html benchmark\n\n"
                    f"Command: `python3 tools/bench/html_bench.py --events {a.events} --pods {a.pods} --runs {a.runs}`; "
                    f"{os.cpu_count()} cores, shared machine; medians of whole-process runs after a warm-up, each "
                    "ratio against a baseline measured in the same run on the same store.\n\n" + table + "\n")

if __name__ == "__main__":
    main()
