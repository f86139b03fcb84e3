#!/usr/bin/env python3
"""podhist record, sustained: facts/s from a fast replay of the fake API server, memory over the
replay, and the lag from an object's creation on the server to its visibility in a query run by
another process (issue 13, "Done means").

usage: tools/bench/record_bench.py GEN_EVENTS_PY [--events 200000] [--snapshot-every 1h] [--rate 0]
                                   [--probes 10] [--podhist PATH] [--kubectl kubectl] [--write]

GEN_EVENTS_PY is the synthetic generator (gen_events.py): `--events N --stream --format jsonl --seed 7
--snapshot-every S --snapshots-out ...`: N Event writes and the pods every S, which the fake API server
of the tests (Tests/TestSupport/fakeapi/fakeapi.py) replays to the real kubectl as one timeline.

1. Throughput: the server starts with nothing released and releases the whole timeline once the
   recorder's two watches are open (--rate writes/s; 0: all at once, as fast as it goes);
   `podhist record -A` (log mode) records it. Facts/s = facts added / seconds from the first
   release to the last commit (the store's imports row, read with sqlite3 every 0.25 s). The
   recorder's RSS (/proc/PID/status) is sampled with the facts committed; its peak is VmHWM.
   Baseline of the same run: `podhist import` of the same timeline from a file (what
   `fakeapi.py --emit-stream` writes), facts/s and peak RSS.
   The longest wait between two commits while facts were arriving (the store sampled every
   0.25 s) shows whether the commit cadence (every second or 4,096 facts) holds under load.
2. Lag: a new store, the server with the first half of the timeline released and nothing more;
   once the recorder has caught up, each probe releases the writes up to and including the next new
   pod (ADDED) and runs a query in a loop (new processes, the store's own reader) until the pod is
   listed: lag = from the release to the query that lists it. Probes alternate between a cheap
   query (`podhist get pods NAME -n NS -o name`) and the whole-store listing (`get pods -A -o name`),
   so the recorder's lag is seen apart from the listing's own time; the time of one query of each
   kind on the same store is given beside them.
Prints a Markdown section; appends it to tools/bench/RESULTS.md with --write.
"""
import argparse, json, os, platform, shutil, signal, sqlite3, statistics, subprocess, sys, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORK = os.path.join(HERE, ".work")
FAKEAPI = os.path.join(ROOT, "Tests", "TestSupport", "fakeapi", "fakeapi.py")

def rss_kib(pid, field="VmRSS"):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"): return int(line.split()[1])
    except OSError:
        return 0
    return 0

def facts_added(store):
    """Facts the store's imports rows say were added (0 before the first commit)."""
    if not os.path.exists(store):
        return 0
    try:
        db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5)
        try:
            return db.execute("SELECT coalesce(sum(facts_added), 0) FROM imports").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0

class Server:
    """A fake API server (`command` ends before its `--port-file`) in folder `d`, with a kubeconfig
    pointing at it and a HOME for kubectl's cache."""
    def __init__(self, d, command):
        self.folder = d
        port_file = os.path.join(d, "port")
        if os.path.exists(port_file): os.remove(port_file)
        self.log = open(os.path.join(d, "server.log"), "w")
        self.p = subprocess.Popen(command + ["--port-file", port_file], stdout=subprocess.DEVNULL, stderr=self.log)
        while not os.path.exists(port_file):
            if self.p.poll() is not None:
                sys.exit(f"the fake API server exited ({self.p.returncode}); see {self.log.name}")
            time.sleep(0.05)
        with open(port_file) as f: self.port = int(f.read())
        self.kubeconfig = os.path.join(d, "kubeconfig")
        with open(self.kubeconfig, "w") as f:
            f.write(f"apiVersion: v1\nkind: Config\nclusters:\n- name: fake\n  cluster:\n    server: http://127.0.0.1:{self.port}\n"
                    "contexts:\n- name: fake\n  context:\n    cluster: fake\n    user: fake\nusers:\n- name: fake\n  user: {}\n"
                    "current-context: fake\n")
        os.makedirs(os.path.join(d, "home"), exist_ok=True)
    def control(self, what):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_fake/{what}") as r: return json.loads(r.read())
    def stop(self):
        self.p.kill(); self.p.wait()

def fakeapi(events, pods, args):
    """The command of the test suite's fake API server replaying `events` and `pods`."""
    return [sys.executable, FAKEAPI, "--events", events, "--pods", pods, "--watch-timeout", "3600"] + args

def start_recorder(a, server, store, log):
    env = dict(os.environ, PODHIST_STORE=store, HOME=os.path.join(server.folder, "home"), NO_COLOR="1")
    return subprocess.Popen([a.podhist, "record", "-A", "--kubeconfig", server.kubeconfig, "--kubectl", a.kubectl],
                            stdout=subprocess.DEVNULL, stderr=open(log, "w"), env=env)

