#!/usr/bin/env python3
"""Extreme numbers in real dumps, through the built binary: no run may end by a signal.

usage: extreme_numbers.py PODHIST RUNS [SEED]   (from the repository root)
Each run takes a fixture input, replaces one number in it with an extreme value (sometimes with an
age unit, or a six-digit year), imports it into a fresh store and runs `get pods -A`, `why -A` (text
and json) and, every fourth run, `status`, `timeline`, `restarts`, `why` of up to three pods. Prints
each failure (a signal, exit >= 128, or a 20 s timeout) with the site the backtrace names, then
"runs N failures F". The in-process ExtremeNumberTests cover every numeric field by construction;
this script covers the fields of real dumps.
"""
import os, random, re, subprocess, sys, tempfile, glob, collections
podhist = sys.argv[1]; n = int(sys.argv[2]); seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rnd = random.Random(seed)
EXTREMES = ["99999999999999", "9223372036854775807", "-9223372036854775808", "99999999999999999999",
            "999999", "1e400", "-5", "9223372036854775808", "18446744073709551615", "2147483648", "0", "-1",
            "999999999999999999", "4294967296"]
files = sorted(glob.glob("fixtures/corpus/*/input*") + glob.glob("fixtures/tables/*.txt") + glob.glob("fixtures/structured/*.json*")
               + glob.glob("fixtures/structured/*.yaml") + glob.glob("fixtures/why/*.txt") + glob.glob("fixtures/describe/*.txt") + glob.glob("fixtures/demo/*.txt"))
texts = {f: open(f, encoding="utf-8", errors="replace").read() for f in files}
tok = re.compile(r"\d+")
bad = collections.Counter(); examples = {}
for k in range(n):
    f = rnd.choice(files); t = texts[f]
    ms = list(tok.finditer(t))
    if not ms: continue
    m = rnd.choice(ms)
    v = rnd.choice(EXTREMES)
    r = rnd.random()
    if r < 0.15: v = v.lstrip("-") + rnd.choice(["d", "y", "h", "m", "s"])
    elif r < 0.25: v = "999999"
    # sometimes keep unit suffix (ages like 5m -> 9999999m), sometimes year
    mt = t[:m.start()] + v + t[m.end():]
    with tempfile.TemporaryDirectory() as d:
        ext = os.path.splitext(f)[1]
        inp = os.path.join(d, "input" + ext); open(inp, "w").write(mt)
        env = dict(os.environ, PODHIST_STORE=os.path.join(d, "s.db"), NO_COLOR="1")
        cmds = [["import", inp], ["get", "pods", "-A"], ["get", "pods", "-A", "-o", "json"], ["why", "-A"], ["why", "-A", "-o", "json"]]
        if k % 4 == 0:
            try:
                import json as J
                items = J.loads(subprocess.run([podhist, "import", inp], capture_output=True, text=True, env=env).stdout and
                                subprocess.run([podhist, "get", "pods", "-A", "-o", "json"], capture_output=True, text=True, env=env).stdout)["items"]
            except Exception:
                items = []
            for it in items[:3]:
                for verb in ("status", "timeline", "restarts", "why"):
                    cmds.append([verb, it["name"], "-n", it.get("namespace") or "default"])
        for args in cmds:
            try:
                p = subprocess.run([podhist] + args, capture_output=True, text=True, env=env, timeout=20)
            except subprocess.TimeoutExpired:
                bad[("timeout", args[0])] += 1; examples.setdefault(("timeout", args[0]), (f, m.start(), t[max(0,m.start()-40):m.end()+20], v)); break
            if p.returncode < 0 or p.returncode >= 128:
                fr = [l.strip() for l in p.stderr.splitlines() if "/Sources/PodHistKit/" in l]
                line = (fr[0] if fr else p.stderr[:200]).split(" at ")[-1]
                key = (args[0], line.strip()[:200])
                bad[key] += 1
                examples.setdefault(key, (f, m.start(), t[max(0,m.start()-40):m.end()+20], v))
                break
            if args[0] == "import" and p.returncode != 0: break
    # also per-pod verbs occasionally
for k, c in bad.most_common():
    print(c, k, examples.get(k))
print("runs", n, "failures", sum(bad.values()))
