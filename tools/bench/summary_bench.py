#!/usr/bin/env python3
"""Issue 14's performance targets: the whole cluster at a glance on a store of 10^6 Events.

usage: tools/bench/summary_bench.py [--events N] [--runs 3] [--podhist PATH] [--workload FILE]

Workload: ../shared/tools/gen_events.py --events N --format jsonl --seed 7 (bench.py's, cached in
tools/bench/.work). In one run, on the same file and store:
  import             podhist import with the pod summaries (it marks the pods it touched), and with
                     PODHIST_NO_SUMMARIES=1 (as before them): wall time and store size
  first listing      get pods -A right after the import: it summarises the marked pods and writes
                     them back; the store size after it
  get pods -A        read from the summaries; and on a copy of the store without them (as before)
  get pods -A | head -5, why -A --summary, why -A (summaries; why -A also without)
  baselines          sqlite3 reading every row of the store's object index (SELECT * FROM objects);
                     zcat | jq keeping the latest Event per pod
Each figure is the median wall time of --runs whole-process runs after a warm-up (one run for the
slow ones marked so); peak RSS from the kernel's accounting of each child (wait4).
Prints a Markdown section for tools/bench/RESULTS.md.
"""
import argparse, os, platform, shutil, sqlite3, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORK = os.path.join(HERE, ".work")


