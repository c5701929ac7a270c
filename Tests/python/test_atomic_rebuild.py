"""A build that is killed at any moment leaves the output folder as it was or as it will be.

A generated site of 1,000 write-ups (Benchmarks/generate_corpus.py 1000 --seed 7) flips between
two versions of its content while `kb build SITE` is SIGKILLed after a random delay (fixed seed)
between zero and 1.3 times the time an unkilled build takes:

  clean            `kb build --no-cache` (the whole output folder is written anew) is killed,
                   after ~200 edited bodies, a few new titles and regions;
  edit             the same edits, plain (incremental) rebuilds;
  reference-data   content/types.yml with one type's label changed, plain rebuilds.

After every kill SITE/public must equal, file list and bytes (with kb's `.kb-build` marker),
either the previous successful build or the new one, never a mix and never missing. The next,
unkilled (plain) build must give exactly a clean `kb build --no-cache` of the same content and leave
nothing behind: no `.public.kb-*` beside the output and in SITE/.kb-cache only `lock`,
`build-*.state`, `*.cache` files and one `spare-*` folder.

Also: two builds of the same site started at once do not interleave; content/types.yml changed
while a build runs is picked up by the next build; and a rebuild after every cache file was
truncated, bit-flipped or swapped with another still equals a clean build."""
import fnmatch
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from trees import read_tree

ROOT = Path(__file__).resolve().parents[2]
KB = Path(os.environ.get("KB_BINARY", str(ROOT / ".build" / "debug" / "kb")))
REFERENCE = ROOT / "Sources" / "KnowledgeBase" / "Resources" / "reference"
COUNT = 1000
KILLS = {"clean": 8, "edit": 14, "reference-data": 8}  # 30 kills in all
SEED = 20240607


# --------------------------------------------------------------------------------------------
# Trees


def tree_difference(got, want):
    """'' when the trees are equal, else what differs, naming the first paths."""
    got_files, got_folders = got
    want_files, want_folders = want
    missing = sorted(set(want_files) - set(got_files))
    extra = sorted(set(got_files) - set(want_files))
    differing = sorted(p for p in want_files.keys() & got_files.keys() if want_files[p] != got_files[p])
    missing_folders = sorted(want_folders - got_folders)
    extra_folders = sorted(got_folders - want_folders)
    parts = []
    for label, paths in (("missing files", missing), ("extra files", extra), ("differing files", differing),
                         ("missing folders", missing_folders), ("extra folders", extra_folders)):
        if paths:
            parts.append(f"{len(paths)} {label} (first: {paths[0]}{', ' + paths[1] if len(paths) > 1 else ''})")
    return "; ".join(parts)


# --------------------------------------------------------------------------------------------
# The site and its two versions


