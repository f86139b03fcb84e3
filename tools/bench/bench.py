#!/usr/bin/env python3
"""podhist benchmark: import, store size and per-pod queries against what a user would do instead,
measured in the same run on the same files.

usage: tools/bench/bench.py [--quick] [--sizes 10000,100000,1000000] [--runs 9] [--podhist PATH] [--gen PATH]

Workloads: ../shared/tools/gen_events.py --events N --format jsonl --seed 7 (cached in
tools/bench/.work). Contenders on each file:
  podhist import        (read + parse + dedup + index + compress, one transaction)
  gzip -6, zstd -19     (compress only: size and time)
  zcat | jq select      (the per-pod query people run today)
  sqlite3 shell         (bulk load of the JSON lines + an index on the pod name, then a query)
Queries: `podhist why|status|timeline POD` for a pod with a short and one with a long history,
`podhist get pods -A`, each the median wall time of --runs whole-process runs; peak RSS from the
kernel's accounting of each child (wait4). Writes tools/bench/RESULTS.md.
"""
import argparse, gzip, json, os, platform, resource, shutil, statistics, subprocess, sys, time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORK = os.path.join(HERE, ".work")

def timed(cmd, stdin=None, stdout=subprocess.DEVNULL, env=None, shell=False):
    """Runs a command; returns (wall seconds, peak RSS MiB, exit status)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, env=env, shell=shell)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode(errors="replace") if p.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"failed ({code}): {cmd if isinstance(cmd, str) else ' '.join(cmd)}\n{err[:500]}")
    return wall, ru.ru_maxrss / 1024, code

def median_time(cmd, runs, env=None, shell=False, warm=True):
    walls, rss = [], []
    if warm:
        timed(cmd, env=env, shell=shell)  # warm-up (page cache)
    for _ in range(runs):
        w, r, _ = timed(cmd, env=env, shell=shell)
        walls.append(w); rss.append(r)
    return statistics.median(walls), max(rss)

GEN = os.path.join(ROOT, "..", "shared", "tools", "gen_events.py")

def workload(n):
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, f"events-{n}.jsonl")
    if not os.path.exists(path):
        gen = GEN
        if not os.path.exists(gen):
            # A clone without ../shared: nothing to measure, which is not a failure.
            print(f"bench: skipped: the generator {os.path.normpath(gen)} is not here (it lives in ../shared/tools; pass --gen PATH)")
            sys.exit(0)
        print(f"generating {n} events ...", flush=True)
        subprocess.run([sys.executable, gen, "--events", str(n), "--format", "jsonl", "--seed", "7", "-o", path + ".tmp"], check=True)
        os.rename(path + ".tmp", path)
    return path

def pick_pods(path):
    counts = Counter()
    with open(path) as f:
        for line in f:
            o = json.loads(line)
            io = o.get("involvedObject") or {}
            if io.get("kind") == "Pod":
                counts[(io.get("namespace", "default"), io["name"])] += 1
    ranked = counts.most_common()
    long_pod = ranked[0]
    short = [p for p in ranked if 3 <= p[1] <= 6] or ranked[-1:]
    return long_pod, short[len(short) // 2]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="10^4 and 10^5 events only")
    ap.add_argument("--sizes")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--pick-pods", help=argparse.SUPPRESS)
    ap.add_argument("--report-only", action="store_true", help="rewrite RESULTS.md from the last run's .work/results.json")
    ap.add_argument("--podhist", help="a podhist binary to measure (default: build the release binary of this checkout)")
    ap.add_argument("--gen", help="the synthetic cluster generator (default: ../shared/tools/gen_events.py)")
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")] if a.sizes else ([10_000, 100_000] if a.quick else [10_000, 100_000, 1_000_000])
    started = time.time()
    if a.pick_pods:
        print(json.dumps(pick_pods(a.pick_pods)))
        return
    if a.report_only:
        with open(os.path.join(WORK, "results.json")) as f:
            rows = [dict(r, q={tuple(k.split("|")): tuple(v) for k, v in r["q"].items()}) for r in json.load(f)]
        out = report(rows, 0, " (report rewritten from the last run)")
        print(out)
        with open(os.path.join(HERE, "RESULTS.md"), "w") as f:
            f.write(out)
        return
    global GEN
    GEN = a.gen or GEN
    if not os.path.exists(GEN) and not all(os.path.exists(os.path.join(WORK, f"events-{n}.jsonl")) for n in sizes):
        print(f"bench: skipped: the generator {os.path.normpath(GEN)} is not here (it lives in ../shared/tools; pass --gen PATH)")
        return
    if not a.podhist:
        print("building podhist (release) ...", flush=True)
        subprocess.run(["swift", "build", "-c", "release", "--product", "podhist"], cwd=ROOT, check=True)
        a.podhist = os.path.join(ROOT, ".build", "release", "podhist")
    for tool in ["gzip", "zstd", "jq", "sqlite3"]:
        if not shutil.which(tool):
            sys.exit(f"needs {tool} (apt-get install {tool})")
    rows = []
    query_sizes = {}
    for n in sizes:
        src = workload(n)
        mb = os.path.getsize(src) / 1e6
        d = os.path.join(WORK, f"run-{n}")
        shutil.rmtree(d, ignore_errors=True); os.makedirs(d)
        store = os.path.join(d, "podhist.db")
        env = dict(os.environ, PODHIST_STORE=store, NO_COLOR="1")
        # Import and gzip -6 alternate, three runs each into fresh outputs; the medians are compared.
        print(f"[{n}] podhist import and gzip -6, 3 runs each ...", flush=True)
        gz = os.path.join(d, "events.jsonl.gz")
        imp_walls, imp_rsss, gz_walls = [], [], []
        for _ in range(3):
            for f in os.listdir(d):
                if f.startswith("podhist.db"): os.remove(os.path.join(d, f))
            w, rss, _ = timed([a.podhist, "import", src], env=env)
            imp_walls.append(w); imp_rsss.append(rss)
            gw, _, _ = timed(f"gzip -6 -c {src} > {gz}", shell=True)
            gz_walls.append(gw)
        imp_wall, imp_rss, gz_wall = statistics.median(imp_walls), max(imp_rsss), statistics.median(gz_walls)
        # The store as podhist leaves it (the WAL is checkpointed when the last connection closes).
        store_bytes = sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f.startswith("podhist.db"))
        print(f"[{n}] zstd -19 ...", flush=True)
        zst = os.path.join(d, "events.jsonl.zst")
        # zstd -19 is single-threaded and slow (~3 MB/s); from 10^6 events on it uses every core
        # (-T0) to keep the run under 15 minutes. Its size barely changes; its time is then wall time on all cores.
        zthreads = "-T0" if n >= 1_000_000 else "-T1"
        zst_wall, _, _ = timed(f"zstd -19 {zthreads} -q -c {src} > {zst}", shell=True)
        print(f"[{n}] sqlite3 bulk load ...", flush=True)
        sq = os.path.join(d, "baseline.db")
        load_sql = (f".mode ascii\n.separator \"\\037\" \"\\n\"\nCREATE TABLE raw(j TEXT);\n.import {src} raw\n"
                    "CREATE TABLE ev AS SELECT json_extract(j,'$.involvedObject.name') AS pod, j FROM raw;\n"
                    "DROP TABLE raw;\nCREATE INDEX ev_pod ON ev(pod);\nVACUUM;\n")
        sq_wall, _, _ = timed(f"sqlite3 {sq} <<'EOSQL'\n{load_sql}EOSQL", shell=True)
        # In a child process: the kernel counts a child's peak RSS from the fork, so a big Python
        # parent would inflate every figure measured after it.
        picked = subprocess.run([sys.executable, __file__, "--pick-pods", src], check=True, capture_output=True, text=True)
        long_pod, short_pod = [((p[0][0], p[0][1]), p[1]) for p in json.loads(picked.stdout)]
        r = dict(n=n, mb=mb, imp=imp_wall, imp_rss=imp_rss, store=store_bytes, gz=os.path.getsize(gz), gz_wall=gz_wall,
                 zst=os.path.getsize(zst), zst_wall=zst_wall, zthreads=zthreads, sq=os.path.getsize(sq), sq_wall=sq_wall, q={})
        # zcat | jq reads the whole file per query: 3 runs after a warm-up, 1 run from 10^6 events.
        jq_runs, jq_warm = (1, False) if n >= 1_000_000 else (3, True)
        for label, ((ns, pod), cnt) in [("short", short_pod), ("long", long_pod)]:
            for verb in ["why", "status", "timeline"]:
                r["q"][(verb, label)] = median_time([a.podhist, verb, pod, "-n", ns], a.runs, env=env)
            r["q"][("jq", label)] = median_time(f"zcat {gz} | jq -c 'select(.involvedObject.name==\"{pod}\")'", jq_runs,
                                                shell=True, warm=jq_warm)
            r["q"][("sqlite", label)] = median_time(["sqlite3", sq, f"SELECT j FROM ev WHERE pod='{pod}'"], a.runs)
            r["q"][("events", label)] = (cnt, 0)
        r["q"][("getpods", "all")] = median_time([a.podhist, "get", "pods", "-A"], 3, env=env)
        rows.append(r)
    command = " " + " ".join(sys.argv[1:]) if len(sys.argv) > 1 else ""
    with open(os.path.join(WORK, "results.json"), "w") as f:
        json.dump([dict(r, q={f"{k[0]}|{k[1]}": v for k, v in r["q"].items()}) for r in rows], f)
    out = report(rows, time.time() - started, command)
    print(out)
    with open(os.path.join(HERE, "RESULTS.md"), "w") as f:
        f.write(out)

def report(rows, elapsed, command=""):
    lines = ["# podhist benchmark results", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
             f"date {time.strftime('%Y-%m-%d')}. Command: `python3 tools/bench/bench.py{command}`.",
             f"Every figure below comes from this one run ({elapsed/60:.1f} minutes, workloads cached); ratios compare contenders on the same file "
             "(`gen_events.py --format jsonl --seed 7`). Store size is the store file as `podhist import` leaves it. "
             "Import and gzip -6 times are medians of 3 alternating runs; query times medians of the runs after a warm-up.", "",
             "## Import and size", "",
             "| events | input MB | podhist import events/s | MB/s | vs gzip -6 throughput | bytes/event | store vs zstd -19 | store vs gzip -6 | peak RSS MiB |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['n']:,} | {r['mb']:.1f} | {r['n']/r['imp']:,.0f} | {r['mb']/r['imp']:.1f} | "
                     f"{(r['mb']/r['imp'])/(r['mb']/r['gz_wall']):.2f}x | {r['store']/r['n']:.0f} | "
                     f"{r['store']/r['zst']:.3f}x | {r['store']/r['gz']:.2f}x | {r['imp_rss']:.0f} |")
    lines += ["", "## Baselines on the same file", "",
              "| events | gzip -6 MB | gzip -6 s | zstd -19 MB | zstd -19 s | sqlite3 bulk load MB | sqlite3 load s | podhist store MB | podhist import s |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        zt = " (-T0)" if r["zthreads"] == "-T0" else ""
        lines.append(f"| {r['n']:,} | {r['gz']/1e6:.1f} | {r['gz_wall']:.2f} | {r['zst']/1e6:.1f} | {r['zst_wall']:.1f}{zt} | "
                     f"{r['sq']/1e6:.1f} | {r['sq_wall']:.1f} | {r['store']/1e6:.1f} | {r['imp']:.2f} |")
    lines += ["", "## Per-pod queries (whole process, median)", "",
              "| events | pod | events of pod | why ms | status ms | timeline ms | zcat\\|jq ms | podhist why vs jq | sqlite3 ms | peak RSS MiB (why) |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        for label in ["short", "long"]:
            q = r["q"]
            why = q[("why", label)][0]
            lines.append(f"| {r['n']:,} | {label} | {q[('events', label)][0]} | {why*1000:.0f} | {q[('status', label)][0]*1000:.0f} | "
                         f"{q[('timeline', label)][0]*1000:.0f} | {q[('jq', label)][0]*1000:.0f} | {q[('jq', label)][0]/why:.0f}x faster | "
                         f"{q[('sqlite', label)][0]*1000:.0f} | {q[('why', label)][1]:.0f} |")
    lines += ["", "| events | get pods -A ms |", "|---|---|"]
    for r in rows:
        lines.append(f"| {r['n']:,} | {r['q'][('getpods','all')][0]*1000:.0f} |")
    if len(rows) >= 2:
        a, b = rows[-2], rows[-1]
        g = b["q"][("why", "short")][0] / a["q"][("why", "short")][0]
        lines += ["", f"Query growth, why (short history) at {b['n']:,} vs {a['n']:,} events: {g:.2f}x."]
    lines += ["", "## Targets (issue 5), largest size of this run", ""] + targets(rows)
    return "\n".join(lines) + "\n"

def targets(rows):
    """One line per target: met, or missed by how much."""
    r = rows[-1]
    q = r["q"]
    def verdict(ok, text):
        return f"- {'met' if ok else 'MISSED'}: {text}"
    thr = r["gz_wall"] / r["imp"]
    size = r["store"] / r["zst"]
    worst = max(q[("why", l)][0] for l in ["short", "long"]) * 1000
    worst_status = max(q[("status", l)][0] for l in ["short", "long"]) * 1000
    vs_jq = min(q[("jq", l)][0] / q[("why", l)][0] for l in ["short", "long"])
    out = [verdict(thr >= 1, f"import throughput ≥ gzip -6: {thr:.2f}x of gzip's throughput at {r['n']:,} events"),
           verdict(size <= 1, f"store ≤ zstd -19: the store is {size:.3f}x zstd -19's size ({r['store']/r['n']:.1f} vs {r['zst']/r['n']:.1f} bytes/event)"),
           verdict(max(worst, worst_status) <= 50, f"per-pod why/status ≤ 50 ms: slowest {max(worst, worst_status):.0f} ms"),
           verdict(vs_jq >= 100, f"per-pod why ≥ 100x faster than zcat | jq: {vs_jq:.0f}x")]
    if len(rows) >= 2:
        a = rows[-2]
        g = max(q[("why", l)][0] / a["q"][("why", l)][0] for l in ["short", "long"])
        out.append(verdict(g <= 1.5, f"why time does not grow with the store: {g:.2f}x from {a['n']:,} to {r['n']:,} events"))
    out.append(verdict(r["imp_rss"] <= 200, f"import peak RSS ≤ 200 MB: {r['imp_rss']:.0f} MiB at {r['n']:,} events"))
    return out

if __name__ == "__main__":
    main()
