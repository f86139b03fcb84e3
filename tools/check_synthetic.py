#!/usr/bin/env python3
"""Check podhist against the synthetic cluster's ground truth, at scale.

usage: tools/check_synthetic.py PODHIST [--pods N] [--seeds 1,2,3] [--events-only] [--snapshots]
                                        [--kube-version V] [--misses K] [--gen PATH]
       tools/check_synthetic.py PODHIST --deletions [--delete-rate 0.15] [--pods N] [--seeds 1,2,3]

For each seed it generates a cluster with ../shared/tools/gen_events.py (events as JSON Lines, the
final `kubectl get pods -A -o json`, optionally 2-hourly snapshots, and a truth file with what
`kubectl get pods` printed at 3h, 9h, 15h and 21h), imports it into a fresh store and compares:
  status   `get pods -A -o json` STATUS and RESTARTS vs the truth, for every pod that exists at the end
  at       `get pods -A --at T` at each truth instant (a restart count inside restartsRange counts)
  cause    `why -A -o json` top cause vs the truth's root_cause.code (or its "also")
With --events-only the pods dump is not imported (then only causes visible in events are expected).
Prints one summary line per seed and the first misses with reasons to look at.

--deletions: a cluster where --delete-rate of the pods are deleted during the day, imported twice
per seed (events only; events + the final `get pods -A -o json`). For each, `why -A -o json`:
  high-confidence   of the pods whose top cause is high confidence, how many are right (the
                    truth's code or "also"; `Deleted` for a pod the truth deleted)
  false alarms      pods the truth calls healthy (Running.Healthy, Completed) or deleted whose
                    top cause says failing or stuck (any code but those, Deleted and Unknown),
                    at high confidence (and, reported apart, at medium)
Targets (issue 14): high-confidence right >= 99%, no high-confidence false alarm.
"""
import argparse, json, os, subprocess, sys, tempfile
from collections import Counter

def run(cmd, env=None, check=True):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if check and p.returncode != 0:
        sys.exit(f"{' '.join(cmd[:3])}... failed ({p.returncode}): {p.stderr[:400]}")
    return p

def matches(got, want):
    """STATUS equal, and RESTARTS equal or inside the reported restartsRange."""
    lo, hi = (got.get("restartsRange") or [None, None])
    ok_r = got.get("restarts") == want["restarts"] or (lo is not None and lo <= want["restarts"] <= hi)
    return got.get("status") == want["status"] and ok_r

def pods_at(podhist, env, at=None):
    cmd = [podhist, "get", "pods", "-A", "-o", "json"] + (["--at", at] if at else [])
    return {(i["namespace"], i["name"]): i for i in json.loads(run(cmd, env).stdout)["items"]}

OK_CODES = {"Running.Healthy", "Completed", "Deleted", "Unknown"}