class Site:
    """A generated site whose content can be switched between named versions."""

    def __init__(self, top):
        self.top = top
        self.site = top / "site"
        self.public = self.site / "public"
        self.cache = self.site / ".kb-cache"
        self.folder = self.site / "content" / "initiatieven"
        subprocess.run([sys.executable, str(ROOT / "Benchmarks" / "generate_corpus.py"), str(COUNT), str(self.site),
                        "--seed", "7"], check=True, capture_output=True)
        self.entries = set(os.listdir(self.site))  # what the author has in the site folder
        self.original = {p.name: p.read_text(encoding="utf-8") for p in sorted(self.folder.iterdir())}
        self.versions = {"old": (self.original, None), "edited": (self.edited(), None), "types": (self.original, self.types())}
        self.current = "old"
        self.reference = {}

    def edited(self):
        """~200 bodies with an extra paragraph, four new titles, three write-ups in another region."""
        rnd = random.Random(7)
        names = sorted(self.original)
        texts = dict(self.original)
        codes = re.findall(r"^- code:\s*(\S+)", (REFERENCE / "regions.yml").read_text(encoding="utf-8"), re.M)
        chosen = rnd.sample(names, 207)
        for n, name in enumerate(chosen[:200]):
            texts[name] += f"\nNa de evaluatie in {2020 + n % 5} besloot het zorgkantoor de aanpak voort te zetten ({n}).\n"
        for n, name in enumerate(chosen[200:204]):
            texts[name], hits = re.subn(r"^title: .*$", f'title: "Thuis blijven wonen met steun, deel {n + 1}"', texts[name],
                                        count=1, flags=re.M)
            assert hits == 1, name
        for name in chosen[204:]:
            current = re.search(r"^region: (.*)$", texts[name], re.M).group(1).strip()
            code = next(c for c in rnd.sample(codes, len(codes)) if c != current)
            texts[name] = re.sub(r"^region: .*$", f"region: {code}", texts[name], count=1, flags=re.M)
        assert sum(texts[n] != self.original[n] for n in names) == 207
        return texts

    @staticmethod
    def types():
        """content/types.yml: the built-in list with the first type's label changed."""
        text = (REFERENCE / "types.yml").read_text(encoding="utf-8")
        changed, hits = re.subn(r"^  label: .*$", "  label: Regisseur thuiswonende ouderen", text, count=1, flags=re.M)
        assert hits == 1
        return changed

    def switch(self, version):
        """Write the content of `version`, touching only files that differ from the current one."""
        texts, types = self.versions[version]
        now_texts, now_types = self.versions[self.current]
        for name, text in texts.items():
            if now_texts[name] != text:
                (self.folder / name).write_text(text, encoding="utf-8")
        types_file = self.site / "content" / "types.yml"
        if types is None:
            types_file.unlink(missing_ok=True)
        elif types != now_types:
            types_file.write_text(types, encoding="utf-8")
        self.current = version

    def leftovers(self):
        """What a finished build must not leave behind."""
        found = []
        for name in sorted(os.listdir(self.site)):
            if name.startswith(".public.kb-") or name not in self.entries | {"public", ".kb-cache"}:
                found.append(f"SITE/{name}")
        spares = []
        if self.cache.is_dir():
            for name in sorted(os.listdir(self.cache)):
                path = self.cache / name
                if path.is_dir() and not path.is_symlink() and name.startswith("spare-"):
                    spares.append(name)
                    continue
                allowed = path.is_file() and not name.startswith(".") and (
                    name == "lock" or fnmatch.fnmatch(name, "build-*.state") or name.endswith(".cache"))
                if not allowed:
                    found.append(f"SITE/.kb-cache/{name}{'/' if path.is_dir() else ''}")
        if len(spares) > 1:
            found.append(f"{len(spares)} spare folders in SITE/.kb-cache: {spares}")
        return found


