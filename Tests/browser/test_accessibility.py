"""Accessibility: axe-core finds no WCAG 2.1 A/AA or best-practice violations on any kind of page,
in Dutch and in English, wide and at 320 px, nor on write-ups that use every Markdown construct."""
import functools
import importlib.util
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, build_site, serve

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# (name, path, CSS selector to wait for: the search page fills itself in with JavaScript)
PAGES = [
    ("home", "", None),
    ("initiatieven", "initiatieven/", None),
    ("initiatief met business case en tabellen", "initiatieven/arrangeur-ede/", None),
    # based_on: Hollandscheveld is based on Ede and followed by Het Hogeland; Nijmegen stopped.
    ("initiatief met navolging en gebaseerd op", "initiatieven/maotwarker-hollandscheveld/", None),
    ("gestopt initiatief", "initiatieven/valpreventie-thuis-nijmegen/", None),
    ("regio met initiatieven", "regio/arnhem/", None),
    ("regio zonder initiatieven", "regio/amsterdam/", None),
    ("regio's", "regio/", None),
    ("type", "type/centraal-persoon/", None),
    ("types", "type/", None),
    ("organisatie", "organisatie/vu-amsterdam/", None),
    ("organisaties", "organisatie/", None),
    ("zoeken", "zoeken/", None),
    ("zoeken met resultaten", "zoeken/?q=dementie", "#zoekresultaten a"),
    # regio ZK04 is Arnhem (De Arrangeur Ede): the facet box is open beside the results, one box ticked.
    ("zoeken met filters", "zoeken/?q=zorg&regio=ZK04", "#facetten input:checked"),
    ("404", "404.html", None),
    ("dekking", "dekking/", None),
    ("monitor", "monitor/", None),
    # compare.js fills the table from the three pages' data blocks; an empty cell, hidden rows.
    ("vergelijk", "vergelijk/?ids=arrangeur-ede,leefcoach-dongen,valpreventie-thuis-nijmegen",
     "#vergelijk[data-state=ready] #vergelijk-tabel thead th"),
    ("vergelijk zonder keuze", "vergelijk/", "#vergelijk[data-state=ready]"),
]
NARROW = [p for p in PAGES if p[0] in ("home", "initiatief met business case en tabellen", "initiatief met navolging en gebaseerd op",
                                        "gestopt initiatief", "zoeken met resultaten", "dekking", "type", "monitor",
                                        "vergelijk")]
ENGLISH = [
    ("home", "", None),
    ("initiative", "initiatieven/arrangeur-ede/", None),
    ("search with results", "zoeken/?q=care", "#zoekresultaten a"),
    ("compare", "vergelijk/?ids=arrangeur-ede,leefcoach-dongen", "#vergelijk[data-state=ready] #vergelijk-tabel thead th"),
]


@functools.cache
def axe_script():
    """The newest axe.min.js at hand. axe-selenium-python bundles axe-core 3.1.1, which knows no
    wcag21a tag and reports valid markup (a <div> group in a <dl>, autocomplete="off"), so the
    axe-core 4 that axe-playwright-python ships comes first (installed without Playwright)."""
    for module, relative in (("axe_playwright_python", "axe.min.js"),
                             ("axe_selenium_python", "node_modules/axe-core/axe.min.js")):
        spec = importlib.util.find_spec(module)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            path = Path(folder) / relative
            if path.is_file():
                return path
    pytest.fail("no axe.min.js: run scripts/install-deps.sh test")


RUN_AXE = """
const options = arguments[0], done = arguments[arguments.length - 1];
axe.run(document, options).then(result => done({
  version: result.testEngine.version,
  violations: result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.map(String).join(" "), html: n.html,
                              summary: n.failureSummary || ""}))
  }))
}), error => done({error: String(error && error.stack || error)}));
"""


def open_page(browser, url, path, wait_for):
    browser.get(f"{url}/{path}")
    if wait_for:
        WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, wait_for))
        # and the result list, when the selector waited for was a facet
        if path.startswith("zoeken/"):
            WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#zoekresultaten a"))


def run_axe(browser):
    Axe(browser, script_url=str(axe_script())).inject()
    version = str(browser.execute_script("return axe.version"))
    assert int(version.split(".")[0]) >= 4, \
        f"axe-core {version} from {axe_script()} is too old: run scripts/install-deps.sh test"
    # Axe.run() waits forever when axe.run rejects; this reports the error instead.
    result = browser.execute_async_script(RUN_AXE, {"runOnly": {"type": "tag", "values": TAGS},
                                                    "resultTypes": ["violations"]})
    assert "error" not in result, result.get("error")
    return result


