#!/usr/bin/env python3
"""One very long text line against a normal file of the same size: is text reading linear?

usage: python3 tools/bench/long_line.py PODHIST [MB]   (default 10 MB)
Imports (1) a describe-like paste of MB megabytes in ordinary lines and (2) the same bytes as a
single line (newlines turned into spaces), each into a fresh store, and prints both times and
their ratio (single line / normal). A linear reader keeps the ratio near 1; the issue measured
~0.27 MiB/s for one long line before. A 120 s timeout counts as a failure.
"""
import os, subprocess, sys, tempfile, time
podhist = sys.argv[1]; mb = float(sys.argv[2]) if len(sys.argv) > 2 else 10
tmp = tempfile.mkdtemp(prefix="podhist-longline-")
line = "  Warning  BackOff  3m (x12 over 9m)  kubelet  Back-off restarting failed container app in pod web-%d\n"
text = "Events:\n  Type     Reason   Age   From     Message\n  ----     ------   ----  ----     -------\n"
i = 0
while len(text) < mb * 1024 * 1024:
    text += "".join(line % (i + k) for k in range(1000)); i += 1000
normal = os.path.join(tmp, "normal.txt"); single = os.path.join(tmp, "single.txt")
open(normal, "w").write(text)
open(single, "w").write(text.replace("\n", " ") + "\n")
def run(path):
    store = os.path.join(tmp, os.path.basename(path) + ".db")
    t = time.monotonic()
    try:
        p = subprocess.run([podhist, "import", "--store", store, path], capture_output=True, timeout=120)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        rc = "timeout"
    return time.monotonic() - t, rc
tn, rn = run(normal); ts, rs = run(single)
size = os.path.getsize(single) / 1024 / 1024
print(f"normal {size:.1f} MiB: {tn:.2f} s (exit {rn}, {size / tn:.2f} MiB/s)")
print(f"single line {size:.1f} MiB: {ts:.2f} s (exit {rs}, {size / ts:.2f} MiB/s)")
print(f"ratio single/normal {ts / tn:.2f}")
