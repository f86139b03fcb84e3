#!/usr/bin/env python3
"""Which names each folder of Sources/PodHistKit, and the executable, use from which other folder.

    python3 tools/layer_deps.py [--names] [REPO_ROOT]

Reads every .swift file under Sources/PodHistKit/<Top>/ (subfolders belong to their top folder)
and under Sources/podhist (the executable, the row and column CLI),
collects the names each top folder declares at the top level of its files (struct, enum, class,
actor, protocol, typealias and func names; nested types such as `TimelineRender.Entry` come
with their outer type), and counts, for each pair (A, B), the names of B that A's files use
outside comments and string literals (interpolations count as code): a type name as a whole
word, a free function only as a bare call `name(` and only when A declares no func of that name
itself (a method `store.latestInstant()` is not Projection's `latestInstant(_:)`). `extension T`
in A is a use of T. A name declared in more than one folder is left out and listed.

Prints a Markdown table (rows: the folder that uses; columns: the folder whose names are used;
each cell the number of distinct names and up to five of them), with `--names` a list of every
name each folder uses from each other folder, then the uses that point upward
in the intended order

    Model <- Concurrency <- Import, Store <- Projection <- Explain <- Render <- Service <- CLI

(Import and Store are peers: uses between them are listed, not judged). Exit status 1 when an
upward use is found, else 0. Python 3, standard library only; the parsing is a few regexes and a
small lexer, good enough for this code base's style, not a Swift parser.
"""

import os
import re
import sys

ORDER = ["Model", "Concurrency", "Import", "Store", "Projection", "Explain", "Render", "Service", "CLI"]
RANK = {"Model": 0, "Concurrency": 1, "Import": 2, "Store": 2, "Projection": 3, "Explain": 4,
        "Render": 5, "Service": 6, "CLI": 7}
# The executable's folder, under Sources/, shown as the folder CLI.
CLI_DIR = "podhist"

TYPE_DECL = re.compile(
    r"^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|internal|fileprivate|private|open|final|indirect|"
    r"nonisolated|package)\s+)*(?:struct|enum|class|actor|protocol|typealias)\s+([A-Za-z_]\w*)",
    re.M)
FUNC_DECL = re.compile(
    r"^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|internal|fileprivate|private|package|nonisolated)\s+)*"
    r"func\s+([A-Za-z_]\w*)", re.M)
EXTENSION = re.compile(r"^[ \t]*(?:(?:public|internal|fileprivate|private|package)\s+)?extension\s+([A-Za-z_]\w*)",
                       re.M)
ANY_FUNC = re.compile(r"\bfunc\s+([A-Za-z_]\w*)")
WORD = re.compile(r"[A-Za-z_]\w*")
# A free function is used when called by its bare name: `name(`, not `.name(` or `func name(`.
CALL = re.compile(r"(?<![.\w])(?<!func )([A-Za-z_]\w*)\s*\(")


def code_only(src):
    """The source with comments and string-literal text blanked (interpolations kept)."""
    out = []
    i, n = 0, len(src)
    # A stack of contexts: ("code", paren_depth) inside an interpolation, ("str", quotes, hashes).
    stack = []

    def in_string():
        return stack and stack[-1][0] == "str"

    while i < n:
        c = src[i]
        if in_string():
            _, quotes, hashes = stack[-1]
            close = quotes + "#" * hashes
            if src.startswith(close, i):
                stack.pop()
                out.append(" " * len(close))
                i += len(close)
                continue
            if src.startswith("\\" + "#" * hashes + "(", i):
                stack.append(["code", 1])
                width = 2 + hashes
                out.append(" " * width)
                i += width
                continue
            if c == "\\" and hashes == 0 and i + 1 < n:
                out.append("  " if src[i + 1] != "\n" else " \n")
                i += 2
                continue
            out.append("\n" if c == "\n" else " ")
            i += 1
            continue
        # code (top level or inside an interpolation)
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
            continue
        if src.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if src.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif src.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append("".join("\n" if ch == "\n" else " " for ch in src[i:j]))
            i = j
            continue
        m = re.match(r'(#*)("""|")', src[i:i + 40])
        if m:
            # `#` starts a raw string only when quotes follow it (else `#if`, `#selector`...).
            hashes, quotes = len(m.group(1)), m.group(2)
            stack.append(["str", quotes, hashes])
            width = hashes + len(quotes)
            out.append(" " * width)
            i += width
            continue
        if stack and stack[-1][0] == "code":
            if c == "(":
                stack[-1][1] += 1
            elif c == ")":
                stack[-1][1] -= 1
                if stack[-1][1] == 0:
                    stack.pop()
                    out.append(" ")
                    i += 1
                    continue
        out.append(c)
        i += 1
    return "".join(out)


