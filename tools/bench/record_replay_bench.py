#!/usr/bin/env python3
"""podhist record at 10^6 Events through the real kubectl: facts/s, the recorder's memory, commit
gaps, the lag of a concurrent query, and a store that holds every fact exactly once (issue 13).

usage: tools/bench/record_replay_bench.py STREAM_JSONL [--hold 20000] [--probes 10] [--rate 0] [--podhist PATH]
                                          [--kubectl PATH] [--baseline | --truth STORE] [--write]

STREAM_JSONL is a scenario's watch events, one per line (what `fakeapi.py --emit-stream` writes;
record_bench.py makes it under tools/bench/.work/record-N/stream.jsonl from the generator's
`--stream --snapshot-every` output). The lean fake API server (tools/bench/stream_fakeapi.py)
reads it lazily and serves it to the real kubectl that `podhist record -A` runs.

1. Throughput: the server releases all but the last --hold writes when the recorder's two watches
   are open, at once (or --rate writes a second: a cluster that lives, where the commit interval
   and not the 4,096 facts decides when to commit). Facts/s = facts committed / seconds from the release to the last commit (the
   store's imports row, read every 0.25 s). The recorder's RSS (/proc/PID/status) is sampled with
   the facts; its peak is VmHWM. Commit gaps: the waits between two changes of the committed facts
   while the replay ran. Meanwhile another process runs `podhist get pods NAME -n NS -o name` in a
   loop (its wall time: readers never wait on the writer).
2. Lag, on the whole store: each probe releases the held-back writes up to and including the next
   new pod (ADDED) and runs `podhist get pods NAME -n NS -o name --show-deleted` in a loop until the
   pod is listed: lag = from the release to the query that lists it.
3. Exactly once: the rest is released; once everything is committed the recorder gets SIGINT (exit 0
   expected), `podhist verify` runs on the store, and the store's fact digests (chunk_digests: 64
   bits of each fact's fingerprint, per object) are counted: no object may hold a digest twice, and
   with --baseline (a `podhist import` of the same stream from the file, after the recording) or
   --truth STORE (such an import made before) the two stores must hold the same digests per object.
Prints a Markdown section; appends it to tools/bench/RESULTS.md with --write.
"""
import argparse, collections, json, os, platform, shutil, signal, sqlite3, statistics, subprocess, sys, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORK = os.path.join(HERE, ".work")
SERVER = os.path.join(HERE, "stream_fakeapi.py")
POD_PREFIX = b'"object": {"apiVersion": "v1", "kind": "Pod"'

from record_bench import Server, facts_added, fresh, rss_kib


