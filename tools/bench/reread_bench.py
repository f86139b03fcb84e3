#!/usr/bin/env python3
"""podhist re-read benchmark: importing Events the store already holds, against a fresh import of
the same file, measured in the same run (issue 13, item 7; schema/deduplication.md).

usage: tools/bench/reread_bench.py GEN_EVENTS_PY [--events 1000000] [--reread 20000] [--runs 3]
                                   [--podhist PATH] [--write]

GEN_EVENTS_PY is the synthetic generator (gen_events.py). It makes --events + --reread/2 Events
(`--format jsonl --seed 7`, cached in tools/bench/.work); the store holds the first --events of them.
Each run starts from a copy of that store (or an empty one) and imports, whole process:
  fresh      the re-read file into an empty store              (the baseline)
  reread     its last --reread stored Events, into the store   (all already known)
  partly     --reread/2 of them + --reread/2 new Events        (half new)
  unbuilt    the re-read into the store with chunk_digests emptied, as a version-2 store is
             (the digests are built on this first touch: what every re-read cost before)
Medians of --runs; the ratios are against `fresh`. Also the store's size and chunk_digests' share
(sqlite3's dbstat). Prints a Markdown section; appends it to tools/bench/RESULTS.md with --write.
"""
import argparse, os, platform, shutil, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORK = os.path.join(HERE, ".work")

def timed(cmd, env):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    out = p.stdout.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr.read().decode(errors='replace')[:500]}")
    return wall, ru.ru_maxrss / 1024, out

def lines(src, dst, start, end):
    with open(src) as f, open(dst, "w") as o:
        for i, line in enumerate(f):
            if start <= i < end: o.write(line)
            if i >= end: break

def sql(db, q):
    return subprocess.run(["sqlite3", db, q], check=True, capture_output=True, text=True).stdout.strip()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gen")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--reread", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--podhist", default=os.path.join(ROOT, ".build", "release", "podhist"))
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    n, r = a.events, a.reread
    os.makedirs(WORK, exist_ok=True)
    total = n + r // 2
    src = os.path.join(WORK, f"reread-{total}.jsonl")
    if not os.path.exists(src):
        print(f"generating {total} events ...", flush=True)
        subprocess.run([sys.executable, a.gen, "--events", str(total), "--format", "jsonl", "--seed", "7", "-o", src + ".tmp"], check=True)
        os.rename(src + ".tmp", src)
    d = os.path.join(WORK, f"reread-run-{n}")
    shutil.rmtree(d, ignore_errors=True); os.makedirs(d)
    stored, reread, partly = (os.path.join(d, x) for x in ("stored.jsonl", "reread.jsonl", "partly.jsonl"))
    lines(src, stored, 0, n)
    lines(src, reread, n - r, n)
    lines(src, partly, n - r // 2, n + r // 2)
    base = os.path.join(d, "base.db")
    env = dict(os.environ, NO_COLOR="1")
    print(f"importing {n} events into the base store ...", flush=True)
    base_wall, base_rss, _ = timed([a.podhist, "import", stored], dict(env, PODHIST_STORE=base))
    size = os.path.getsize(base)
    digests = int(sql(base, "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = 'chunk_digests'") or 0)
    facts = int(sql(base, "SELECT sum(fact_count) FROM log"))
    def one(kind):
        store = os.path.join(d, f"{kind}.db")
        for f in os.listdir(d):
            if f.startswith(f"{kind}.db"): os.remove(os.path.join(d, f))
        if kind != "fresh": shutil.copyfile(base, store)
        if kind == "unbuilt": sql(store, "DELETE FROM chunk_digests; VACUUM;")
        w, rss, out = timed([a.podhist, "import", partly if kind == "partly" else reread], dict(env, PODHIST_STORE=store))
        return w, rss, (out.strip().splitlines()[-1] if out.strip() else "").replace(d + "/", "")
    res = {k: [] for k in ("fresh", "reread", "partly", "unbuilt")}
    said = {}
    for i in range(a.runs):
        for k in res:
            w, rss, last = one(k)
            res[k].append((w, rss)); said[k] = last
            print(f"  run {i + 1} {k}: {w:.2f} s, {rss:.0f} MiB  ({last})", flush=True)
    med = {k: statistics.median(w for w, _ in v) for k, v in res.items()}
    rss = {k: max(m for _, m in v) for k, v in res.items()}
    out = [f"\n## Re-reads (issue 13 item 7), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n",
           f"`tools/bench/reread_bench.py GEN --events {n} --reread {r} --runs {a.runs}` on {platform.machine()}, "
           f"{os.cpu_count()} cores, shared with other builds (load average {os.getloadavg()[0]:.1f} at the end): "
           "whole-process wall time, median of the runs; ratios against `fresh` of the same run.\n",
           f"Base store: {n:,} Events (gen_events.py --format jsonl --seed 7), imported in {base_wall:.1f} s, "
           f"{facts:,} facts, {size / 1e6:.1f} MB, of which chunk_digests {digests / 1e6:.1f} MB "
           f"({100 * digests / size:.1f} %).\n",
           "| import of | into | wall (s) | ratio | peak RSS (MiB) | podhist said |", "|---|---|---:|---:|---:|---|"]
    what = {"fresh": (f"{r:,} Events", "an empty store"), "reread": (f"the same {r:,}", "the base store (all known)"),
            "partly": (f"{r // 2:,} stored + {r // 2:,} new", "the base store"),
            "unbuilt": (f"the same {r:,}", "the base store without digest rows (built on this touch)")}
    for k in res:
        out.append(f"| {what[k][0]} | {what[k][1]} | {med[k]:.2f} | {med[k] / med['fresh']:.2f}x | {rss[k]:.0f} | {said[k]} |")
    text = "\n".join(out) + "\n"
    print(text)
    if a.write:
        with open(os.path.join(HERE, "RESULTS.md"), "a") as f: f.write(text)

if __name__ == "__main__":
    main()
