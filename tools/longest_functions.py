#!/usr/bin/env python3
"""The longest functions of Sources/, by lines from `func`/`init` to the closing brace.

    python3 tools/longest_functions.py [N] [REPO_ROOT]     (N defaults to 5)

Blanks comments and string literals with tools/layer_deps.py's lexer (and regex literals), finds each `func NAME`,
`init` and computed `var NAME: T {` body by brace matching, and prints the N longest as
`lines  path:line  Type.name` (the enclosing type is the nearest `struct/enum/class/actor/
extension NAME` still open). Python 3, standard library only.
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from layer_deps import code_only  # noqa: E402

HEAD = re.compile(r"\b(?:func\s+([A-Za-z_]\w*|[^\s(]+)|(init)\??\s*[(<])")
# A regex literal (`/^(a|b){2}/`) after `{`, `(`, `,`, `=` or `:`: its braces are not code.
REGEX = re.compile(r"(?<=[{(,=:]) ?/(?![/*\s])(?:\\.|[^/\n\\])+/")
TYPE = re.compile(r"\b(?:struct|enum|class|actor|extension|protocol)\s+([A-Za-z_][\w.]*)")


def functions(path):
    """(lines, first line, qualified name) of each function body in the file at `path`."""
    code = code_only(REGEX.sub(lambda m: " " * len(m.group(0)), open(path, encoding="utf-8").read()))
    line_of = [0] * (len(code) + 1)
    ln = 1
    for i, ch in enumerate(code):
        line_of[i] = ln
        if ch == "\n":
            ln += 1
    line_of[len(code)] = ln
    # Where each type body opens and closes, to name a function's owner.
    types = []
    for m in TYPE.finditer(code):
        o = code.find("{", m.end())
        if o < 0:
            continue
        c = match_brace(code, o)
        types.append((o, c, m.group(1)))
    out = []
    for m in HEAD.finditer(code):
        name = m.group(1) or m.group(2)
        # The body opens at the first `{` after the parameter list (skip `where` clauses, types).
        depth, i = 0, m.end()
        while i < len(code):
            ch = code[i]
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth -= 1
            elif ch == "{" and depth <= 0:
                break
            i += 1
        if i >= len(code):
            continue
        close = match_brace(code, i)
        owner = [t for t in types if t[0] < m.start() < t[1]]
        qual = (max(owner, key=lambda t: t[0])[2] + "." if owner else "") + name
        out.append((line_of[close] - line_of[m.start()] + 1, line_of[m.start()], qual))
    return out


def match_brace(code, o):
    depth = 0
    for i in range(o, len(code)):
        if code[i] == "{":
            depth += 1
        elif code[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(code) - 1


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    root = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    found = []
    for d, dirs, files in os.walk(os.path.join(root, "Sources")):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".swift"):
                p = os.path.join(d, f)
                found += [(k, os.path.relpath(p, root), ln, q) for k, ln, q in functions(p)]
    found.sort(key=lambda t: (-t[0], t[1], t[2]))
    for k, p, ln, q in found[:n]:
        print(f"{k:5d}  {p}:{ln}  {q}")


if __name__ == "__main__":
    main()
