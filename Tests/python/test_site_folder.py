"""What kb says about a site folder it cannot use as it is: a content folder that links out of
the site, a SITE_DIR that is a file, an unusable .kb-cache, an output it cannot write. Each gets
one clear line (never a doubled "error:" prefix) and nothing is published from outside the site."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KB = Path(os.environ.get("KB_BINARY", str(ROOT / ".build" / "debug" / "kb")))


def kb(*args, cwd=None):
    return subprocess.run([str(KB), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "site"
    shutil.copytree(ROOT / "content" / "initiatieven", folder / "content" / "initiatieven")
    shutil.copy(ROOT / "kb.yml", folder / "kb.yml")
    return folder


def error_lines(stderr):
    return [line for line in stderr.splitlines() if "error:" in line]


def test_content_folder_linking_outside_the_site_is_refused(tmp_path, site):
    outside = tmp_path / "elders"
    shutil.move(site / "content" / "initiatieven", outside)
    (site / "content" / "initiatieven").symlink_to(outside)
    result = kb("build", site)
    assert result.returncode == 1, result.stderr
    lines = error_lines(result.stderr)
    assert any(line.startswith("content/initiatieven:1:1: error:") and "buiten de site" in line and str(outside) in line
               for line in lines), result.stderr
    assert not (site / "public").exists()


def test_content_folder_linking_to_root_reads_nothing(tmp_path, site):
    shutil.rmtree(site / "content" / "initiatieven")
    (site / "content" / "initiatieven").symlink_to("/")
    result = kb("check", site)
    assert result.returncode == 1
    assert "koppeling naar /, buiten de site" in result.stderr
    # Only the one finding: nothing below / was listed or read as a write-up.
    assert len(error_lines(result.stderr)) == 1, result.stderr


def test_content_folder_linking_inside_the_site_is_read(site):
    shutil.move(site / "content" / "initiatieven", site / "teksten")
    (site / "content" / "initiatieven").symlink_to(site / "teksten")
    result = kb("build", site)
    assert result.returncode == 0, result.stderr
    assert (site / "public" / "index.html").exists()


def test_site_dir_that_is_a_file(site):
    result = kb("build", site / "kb.yml")
    assert result.returncode != 0
    assert "is een bestand, geen map" in result.stderr
    assert "bestaat niet" not in result.stderr
    missing = kb("build", site / "bestaat-niet")
    assert missing.returncode != 0 and "bestaat niet" in missing.stderr


def test_cache_folder_that_is_a_file_is_a_warning_and_the_build_goes_on(site):
    (site / ".kb-cache").write_text("geen map\n")
    for _ in range(2):
        result = kb("build", site)
        assert result.returncode == 0, result.stderr
        assert "waarschuwing: .kb-cache is geen map" in result.stderr
    assert (site / ".kb-cache").read_text() == "geen map\n"
    assert (site / "public" / "index.html").exists()
    # Nothing left beside the output (the swap folders live there without a cache folder).
    assert sorted(p.name for p in site.iterdir()) == [".kb-cache", "content", "kb.yml", "public"]


def test_output_that_cannot_be_written_has_one_error_prefix(site):
    result = kb("build", site, "--output", "/proc/kb-test-uitvoer")
    assert result.returncode == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].count("error:") == 1, lines[0]
    assert not lines[0].startswith("error:"), lines[0]


def test_output_below_a_file_is_refused(site):
    result = kb("build", site, "--output", site / "kb.yml" / "uit")
    assert result.returncode == 2
    assert "is een bestand, geen map" in result.stderr
    assert (site / "kb.yml").is_file()


def read_only_mount_available():
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-m", "--propagation", "private", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not read_only_mount_available(), reason="needs root and unshare for a read-only mount")
def test_read_only_cache_folder_is_a_warning_and_the_build_goes_on(site):
    cache = site / ".kb-cache"
    cache.mkdir()
    (cache / "parse.cache").write_bytes(b"oud")
    # .kb-cache becomes a read-only mount in a private namespace (root ignores permission bits).
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
    result = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script, str(cache), str(KB), "build", str(site)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "waarschuwing: .kb-cache/ is niet schrijfbaar" in result.stderr
    assert (site / "public" / "index.html").exists()
    assert (cache / "parse.cache").read_bytes() == b"oud"


def test_output_folder_keeps_its_permissions(site):
    public = site / "public"
    public.mkdir()
    public.chmod(0o775)
    for edit in range(2):
        result = kb("build", site)
        assert result.returncode == 0, result.stderr
        assert (public.stat().st_mode & 0o777) == 0o775, f"after build {edit + 1}"
        page = next((site / "content" / "initiatieven").glob("*.md"))
        page.write_text(page.read_text() + f"\nNog een zin ({edit}).\n")


@pytest.mark.skipif(not read_only_mount_available(), reason="needs root and unshare for a bind mount")
def test_output_that_is_a_mount_point_is_explained_and_left_alone(site):
    assert kb("build", site).returncode == 0
    before = {p: p.read_bytes() for p in (site / "public").rglob("*") if p.is_file()}
    page = next((site / "content" / "initiatieven").glob("*.md"))
    page.write_text(page.read_text() + "\nEen wijziging.\n")
    public = site / "public"
    script = 'mount --bind "$0" "$0" && exec "$@"'
    result = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script, str(public), str(KB), "build", str(site)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2, result.stderr
    assert "koppelpunt" in result.stderr and str(public) in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in public.rglob("*") if p.is_file()} == before


@pytest.mark.skipif(not read_only_mount_available(), reason="needs root and unshare for a bind mount")
def test_output_on_another_mount_keeps_its_spare_beside_it(site):
    """A bind mount has the disk's device number, but a rename cannot cross it: the spare tree
    must then live beside the output, not in .kb-cache."""
    mounted = site / "uit"
    mounted.mkdir()
    out = mounted / "public"
    page = next((site / "content" / "initiatieven").glob("*.md"))
    steps = " && ".join([f'"$1" build "$2" --output "{out}"', f'echo "Een zin." >> "{page}"'] * 3)
    script = f'mount --bind "$0" "$0" && {steps}'
    result = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script, str(mounted), str(KB), str(site)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("bestanden") == 3, result.stdout
    assert sorted(p.name for p in mounted.iterdir()) == [".public.kb-spare", "public"]
    clean = kb("build", site, "--no-cache", "--output", site / "schoon")
    assert clean.returncode == 0, clean.stderr
    # After the last edit the output was not rebuilt; build once more outside the namespace.
    assert kb("build", site, "--output", out).returncode == 0
    def files(root):
        return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert files(out) == files(site / "schoon")
    # Without the mount the spare lives in .kb-cache again; the one beside the output is gone.
    assert sorted(p.name for p in mounted.iterdir()) == ["public"]
