#!/usr/bin/env python3
"""Single-byte flips anywhere in a store, through the built binary: a query answers right or fails
with exit 3 (or 4) and a sentence; never a signal, never a wrong answer with exit 0.

usage: byte_flips.py PODHIST RUNS [SEED] [--index-only]   (from the repository root)
Builds a store from fixtures/corpus inputs (one import per case, so the index spans many pages),
records `get pods -A -o json` and `why -A -o json`, then per run copies the store, flips one byte
(in the whole file, or with --index-only in the pages of the objects/chunk_objects b-trees) and
runs both queries and `verify`. Prints each bad outcome, then
"runs N same S exit3 D other O wrong W signals G verify-missed M".
"""
import glob, os, random, shutil, sqlite3, subprocess, sys, tempfile
podhist = sys.argv[1]; n = int(sys.argv[2]); seed = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3].isdigit() else 1
index_only = "--index-only" in sys.argv
rnd = random.Random(seed)
tmp = tempfile.mkdtemp(prefix="podhist-flips-")
base = os.path.join(tmp, "base.db")
env = dict(os.environ, NO_COLOR="1")
cases = sorted(glob.glob("fixtures/corpus/*/"))[::3]
for c in cases:
    inputs = sorted(glob.glob(c + "input*"))
    if inputs:
        subprocess.run([podhist, "import", "--store", base] + inputs, capture_output=True, env=env, timeout=120)
def q(store, args):
    try:
        p = subprocess.run([podhist] + args + ["--store", store], capture_output=True, env=env, timeout=60)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return "timeout", b"", b""
queries = [["get", "pods", "-A", "-o", "json"], ["why", "-A", "-o", "json"]]
# Checkpoint so that everything is in the main file, then note the index pages.
con = sqlite3.connect(base); con.execute("PRAGMA wal_checkpoint(TRUNCATE)"); con.close()
pages = None
if index_only:
    con = sqlite3.connect(base)
    try:
        pages = [r[0] for r in con.execute("SELECT pageno FROM dbstat WHERE name IN ('objects', 'chunk_objects')")]
    except sqlite3.Error:
        pages = None
    psize = con.execute("PRAGMA page_size").fetchone()[0]; con.close()
clean = [q(base, a) for a in queries]
size = os.path.getsize(base)
counts = dict(same=0, exit3=0, other=0, wrong=0, signals=0, missed=0)
for k in range(n):
    s = os.path.join(tmp, "s.db"); shutil.copy(base, s)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(s + suffix): os.remove(s + suffix)
    if pages:
        p = rnd.choice(pages); off = (p - 1) * psize + rnd.randrange(psize)
    else:
        off = rnd.randrange(size)
    with open(s, "r+b") as f:
        f.seek(off); b = f.read(1); f.seek(off); f.write(bytes([b[0] ^ (1 << rnd.randrange(8))]))
    changed = False
    for a, c in zip(queries, clean):
        r = q(s, a)
        if r[0] == "timeout" or (isinstance(r[0], int) and r[0] < 0):
            counts["signals"] += 1; print("signal/timeout", off, a, r[0]); changed = True
        elif r[0] == 0 and r[1] == c[1]: counts["same"] += 1
        elif r[0] == 0: counts["wrong"] += 1; changed = True; print("WRONG exit 0", off, " ".join(a))
        elif r[0] in (3, 4): counts["exit3"] += 1; changed = True
        else: counts["other"] += 1; changed = True; print("exit", r[0], off, " ".join(a), r[2][:200])
    v = q(s, ["verify"])
    if changed and v[0] == 0: counts["missed"] += 1
print(f"runs {n} same {counts['same']} exit3 {counts['exit3']} other {counts['other']} wrong {counts['wrong']} signals {counts['signals']} verify-missed {counts['missed']}")
shutil.rmtree(tmp)
