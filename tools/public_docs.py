#!/usr/bin/env python3
"""Public declarations of Sources/ without a `///` summary line.

    python3 tools/public_docs.py [REPO_ROOT]

Reads every .swift file under Sources/ and lists each declaration marked `public` or `open`
(type, extension member, func, init, subscript, var, let, case, typealias) whose line is not
preceded by a `///` comment (attributes such as `@inlinable` or `@discardableResult` on the
lines between are skipped; so is a `///` block above a `/** */`). A public `extension` is not a
declaration of its own and is not listed. Prints `path:line: declaration` for each, then
"N public declarations, M without a summary"; exit status 1 when M > 0, else 0.
Python 3, standard library only.
"""

import os
import re
import sys

DECL = re.compile(r"^\s*(?:@[\w.]+(?:\([^)]*\))?\s+)*(?:(?:nonisolated|static|final|override|mutating|"
                  r"required|convenience|indirect|class)\s+)*(?:public|open)(?:\(set\))?\s+(?:(?:nonisolated|static|"
                  r"final|override|mutating|required|convenience|indirect|class|private\(set\)|"
                  r"fileprivate\(set\)|internal\(set\))\s+)*"
                  r"(struct|enum|class|actor|protocol|typealias|func|init|subscript|var|let|case)\b")
ATTRIBUTE = re.compile(r"^\s*@[\w.]+(?:\([^)]*\))?\s*$")


def undocumented(path):
    """(line number, text) of each public declaration in `path` with no `///` above it."""
    lines = open(path, encoding="utf-8").read().split("\n")
    found, total = [], 0
    for i, line in enumerate(lines):
        m = DECL.match(line)
        if not m:
            continue
        total += 1
        j = i - 1
        while j >= 0 and ATTRIBUTE.match(lines[j]):
            j -= 1
        above = lines[j].strip() if j >= 0 else ""
        # A doc comment on the same line (`public var x: Int  /// what`) counts too.
        if not (above.startswith("///") or above.endswith("*/") or "///" in line):
            found.append((i + 1, line.strip()))
    return total, found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    sources = os.path.join(root, "Sources")
    total, missing = 0, []
    for dirpath, _, files in sorted(os.walk(sources)):
        for f in sorted(files):
            if f.endswith(".swift"):
                path = os.path.join(dirpath, f)
                n, found = undocumented(path)
                total += n
                missing += [(os.path.relpath(path, root), ln, text) for ln, text in found]
    for path, ln, text in missing:
        print(f"{path}:{ln}: {text}")
    print(f"{total} public declarations, {len(missing)} without a summary")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