def kb(args, timeout=300):
    env = dict(os.environ)
    env.pop("CI", None)
    return subprocess.run([str(KB), *map(str, args)], capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def work():
    """The generated site with clean reference builds of its three versions. The references are
    built from the site itself into folders outside it; SITE/.kb-cache is removed afterwards so
    that everything in it belongs to SITE/public."""
    assert KB.exists(), f"build kb first (swift build): {KB} is missing"
    top = Path(tempfile.mkdtemp(prefix="kb-atomic-"))
    site = Site(top)
    times = []
    for version in ("old", "edited", "types"):
        site.switch(version)
        started = time.monotonic()
        result = kb(["build", site.site, "--no-cache", "--output", top / f"ref-{version}"])
        times.append(time.monotonic() - started)
        assert result.returncode == 0, result.stdout + result.stderr
        site.reference[version] = read_tree(top / f"ref-{version}")
        shutil.rmtree(top / f"ref-{version}")
    site.clean_time = sorted(times)[1]
    site.switch("old")
    shutil.rmtree(site.cache, ignore_errors=True)
    assert not site.public.exists()
    yield site
    shutil.rmtree(top, ignore_errors=True)


def complete_build(site, *extra):
    """An unkilled `kb build SITE *extra` that must succeed; returns (seconds taken, result).
    Whether it gave a clean build and left nothing behind is for check_settled to say."""
    started = time.monotonic()
    result = kb(["build", site.site, *extra])
    took = time.monotonic() - started
    assert result.returncode == 0, f"kb build {' '.join(extra)} failed:\n{result.stdout}{result.stderr}"
    return took, result


def check_settled(site, context, known=None):
    """Problems after an unkilled build: output other than a clean build, leftovers (those not
    in `known` yet, which collects them, so each is reported once)."""
    problems = []
    difference = tree_difference(read_tree(site.public), site.reference[site.current])
    if difference:
        problems.append(f"{context}: SITE/public is not a clean build of the content: {difference}")
    left = [name for name in site.leftovers() if known is None or name not in known]
    if known is not None:
        known.update(left)
    if left:
        problems.append(f"{context}: leftovers after a finished build: {left}")
    return problems


def start_fresh(site):
    """Content 'old' in SITE/public, built by kb, whatever an earlier test left (that test has
    reported it already)."""
    site.switch("old")
    result = kb(["build", site.site])
    if result.returncode != 0 or check_settled(site, "start"):
        shutil.rmtree(site.public, ignore_errors=True)
        shutil.rmtree(site.cache, ignore_errors=True)
        for name in os.listdir(site.site):
            if name not in site.entries:
                shutil.rmtree(site.site / name, ignore_errors=True)
        complete_build(site)
    problems = check_settled(site, "fresh start")
    if problems:
        pytest.fail("\n".join(problems))


# --------------------------------------------------------------------------------------------
# Killed builds

SCENARIOS = {
    # name: (the other version, extra arguments of the build that is killed)
    "clean": ("edited", ["--no-cache"]),
    "edit": ("edited", []),
    "reference-data": ("types", []),
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_killed_build_leaves_old_or_new_output(work, scenario):
    site = work
    other, extra = SCENARIOS[scenario]
    rnd = random.Random(f"{SEED}-{scenario}")
    start_fresh(site)

    # How long an unkilled build of this kind takes (old -> other version).
    site.switch(other)
    took, _ = complete_build(site, *extra)
    problems = check_settled(site, f"{scenario}: unkilled build")
    if problems:
        pytest.fail("\n".join(problems))
    print(f"\n{scenario}: unkilled build {took:.2f} s; killing {KILLS[scenario]} builds")

    problems, leftovers, log = [], set(), []
    for kill in range(1, KILLS[scenario] + 1):
        before = site.current
        after = "old" if before == other else other
        site.switch(after)
        delay = rnd.uniform(0, 1.3 * took)
        context = (f"{scenario} kill {kill}/{KILLS[scenario]} ({before} -> {after}, SIGKILL after {delay:.3f} s; "
                   f"unkilled build {took:.2f} s)")
        process = subprocess.Popen([str(KB), "build", str(site.site), *extra], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        started = time.monotonic()
        time.sleep(max(0.0, delay - (time.monotonic() - started)))
        finished = process.poll() is not None
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()

        # Right after the kill: exactly the old output or exactly the new one.
        got = read_tree(site.public)
        as_old = tree_difference(got, site.reference[before])
        as_new = tree_difference(got, site.reference[after])
        if as_old and as_new:
            state = "a mix" if site.public.is_dir() else "MISSING"
            log.append(f"{context}: public is {state}")
            problems.append(f"{context}: SITE/public is {state}, neither the old nor the new build.\n"
                            f"    compared with the old build: {as_old or 'equal'}\n"
                            f"    compared with the new build: {as_new or 'equal'}")
        else:
            log.append(f"{context}: {'finished' if finished else 'killed'}, public is the {'old' if not as_old else 'new'} build")

        # The next build finishes the job, gives a clean build and leaves nothing behind.
        try:
            took_next, _ = complete_build(site)
            log[-1] += f"; next build {took_next:.2f} s"
        except AssertionError as error:
            problems.append(f"{context}: the next build failed: {error}")
            break
        problems += check_settled(site, f"{context}, then an unkilled build", leftovers)
    print("\n".join(log))
    if problems:
        pytest.fail(f"{len(problems)} problem(s):\n" + "\n".join(problems) + "\n\nall kills:\n" + "\n".join(log))


# --------------------------------------------------------------------------------------------
# Two builds at once


def run_together(site, first, second, gap):
    """Starts `kb build SITE *first`, `gap` seconds later `kb build SITE *second`; waits for both.
    Returns [(exit code, stdout, stderr)] and a text with both outputs."""
    processes = [subprocess.Popen([str(KB), "build", str(site.site), *first], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)]
    time.sleep(gap)
    processes.append(subprocess.Popen([str(KB), "build", str(site.site), *second], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True))
    results = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        results.append((process.returncode, out, err))
    said = "\n".join(f"build {n} (kb build {' '.join(extra)}): exit {code}\n{out}{err}"
                     for n, ((code, out, err), extra) in enumerate(zip(results, (first, second)), 1))
    return results, said


def test_concurrent_builds_do_not_interleave(work):
    """Round 1: two `kb build SITE` started at once after an edit. Round 2: a slow
    `kb build --no-cache --base-url https://elders.example/` and, 0.3 s later, a plain
    `kb build`: builds of one site take turns, so the later one must not be overwritten by the
    earlier one finishing after it. Each build succeeds, or exits non-zero with an 'error:' line
    (busy); at least one succeeds. If the later build succeeded, SITE/public must be a clean
    build right away, else after the next build; then one more edit and rebuild must also give a
    clean build (no build state left inconsistent by the two)."""
    site = work
    start_fresh(site)
    problems = []
    rounds = [("edited", [], [], 0.0), ("types", ["--no-cache", "--base-url", "https://elders.example/"], [], 0.3)]
    for round_, (version, first, second, gap) in enumerate(rounds, 1):
        context = (f"round {round_} ({site.current} -> {version}): `kb build {' '.join(first)}`, "
                   f"after {gap} s `kb build {' '.join(second)}`")
        site.switch(version)
        results, said = run_together(site, first, second, gap)
        codes = [code for code, _, _ in results]
        if 0 not in codes:
            problems.append(f"{context}: neither build succeeded\n{said}")
        for code, out, err in results:
            if code != 0 and not any("error:" in line for line in err.splitlines()):
                problems.append(f"{context}: a build exited {code} without an 'error:' line saying why\n{said}")
        if codes[1] == 0:
            problems += [f"{p}\n{said}" for p in check_settled(site, f"{context}; right after both")]
        complete_build(site)
        problems += check_settled(site, f"{context}; after the next build")
        site.switch("old")
        complete_build(site)
        problems += check_settled(site, f"{context}; after one more edit and rebuild")
        if problems:
            break
    if problems:
        pytest.fail("\n".join(problems))


def test_reference_data_edited_during_a_build_is_picked_up_by_the_next_build(work):
    """content/types.yml appears or disappears while `kb build --no-cache` runs (at a few moments
    early in the build, where kb reads the reference data). That build may show either version,
    but the build state it leaves must describe what it really read: the next plain build must
    equal a clean build of the content as it is now."""
    site = work
    start_fresh(site)
    problems = []
    for n, fraction in enumerate((0.06, 0.12)):
        start, end = ("old", "types") if n % 2 == 0 else ("types", "old")
        assert site.current == start
        gap = fraction * site.clean_time
        context = (f"types.yml {'added' if end == 'types' else 'removed'} {gap:.2f} s into `kb build --no-cache` "
                   f"(clean build {site.clean_time:.2f} s)")
        process = subprocess.Popen([str(KB), "build", str(site.site), "--no-cache"], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(gap)
        site.switch(end)
        out, err = process.communicate(timeout=300)
        if process.returncode != 0:
            problems.append(f"{context}: exit {process.returncode}\n{out}{err}")
        _, result = complete_build(site)
        problems += [f"{problem}\n  the next build said: {result.stdout.strip()}"
                     for problem in check_settled(site, f"{context}, then a plain build")]
    if problems:
        pytest.fail("\n".join(problems))


# --------------------------------------------------------------------------------------------
# Damaged caches


def cache_files(site):
    return sorted(p for p in site.cache.iterdir()
                  if p.is_file() and (p.name.endswith(".cache") or fnmatch.fnmatch(p.name, "build-*.state")))


def truncate(files):
    for path in files:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])


def flip_bits(files):
    for path in files:
        data = bytearray(path.read_bytes())
        for at in {len(data) // 2, len(data) * 3 // 4, max(0, len(data) - 9), min(len(data) - 1, 40)}:
            if 0 <= at < len(data):
                data[at] ^= 0x10
        path.write_bytes(bytes(data))


def swap(files):
    """Each file gets the bytes of the next one (the last gets the first's)."""
    contents = [p.read_bytes() for p in files]
    for path, data in zip(files, contents[1:] + contents[:1]):
        path.write_bytes(data)


def test_damaged_cache_still_gives_a_clean_build(work):
    site = work
    start_fresh(site)
    problems = []
    for damage, version in ((truncate, "edited"), (flip_bits, "old"), (swap, "edited")):
        files = cache_files(site)
        assert len(files) >= 2, f"expected cache files in SITE/.kb-cache, found {os.listdir(site.cache)}"
        damage(files)
        site.switch(version)
        _, result = complete_build(site)
        found = check_settled(site, f"{damage.__name__} {[p.name for p in files]}, edit, rebuild")
        problems += [f"{problem}\nkb said: {result.stdout}{result.stderr}" for problem in found]
    if problems:
        pytest.fail("\n".join(problems))
