"""Rebuilds after real edits give exactly what a clean build gives.

A generated site of a few hundred write-ups (Benchmarks/generate_corpus.py) is built once, then
edited the ways authors edit (body, title, summary, type, region, business case, partners, a
lineage made, extended, edited and undone with based_on, a write-up removed, one added) and rebuilt after each edit; every time the output folder must
equal, file for file and byte for byte, a clean `kb build --no-cache` of the same content. This
is what the caches in SITE/.kb-cache (parse results, cards and API objects, related lists,
per-page digests) must never break."""
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from trees import read_tree as tree

ROOT = Path(__file__).resolve().parents[2]
KB = Path(os.environ.get("KB_BINARY", str(ROOT / ".build" / "debug" / "kb")))
TYPES = ROOT / "Sources" / "KnowledgeBase" / "Resources" / "reference" / "types.yml"
COUNT = 300


@pytest.fixture(scope="module")
def work():
    assert KB.exists(), "build kb first (swift build)"
    folder = Path(tempfile.mkdtemp(prefix="kb-incremental-"))
    subprocess.run([sys.executable, str(ROOT / "Benchmarks" / "generate_corpus.py"), str(COUNT), str(folder / "site"), "--seed", "5"],
                   check=True, capture_output=True)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def build(site, output, *extra):
    result = subprocess.run([str(KB), "build", str(site), "--output", str(output), *extra], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_rebuilds_equal_clean_builds(work):
    site, out, clean = work / "site", work / "out", work / "clean"
    folder = site / "content" / "initiatieven"
    build(site, out)
    rnd = random.Random(11)

    def edit(name, pattern, replacement):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        changed = re.sub(pattern, replacement, text, count=1, flags=re.M)
        assert changed != text, f"{pattern} not found in {name}"
        path.write_text(changed, encoding="utf-8")

    def linked(name):
        return any(name in p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name != name)

    files = sorted(p.name for p in folder.iterdir())
    a, b, c, d, e, f = rnd.sample(files, 6)
    # A lineage: g is the original, h is based on it, i on h (so i follows g via h).
    g, h, i = [n for n in sorted(files) if n not in (a, b, c, d, e, f) and "draft: true" not in (folder / n).read_text(encoding="utf-8")][:3]
    removable = next(n for n in rnd.sample(files, len(files)) if n not in (a, b, c, d, e, f, g, h, i) and not linked(n))

    def based_on(name, target):
        return lambda: edit(name, r"^status: .*\n", lambda m: m.group(0) + f"based_on: [{target.removesuffix('.md')}]\n")
    # For the views of #15: a type table's cells, the coverage counts, the region gaps and the monitor.
    p, q, k = rnd.sample([n for n in files if n not in (a, b, c, d, e, f, g, h, i, removable)], 3)
    with_results = next(n for n in files if n not in (a, b, c, d, e, f, removable) and "  participants: " in (folder / n).read_text(encoding="utf-8"))

    def set_evidence(name):
        text = (folder / name).read_text(encoding="utf-8")
        level = "geen" if "evidence_level: effectief" in text else "effectief"
        edit(name, r"^(?:evidence_level: .*\n)?tags:", f"evidence_level: {level}\ntags:")
    steps = [
        ("body edit", lambda: edit(a, r"\Z", "\nNa de evaluatie gaat de aanpak door in de hele regio.\n")),
        ("title edit", lambda: edit(b, r"^title: .*$", 'title: "Arrangeur voor kwetsbare ouderen"')),
        ("summary edit", lambda: edit(c, r"^summary: .*$", 'summary: "Een arrangeur regelt zorg over de domeinen heen."')),
        ("type edit", lambda: edit(c, r"^type: .*$", "type: respijtzorg")),
        ("region edit", lambda: edit(d, r"^region: .*$", "region: ZK20")),
        ("business case edit", lambda: edit(e, r"^  expected_wlz_savings: .*$", "  expected_wlz_savings: 1234000")),
        ("partner added", lambda: edit(f, r"^partners:\n", "partners:\n  - {name: Stichting Nieuw Partnerschap, kind: welzijn}\n")),
        # Lineage: the original's page lists every follower with its region and counts regions;
        # a follower's page names what it is based on.
        ("based_on added", based_on(h, g)),
        ("lineage extended", based_on(i, h)),
        ("follower region edit", lambda: edit(i, r"^region: .*$", "region: ZK25")),
        ("follower title edit", lambda: edit(h, r"^title: .*$", 'title: "Navolger met een nieuwe naam"')),
        ("based_on removed", lambda: edit(h, r"^based_on: .*\n", "")),
        # Views: the type table and monitor show participants; evidence ranks the region gaps' examples.
        ("participants edit", lambda: edit(with_results, r"^  participants: .*$", "  participants: 4321")),
        ("evidence edit", lambda: set_evidence(p)),
        # Coverage counts, the tile map and the monitor's regions.
        ("type and region edit", lambda: (edit(q, r"^type: .*$", "type: overig"), edit(q, r"^region: .*$", "region: ZK01"))),
        # The monitor's starts per year and realised savings.
        # The generator writes some starts quoted ("2022"): keep the quote.
        ("start year edit", lambda: edit(k, r'(start: "?)\d{4}', r"\g<1>2009")),
        # The compare data on the initiative page carries its "Geleerde lessen" section.
        ("lessons edit", lambda: edit(p, r"^## Geleerde lessen\n", "## Geleerde lessen\n\nBegin klein en meet vanaf de eerste dag.\n")),
        ("write-up removed", lambda: (folder / removable).unlink()),
        ("write-up added", lambda: (folder / "nieuw-logeerhuis.md").write_text(
            re.sub(r"^title: .*$", 'title: "Nieuw logeerhuis"', (folder / a).read_text(encoding="utf-8"), count=1, flags=re.M),
            encoding="utf-8")),
        # Reference data: a type's label is on pages, in cards and in the search index.
        ("type label edit", lambda: (site / "content" / "types.yml").write_text(
            re.sub(r"^  label: .*$", "  label: Regisseur thuiswonende ouderen", TYPES.read_text(encoding="utf-8"), count=1, flags=re.M),
            encoding="utf-8")),
        ("nothing changed", lambda: None),
    ]
    for name, change in steps:
        change()
        said = build(site, out)
        if name == "nothing changed":
            assert "niets veranderd" in said
        shutil.rmtree(clean, ignore_errors=True)
        build(site, clean, "--no-cache")
        got_files, got_folders = tree(out)
        want_files, want_folders = tree(clean)
        assert sorted(got_files) == sorted(want_files), f"{name}: other files than a clean build"
        assert got_folders == want_folders, f"{name}: other folders than a clean build"
        different = [path for path in want_files if got_files[path] != want_files[path]]
        assert different == [], f"{name}: differs from a clean build: {different[:10]}"