def report(where, result):
    lines = [f"{where}: {len(result['violations'])} axe-core {result['version']} violation(s)"]
    for v in result["violations"]:
        lines.append(f"- {v['id']} [{v['impact']}] {v['help']} ({len(v['nodes'])} element(s)) {v['helpUrl']}")
        for node in v["nodes"][:3]:
            lines.append(f"    {node['target']}")
            lines.append(f"      {node['html'][:300]}")
            summary = re.sub(r"\s*\n\s*", " | ", node["summary"].strip())
            if summary:
                lines.append(f"      {summary[:400]}")
    return "\n".join(lines)


def check(browser, where):
    result = run_axe(browser)
    text = report(where, result)
    print(text)
    assert result["violations"] == [], text
    return result


@pytest.mark.parametrize("name, path, wait_for", PAGES, ids=[p[0] for p in PAGES])
def test_no_violations(sample_site, browser, name, path, wait_for):
    url, _ = sample_site
    open_page(browser, url, path, wait_for)
    check(browser, f"/{path} at 1280 px")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"


def test_facets_are_checked_while_open(sample_site, browser):
    """The facet page above must really show ticked facets to axe, not a closed box."""
    url, _ = sample_site
    open_page(browser, url, "zoeken/?q=zorg&regio=ZK04", "#facetten input:checked")
    assert browser.find_element(By.ID, "zoekfilters").get_attribute("open") is not None
    ticked = browser.find_elements(By.CSS_SELECTOR, "#facetten input:checked")
    assert [b.get_attribute("value") for b in ticked] == ["ZK04"]


@pytest.mark.parametrize("name, path, wait_for", NARROW, ids=[p[0] for p in NARROW])
def test_no_violations_at_320_pixels(sample_site, browser, name, path, wait_for):
    url, _ = sample_site
    browser.set_window_size(320, 800)
    try:
        open_page(browser, url, path, wait_for)
        width = browser.execute_script("return document.documentElement.clientWidth")
        assert width <= 320, f"the window did not narrow: {width}px"
        check(browser, f"/{path} at 320 px")
    finally:
        browser.set_window_size(1280, 900)


@pytest.fixture(scope="module")
def english_site():
    """The sample content (or KB_BROWSER_SITE's, with its template overrides) with `language: en`."""
    source = Path(os.environ.get("KB_BROWSER_SITE", ROOT))
    folder = Path(tempfile.mkdtemp(prefix="kb-a11y-en-"))
    shutil.copytree(source / "content", folder / "content")
    if (source / "templates").is_dir():
        shutil.copytree(source / "templates", folder / "templates")
    config = (source / "kb.yml").read_text(encoding="utf-8")
    config, changed = re.subn(r"(?m)^language:.*$", "language: en", config)
    if not changed:
        config += "\nlanguage: en\n"
    (folder / "kb.yml").write_text(config, encoding="utf-8")
    build_site(folder, folder / "public")
    server, url = serve(folder / "public")
    yield url
    server.shutdown()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("name, path, wait_for", ENGLISH, ids=[p[0] for p in ENGLISH])
def test_no_violations_in_english(english_site, browser, name, path, wait_for):
    open_page(browser, english_site, path, wait_for)
    check(browser, f"/{path} in English")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"


# Tests/Fixtures/constructs: aligned tables, footnotes, task lists, nested lists and quotes, fenced and
# indented code (a line too long for the column), images with and without alt text, headings h1-h6
# in any order, an empty heading, headings whose ids the page already uses.
CONSTRUCT_PAGES = ["initiatieven/alle-opmaak/", "initiatieven/tweede-beschrijving/"]


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("path", CONSTRUCT_PAGES)
def test_every_construct_has_no_violations(constructs_site, browser, path, width):
    url, _ = constructs_site
    browser.set_window_size(width, 800)
    try:
        open_page(browser, url, path, None)
        check(browser, f"/{path} at {width} px")
    finally:
        browser.set_window_size(1280, 900)


def test_aligned_columns_look_aligned(constructs_site, browser):
    """What a reader sees: `|:--|:-:|--:|---|` columns are left, centred, right and left."""
    url, _ = constructs_site
    open_page(browser, url, "initiatieven/alle-opmaak/", None)
    rows = browser.execute_script(
        "return [...document.querySelector('.tekst table').rows]"
        ".map(row => [...row.cells].map(cell => getComputedStyle(cell).textAlign))")
    assert rows and all(row == ["left", "center", "right", "left"] for row in rows), rows


def test_body_headings_sit_below_the_title(constructs_site, browser):
    """One h1 (the title); the write-up's own h1 and skipped levels come out one level at a time."""
    url, _ = constructs_site
    open_page(browser, url, "initiatieven/alle-opmaak/", None)
    levels = browser.execute_script(
        "return [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => Number(h.tagName[1]))")
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    body = browser.execute_script(
        "return [...document.querySelectorAll('.tekst h1, .tekst h2, .tekst h3, .tekst h4, .tekst h5, .tekst h6')]"
        ".map(h => h.tagName + ' ' + h.textContent)")
    assert body[:2] == ["H2 Kop van niveau 1 in de tekst", "H3 Kop van niveau 6 direct na niveau 1"], body
