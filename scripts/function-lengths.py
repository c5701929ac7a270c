#!/usr/bin/env python3
"""Lists Swift functions (func, init, closures assigned to stored properties are not counted)
longer than a limit: `scripts/function-lengths.py [LIMIT] [PATH...]`. A function's length is
the lines from its declaration to its closing brace. Strings and comments are skipped when
matching braces."""
import re
import sys
from pathlib import Path

DECL = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|static|final|override|mutating|nonmutating|convenience|required|nonisolated|@inlinable|@discardableResult)\s+)*(?:func\s+[^\s(<]+|init[?!]?|deinit)\b")


def strip(line, state):
    """The line without string contents and comments; `state` carries multi-line strings and
    block comments over lines."""
    out = []
    i = 0
    while i < len(line):
        if state["block"]:
            end = line.find("*/", i)
            if end < 0:
                return "".join(out)
            state["block"] = False
            i = end + 2
            continue
        if state["multi"]:
            end = line.find('"""', i)
            if end < 0:
                return "".join(out)
            state["multi"] = False
            i = end + 3
            continue
        if line.startswith("//", i):
            break
        if line.startswith("/*", i):
            state["block"] = True
            i += 2
            continue
        if line.startswith('"""', i):
            state["multi"] = True
            i += 3
            continue
        if line[i] == '"':
            i += 1
            depth = 0
            while i < len(line):
                if line[i] == "\\" and line.startswith("\\(", i):
                    depth += 1
                    i += 2
                    continue
                if line[i] == "\\":
                    i += 2
                    continue
                if depth and line[i] == ")":
                    depth -= 1
                elif not depth and line[i] == '"':
                    break
                i += 1
            i += 1
            continue
        out.append(line[i])
        i += 1
    return "".join(out)


def functions(path):
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    state = {"block": False, "multi": False}
    code = [strip(line, state) for line in lines]
    for start, line in enumerate(code):
        if not DECL.match(line):
            continue
        depth, opened = 0, False
        for end in range(start, len(code)):
            for ch in code[end]:
                if ch == "{":
                    depth += 1
                    opened = True
                elif ch == "}":
                    depth -= 1
            if opened and depth <= 0:
                name = DECL.match(line).group(0).strip()
                yield name, start + 1, end - start + 1
                break
            if not opened and end > start + 12:
                break  # a protocol requirement: no body


def main():
    args = sys.argv[1:]
    limit = int(args.pop(0)) if args and args[0].isdigit() else 80
    roots = [Path(a) for a in args] or [Path("Sources")]
    found = []
    for root in roots:
        for path in sorted(root.rglob("*.swift")) if root.is_dir() else [root]:
            for name, line, length in functions(path):
                if length > limit:
                    found.append((length, f"{path}:{line}: {name} ({length} lines)"))
    for _, text in sorted(found, reverse=True):
        print(text)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