def deletions(a, podhist):
    """The --deletions mode: see the module's doc."""
    totals = Counter()
    for seed in a.seeds.split(","):
        with tempfile.TemporaryDirectory() as d:
            ev, pods, truth = (os.path.join(d, n) for n in ("events.jsonl", "pods.json", "truth.json"))
            run([sys.executable, a.gen, "--pods", str(a.pods), "--seed", seed, "--format", "jsonl",
                 "--kube-version", a.kube_version, "--delete-rate", str(a.delete_rate), "--truth", truth,
                 "--pods-out", pods, "-o", ev])
            tp = {(p["namespace"], p["name"]): p for p in json.load(open(truth))["pods"]}
            for mode, files in (("events", [ev]), ("events+pods", [ev, pods])):
                env = dict(os.environ, PODHIST_STORE=os.path.join(d, mode + ".db"), NO_COLOR="1")
                run([podhist, "import"] + files, env)
                why = json.loads(run([podhist, "why", "-A", "-o", "json"], env).stdout)
                c = Counter(); misses = []
                for i in why["items"]:
                    p = tp.get((i["namespace"], i["name"]))
                    if not p or not i["causes"]:
                        continue
                    top = i["causes"][0]
                    want = {p["root_cause"]["code"]} | set(p["root_cause"].get("also") or [])
                    if p.get("deleted"):
                        want = {"Deleted"}
                    if top["confidence"] == "high":
                        c["hc_n"] += 1
                        if top["code"] in want:
                            c["hc_ok"] += 1
                        else:
                            misses.append(f"high {i['namespace']}/{i['name']}: want {sorted(want)} got {top['code']}")
                    calm = p.get("deleted") or p["root_cause"]["code"] in ("Running.Healthy", "Completed")
                    if calm and top["code"] not in OK_CODES and top["confidence"] in ("high", "medium"):
                        c["alarm_" + top["confidence"]] += 1
                        if top["confidence"] == "high":
                            misses.append(f"alarm {i['namespace']}/{i['name']}: truth {'deleted' if p.get('deleted') else p['root_cause']['code']}, got {top['code']} ({top['confidence']})")
                c["listed"] = len(why["items"])
                c["deleted_truth"] = sum(1 for p in tp.values() if p.get("deleted"))
                print(f"seed {seed} {mode:11}: high-confidence right {c['hc_ok']}/{c['hc_n']} ({100*c['hc_ok']/max(c['hc_n'],1):.1f}%)"
                      f"  false alarms high {c['alarm_high']} medium {c['alarm_medium']}"
                      f"  (why -A lists {c['listed']}; truth deleted {c['deleted_truth']})")
                for m in misses[:a.misses]:
                    print("   ", m)
                totals.update({mode + ":" + k: v for k, v in c.items()})
    for mode in ("events", "events+pods"):
        g = lambda k: totals[mode + ":" + k]
        print(f"total {mode:11}: high-confidence right {g('hc_ok')}/{g('hc_n')} ({100*g('hc_ok')/max(g('hc_n'),1):.1f}%)"
              f"  false alarms high {g('alarm_high')} medium {g('alarm_medium')}")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("podhist")
    ap.add_argument("--pods", type=int, default=1000)
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--events-only", action="store_true")
    ap.add_argument("--snapshots", action="store_true")
    ap.add_argument("--kube-version", default="1.33")
    ap.add_argument("--misses", type=int, default=15)
    ap.add_argument("--gen", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "tools", "gen_events.py"))
    ap.add_argument("--deletions", action="store_true")
    ap.add_argument("--delete-rate", type=float, default=0.15)
    a = ap.parse_args()
    if not os.path.exists(a.gen):
        # A clone without ../shared beside it: say what is missing and skip (exit 0), not a traceback.
        print(f"check_synthetic: skipped: the generator {os.path.normpath(a.gen)} is not here (it lives in ../shared/tools; pass --gen PATH)")
        return
    podhist = os.path.abspath(a.podhist)
    if a.deletions:
        return deletions(a, podhist)
    totals = Counter()
    for seed in a.seeds.split(","):
        with tempfile.TemporaryDirectory() as d:
            ev, pods, snaps, truth = (os.path.join(d, n) for n in ("events.jsonl", "pods.json", "snaps.jsonl", "truth.json"))
            instants = ["3h", "9h", "15h", "21h"]
            gen = [sys.executable, a.gen, "--pods", str(a.pods), "--seed", seed, "--format", "jsonl",
                   "--kube-version", a.kube_version, "--truth", truth, "--pods-out", pods,
                   "--truth-at", ",".join(instants), "-o", ev]
            if a.snapshots:
                gen += ["--snapshot-every", "2h", "--snapshots-out", snaps]
            run(gen)
            env = dict(os.environ, PODHIST_STORE=os.path.join(d, "podhist.db"), NO_COLOR="1")
            files = [ev] + ([] if a.events_only else [pods]) + ([snaps] if a.snapshots else [])
            run([podhist, "import"] + files, env)
            t = json.load(open(truth))
            tp = {(p["namespace"], p["name"]): p for p in t["pods"]}
            c = Counter(); misses = []
            got = pods_at(podhist, env)
            for key, p in tp.items():
                if not p.get("exists_at_observed"):
                    continue
                g = got.get(key, {})
                c["status_n"] += 1
                if matches(g, p):
                    c["status_ok"] += 1
                else:
                    misses.append(f"status {key[1]}: want {p['status']}/{p['restarts']} got {g.get('status')}/{g.get('restarts')} {g.get('restartsRange')} cause={p['root_cause']['code']}")
            at_keys = sorted({k for p in tp.values() for k in (p.get("at") or {})})
            for T in at_keys:
                gi = pods_at(podhist, env, T)
                for key, p in tp.items():
                    want = (p.get("at") or {}).get(T)
                    if not want:
                        continue
                    g = gi.get(key, {})
                    c["at_n"] += 1
                    if matches(g, want):
                        c["at_ok"] += 1
                    else:
                        misses.append(f"at {T} {key[1]}: want {want['status']}/{want['restarts']} got {g.get('status')}/{g.get('restarts')} {g.get('restartsRange')}")
            why = json.loads(run([podhist, "why", "-A", "-o", "json"], env).stdout)
            top = {(i["namespace"], i["name"]): (i["causes"][0]["code"] if i["causes"] else None) for i in why["items"]}
            for key, p in tp.items():
                if not p.get("exists_at_observed"):
                    continue
                rc = p["root_cause"]
                want = {rc["code"]} | set(rc.get("also") or [])
                if a.events_only and not rc.get("cause_visible_in_events"):
                    continue
                c["cause_n"] += 1
                g = top.get(key)
                if g is None and want & {"Running.Healthy", "Completed"}:
                    c["cause_ok"] += 1
                elif g in want:
                    c["cause_ok"] += 1
                else:
                    misses.append(f"cause {key[1]}: want {rc['code']} got {g} ({rc.get('summary','')[:80]})")
            pct = lambda k: f"{c[k+'_ok']}/{c[k+'_n']} ({100*c[k+'_ok']/max(c[k+'_n'],1):.1f}%)"
            print(f"seed {seed}: status {pct('status')}  at {pct('at')}  cause {pct('cause')}")
            for m in misses[:a.misses]:
                print("   ", m)
            totals.update(c)
    pct = lambda k: f"{totals[k+'_ok']}/{totals[k+'_n']} ({100*totals[k+'_ok']/max(totals[k+'_n'],1):.1f}%)"
    print(f"total: status {pct('status')}  at {pct('at')}  cause {pct('cause')}")

if __name__ == "__main__":
    main()