def timed(cmd, env=None):
    """Runs a shell command; returns (wall seconds, peak RSS MiB of the podhist/sqlite3/jq child)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {cmd}\n{err[:500]}")
    return wall, ru.ru_maxrss / 1024


def median(cmd, runs, env=None, warm=True):
    if warm:
        timed(cmd, env)
    results = [timed(cmd, env) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def rss(cmd):
    """Peak RSS of the command's own process (run under /usr/bin/time when the shell pipes)."""
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(out.stderr.strip().splitlines()[-1]) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--podhist", default=os.path.join(ROOT, ".build", "release", "podhist"))
    ap.add_argument("--workload")
    a = ap.parse_args()
    started = time.time()
    podhist = os.path.abspath(a.podhist)
    os.makedirs(WORK, exist_ok=True)
    src = a.workload or os.path.join(WORK, f"events-{a.events}.jsonl")
    if not os.path.exists(src):
        gen = os.path.join(ROOT, "..", "shared", "tools", "gen_events.py")
        subprocess.run([sys.executable, gen, "--events", str(a.events), "--format", "jsonl", "--seed", "7", "-o", src], check=True)
    gz = src + ".gz"
    if not os.path.exists(gz):
        subprocess.run(f"gzip -6 -c {src} > {gz}", shell=True, check=True)
    d = os.path.join(WORK, "summary-bench")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    with_s, without = os.path.join(d, "with.db"), os.path.join(d, "without.db")
    env_off = dict(os.environ, PODHIST_NO_SUMMARIES="1")
    # Import, alternating, each into a new store.
    imp = {"with": [], "without": []}
    for i in range(a.runs):
        for kind, path, env in (("without", without, env_off), ("with", with_s, None)):
            for f in (path, path + "-wal", path + "-shm"):
                if os.path.exists(f): os.remove(f)
            imp[kind].append(timed(f"{podhist} import --store {path} {src}", env))
    size = {k: os.path.getsize(p) for k, p in (("with", with_s), ("without", without))}
    def table_bytes(path, names):
        con = sqlite3.connect(path)
        has = con.execute("SELECT 1 FROM pragma_compile_options WHERE compile_options = 'ENABLE_DBSTAT_VTAB'").fetchone()
        n = con.execute(f"SELECT sum(pgsize) FROM dbstat WHERE name IN ({','.join('?' * len(names))})", names).fetchone()[0] if has else None
        con.close()
        return n
    con = sqlite3.connect(with_s)
    pods = con.execute("SELECT count(*) FROM objects WHERE kind = 'Pod'").fetchone()[0]
    con.close()
    summary_names = ["pod_summary_blocks", "pod_summary_words", "pod_summary_dirty", "pod_listing_heads"]
    marks_bytes = table_bytes(with_s, summary_names)
    q = {}
    # The first whole-store listing after the import summarises the pods it marked (here: all) and
    # writes them back; then the store holds the rows.
    q["get pods -A, first after the import (summarises every pod)"] = median(f"{podhist} get pods -A --store {with_s}", 1, warm=False)
    # The rows are in the -wal until a checkpoint (a reader cannot make one): count them in the file.
    con = sqlite3.connect(with_s)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    size["listed"] = os.path.getsize(with_s)
    summary_bytes = table_bytes(with_s, summary_names)
    q["sqlite3 objects"] = median(f"sqlite3 {with_s} 'SELECT * FROM objects' > /dev/null", a.runs)
    q["get pods -A"] = median(f"{podhist} get pods -A --store {with_s}", a.runs)
    # (After the listings above: the same listing printed since the store changed keeps its first screen.)
    q["get pods -A | head -5"] = median(f"{podhist} get pods -A --store {with_s} | head -5", a.runs)
    q["why -A --summary"] = median(f"{podhist} why -A --summary --store {with_s}", a.runs)
    q["why -A"] = median(f"{podhist} why -A --store {with_s}", a.runs)
    q["why -A -o json (explains the listed pods)"] = median(f"{podhist} why -A -o json --store {with_s}", 1)
    q["get pods -A (before: no summaries)"] = median(f"{podhist} get pods -A --store {without}", 1, warm=False)
    q["why -A (before: no summaries)"] = median(f"{podhist} why -A --store {without}", 1, warm=False)
    # The latest Event per pod, the fastest way found in jq 1.6: one pass keeping (pod, time), then
    # group_by and max_by (a `reduce` into an object copies it at every Event in jq 1.6: 517 s at 10^5).
    jq = ("zcat " + gz + " | jq -n -c '[inputs | select(.involvedObject.kind == \"Pod\") | "
          "{k: (.involvedObject.namespace + \"/\" + .involvedObject.name), t: (.lastTimestamp // .eventTime)}] "
          "| group_by(.k) | map(max_by(.t)) | length'")
    q["zcat | jq latest per pod"] = median(jq, 1, warm=False)
    head_rss = rss([podhist, "get", "pods", "-A", "--store", with_s])
    floor = q["sqlite3 objects"][0]
    jqt = q["zcat | jq latest per pod"][0]
    elapsed = time.time() - started
    lines = []
    lines.append(f"## Issue 14: the whole cluster at a glance (`tools/bench/summary_bench.py`)\n")
    lines.append(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Linux {platform.release()}, **shared with other builders "
                 f"(load average {os.getloadavg()[0]:.1f} at the end)**; date {time.strftime('%Y-%m-%d', time.gmtime())}. "
                 f"Command: `python3 tools/bench/summary_bench.py --events {a.events} --runs {a.runs}`; one run, {elapsed/60:.1f} minutes. "
                 f"Workload `gen_events.py --events {a.events} --format jsonl --seed 7` ({pods:,} pods). Binary: {os.path.relpath(podhist, ROOT)}.\n")
    lines.append("| query | median s | peak RSS MiB | vs sqlite3 reading the object index | vs zcat \\| jq |")
    lines.append("|---|---|---|---|---|")
    for k, (t, r) in q.items():
        lines.append(f"| {k} | {t:.3f} | {r:.0f} | {t / floor:.2f}x | {jqt / t:.1f}x faster |")
    iw = statistics.median(x[0] for x in imp["with"]); io = statistics.median(x[0] for x in imp["without"])
    lines.append("")
    lines.append("| import | median s | events/s | peak RSS MiB | store MB |")
    lines.append("|---|---|---|---|---|")
    lines.append(f"| before (PODHIST_NO_SUMMARIES=1) | {io:.2f} | {a.events / io:,.0f} | {max(x[1] for x in imp['without']):.0f} | {size['without'] / 1e6:.1f} |")
    lines.append(f"| with the pod summaries | {iw:.2f} | {a.events / iw:,.0f} | {max(x[1] for x in imp['with']):.0f} | {size['with'] / 1e6:.1f} |")
    lines.append("")
    lines.append(f"| after the first listing (rows written back) | | | | {size['listed'] / 1e6:.1f} |")
    lines.append("")
    lines.append(f"Import throughput with summaries: {io / iw:.3f}x of before; store size after the import {size['with'] / size['without']:.3f}x"
                 + (f" (summary tables {marks_bytes / 1e3:.0f} kB: the marks)" if marks_bytes else "")
                 + f", after the first listing {size['listed'] / size['without']:.3f}x"
                 + (f" (summary tables {summary_bytes / 1e6:.2f} MB, {summary_bytes / max(pods, 1):.0f} B per pod)" if summary_bytes else "")
                 + f". `get pods -A` peak RSS (own process) {head_rss:.0f} MiB.")
    lines.append("")
    gp, ws = q["get pods -A"][0], q["why -A --summary"][0]
    def v(ok, text): return ("- met: " if ok else "- NOT met: ") + text
    lines.append(v(gp <= 5 * floor, f"get pods -A ≤ 5x sqlite3 reading the object index: {gp / floor:.2f}x"))
    lines.append(v(ws <= 5 * floor, f"why -A --summary ≤ 5x sqlite3: {ws / floor:.2f}x"))
    lines.append(v(jqt / gp >= 50 and jqt / ws >= 50, f"≥ 50x faster than zcat | jq: get pods -A {jqt / gp:.0f}x, why -A --summary {jqt / ws:.0f}x"))
    peak = max(q["get pods -A"][1], q["why -A --summary"][1], q["why -A"][1])
    lines.append(v(peak <= 300, f"peak memory ≤ 300 MB: {peak:.0f} MiB (largest of get pods -A, why -A --summary, why -A)"))
    lines.append(v(q["get pods -A | head -5"][0] <= 0.1, f"get pods -A | head -5 ≤ 100 ms: {q['get pods -A | head -5'][0] * 1000:.0f} ms"))
    lines.append(v(io / iw >= 0.95, f"import throughput within 5%: {io / iw:.3f}x"))
    lines.append(v(size['with'] / size['without'] <= 1.05, f"store size within 5% after the import: {size['with'] / size['without']:.3f}x"))
    lines.append(v(size['listed'] / size['without'] <= 1.05, f"store size within 5% once a listing wrote the rows: {size['listed'] / size['without']:.3f}x"))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
