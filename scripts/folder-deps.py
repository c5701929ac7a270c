#!/usr/bin/env python3
"""Checks that the folders of Sources/KnowledgeBase depend only the way docs/ARCHITECTURE.md
says: Support on nothing; the libraries (Content, Templates, YAML, Schema, Incremental) on
Support and each other in that order; each stage on the libraries and earlier stages; Pipeline
on everything. A folder "uses" a type when a file in it names
a type declared at the top level of another folder. Prints each use that breaks the order and
exits 1 when there is one. (The `Pipeline` namespace itself is exempt: every stage's function is
an extension of it, named like the stage.)"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "Sources" / "KnowledgeBase"
# Libraries first (each on those before it), then the stages in order.
BASE = {"Support": set(), "Content": {"Support"}, "Templates": {"Support"}}
BASE["YAML"] = {"Support", "Content"}
BASE["Schema"] = {"Support", "Content", "YAML"}
BASE["Incremental"] = {"Support", "Content"}
STAGES = ["List", "Read", "Parse", "Validate", "Link", "Render", "Search", "Write"]
ALLOWED = dict(BASE)
for n, stage in enumerate(STAGES):
    ALLOWED[stage] = set(BASE) | set(STAGES[:n])
ALLOWED["Pipeline"] = set(ALLOWED) | set(STAGES)
DECL = re.compile(r"^(?:public |private |fileprivate |internal )?(?:final )?(?:indirect )?(?:struct|enum|class|protocol|typealias|actor)\s+([A-Z]\w*)", re.M)
COMMENT = re.compile(r"//.*?$|/\*.*?\*/", re.S | re.M)
STRING = re.compile(r'"(?:\\.|[^"\\])*"')


def main():
    owner = {}
    for path in ROOT.rglob("*.swift"):
        folder = path.relative_to(ROOT).parts[0]
        for name in DECL.findall(path.read_text(encoding="utf-8")):
            owner.setdefault(name, folder)
    problems = []
    for path in sorted(ROOT.rglob("*.swift")):
        folder = path.relative_to(ROOT).parts[0]
        if folder not in ALLOWED:
            continue
        code = STRING.sub('""', COMMENT.sub("", path.read_text(encoding="utf-8")))
        used = set(re.findall(r"\b([A-Z]\w*)\b", code))
        for name in sorted(used):
            home = owner.get(name)
            if home and home != folder and name != "Pipeline" and home not in ALLOWED[folder]:
                problems.append(f"{path.relative_to(ROOT.parent.parent)}: {folder} uses {name} from {home}")
    print("\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
