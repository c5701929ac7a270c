#!/usr/bin/env python3
"""Prints one line per file below an output folder, "sha256  path", sorted by path: a record of
what a build wrote, to compare the output of two kb versions (`diff` two manifests)."""
import hashlib
import os
import sys


def manifest(folder):
    lines = []
    for base, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(base, name)
            with open(path, "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
            lines.append(f"{digest}  {os.path.relpath(path, folder)}")
    return sorted(lines, key=lambda line: line.split("  ", 1)[1])


if __name__ == "__main__":
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.exit("usage: output-manifest.py OUTPUT_DIR")
    sys.stdout.write("".join(line + "\n" for line in manifest(sys.argv[1])))
