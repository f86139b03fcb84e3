#!/usr/bin/env python3
"""Score podhist on corpus cases, by era, by input shape and by stated confidence.

usage: corpus_report.py PODHIST CASE_DIR... [--markdown]
For each case: import its input* files into a fresh store; compare `get pods -A -o json` (status,
restarts) and the top cause of `why` with expected.json (as ../shared/tools/check_corpus.py does).
The era is the first year 2014-2026 in source.txt; the shape comes from truth.md's "Input kind"
paragraph: structured (JSON/YAML), fragment (no header, single rows, message only, cut), decorated
(prompts, Markdown, quotes, bullets, placeholders, prose), old layout (2014-2017 columns), plain.
A case can have several shapes. Prints tables, then every miss.
"""
import json, os, re, subprocess, sys, tempfile

def run(cmd, env):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    return p.returncode, p.stdout, p.stderr

def era(case):
    try:
        text = open(os.path.join(case, "source.txt")).read()
    except OSError:
        return "?"
    years = [int(y) for y in re.findall(r"\b(20[12][0-9])\b", text) if 2014 <= int(y) <= 2026]
    if not years:
        return "?"
    y = years[0]
    return "2014-2017" if y <= 2017 else ("2018-2021" if y <= 2021 else "2022-2026")

def shapes(case):
    try:
        t = open(os.path.join(case, "truth.md")).read()
    except OSError:
        return ["plain"]
    m = re.search(r"Input kind:(.*?)(\n\n|\n#)", t, re.S)
    k = (m.group(1) if m else t[:400]).lower()
    out = []
    if re.search(r"\b(json|yaml|gron)\b", k): out.append("structured")
    if re.search(r"fragment|no header|without (a |the |its )?header|headerless|message only|messages only|bare|one row|single row|one line|two rows|cut|lines only|alone|excerpt|piece", k): out.append("fragment")
    if re.search(r"prompt|markdown|bold|backtick|blockquote|bullet|elision|placeholder|prose|indent|quoted|decorat|fence|italic|hand", k): out.append("decorated")
    if re.search(r"201[4-7]|pre-1\.0|1\.[0-7]\b|old|firstseen|v1beta", k): out.append("old layout")
    return out or ["plain"]

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    podhist, cases = args[0], sorted(args[1:])
    rows = []
    for case in cases:
        exp_path = os.path.join(case, "expected.json")
        inputs = [f for f in sorted(os.listdir(case)) if f.startswith("input")]
        if not inputs or not os.path.exists(exp_path):
            continue
        exp = json.load(open(exp_path))
        name = os.path.basename(case.rstrip("/"))
        r = {"name": name, "era": era(case), "shapes": shapes(case), "imported": False, "cause": None,
             "confidence": None, "status": [], "got": None}
        with tempfile.TemporaryDirectory() as d:
            env = dict(os.environ, PODHIST_STORE=os.path.join(d, "podhist.db"), NO_COLOR="1")
            rc, out, err = run([podhist, "import"] + [os.path.join(case, f) for f in inputs], env)
            r["imported"] = rc == 0
            codes = (exp.get("cause") or {}).get("codes") or []
            if rc == 0 and codes:
                want_pod = (exp.get("cause") or {}).get("pod")
                rc2, out2, _ = run([podhist, "why", want_pod, "-o", "json"] if want_pod else [podhist, "why", "-A", "-o", "json"], env)
                tops = []
                try:
                    for item in json.loads(out2).get("items", []):
                        if want_pod and item.get("name") != want_pod:
                            continue
                        if item.get("causes"):
                            tops.append(item["causes"][0])
                except Exception:
                    pass
                if not tops and set(codes) & {"Running.Healthy", "Completed"}:
                    r["cause"] = True
                else:
                    hit = [c for c in tops if c.get("code") in codes]
                    r["cause"] = bool(hit)
                    pick = (hit or tops or [None])[0]
                    if pick:
                        r["confidence"] = pick.get("confidence")
                        r["got"] = pick.get("code")
            elif codes:
                r["cause"] = False
            if rc == 0:
                _, out3, _ = run([podhist, "get", "pods", "-A", "-o", "json"], env)
                try:
                    items = {i.get("name"): i for i in json.loads(out3).get("items", [])}
                except Exception:
                    items = {}
            else:
                items = {}
            for p in exp.get("pods", []):
                if not p.get("name") or (p.get("status") is None and p.get("restarts") is None):
                    continue
                g = items.get(p["name"]) or {}
                ok = (p.get("status") is None or g.get("status") == p["status"]) and \
                     (p.get("restarts") is None or g.get("restarts") == p["restarts"])
                r["status"].append(ok)
        r["want"] = codes[0] if codes else None
        rows.append(r)

    def table(title, key_of):
        groups = {}
        for r in rows:
            for k in key_of(r):
                groups.setdefault(k, []).append(r)
        print(f"\n| {title} | cases | imported | top cause right | status right |")
        print("|---|---|---|---|---|")
        for k in sorted(groups):
            g = groups[k]
            c = [x["cause"] for x in g if x["cause"] is not None]
            s = [ok for x in g for ok in x["status"]]
            print(f"| {k} | {len(g)} | {sum(x['imported'] for x in g)}/{len(g)} | {sum(c)}/{len(c)} | {sum(s)}/{len(s)} |")
    table("all", lambda r: ["all"])
    table("era", lambda r: [r["era"]])
    table("input shape", lambda r: r["shapes"])
    print("\n| stated confidence | right | wrong |")
    print("|---|---|---|")
    for conf in ["high", "medium", "low"]:
        g = [r for r in rows if r["confidence"] == conf and r["cause"] is not None]
        print(f"| {conf} | {sum(r['cause'] for r in g)} | {sum(not r['cause'] for r in g)} |")
    print("\nMisses:")
    for r in rows:
        if not r["imported"]:
            print(f"- {r['name']}: import failed")
        elif r["cause"] is False:
            print(f"- {r['name']}: cause want {r['want']} got {r['got']} ({r['confidence']})")
        if r["imported"] and not all(r["status"]):
            print(f"- {r['name']}: status/restarts differ")
    bad_high = [r for r in rows if r["confidence"] == "high" and r["cause"] is False]
    sys.exit(1 if bad_high else 0)

if __name__ == "__main__":
    main()
