"""kb owns only what it made: `kb build SITE --output DIR` never deletes or overwrites anything
it did not write itself.

The output folder may be missing, empty (a folder holding only `.gitkeep` counts as empty), or a
folder an earlier kb build wrote (it carries the marker file `.kb-build`). Anything else is refused
before anything is touched: exit code 2 and an `error:` line on stderr that names the path. With
`--force` a non-empty folder kb did not write is allowed (its files are replaced by the site), but
the site folder, its sources (content/, templates/, .kb-cache/, kb.yml), a folder that contains the
site, `/` and the home folder stay refused.

Every refused case runs against a copy of the sample site (content/, kb.yml, templates/ and a
NOTES.txt of the author's own) in a temporary folder, next to a foreign folder, a file and a home
folder (HOME points there for every run). Everything in that temporary folder is recorded, path
and bytes, before the run and compared after it: only SITE/.kb-cache may have appeared or changed.
`--output /` runs in a private mount namespace with the real root mounted read-only, so a kb that
does not refuse it cannot harm this machine; without `unshare` it only runs once kb has shown it
refuses a folder that contains the site."""
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KB = Path(os.environ.get("KB_BINARY", str(ROOT / ".build" / "debug" / "kb")))
MARKER = ".kb-build"
NOTES = "Eigen aantekeningen van de redactie; kb mag hier niet aankomen.\n"


# --------------------------------------------------------------------------------------------
# Folders and snapshots


def make_layout(top):
    """top/site (the sample site), top/other/{foreign/, file.txt}, top/home; returns the paths."""
    site = top / "site"
    site.mkdir(parents=True)
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copy2(ROOT / "kb.yml", site / "kb.yml")
    if (ROOT / "templates").is_dir():
        shutil.copytree(ROOT / "templates", site / "templates")
    else:
        (site / "templates").mkdir()
    (site / "templates" / "NOTES.md").write_text("Sjablonen van deze site.\n", encoding="utf-8")
    (site / "NOTES.txt").write_text(NOTES, encoding="utf-8")
    other = top / "other"
    foreign = other / "foreign"
    (foreign / "notes").mkdir(parents=True)
    (foreign / "index.html").write_text("<p>mijn eigen pagina</p>\n", encoding="utf-8")
    (foreign / "notes" / "keep.txt").write_text("niet weggooien\n", encoding="utf-8")
    (other / "file.txt").write_text("een los bestand\n", encoding="utf-8")
    home = top / "home"
    (home / "Documenten").mkdir(parents=True)
    (home / ".bashrc").write_text("export PS1='$ '\n", encoding="utf-8")
    (home / "Documenten" / "cv.txt").write_text("curriculum vitae\n", encoding="utf-8")
    return {"top": top, "site": site, "other": other, "foreign": foreign, "file": other / "file.txt", "home": home}


def snapshot(top, skip=()):
    """Every entry below `top`: files with their bytes, folders, symbolic links with their target.
    Entries below a path in `skip` (relative to top) are left out."""
    entries = {}
    for base, dirs, names in os.walk(top):
        rel = os.path.relpath(base, top)
        kept = []
        for name in dirs + names:
            path = os.path.normpath(os.path.join(rel, name))
            if path in skip:
                continue
            full = os.path.join(base, name)
            if os.path.islink(full):
                entries[path] = ("link", os.readlink(full))
            elif name in dirs:
                entries[path] = ("folder",)
                kept.append(name)
            else:
                entries[path] = ("file", Path(full).read_bytes())
        dirs[:] = kept
    return entries


def describe_changes(before, after, limit=8):
    """'' when equal, else which paths were removed, added and changed (the first few of each)."""
    removed = sorted(set(before) - set(after))
    added = sorted(set(after) - set(before))
    changed = sorted(p for p in set(before) & set(after) if before[p] != after[p])
    parts = []
    for label, paths in (("removed", removed), ("added", added), ("changed", changed)):
        if paths:
            more = f" (+{len(paths) - limit} more)" if len(paths) > limit else ""
            parts.append(f"{label} {len(paths)}: {paths[:limit]}{more}")
    return "; ".join(parts)


def files_below(folder):
    """path -> bytes of every file below `folder` (symbolic links as their target)."""
    return {p: v[1] for p, v in snapshot(folder).items() if v[0] != "folder"}


# --------------------------------------------------------------------------------------------
# Running kb


