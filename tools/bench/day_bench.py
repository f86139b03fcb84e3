#!/usr/bin/env python3
"""How big a day of a 1,000-pod cluster is in a store written as `podhist record` writes it: a
commit for each second in which something happened (issue 13, item 8).

usage: tools/bench/day_bench.py GEN_EVENTS_PY [--pods 1000] [--duration 24h] [--snapshot-every 10m]
                                [--pause 0.03] [--podhist PATH] [--write]

GEN_EVENTS_PY is the synthetic generator (gen_events.py): `--pods P --duration D --stream --format jsonl
--seed 7 --snapshot-every S` (every write of every Event, and the pods every S). The fake API server's
own code (Tests/TestSupport/fakeapi/fakeapi.py --emit-stream) turns them into the timeline a watch
sees: every Event write, every changed pod (ADDED, MODIFIED, DELETED), in time order.

The timeline is piped into `podhist import - --commit-every 0.01`, one simulated second at a time:
the watch events of one second of the day, then a pause (--pause) in which the follower commits
them. A recorder commits each second in which something arrived, so the store is made of the same
commits as a day's recording, in minutes instead of a day. Also measured in the same run: the same
timeline imported at once (one transaction). Prints a Markdown section; appends it to
tools/bench/RESULTS.md with --write.
"""
import argparse, json, os, platform, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORK = os.path.join(HERE, ".work")
FAKEAPI = os.path.join(ROOT, "Tests", "TestSupport", "fakeapi", "fakeapi.py")

def second_of(watch_event):
    o = watch_event["object"]
    md = o.get("metadata") or {}
    if o.get("kind") == "Event" or "involvedObject" in o:
        t = max(t for t in (o.get("lastTimestamp"), o.get("eventTime"), (o.get("series") or {}).get("lastObservedTime"),
                            md.get("creationTimestamp"), "") if t is not None)
    else:
        t = (md.get("annotations") or {}).get("podhist.test/observed-at") or md.get("creationTimestamp") or ""
    return t[:19]

def size(path):
    return sum(os.path.getsize(path + s) for s in ("", "-wal") if os.path.exists(path + s))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gen")
    ap.add_argument("--pods", type=int, default=1000)
    ap.add_argument("--duration", default="24h")
    ap.add_argument("--snapshot-every", default="10m")
    ap.add_argument("--pause", type=float, default=0.03)
    ap.add_argument("--podhist", default=os.path.join(ROOT, ".build", "release", "podhist"))
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    d = os.path.join(WORK, f"day-{a.pods}-{a.duration}")
    os.makedirs(d, exist_ok=True)
    events, snaps, stream = (os.path.join(d, x) for x in ("events.jsonl", "snapshots.jsonl", "stream.jsonl"))
    if not os.path.exists(stream):
        print("generating ...", flush=True)
        subprocess.run([sys.executable, a.gen, "--pods", str(a.pods), "--duration", a.duration, "--stream", "--format", "jsonl",
                        "--seed", "7", "--snapshot-every", a.snapshot_every, "--snapshots-out", snaps, "-o", events], check=True)
        subprocess.run([sys.executable, FAKEAPI, "--events", events, "--pods", snaps, "--emit-stream", stream + ".tmp"], check=True)
        os.rename(stream + ".tmp", stream)
    seconds = []  # [(second, [lines])]
    n_events = n_pods = 0
    with open(stream) as f:
        for line in f:
            we = json.loads(line)
            if we["object"].get("kind") == "Pod": n_pods += 1
            else: n_events += 1
            s = second_of(we)
            if seconds and seconds[-1][0] == s: seconds[-1][1].append(line)
            else: seconds.append((s, [line]))
    writes = n_events + n_pods
    env = dict(os.environ, NO_COLOR="1")
    # The same timeline at once: one transaction.
    once = os.path.join(d, "once.db")
    for s in ("", "-wal", "-shm"):
        if os.path.exists(once + s): os.remove(once + s)
    with open(stream) as f:
        out = subprocess.run([a.podhist, "import", "-"], stdin=f, env=dict(env, PODHIST_STORE=once), check=True,
                             capture_output=True, text=True).stdout.strip().splitlines()[-1]
    once_size = size(once)
    # Second by second.
    live = os.path.join(d, "live.db")
    for s in ("", "-wal", "-shm"):
        if os.path.exists(live + s): os.remove(live + s)
    print(f"{writes} watch events in {len(seconds)} seconds of the day; piping them second by second ...", flush=True)
    t0 = time.time()
    p = subprocess.Popen([a.podhist, "import", "-", "--commit-every", "0.01"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=dict(env, PODHIST_STORE=live), text=True)
    for i, (_, lines) in enumerate(seconds):
        p.stdin.write("".join(lines)); p.stdin.flush()
        time.sleep(a.pause)
        if i % 5000 == 0: print(f"  {i}/{len(seconds)} seconds, store {size(live) / 1e6:.1f} MB, {time.time() - t0:.0f} s", flush=True)
    p.stdin.close()
    live_out = p.stdout.read().strip().splitlines()[-1]
    p.wait()
    wall = time.time() - t0
    # Checkpoint the WAL into the file (what the store weighs once the recorder stops).
    subprocess.run([a.podhist, "verify"], env=dict(env, PODHIST_STORE=live), check=True, capture_output=True)
    live_size = size(live)
    def q(db, sql): return subprocess.run(["sqlite3", db, sql], check=True, capture_output=True, text=True).stdout.strip()
    chunks = int(q(live, "SELECT count(*) FROM log"))
    facts = int(q(live, "SELECT sum(fact_count) FROM log"))
    shares = q(live, "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")
    text = "\n".join([
        f"\n## A day of a {a.pods:,}-pod cluster on disk (issue 13 item 8), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n",
        f"`tools/bench/day_bench.py GEN --pods {a.pods} --duration {a.duration} --snapshot-every {a.snapshot_every} --pause {a.pause}` "
        f"on {platform.machine()}, {os.cpu_count()} cores, shared with other builds. The generated day: {n_events:,} Event writes and "
        f"{n_pods:,} changed pods ({writes:,} watch events, {writes / 86400:.2f}/s on average over a day), in {len(seconds):,} distinct seconds.\n",
        "| written | store (MB) | chunks | facts | bytes/fact | podhist said |", "|---|---:|---:|---:|---:|---|",
        f"| at once (one transaction) | {once_size / 1e6:.2f} | {int(q(once, 'SELECT count(*) FROM log'))} | "
        f"{int(q(once, 'SELECT sum(fact_count) FROM log')):,} | {once_size / max(1, int(q(once, 'SELECT sum(fact_count) FROM log'))):.0f} | {out} |",
        f"| second by second (`import - --commit-every 0.01`, {wall:.0f} s) | {live_size / 1e6:.2f} | {chunks:,} | {facts:,} | "
        f"{live_size / max(1, facts):.0f} | {live_out} |",
        "", "Space by table (sqlite3 dbstat, second by second): " +
        ", ".join(f"{r.split('|')[0]} {int(r.split('|')[1]) / 1e6:.2f} MB" for r in shares.splitlines() if r), ""])
    print(text)
    if a.write:
        with open(os.path.join(HERE, "RESULTS.md"), "a") as f: f.write(text)

if __name__ == "__main__":
    main()
