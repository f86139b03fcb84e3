#!/usr/bin/env python3
"""Snapshot podhist's answers on every corpus case, to prove a refactor changed no output.

usage: output_snapshot.py PODHIST OUT_DIR CASE_DIR...
For each case: import its input* files into a fresh store, then write the stdout, stderr and exit
status of `import`, `get pods -A` (table, wide, json, yaml), `why -A` (text, json, yaml) and, for
every pod listed, `status`, `timeline`, `restarts` (text and json) and `why POD`, into OUT_DIR/<case>.txt.
Compare two snapshots with `diff -r A B`.
"""
import json, os, subprocess, sys, tempfile

def run(cmd, env):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    return f"$ {' '.join(cmd[1:])}\n[exit {p.returncode}]\n{p.stdout}\n[stderr]\n{p.stderr}\n"

def main():
    podhist, out, cases = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out, exist_ok=True)
    for case in sorted(cases):
        inputs = [os.path.join(case, f) for f in sorted(os.listdir(case)) if f.startswith("input")]
        if not inputs:
            continue
        name = os.path.basename(case.rstrip("/"))
        with tempfile.TemporaryDirectory() as d:
            env = dict(os.environ, PODHIST_STORE=os.path.join(d, "podhist.db"), NO_COLOR="1", COLUMNS="80")
            text = run([podhist, "import"] + inputs, env).replace(case.rstrip("/") + "/", "")
            for args in (["get", "pods", "-A"], ["get", "pods", "-A", "-o", "wide"], ["get", "pods", "-A", "-o", "json"],
                         ["get", "pods", "-A", "-o", "yaml"], ["why", "-A"], ["why", "-A", "-o", "json"], ["why", "-A", "-o", "yaml"]):
                text += run([podhist] + args, env)
            try:
                items = json.loads(subprocess.run([podhist, "get", "pods", "-A", "-o", "json"], capture_output=True,
                                                  text=True, env=env).stdout)["items"]
            except Exception:
                items = []
            for it in items:
                pod, ns = it["name"], it.get("namespace") or "default"
                for args in (["status", pod, "-n", ns], ["status", pod, "-n", ns, "-o", "json"],
                             ["timeline", pod, "-n", ns], ["timeline", pod, "-n", ns, "-o", "json"],
                             ["restarts", pod, "-n", ns], ["restarts", pod, "-n", ns, "-o", "json"],
                             ["why", pod, "-n", ns], ["why", pod, "-n", ns, "-o", "json"]):
                    text += run([podhist] + args, env)
        with open(os.path.join(out, name + ".txt"), "w") as f:
            f.write(text.replace(d, "STORE"))

if __name__ == "__main__":
    main()
