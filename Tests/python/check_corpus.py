#!/usr/bin/env python3
"""Run the bad-input corpus (Tests/Fixtures/bad/cases.yml) against the kb binary.

Not a pytest test (pytest only collects test_*.py); run it by hand or from CI:

    python3 Tests/python/check_corpus.py [--kb PATH] [--only CASE ...] [--verbose]

It prints one row per case (case / expected / got / OK) and exits 1 when any case does not
match. It is also the executable description of the manifest semantics for the Swift test:

Site per case (every case runs alone, in a fresh temporary site folder SITE):
  * SITE/content/initiatieven/companion.md  <- Tests/Fixtures/bad/_companion/companion.md
  * the case file, named `filename` if given, else `<case>.md`, with the bytes of:
      - `generate: NAME`   -> the recipe NAME below (built from _generate/base.md), or
      - `symlink_to: PATH` -> no bytes: a symbolic link to PATH, or
      - otherwise          -> Tests/Fixtures/bad/<case>.md, copied byte for byte.
  * every name in `extra_files`, copied from Tests/Fixtures/bad/ under the same name.
  Then `kb check SITE --format json` runs with a time limit (a hang is a failure).

Comparison:
  * `expect` lists every diagnostic kb must print; `expect: []` means no diagnostics at all.
  * an expectation matches one diagnostic when severity and code are equal, line and column
    are equal when given (1-based, counted from the top of the file, line 1 = opening `---`),
    the message contains every entry of `words` (case-insensitive) and none of `not_words`.
    `file:` names the file inside content/initiatieven/ (default: the case file).
  * every diagnostic must be matched by exactly one expectation: extra diagnostics, in any file
    (companion and extra files included), are failures.
  * no message may contain libyaml's English (see ENGLISH below); the site is Dutch.
  * exit status of `kb check`: 1 when an error is expected, else 0; a crash is a failure.
  * when nothing of severity error is expected, `kb build SITE --output SITE/public` must
    also succeed; `output_must_not_contain` strings may then appear in no output file except
    *.csv (CSV is data, not markup), and each `output_must_contain` string in at least one
    *.html file.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "Tests" / "Fixtures" / "bad"
COMPANION = CORPUS / "_companion" / "companion.md"
GENERATE_BASE = CORPUS / "_generate" / "base.md"
TIME_LIMIT = 60  # seconds per kb run
ENGLISH = ["while ", "found ", "expected ", "did not", "could not", "scanning", "parsing", "mapping", "unexpected"]
MAX_SIZE = 5 * 1024 * 1024


# ---- generated cases (too big to commit) ---------------------------------------------

def _base():
    return GENERATE_BASE.read_bytes()


def gen_ten_thousand_lines():
    """Valid front matter + a body of exactly 10,000 lines (headings, text, blank lines)."""
    body = []
    for i in range(1, 10_001):
        if i % 100 == 1:
            body.append(f"## Deel {i // 100 + 1}")
        elif i % 100 == 2 or i % 100 == 0:
            body.append("")
        else:
            body.append(f"Regel {i}: de mantelzorger krijgt steun en de oudere blijft langer thuis wonen.")
    return _base() + ("\n".join(body) + "\n").encode()


def gen_over_five_megabytes():
    """Valid front matter + body padded to exactly 5 MiB + 1 byte (kb's limit is 5 * 1024 * 1024)."""
    data = _base()
    line = "Deze regel vult de beschrijving op tot boven de grens van vijf megabyte.\n".encode()
    need = MAX_SIZE + 1 - len(data)
    data += line * (need // len(line)) + b"x" * (need % len(line))
    assert len(data) == MAX_SIZE + 1
    return data


def gen_long_line():
    """Valid write-up whose title is one line of 1 MiB (1,048,576 characters)."""
    text = _base().decode()
    title = ("Ontmoetingscentrum Drachten " * 40_000)[: 1024 * 1024 - 1] + "X"
    assert len(title) == 1024 * 1024
    lines = text.split("\n")
    assert lines[1].startswith("title: ")
    lines[1] = "title: " + title
    return "\n".join(lines).encode()


GENERATORS = {
    "ten-thousand-lines": gen_ten_thousand_lines,
    "over-five-megabytes": gen_over_five_megabytes,
    "long-line": gen_long_line,
}


# ---- running ---------------------------------------------------------------------------

def make_site(entry, root):
    folder = root / "content" / "initiatieven"
    folder.mkdir(parents=True)
    shutil.copyfile(COMPANION, folder / "companion.md")
    name = entry.get("filename") or f"{entry['case']}.md"
    target = folder / name
    if "generate" in entry:
        target.write_bytes(GENERATORS[entry["generate"]]())
    elif "symlink_to" in entry:
        os.symlink(entry["symlink_to"], target)
    else:
        shutil.copyfile(CORPUS / f"{entry['case']}.md", target)
    for extra in entry.get("extra_files", []):
        shutil.copyfile(CORPUS / extra, folder / extra)
    return name


def run(cmd):
    start = time.monotonic()
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        return None, b"", f"geen antwoord binnen {TIME_LIMIT} s (hangt)".encode(), TIME_LIMIT
    return proc.returncode, proc.stdout, proc.stderr, time.monotonic() - start


def crash_line(err):
    """The line of stderr that says what went wrong (Swift prints a long backtrace)."""
    lines = err.decode(errors="replace").splitlines()
    for marker in ("Fatal error", "runtime failure", "error:"):
        for line in lines:
            if marker in line:
                return line.strip()[:300]
    return (lines[-1] if lines else "").strip()[:300]


def short(d):
    where = f"{d.get('line', '?')}:{d.get('column', '?')}" if "line" in d or "column" in d else "-"
    file = d.get("file")
    prefix = f"{file} " if file else ""
    return f"{prefix}{d['severity']} {d['code']} {where}"


def matches(exp, got, case_file):
    if got["file"] != exp.get("file", case_file):
        return False
    if exp["severity"] != got["severity"] or exp["code"] != got["code"]:
        return False
    if "line" in exp and exp["line"] != got["line"]:
        return False
    if "column" in exp and exp["column"] != got["column"]:
        return False
    message = got["message"].lower()
    if any(w.lower() not in message for w in exp.get("words", [])):
        return False
    if any(w.lower() in message for w in exp.get("not_words", [])):
        return False
    return True


def check_case(kb, entry, verbose):
    problems = []
    with tempfile.TemporaryDirectory(prefix="kb-corpus-") as tmp:
        site = Path(tmp) / "site"
        name = make_site(entry, site)
        rc, out, err, seconds = run([kb, "check", str(site), "--format", "json"])
        got = []
        if rc is None:
            problems.append(err.decode())
        elif rc not in (0, 1):
            problems.append(f"kb check stopte met code {rc}: {crash_line(err)}")
        else:
            try:
                got = json.loads(out)
            except ValueError:
                problems.append(f"geen JSON: {out[:300]!r} {err[:300]!r}")
        for d in got:
            d["file"] = d["file"].removeprefix("content/initiatieven/")
        expected = entry.get("expect") or []
        remaining = list(got)
        for exp in expected:
            hit = next((g for g in remaining if matches(exp, g, name)), None)
            if hit is None:
                nots = f" zonder {exp['not_words']}" if exp.get("not_words") else ""
                problems.append(f"ontbreekt: {short(exp)} met {exp.get('words', [])}{nots}")
            else:
                remaining.remove(hit)
        for g in remaining:
            problems.append(f"onverwacht: {g['file']}:{g['line']}:{g['column']}: {g['severity']} {g['code']} {g['message']}")
        for g in got:
            english = [w.strip() for w in ENGLISH if w in g["message"].lower()]
            if english:
                problems.append(f"Engels in melding ({', '.join(english)}): {g['message']}")
        wants_error = any(e["severity"] == "error" for e in expected)
        if rc is not None and rc in (0, 1) and rc != (1 if wants_error else 0):
            problems.append(f"exitcode {rc}, verwacht {1 if wants_error else 0}")
        if not wants_error and rc is not None:
            problems += check_build(kb, entry, site)
    got_text = ", ".join(f"{g['severity']} {g['code']} {g['line']}:{g['column']}" for g in got) or "[]"
    if rc is None:
        got_text = "HANGT"
    elif rc not in (0, 1):
        got_text = f"CRASH ({rc})"
    exp_text = ", ".join(short(e) for e in entry.get("expect") or []) or "[]"
    if verbose and got:
        for g in got:
            print(f"    {entry['case']}: {g['file']}:{g['line']}:{g['column']}: {g['severity']}: [{g['code']}] {g['message'][:300]}")
    return exp_text, got_text, problems


def check_build(kb, entry, site):
    problems = []
    output = site / "public"
    rc, out, err, _ = run([kb, "build", str(site), "--output", str(output)])
    if rc != 0:
        return [f"kb build faalde ({rc}): {crash_line(err)}"]
    must_not = entry.get("output_must_not_contain", [])
    must = {s: False for s in entry.get("output_must_contain", [])}
    for path in sorted(output.rglob("*")):
        if not path.is_file() or path.suffix == ".csv":
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        for s in must_not:
            if s in text:
                problems.append(f"{path.relative_to(output)} bevat onveilig {s!r}")
        if path.suffix == ".html":
            for s in must:
                must[s] = must[s] or s in text
    problems += [f"geen .html-bestand bevat {s!r}" for s, found in must.items() if not found]
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kb", default=str(ROOT / ".build" / "debug" / "kb"))
    parser.add_argument("--only", nargs="*", help="only these cases")
    parser.add_argument("--verbose", action="store_true", help="print every diagnostic kb gave")
    args = parser.parse_args()

    entries = yaml.safe_load((CORPUS / "cases.yml").read_text(encoding="utf-8"))
    names = [e["case"] for e in entries]
    failures = 0
    setup = []
    if len(names) != len(set(names)):
        setup.append("dubbele case-namen in cases.yml")
    on_disk = {p.stem for p in CORPUS.glob("*.md")}
    used = {e["case"] for e in entries if "generate" not in e and "symlink_to" not in e}
    used |= {Path(x).stem for e in entries for x in e.get("extra_files", [])}
    if on_disk - used:
        setup.append(f"bestanden zonder case: {sorted(on_disk - used)}")
    if used - on_disk:
        setup.append(f"cases zonder bestand: {sorted(used - on_disk)}")
    unknown = {e["generate"] for e in entries if "generate" in e} - set(GENERATORS)
    if unknown:
        setup.append(f"onbekende generate-recepten: {sorted(unknown)}")
    for s in setup:
        print(f"MANIFEST: {s}")
        failures += 1

    rows = []
    for entry in entries:
        if args.only and entry["case"] not in args.only:
            continue
        exp, got, problems = check_case(args.kb, entry, args.verbose)
        rows.append((entry["case"], exp, got, "OK" if not problems else "FOUT", problems))
        failures += bool(problems)

    widths = [max(len(r[i]) for r in rows + [("case", "expected", "got", "OK", [])]) for i in range(4)]
    widths = [min(w, 48) for w in widths]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    cut = lambda text, w: text if len(text) <= w else text[: w - 1] + "…"
    print(fmt.format("case", "expected", "got", "OK"))
    for case, exp, got, ok, problems in rows:
        print(fmt.format(case, cut(exp, widths[1]), cut(got, widths[2]), ok))
        for p in problems:
            print(f"      - {p}")
    total = len(rows)
    print(f"\n{total - sum(1 for r in rows if r[4])} van {total} cases OK")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