def sandbox_available():
    """A private mount namespace with a read-only root: needs root and unshare(1)."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "true"], capture_output=True)
    return probe.returncode == 0


def run_kb(args, cwd, home, read_only_root_except=None):
    env = dict(os.environ, HOME=str(home))
    env.pop("CI", None)
    command = [str(KB), *args]
    if read_only_root_except is not None:
        # The writable folder is bind-mounted onto itself first, so it is its own mount and stays
        # writable when / is remounted read-only; the namespace ends with the process.
        script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro / && exec "$@"'
        command = ["unshare", "-m", "--propagation", "private", "sh", "-c", script, str(read_only_root_except), *command]
    return subprocess.run(command, cwd=str(cwd), env=env, capture_output=True, text=True, timeout=120)


def names_path(line, candidates):
    """True when `line` names one of the paths as a whole (not as the start of a longer path):
    the path, optionally with a trailing slash, followed by the end of the line, white space,
    a quote, a bracket, a colon or comma, or a full stop that ends a sentence."""
    for path in candidates:
        if not path:
            continue
        body = re.escape(path.rstrip("/") or "/")
        slash = "" if path.rstrip("/") == "" else "/?"
        pattern = rf"(?:^|[\s'\"`‘“(=])({body}{slash})(?=$|[\s'\"`’”),:;]|\.(?:$|\s))"
        if re.search(pattern, line):
            return True
    return False


def path_forms(given, cwd):
    """The path as given on the command line, absolute, normalised and resolved."""
    absolute = os.path.join(str(cwd), given)
    return {given, os.path.abspath(absolute), os.path.normpath(absolute), os.path.realpath(absolute)}


@pytest.fixture(scope="module")
def reference():
    """A clean build of the sample site: what every allowed case must produce."""
    assert KB.exists(), f"build kb first (swift build): {KB} is missing"
    top = Path(tempfile.mkdtemp(prefix="kb-safety-ref-"))
    layout = make_layout(top)
    result = run_kb(["build", str(layout["site"]), "--no-cache", "--output", str(top / "ref")], top, layout["home"])
    assert result.returncode == 0, result.stdout + result.stderr
    files = files_below(top / "ref")
    shutil.rmtree(top, ignore_errors=True)
    return files


@pytest.fixture
def layout(tmp_path):
    assert KB.exists(), f"build kb first (swift build): {KB} is missing"
    return make_layout(tmp_path / "t")


# --------------------------------------------------------------------------------------------
# Refused: exit 2, an error line naming the path, nothing touched.

# (id, output as a function of the layout; None = default SITE/public, cwd key, site argument,
#  setup). cwd and site argument are relative to the layout; the output string is passed as is.
NEVER = [
    ("site", lambda l: str(l["site"]), "top", None, None),
    ("site-relative-dot", lambda l: ".", "site", ".", None),
    ("site-via-public-dotdot", lambda l: str(l["site"] / "public" / ".."), "top", None, None),
    ("content", lambda l: str(l["site"] / "content"), "top", None, None),
    ("content-relative", lambda l: "content", "site", ".", None),
    ("content-initiatieven", lambda l: str(l["site"] / "content" / "initiatieven"), "top", None, None),
    ("new-folder-in-content", lambda l: str(l["site"] / "content" / "out"), "top", None, None),
    ("templates", lambda l: str(l["site"] / "templates"), "top", None, None),
    ("new-folder-in-templates", lambda l: str(l["site"] / "templates" / "out"), "top", None, None),
    ("kb-cache", lambda l: str(l["site"] / ".kb-cache"), "top", None, "cache"),
    ("new-folder-in-kb-cache", lambda l: str(l["site"] / ".kb-cache" / "out"), "top", None, "cache"),
    ("kb.yml", lambda l: str(l["site"] / "kb.yml"), "top", None, None),
    ("NOTES.txt-in-site", lambda l: str(l["site"] / "NOTES.txt"), "top", None, None),
    ("dot-from-parent-folder", lambda l: ".", "top", "site", None),
    ("parent-folder-absolute", lambda l: str(l["top"]), "top", None, None),
    ("home", lambda l: str(l["home"]), "top", None, None),
    ("home-with-trailing-slash", lambda l: str(l["home"]) + "/", "top", None, None),
    ("home-empty", lambda l: str(l["home"]), "top", None, "empty-home"),
    ("root", lambda l: "/", "top", None, None),
    ("symlink-to-site", lambda l: str(l["other"] / "link"), "top", None, "link-site"),
    ("symlink-to-content", lambda l: str(l["other"] / "link"), "top", None, "link-content"),
]
ONLY_WITHOUT_FORCE = [
    ("foreign-folder", lambda l: str(l["foreign"]), "top", None, None),
    ("foreign-folder-relative", lambda l: "other/foreign", "top", "site", None),
    ("default-public-foreign", lambda l: None, "top", None, "public-foreign"),
    ("folder-with-gitkeep-and-more", lambda l: str(l["other"] / "kept"), "top", None, "gitkeep-and-more"),
]
# A file is never an output folder, --force or not.
FILES = [
    ("file-elsewhere", lambda l: str(l["file"]), "top", None, None),
]

REFUSED = (
    [pytest.param(*case, False, id=case[0]) for case in NEVER + ONLY_WITHOUT_FORCE + FILES]
    + [pytest.param(*case, True, id=case[0] + "--force") for case in NEVER + FILES]
)


def prepare(layout, setup):
    site, other = layout["site"], layout["other"]
    if setup == "cache":
        # What an earlier build leaves; kb may rewrite it, but it must never become the output.
        (site / ".kb-cache").mkdir()
        (site / ".kb-cache" / "parse.cache").write_bytes(b"oude cache\n")
    elif setup == "link-site":
        os.symlink(site, other / "link")
    elif setup == "link-content":
        os.symlink(site / "content", other / "link")
    elif setup == "empty-home":
        # Empty, so only being the home folder makes it off limits.
        shutil.rmtree(layout["home"])
        layout["home"].mkdir()
    elif setup == "public-foreign":
        (site / "public").mkdir()
        (site / "public" / "index.html").write_text("<p>handgemaakt</p>\n", encoding="utf-8")
    elif setup == "gitkeep-and-more":
        (other / "kept").mkdir()
        (other / "kept" / ".gitkeep").write_bytes(b"")
        (other / "kept" / "README").write_text("hier staat iets\n", encoding="utf-8")


@pytest.mark.parametrize("name, output, cwd_key, site_arg, setup, force", REFUSED)
def test_refused(layout, name, output, cwd_key, site_arg, setup, force):
    top, site, home = layout["top"], layout["site"], layout["home"]
    prepare(layout, setup)
    given = output(layout)
    cwd = layout[cwd_key]
    args = ["build", site_arg if site_arg is not None else str(site)]
    if given is not None:
        args += ["--output", given]
    if force:
        args.append("--force")
    cache = os.path.relpath(site / ".kb-cache", top)
    before = snapshot(top, skip={cache})
    sandbox = None
    if given == "/":
        if sandbox_available():
            sandbox = top
        else:
            # No read-only root to run in: only try / once kb refuses a folder holding the site.
            canary = run_kb(["build", str(site), "--output", str(top)] + (["--force"] if force else []), cwd, home)
            if canary.returncode != 2 or describe_changes(before, snapshot(top, skip={cache})):
                pytest.fail("not running `--output /`: kb does not even refuse a folder that contains the site\n"
                            + canary.stdout + canary.stderr)
    result = run_kb(args, cwd, home, read_only_root_except=sandbox)
    shown = " ".join(args)
    said = f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    after = snapshot(top, skip={cache})

    # Nothing outside SITE/.kb-cache was touched: no file lost or changed, nothing new anywhere.
    changes = describe_changes(before, after)
    if changes:
        pytest.fail(f"kb {shown}: touched files it does not own: {changes}\n{said}")
    if setup == "cache" and (site / ".kb-cache" / "index.html").exists():
        pytest.fail(f"kb {shown}: built the site into .kb-cache\n{said}")
    if result.returncode != 2:
        pytest.fail(f"kb {shown}: exit code {result.returncode}, expected 2 (refused)\n{said}")
    forms = path_forms(given, cwd) if given is not None else {str(site / "public"), os.path.realpath(site / "public")}
    lines = [line for line in result.stderr.splitlines() if "error:" in line]
    if not lines:
        pytest.fail(f"kb {shown}: no line with 'error:' on stderr\n{said}")
    if not any(names_path(line, forms) for line in lines):
        pytest.fail(f"kb {shown}: no 'error:' line names the output path (any of {sorted(forms)})\n{said}")


# --------------------------------------------------------------------------------------------
# Allowed: exit 0, exactly the site in the output folder, nothing else changed.


def built(layout, output, *extra, expect=0):
    args = ["build", str(layout["site"])] + (["--output", str(output)] if output is not None else []) + list(extra)
    result = run_kb(args, layout["top"], layout["home"])
    if result.returncode != expect:
        pytest.fail(f"kb {' '.join(args)}: exit code {result.returncode}\n{result.stdout}{result.stderr}")
    return result


def assert_site(folder, reference, extra=None):
    got = files_below(folder)
    want = dict(reference, **(extra or {}))
    if MARKER not in got:
        pytest.fail(f"{folder}: no {MARKER} marker after a build")
    changes = describe_changes(want, got)
    if changes:
        pytest.fail(f"{folder} is not a clean build of the site: {changes}")


def assert_nothing_else(layout, before, output):
    """Beside the output folder nothing appeared (no staging or retired folders); in the site only
    public/ and .kb-cache/ may be new; the author's files are as they were."""
    top, site = layout["top"], layout["site"]
    out_rel = os.path.relpath(output, top)
    cache = os.path.relpath(site / ".kb-cache", top)
    after = snapshot(top, skip={out_rel, cache})
    before = {p: v for p, v in before.items() if p != out_rel and not p.startswith(out_rel + os.sep)}
    changes = describe_changes(before, after)
    if changes:
        pytest.fail(f"a build into {output} changed other things: {changes}")