def cpu_seconds(pid):
    """User and system CPU seconds of a running process (/proc/PID/stat)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def digests(store):
    """The store's fact digests per object: Counter of (kind, namespace, name, digest), and the log's facts."""
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    c = collections.Counter()
    for kind, ns, name, d in db.execute(
            "SELECT o.kind, o.namespace, o.name, d.digest FROM chunk_digests d JOIN objects o ON o.id = d.object_id"):
        k = f"{kind}\0{ns}\0{name}\0".encode()
        for j in range(0, len(d), 8):
            c[k + d[j:j + 8]] += 1
    facts = db.execute("SELECT coalesce(sum(fact_count), 0) FROM log").fetchone()[0]
    db.close()
    return c, facts


def scan(stream):
    """Lines, Pod lines, ADDED Event lines, and each ADDED pod as (line, namespace, name)."""
    total = pods = new_events = 0
    added = []
    with open(stream, "rb") as f:
        for i, line in enumerate(f):
            total += 1
            if POD_PREFIX in line[:120]:
                pods += 1
                if line.startswith(b'{"type": "ADDED"'):
                    md = json.loads(line)["object"]["metadata"]
                    added.append((i, md.get("namespace", ""), md["name"]))
            elif line.startswith(b'{"type": "ADDED"'):
                new_events += 1
    return total, pods, new_events, added


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stream")
    ap.add_argument("--hold", type=int, default=20_000, help="writes held back for the lag probes")
    ap.add_argument("--probes", type=int, default=10)
    ap.add_argument("--rate", type=float, default=0, help="writes released per second (0: all at once)")
    ap.add_argument("--podhist", default=os.path.join(ROOT, ".build", "release", "podhist"))
    ap.add_argument("--kubectl", default=shutil.which("kubectl") or "kubectl")
    ap.add_argument("--baseline", action="store_true", help="import the stream from the file afterwards and compare")
    ap.add_argument("--truth", help="a store that imported the same stream from the file, to compare with")
    ap.add_argument("--tag", help="a name for this run's folder (two runs side by side)")
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    stream = os.path.abspath(a.stream)
    d = os.path.join(WORK, "replay-" + os.path.basename(os.path.dirname(stream)) + (f"-{a.tag}" if a.tag else ""))
    os.makedirs(d, exist_ok=True)
    t = time.perf_counter()
    total, pod_lines, new_events, added = scan(stream)
    print(f"{total:,} watch events ({total - pod_lines:,} Event writes, {pod_lines:,} pod changes), "
          f"scanned in {time.perf_counter() - t:.0f} s", flush=True)
    limit = total - a.hold

    t = time.perf_counter()
    server = Server(d, [sys.executable, SERVER, "--stream", stream, "--rate", str(a.rate if a.rate > 0 else 10_000_000), "--start-after-watches", "2", "--release-limit", str(limit)])
    server_start = time.perf_counter() - t
    store = os.path.join(d, "recorded.db")
    fresh(store)
    env = dict(os.environ, PODHIST_STORE=store, HOME=os.path.join(d, "home"), NO_COLOR="1")
    rec_log = os.path.join(d, "record.log")
    rec = subprocess.Popen([a.podhist, "record", "-A", "--kubeconfig", server.kubeconfig, "--kubectl", a.kubectl],
                           stdout=subprocess.DEVNULL, stderr=open(rec_log, "w"), env=env)

    def query(ns, name):
        t0 = time.perf_counter()
        r = subprocess.run([a.podhist, "get", "pods", name, "-n", ns, "-o", "name", "--show-deleted"],
                           capture_output=True, text=True, env=env)
        return time.perf_counter() - t0, r.stdout.split()

    # A concurrent reader during the replay: a pod of the first writes, queried in a loop.
    _, qns, qname = added[0]
    query_times, stop_queries = [], threading.Event()

    def reader():
        while not stop_queries.is_set():
            if facts_added(store) > 0:
                query_times.append(query(qns, qname)[0])
            stop_queries.wait(0.5)

    samples, gaps = [], []
    start = None
    last_change, last_facts = time.perf_counter(), -1
    rthread = threading.Thread(target=reader, daemon=True)
    while True:
        time.sleep(0.25)
        st = server.control("status")
        now = time.perf_counter()
        if start is None:
            if st["released"] == 0:
                if now - last_change > 300:
                    sys.exit("the recorder never opened its watches")
                continue
            start = now
            rthread.start()
        n = facts_added(store)
        samples.append((now - start, n, rss_kib(rec.pid)))
        if n != last_facts:
            if last_facts > 0:
                gaps.append(now - last_change)
            last_facts, last_change = n, now
        if rec.poll() is not None:
            sys.exit(f"the recorder exited ({rec.returncode}); see {rec_log}")
        sent_all = st["sent"]["pods"] >= limit and st["sent"]["events"] >= limit
        if sent_all and now - last_change > 10:
            break
    stop_queries.set()
    rthread.join()
    done = last_change - start
    replay_facts = last_facts
    peak_replay = rss_kib(rec.pid, "VmHWM")

    # 2. Lag on the whole store.
    lags = []
    released = limit
    probes = [p for p in added if p[0] >= limit][: a.probes]
    probe_cpu, probe_t = cpu_seconds(rec.pid), time.perf_counter()
    for i, ns, name in probes:
        server.control(f"release?n={i + 1 - released}")
        t0 = time.perf_counter()
        while True:
            _, shown = query(ns, name)
            if f"pod/{name}" in shown or name in shown or time.perf_counter() - t0 > 60:
                break
            time.sleep(0.02)
        lags.append(time.perf_counter() - t0)
        released = i + 1
        time.sleep(1.5)
    probe_cpu, probe_t = cpu_seconds(rec.pid) - probe_cpu, time.perf_counter() - probe_t
    one_query = [query(qns, qname)[0] for _ in range(3)]

    # 3. Everything, then stop, verify and count.
    server.control(f"release?n={total}")
    last_change, last_facts = time.perf_counter(), -1
    while True:
        time.sleep(0.25)
        st = server.control("status")
        n = facts_added(store)
        now = time.perf_counter()
        if n != last_facts:
            last_facts, last_change = n, now
        if st["sent"]["pods"] >= total and st["sent"]["events"] >= total and now - last_change > 10:
            break
    peak = rss_kib(rec.pid, "VmHWM")
    server_peak = rss_kib(server.p.pid, "VmHWM")
    rec.send_signal(signal.SIGINT)
    rc = rec.wait()
    server.stop()
    with open(rec_log) as f:
        stopped = [l.strip() for l in f if l.startswith("stopped:")]
    t0 = time.perf_counter()
    v = subprocess.run([a.podhist, "verify"], capture_output=True, text=True, env=env)
    verify_s = time.perf_counter() - t0
    rec_digests, rec_facts = digests(store)
    dup = sum(c - 1 for c in rec_digests.values() if c > 1)

    truth_line = "no file import to compare with (neither --baseline nor --truth)"
    base_row = []
    if a.baseline or a.truth:
        truth = a.truth
        if a.baseline:
            truth = os.path.join(d, "file.db")
            fresh(truth)
            t0 = time.perf_counter()
            p = subprocess.Popen([a.podhist, "import", stream], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 env=dict(os.environ, PODHIST_STORE=truth))
            _, _, ru = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
            bf = facts_added(truth)
            base_row = [f"| `podhist import` of the same stream from the file (baseline, after the recording) | {bf:,} | {wall:.1f} | "
                        f"{bf / wall:,.0f} | {ru.ru_maxrss / 1024:.0f} |"]
        truth_digests, truth_facts = digests(truth)
        same = truth_digests == rec_digests
        missing = sum((truth_digests - rec_digests).values())
        extra = sum((rec_digests - truth_digests).values())
        truth_line = (f"the file import of the same stream ({'this run' if a.baseline else os.path.relpath(truth, ROOT)}) holds "
                      f"{truth_facts:,} facts; the recording {rec_facts:,}: "
                      + ("the same digests for every object" if same else f"{missing:,} of the file's facts missing, {extra:,} not in the file"))

    mib = lambda k: k / 1024
    def at(frac):
        return min(samples, key=lambda s: abs(s[1] - frac * replay_facts))
    q = lambda xs: f"median {statistics.median(xs):.2f} s, max {max(xs):.2f} s" if xs else "none"
    text = "\n".join([
        f"\n## Recording {total - pod_lines:,} Event writes through the real kubectl (issue 13), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n",
        f"`tools/bench/record_replay_bench.py {os.path.relpath(stream, ROOT)} --hold {a.hold} --probes {a.probes}"
        f"{f' --rate {a.rate:g}' if a.rate > 0 else ''}"
        f"{' --baseline' if a.baseline else ''}{' --truth ' + os.path.relpath(a.truth, ROOT) if a.truth else ''}` "
        f"({'release build' if a.podhist == ap.get_default('podhist') else a.podhist}) on "
        f"{platform.machine()}, {os.cpu_count()} cores, shared with other builders (load average {os.getloadavg()[0]:.1f} at the end). "
        f"The real kubectl ({a.kubectl}) against the lean fake API server (tools/bench/stream_fakeapi.py, reading the file lazily; "
        f"ready in {server_start:.0f} s, peak RSS {{server_rss}}) on 127.0.0.1: {total:,} writes ({total - pod_lines:,} Event writes of "
        f"{new_events:,} Events, {pod_lines:,} pod changes); all but the last {a.hold:,} released {'at once' if a.rate <= 0 else f'at {a.rate:g} writes/s'} once both watches were open.\n",
        "| | facts | seconds | facts/s | peak RSS (MiB) |", "|---|---:|---:|---:|---:|",
        f"| `podhist record -A` (server, kubectl, podhist on 2 cores) | {replay_facts:,} | {done:.1f} | {replay_facts / max(done, 1e-9):,.0f} | {mib(peak_replay):.0f} |",
    ] + base_row + [
        "",
        "Recorder RSS over the replay: " + ", ".join(
            f"{int(f * 100)}% ({at(f)[1]:,} facts, {at(f)[0]:.0f} s): {mib(at(f)[2]):.0f} MiB" for f in (0.1, 0.25, 0.5, 0.75, 1.0))
        + f"; peak over the whole run (lag probes and the rest included) {mib(peak):.0f} MiB.",
        "",
        f"Commits seen while the replay was recorded (the store sampled every 0.25 s): {len(gaps) + 1}; wait between two: "
        + (f"median {statistics.median(gaps):.2f} s, 90th percentile {sorted(gaps)[int(len(gaps) * 0.9)]:.2f} s, longest {max(gaps):.2f} s." if gaps else "-"),
        "",
        f"`podhist get pods {qname} -n {qns} -o name` in another process during the replay, every 0.5 s: {len(query_times)} queries, "
        f"wall time {q(query_times)} (alone afterwards: {q(one_query)}).",
        "",
        f"Lag from a new pod's release on the server to `podhist get pods NAME -n NS -o name` in another process listing it, "
        f"on the whole store ({limit:,} writes recorded), {len(lags)} probes: {q(lags)}. The recorder's CPU over the probes "
        f"(a pod at a time, 1.5 s apart: mostly waiting): {probe_cpu:.2f} s in {probe_t:.0f} s.",
        "",
        f"Afterwards: the recorder stopped by SIGINT exited {rc} ({stopped[-1] if stopped else 'no stopped line'}); "
        f"`podhist verify`: {v.stdout.strip() or v.stderr.strip()} (exit {v.returncode}, {verify_s:.0f} s); "
        f"{sum(rec_digests.values()):,} fact digests, {dup} held twice by one object; {truth_line}.",
        "",
    ])
    text = text.replace("{server_rss}", f"{mib(server_peak):.0f} MiB")
    print(text)
    if a.write:
        with open(os.path.join(HERE, "RESULTS.md"), "a") as f:
            f.write(text)


if __name__ == "__main__":
    main()