def fresh(store):
    for s in ("", "-wal", "-shm"):
        if os.path.exists(store + s): os.remove(store + s)

def lag(a, d, events, snaps, timeline, total, half):
    """Part 2: lags of the cheap query and of the whole listing, and one query of each alone."""
    server = Server(d, fakeapi(events, snaps, ["--preload", str(half)]))
    lag_store = os.path.join(d, "lag.db"); fresh(lag_store)
    rec = start_recorder(a, server, lag_store, os.path.join(d, "lag.log"))
    last, stable = -1, time.perf_counter()
    while time.perf_counter() - stable < 10:
        time.sleep(0.25)
        n = facts_added(lag_store)
        if n != last or n == 0: last, stable = n, time.perf_counter()
    env = dict(os.environ, PODHIST_STORE=lag_store, NO_COLOR="1")
    def listed(ns=None, name=None):
        which = ["-A"] if name is None else [name, "-n", ns]
        r = subprocess.run([a.podhist, "get", "pods"] + which + ["-o", "name", "--show-deleted"], capture_output=True, text=True, env=env)
        return r.stdout
    some = next(t for t in timeline if t[1] == "Pod")
    qt, qc = [], []
    for _ in range(3):
        t = time.perf_counter(); listed(); qt.append(time.perf_counter() - t)
        t = time.perf_counter(); listed(some[2], some[3]); qc.append(time.perf_counter() - t)
    lags, cheap_lags = [], []
    released = server.control("status")["released"]
    i = released
    for probe in range(2 * a.probes):
        while i < total and not (timeline[i][0] == "ADDED" and timeline[i][1] == "Pod"): i += 1
        if i >= total: break
        ns, name = timeline[i][2], timeline[i][3]
        cheap = probe % 2 == 0
        server.control(f"release?n={i + 1 - released}")
        t0 = time.perf_counter()
        while True:
            shown = (listed(ns, name) if cheap else listed()).split("\n")
            if name in shown or f"pod/{name}" in shown or time.perf_counter() - t0 > 60: break
            if cheap: time.sleep(0.02)
        (cheap_lags if cheap else lags).append(time.perf_counter() - t0)
        released = i + 1; i += 1
        time.sleep(1.5)
    rec.send_signal(signal.SIGINT); rec.wait()
    server.stop()
    return lags, cheap_lags, qt, qc

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gen")
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--snapshot-every", default="1h")
    ap.add_argument("--rate", type=float, default=0)
    ap.add_argument("--probes", type=int, default=10)
    ap.add_argument("--podhist", default=os.path.join(ROOT, ".build", "release", "podhist"))
    ap.add_argument("--kubectl", default=shutil.which("kubectl") or "kubectl")
    ap.add_argument("--no-lag", action="store_true", help="measure throughput and memory only")
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    d = os.path.join(WORK, f"record-{a.events}")
    os.makedirs(d, exist_ok=True)
    events, snaps, stream = (os.path.join(d, x) for x in ("events.jsonl", "snapshots.jsonl", "stream.jsonl"))
    if not os.path.exists(stream):
        print("generating ...", flush=True)
        subprocess.run([sys.executable, a.gen, "--events", str(a.events), "--stream", "--format", "jsonl", "--seed", "7",
                        "--snapshot-every", a.snapshot_every, "--snapshots-out", snaps, "-o", events], check=True)
        subprocess.run([sys.executable, FAKEAPI, "--events", events, "--pods", snaps, "--emit-stream", stream + ".tmp"], check=True)
        os.rename(stream + ".tmp", stream)
    timeline = []
    with open(stream) as f:
        for line in f:
            we = json.loads(line)
            md = we["object"].get("metadata") or {}
            timeline.append((we["type"], we["object"].get("kind"), md.get("namespace"), md.get("name")))
    total = len(timeline)

    # Baseline: the same timeline imported from the file.
    base_store = os.path.join(d, "file.db"); fresh(base_store)
    t0 = time.perf_counter()
    p = subprocess.Popen([a.podhist, "import", stream], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=dict(os.environ, PODHIST_STORE=base_store))
    _, status, ru = os.wait4(p.pid, 0)
    file_wall = time.perf_counter() - t0
    file_facts = facts_added(base_store)
    file_rss = ru.ru_maxrss / 1024

    # 1. Throughput and memory.
    print(f"replaying {total} writes ...", flush=True)
    server = Server(d, fakeapi(events, snaps, ["--rate", str(a.rate if a.rate > 0 else 10_000_000), "--start-after-watches", "2"]))
    store = os.path.join(d, "recorded.db"); fresh(store)
    rec = start_recorder(a, server, store, os.path.join(d, "record.log"))
    samples = []  # (seconds since the replay started, facts committed, RSS KiB)
    commit_gaps = []  # seconds between two changes of the committed facts while the replay ran
    start = None
    last_change, last_facts = time.perf_counter(), -1
    while True:
        time.sleep(0.25)
        st = server.control("status")
        now = time.perf_counter()
        if start is None:
            if st["released"] == 0: 
                if now - last_change > 120: sys.exit("the recorder never opened its watches")
                continue
            start = now
        n = facts_added(store)
        samples.append((now - start, n, rss_kib(rec.pid)))
        if n != last_facts:
            if last_facts > 0: commit_gaps.append(now - last_change)
            last_facts, last_change = n, now
        # Done when the recording holds what the file import holds (a loaded machine can pause
        # the recorder for seconds); or when nothing more came for two minutes.
        if n >= file_facts or (st["released"] >= total and n > 0 and now - last_change > 120): break
    done = last_change - start
    peak = rss_kib(rec.pid, "VmHWM")
    rec.send_signal(signal.SIGINT); rec.wait()
    server.stop()
    recorded = facts_added(store)
    def at(frac):
        target = frac * recorded
        return min(samples, key=lambda s: abs(s[1] - target))
    # 2. Lag.
    half = total // 2
    lags, cheap_lags, qt, qc = [], [], [0.0], [0.0]
    if not a.no_lag:
        lags, cheap_lags, qt, qc = lag(a, d, events, snaps, timeline, total, half)
    q, qcheap = statistics.median(qt), statistics.median(qc)
    peak_gap = max(commit_gaps, default=0)
    mib = lambda k: k / 1024
    text = "\n".join([
        f"\n## Sustained recording (issue 13), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n",
        f"`tools/bench/record_bench.py GEN --events {a.events} --snapshot-every {a.snapshot_every} --rate {a.rate:g}` on "
        f"{platform.machine()}, {os.cpu_count()} cores, shared with other builds (load average {os.getloadavg()[0]:.1f} at the end). "
        f"The real kubectl ({a.kubectl}) against the fake API server (Python) on 127.0.0.1: {total:,} writes "
        f"({sum(1 for t in timeline if t[1] != 'Pod'):,} Event writes, {sum(1 for t in timeline if t[1] == 'Pod'):,} pod changes), "
        f"released {'all at once' if a.rate <= 0 else f'at {a.rate:g}/s'} once both watches were open.\n",
        "| | facts | seconds | facts/s | peak RSS (MiB) |", "|---|---:|---:|---:|---:|",
        f"| `podhist record -A` (server, kubectl, podhist on 2 cores) | {recorded:,} | {done:.1f} | {recorded / max(done, 1e-9):,.0f} | {mib(peak):.0f} |",
        f"| `podhist import` of the same timeline from a file (baseline) | {file_facts:,} | {file_wall:.1f} | {file_facts / file_wall:,.0f} | {file_rss:.0f} |",
        "",
        "Recorder RSS over the replay: " + ", ".join(
            f"{int(f * 100)}% ({at(f)[1]:,} facts, {at(f)[0]:.0f} s): {mib(at(f)[2]):.0f} MiB" for f in (0.1, 0.5, 1.0)) + ".",
        "",
        f"Commits while the replay was recorded: {len(commit_gaps) + 1} seen (the store sampled every 0.25 s), "
        f"the longest wait between two {peak_gap:.2f} s, median {statistics.median(commit_gaps) if commit_gaps else 0:.2f} s.",
        "",
    ] + ([
        f"Lag from a new pod's release on the server to a query in another process listing it, on a store of {half:,} writes "
        f"(commits every second):",
        "", "| query | probes | one query alone (s) | lag median (s) | lag max (s) |", "|---|---:|---:|---:|---:|",
        f"| `podhist get pods NAME -n NS -o name` | {len(cheap_lags)} | {qcheap:.2f} | "
        + (f"{statistics.median(cheap_lags):.2f} | {max(cheap_lags):.2f} |" if cheap_lags else "- | - |"),
        f"| `podhist get pods -A -o name` (the whole store) | {len(lags)} | {q:.2f} | "
        + (f"{statistics.median(lags):.2f} | {max(lags):.2f} |" if lags else "- | - |"), ""] if not a.no_lag else ["Lag: not measured (--no-lag).", ""]))
    print(text)
    if a.write:
        with open(os.path.join(HERE, "RESULTS.md"), "a") as f: f.write(text)

if __name__ == "__main__":
    main()