def swift_files(folder):
    for d, dirs, files in os.walk(folder):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".swift"):
                yield os.path.join(d, f)


def main():
    args = [a for a in sys.argv[1:] if a != "--names"]
    every_name = "--names" in sys.argv[1:]
    root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    kit = os.path.join(root, "Sources", "PodHistKit")
    tops = sorted((t for t in os.listdir(kit) if os.path.isdir(os.path.join(kit, t))),
                  key=lambda t: (RANK.get(t, 99), ORDER.index(t) if t in ORDER else 99, t))
    folder = {t: os.path.join(kit, t) for t in tops}
    if os.path.isdir(os.path.join(root, "Sources", CLI_DIR)):
        tops.append("CLI")
        folder["CLI"] = os.path.join(root, "Sources", CLI_DIR)
    unknown = [t for t in tops if t not in RANK]

    code = {}      # top -> code text of all its files
    declared = {}  # top -> set of names
    funcs = {}     # top -> its top-level func names
    own = {}       # top -> every func name it declares, methods too (its own uses of those are local)
    extended = {}  # top -> set of names its extensions extend
    for t in tops:
        texts = [code_only(open(p, encoding="utf-8").read()) for p in swift_files(folder[t])]
        code[t] = "\n".join(texts)
        names = set()
        funcs[t], own[t] = set(), set()
        for text in texts:
            names.update(TYPE_DECL.findall(text))
            funcs[t].update(FUNC_DECL.findall(text))
            own[t].update(ANY_FUNC.findall(text))
        declared[t] = names | funcs[t]
        extended[t] = set()
        for text in texts:
            extended[t].update(EXTENSION.findall(text))

    owners = {}
    for t in tops:
        for name in declared[t]:
            owners.setdefault(name, []).append(t)
    ambiguous = {name: ts for name, ts in owners.items() if len(ts) > 1}

    uses = {}  # (a, b) -> sorted names of b used in a
    for a in tops:
        words = set(WORD.findall(code[a])) | extended[a]
        calls = set(CALL.findall(code[a]))
        for b in tops:
            if a == b:
                continue
            used = sorted(n for n in declared[b] if n not in ambiguous and n not in own[a]
                          and (n in calls if n in funcs[b] else n in words))
            if used:
                uses[(a, b)] = used

    print("# Layer dependencies of Sources/PodHistKit and the executable (CLI: Sources/podhist)\n")
    print("Rows use names declared in columns (distinct names; up to five shown).\n")
    print("| uses ↓ / from → | " + " | ".join(tops) + " |")
    print("|---|" + "---|" * len(tops))
    for a in tops:
        cells = []
        for b in tops:
            if a == b:
                cells.append("—")
            elif (a, b) in uses:
                names = uses[(a, b)]
                more = ", …" if len(names) > 5 else ""
                cells.append(f"{len(names)}: " + ", ".join(names[:5]) + more)
            else:
                cells.append("")
        print(f"| **{a}** | " + " | ".join(cells) + " |")

    if every_name:
        print("\n## Every name used, by folder\n")
        for a in tops:
            for b in tops:
                if (a, b) in uses:
                    print(f"- {a} uses {b} ({len(uses[(a, b)])}): " + ", ".join(uses[(a, b)]))

    upward = [(a, b) for (a, b) in uses if a in RANK and b in RANK and RANK[b] > RANK[a]]
    peers = [(a, b) for (a, b) in uses if a in RANK and b in RANK and RANK[b] == RANK[a]]
    print("\nIntended order: Model ← Concurrency ← Import, Store ← Projection ← Explain ← Render ← Service ← CLI.\n")
    print("## Upward uses\n")
    if upward:
        for a, b in sorted(upward, key=lambda p: (RANK[p[0]], p[0], p[1])):
            print(f"- {a} uses {b}: " + ", ".join(uses[(a, b)]))
    else:
        print("None.")
    print("\n## Uses between peers (reported, not judged)\n")
    if peers:
        for a, b in sorted(peers):
            print(f"- {a} uses {b}: " + ", ".join(uses[(a, b)]))
    else:
        print("None.")
    if ambiguous:
        print("\n## Names declared in more than one folder (not counted)\n")
        for name in sorted(ambiguous):
            print(f"- {name}: " + ", ".join(ambiguous[name]))
    if unknown:
        print("\nFolders outside the intended order (not judged): " + ", ".join(unknown))
    return 1 if upward else 0


if __name__ == "__main__":
    sys.exit(main())