@pytest.mark.parametrize("where", ["missing", "default-public-missing", "empty", "gitkeep-only"])
def test_allowed_output_folders(layout, reference, where):
    top, other = layout["top"], layout["other"]
    output = {"default-public-missing": layout["site"] / "public"}.get(where, other / "out")
    if where == "empty":
        output.mkdir()
    if where == "gitkeep-only":
        output.mkdir()
        (output / ".gitkeep").write_bytes(b"")
    before = snapshot(top, skip={os.path.relpath(layout["site"] / ".kb-cache", top)})
    built(layout, None if where == "default-public-missing" else output)
    assert_site(output, reference, {".gitkeep": b""} if where == "gitkeep-only" else None)
    assert_nothing_else(layout, before, output)
    # And kb now owns it: building again works and gives the same.
    built(layout, None if where == "default-public-missing" else output)
    assert_site(output, reference, {".gitkeep": b""} if where == "gitkeep-only" else None)
    assert_nothing_else(layout, before, output)


@pytest.mark.parametrize("default", [False, True], ids=["output-elsewhere", "default-public"])
def test_rebuilding_a_folder_kb_built(layout, reference, default):
    top, site = layout["top"], layout["site"]
    output = site / "public" if default else layout["other"] / "out"
    target = None if default else output
    before = snapshot(top, skip={os.path.relpath(site / ".kb-cache", top)})
    for _ in range(3):  # first build, then twice into the folder kb built
        built(layout, target)
        assert_site(output, reference)
        assert_nothing_else(layout, before, output)
    # After an edit the rebuild gives what a clean build of the edited site gives.
    page = next(p for p in sorted((site / "content" / "initiatieven").glob("*.md")) if p.name != "README.md")
    page.write_text(page.read_text(encoding="utf-8") + "\nNa de evaluatie gaat de aanpak door.\n", encoding="utf-8")
    before = snapshot(top, skip={os.path.relpath(site / ".kb-cache", top)})
    built(layout, target)
    clean = top.parent / "clean-after-edit"
    built(layout, clean, "--no-cache")
    assert_site(output, files_below(clean))
    assert_nothing_else(layout, before, output)


def test_force_replaces_a_foreign_folder(layout, reference):
    top, foreign = layout["top"], layout["foreign"]
    before = snapshot(top, skip={os.path.relpath(layout["site"] / ".kb-cache", top)})
    built(layout, foreign, "--force")
    if (foreign / "notes").exists():
        pytest.fail("the foreign folder's own files are still there")
    assert_site(foreign, reference)
    assert_nothing_else(layout, before, foreign)
    # kb wrote it now: the next build needs no --force.
    built(layout, foreign)
    assert_site(foreign, reference)
    assert_nothing_else(layout, before, foreign)


def test_force_is_not_needed_for_an_empty_folder_and_keeps_gitkeep(layout, reference):
    output = layout["other"] / "kept"
    output.mkdir()
    (output / ".gitkeep").write_bytes(b"")
    built(layout, output, "--force")
    assert_site(output, reference, {".gitkeep": b""})
