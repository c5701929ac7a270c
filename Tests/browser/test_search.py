"""The search page in a real browser, against the sample content (content/initiatieven/*.md).

Every expectation below names real initiatives of the sample site; the comments say why a query
finds what it finds. search.js marks its state for tests: the form's data-state is
idle|loading|ready, and after each complete render #zoekresultaten has data-query (the
normalised query, then "&facet=value" for each ticked facet) and data-count.
"""
import re
import shutil
import tempfile
import urllib.parse
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, build_site, console_errors, serve

CONTENT = ROOT / "content" / "initiatieven"


# ---------- helpers ----------

# The sample site's content pages (content/paginas): documents of the index without facets.
CONTENT_PAGES = {p.stem for p in (Path(__file__).resolve().parents[2] / "content" / "paginas").glob("*.md")}


def key_for(query="", **facets):
    """The data-query search.js writes for a query and facet selection."""
    q = re.sub(r"\s+", " ", query.strip()).lower()
    pairs = []
    for name in ("type", "regio", "status", "bewijs", "organisatie", "jaar"):
        values = facets.get(name, [])
        for value in [values] if isinstance(values, str) else values:
            pairs.append((name, value))
    rest = urllib.parse.urlencode(pairs)
    return f"{q}&{rest}" if rest else q


def wait_ready(browser, key, timeout=10):
    def done(driver):
        form = driver.find_element(By.CSS_SELECTOR, "form[role=search]")
        out = driver.find_element(By.ID, "zoekresultaten")
        return form.get_attribute("data-state") == "ready" and out.get_attribute("data-query") == key
    WebDriverWait(browser, timeout).until(done, f"no results for {key!r}")


def open_search(browser, url, query="", **facets):
    """Opens /zoeken/ with the state in the URL and waits for the results."""
    pairs = ([("q", query)] if query else []) + [
        (name, value) for name, values in facets.items()
        for value in ([values] if isinstance(values, str) else values)]
    browser.get(f"{url}/zoeken/" + ("?" + urllib.parse.urlencode(pairs) if pairs else ""))
    if pairs:
        wait_ready(browser, key_for(query, **facets))


def slugs(browser):
    links = browser.find_elements(By.CSS_SELECTOR, "#zoekresultaten > li h2 a")
    return [a.get_attribute("href").rstrip("/").rsplit("/", 1)[-1] for a in links]


def count(browser):
    return int(browser.find_element(By.ID, "zoekresultaten").get_attribute("data-count"))


def status_text(browser):
    return browser.find_element(By.ID, "zoekstatus").text.strip()


def alert_text(browser):
    return browser.find_element(By.ID, "zoekmelding").text.strip()


def checkbox(browser, facet, value):
    return browser.find_element(By.CSS_SELECTOR, f"#facetten input[name='{facet}'][value='{value}']")


def facet_count(box):
    label = box.find_element(By.XPATH, "following-sibling::label")
    return int(re.search(r"\((\d+)\)", label.text).group(1))


def content_words():
    """All words of the sample content, lowercased (to prove a form does not occur)."""
    text = " ".join(p.read_text(encoding="utf-8") for p in CONTENT.glob("*.md"))
    return set(re.findall(r"\w+", text.lower()))


@pytest.fixture(autouse=True)
def wide_window(browser):
    browser.set_window_size(1280, 900)
    yield


# ---------- what a query finds ----------

def test_plural_finds_word_that_occurs_only_in_singular(sample_site, browser):
    url, _ = sample_site
    assert "logeerhuizen" not in content_words(), "the sample content must not contain the plural"
    open_search(browser, url, "logeerhuizen")
    # The write-ups (content pages such as "Over de kennisbank" may mention a logeerhuis too).
    found = [s for s in slugs(browser) if s not in CONTENT_PAGES]
    # "logeerhuizen" and "logeerhuis" have the same stem. The write-up with it in its title first.
    assert found[0] == "logeerhuis-midden-west-brabant"
    assert set(found[:3]) == {"logeerhuis-midden-west-brabant", "zorgboerderij-respijt-schouwen-duiveland",
                              "coordinatiepunt-tijdelijk-verblijf-utrecht"}
    # After them, write-ups found only through a synonym (respijtzorg, logeren: synoniemen.yml).
    assert len(found) > 3
    marks = [m.text.lower() for m in browser.find_elements(By.CSS_SELECTOR, "#zoekresultaten > li:nth-child(-n+3) mark")]
    # The synonyms are marked too, where the write-up has them.
    assert "logeerhuis" in marks and all(m.startswith("logeerhuis") or m in {"logeren", "respijtzorg"} for m in marks), marks


def test_word_typed_without_diacritics(sample_site, browser):
    url, _ = sample_site
    assert "clienten" not in content_words(), "the content only has 'cliënten'"
    open_search(browser, url, "cliënten")
    with_diacritics = slugs(browser)
    open_search(browser, url, "clienten")
    assert slugs(browser) == with_diacritics
    assert "arrangeur-ede" in with_diacritics and len(with_diacritics) == 5
    marks = {m.text.lower() for m in browser.find_elements(By.CSS_SELECTOR, "#zoekresultaten mark")}
    assert "cliënten" in marks


def test_five_letter_prefix(sample_site, browser):
    url, _ = sample_site
    open_search(browser, url, "valpr")
    # The last word is a prefix: valpreventie (title of one, tag of the other).
    assert slugs(browser) == ["valpreventie-thuis-nijmegen", "pluswonen-veghel"]


def test_one_typo_after_the_first_two_letters(sample_site, browser):
    url, _ = sample_site
    open_search(browser, url, "dementie")
    right = slugs(browser)
    open_search(browser, url, "demantie")
    assert slugs(browser) == right and len(right) == 6


def test_tail_of_a_compound(sample_site, browser):
    url, _ = sample_site
    open_search(browser, url, "preventie")
    found = slugs(browser)
    # Only "Valpreventie aan huis" and PlusWonen (tag valpreventie) have the word inside a
    # compound; the arrangeur in Ede has "preventie" itself and ranks first.
    assert {"valpreventie-thuis-nijmegen", "pluswonen-veghel"} <= set(found)
    assert found[0] == "arrangeur-ede"


def test_municipality(sample_site, browser):
    url, _ = sample_site
    open_search(browser, url, "Meierijstad")
    assert slugs(browser) == ["pluswonen-veghel"]


def test_organisation_name(sample_site, browser):
    url, _ = sample_site
    open_search(browser, url, "Opella")
    assert slugs(browser) == ["arrangeur-ede"]
    open_search(browser, url, "Alzheimer Nederland")
    assert set(slugs(browser)) == {"ontmoetingscentrum-drachten", "sociale-benadering-dementie-helmond",
                                   "social-trial-dementie-twente"}


def test_query_with_a_facet(sample_site, browser):
    url, _ = sample_site
    open_search(browser, url, "dementie", regio="ZK22")
    assert slugs(browser) == ["social-trial-dementie-twente"]
    assert checkbox(browser, "regio", "ZK22").is_selected()


def test_empty_query_with_facets_browses_alphabetically(sample_site, browser):
    url, _ = sample_site
    open_search(browser, url, regio="ZK30")
    assert slugs(browser) == ["sociale-benadering-dementie-helmond"]
    assert status_text(browser) == "1 initiatief"
    open_search(browser, url, type="centraal-persoon")
    assert slugs(browser) == ["arrangeur-ede", "dorpsregisseur-het-hogeland", "leefcoach-dongen",
                              "maotwarker-hollandscheveld"]
    assert status_text(browser) == "4 initiatieven"


def test_title_match_ranks_above_body_match(sample_site, browser):
    url, _ = sample_site
    open_search(browser, url, "respijt")
    found = slugs(browser)
    assert found[0] == "zorgboerderij-respijt-schouwen-duiveland"  # "Respijt en ontmoeting …"
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#zoekresultaten > li h2 a")]
    assert "respijt" in titles[0].lower()
    assert all("respijt" not in t.lower() for t in titles[1:])


# ---------- what the page says ----------

def test_counts_in_status_and_no_results_alert(sample_site, browser):
    url, _ = sample_site
    open_search(browser, url, "dementie")
    assert status_text(browser) == "6 resultaten voor ‘dementie’"
    assert count(browser) == 6 == len(slugs(browser))
    assert alert_text(browser) == ""
    status = browser.find_element(By.ID, "zoekstatus")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    open_search(browser, url, "Opella")
    assert status_text(browser) == "1 resultaat voor ‘Opella’"
    open_search(browser, url, "xyzzyq")
    assert count(browser) == 0 and slugs(browser) == []
    assert status_text(browser) == ""
    assert alert_text(browser).startswith("Geen resultaten voor ‘xyzzyq’")
    assert browser.find_element(By.ID, "zoekmelding").get_attribute("role") == "alert"


def test_result_shows_region_type_status_and_snippet(sample_site, browser):
    url, _ = sample_site
    open_search(browser, url, "Meierijstad")
    item = browser.find_element(By.CSS_SELECTOR, "#zoekresultaten > li")
    text = item.text
    assert "Noordoost-Brabant" in text and "Geclusterd wonen" in text and "Structureel" in text
    # "Meierijstad" is not in the summary: the snippet is a window of the text around it.
    snippet = item.find_element(By.CSS_SELECTOR, ".kaart-samenvatting")
    assert [m.text for m in snippet.find_elements(By.TAG_NAME, "mark")][0] == "Meierijstad"
    assert len(snippet.text.split()) <= 40


def test_facet_counts_equal_results_when_ticked(sample_site, browser):
    url, _ = sample_site
    open_search(browser, url, "mantelzorg")
    total = count(browser)
    checked = 0
    for facet in ("type", "regio", "status"):
        boxes = [b for b in browser.find_elements(By.CSS_SELECTOR, f"#facetten input[name='{facet}']")
                 if b.is_displayed()]
        assert boxes, facet
        if facet != "type":  # one value per initiative (a write-up can have two types)
            # Content pages among the results have no facet values.
            assert 0 <= total - sum(facet_count(b) for b in boxes) <= len(CONTENT_PAGES)
        for box in boxes[:3]:
            expected = facet_count(box)
            value = box.get_attribute("value")
            box.click()
            wait_ready(browser, key_for("mantelzorg", **{facet: value}))
            assert count(browser) == expected == len(slugs(browser)), (facet, value)
            checkbox(browser, facet, value).click()
            wait_ready(browser, key_for("mantelzorg"))
            checked += 1
    assert checked >= 6


def test_facet_counts_combine_facets(sample_site, browser):
    url, _ = sample_site
    # With a type ticked, the region counts are those of that type (AND across facets) and the
    # other type values keep their counts (OR within a facet).
    open_search(browser, url, type="ontmoeting")
    assert count(browser) == 3
    regions = [b for b in browser.find_elements(By.CSS_SELECTOR, "#facetten input[name='regio']") if b.is_displayed()]
    assert sum(facet_count(b) for b in regions) == 3
    other = checkbox(browser, "type", "respijtzorg")
    assert other.is_displayed() and facet_count(other) == 2
    other.click()
    wait_ready(browser, key_for(type=["respijtzorg", "ontmoeting"]))
    assert count(browser) == 4  # the zorgboerderij is both


def test_long_organisation_list_has_show_all_toggle(sample_site, browser):
    url, _ = sample_site
    open_search(browser, url, "zorg")
    orgs = lambda: [b for b in browser.find_elements(By.CSS_SELECTOR, "#facetten input[name='organisatie']")
                    if b.is_displayed()]
    assert len(orgs()) == 10
    toggle = browser.find_element(By.CSS_SELECTOR, "#facetten .facet-toggle")
    assert toggle.get_attribute("aria-expanded") == "false" and "Toon alle" in toggle.text
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert len(orgs()) > 10


# ---------- state in the URL ----------

def test_typing_and_ticking_update_the_url(sample_site, browser):
    url, _ = sample_site
    browser.get(f"{url}/zoeken/")
    box = browser.find_element(By.ID, "zoekterm")
    box.send_keys("dementie")
    wait_ready(browser, key_for("dementie"))
    WebDriverWait(browser, 5).until(lambda d: "?q=dementie" in d.current_url)
    checkbox(browser, "regio", "ZK22").click()
    wait_ready(browser, key_for("dementie", regio="ZK22"))
    WebDriverWait(browser, 5).until(lambda d: d.current_url.endswith("/zoeken/?q=dementie&regio=ZK22"))
    # The shared link reproduces it.
    shared = browser.current_url
    browser.get(f"{url}/")
    browser.get(shared)
    wait_ready(browser, key_for("dementie", regio="ZK22"))
    assert slugs(browser) == ["social-trial-dementie-twente"]
    assert browser.find_element(By.ID, "zoekterm").get_attribute("value") == "dementie"


def test_back_and_forward_restore_query_and_results(sample_site, browser):
    url, _ = sample_site
    open_search(browser, url, "dementie")
    six = slugs(browser)
    checkbox(browser, "regio", "ZK22").click()
    wait_ready(browser, key_for("dementie", regio="ZK22"))
    box = browser.find_element(By.ID, "zoekterm")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("logeerhuis", Keys.ENTER)
    wait_ready(browser, key_for("logeerhuis", regio="ZK22"))
    assert count(browser) == 0

    browser.back()
    wait_ready(browser, key_for("dementie", regio="ZK22"))
    assert browser.find_element(By.ID, "zoekterm").get_attribute("value") == "dementie"
    assert slugs(browser) == ["social-trial-dementie-twente"]
    browser.back()
    wait_ready(browser, key_for("dementie"))
    assert slugs(browser) == six
    assert not checkbox(browser, "regio", "ZK22").is_selected()
    browser.forward()
    wait_ready(browser, key_for("dementie", regio="ZK22"))
    assert checkbox(browser, "regio", "ZK22").is_selected()
    browser.forward()
    wait_ready(browser, key_for("logeerhuis", regio="ZK22"))
    assert browser.find_element(By.ID, "zoekterm").get_attribute("value") == "logeerhuis"


# ---------- keyboard, errors, small screens ----------

def test_keyboard_only(sample_site, browser):
    url, _ = sample_site
    browser.get(f"{url}/zoeken/")
    WebDriverWait(browser, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#facetten input"))
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    for _ in range(20):
        if browser.switch_to.active_element.get_attribute("id") == "zoekterm":
            break
        browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("id") == "zoekterm"
    browser.switch_to.active_element.send_keys("dementie")
    wait_ready(browser, key_for("dementie"))
    for _ in range(10):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.switch_to.active_element.get_attribute("type") == "checkbox":
            break
    box = browser.switch_to.active_element
    assert box.get_attribute("type") == "checkbox"
    name, value = box.get_attribute("name"), box.get_attribute("value")
    expected = facet_count(box)
    # The focus is visible.
    outline = browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", box)
    assert outline != "none"
    box.send_keys(Keys.SPACE)
    wait_ready(browser, key_for("dementie", **{name: value}))
    assert browser.switch_to.active_element.get_attribute("value") == value, "focus stays on the checkbox"
    assert browser.switch_to.active_element.is_selected()
    assert count(browser) == expected


def test_no_console_errors(sample_site, browser):
    url, _ = sample_site
    browser.get_log("browser")
    for query in ("dementie", "cliënten", "de", "xyzzyq", "!!!"):
        open_search(browser, url, query)
    browser.get(f"{url}/zoeken/?regio=ZK99")  # an unknown value is ignored: nothing to show
    WebDriverWait(browser, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#facetten input"))
    assert browser.find_element(By.CSS_SELECTOR, "form[role=search]").get_attribute("data-state") == "idle"
    assert slugs(browser) == []
    open_search(browser, url, "zorg", type="respijtzorg", jaar="2024")
    assert console_errors(browser) == []


def test_search_page_fits_320_pixels(sample_site, browser):
    url, _ = sample_site
    browser.set_window_size(320, 800)
    for query, facets in (("dementie", {}), ("zorg", {"regio": "ZK22"})):
        open_search(browser, url, query, **facets)
        details = browser.find_element(By.ID, "zoekfilters")
        assert details.get_attribute("open") is None, "filters are folded on a small screen"
        details.find_element(By.TAG_NAME, "summary").click()
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{query} scrolls sideways by {overflow}px at 320px"


# ---------- more than one page of results ----------

@pytest.fixture(scope="module")
def big_site():
    """The sample site plus 30 copies of one write-up, so a query has more than 20 results."""
    import os
    site = Path(tempfile.mkdtemp(prefix="kb-big-"))
    source = Path(os.environ.get("KB_BROWSER_SITE", ROOT))
    shutil.copytree(source / "content", site / "content")
    if (source / "kb.yml").exists():
        shutil.copy(source / "kb.yml", site / "kb.yml")
    if (source / "templates").exists():
        shutil.copytree(source / "templates", site / "templates")
    original = (site / "content" / "initiatieven" / "leefcoach-dongen.md").read_text(encoding="utf-8")
    for i in range(30):
        text = original.replace("title: Leefcoach voor thuiswonende ouderen in Dongen",
                                f"title: Leefcoach kopie {i:02d}", 1)
        (site / "content" / "initiatieven" / f"leefcoach-kopie-{i:02d}.md").write_text(text, encoding="utf-8")
    build_site(site, site / "public")
    server, url = serve(site / "public")
    yield url
    server.shutdown()
    shutil.rmtree(site, ignore_errors=True)


def test_more_results_button(big_site, browser):
    open_search(browser, big_site, "leefcoach")
    # Dongen, its 30 copies, and Zuid-Limburg (which mentions a leefcoach in its text).
    assert count(browser) == 32
    assert len(slugs(browser)) == 20
    more = browser.find_element(By.ID, "zoekmeer")
    assert more.is_displayed() and more.text == "Meer resultaten"
    more.click()
    WebDriverWait(browser, 5).until(lambda d: len(slugs(d)) == 32)
    assert not more.is_displayed()
    assert len(set(slugs(browser))) == 32
    # The focus moves to the first new result.
    assert browser.switch_to.active_element.get_attribute("href").rstrip("/").rsplit("/", 1)[-1] == slugs(browser)[20]


# ---------- Dutch compounds, synonyms, typos in the first letters, evidence (issues #15, #16) ----------
#
# Tests/Fixtures/search-dutch: seven write-ups whose words are chosen for these tests. None has
# the words "preventie" or "zorg" on their own (only "valpreventie", "respijtzorg"); "logeren" and
# "respijtzorg" are in different write-ups, as are "Wmo" and "Wet maatschappelijke ondersteuning".

DUTCH = ROOT / "Tests" / "Fixtures" / "search-dutch"
WORDLIST = Path("/usr/share/dict/dutch")


@pytest.fixture(scope="module")
def dutch_site():
    assert WORDLIST.exists(), "the OpenTaal word list is missing: scripts/install-deps.sh build installs wdutch"
    out = Path(tempfile.mkdtemp(prefix="kb-dutch-")) / "public"
    build_site(DUTCH, out)
    server, url = serve(out)
    yield url, out
    server.shutdown()
    shutil.rmtree(out.parent, ignore_errors=True)


def corpus_words(site):
    words = set()
    for path in (site / "content" / "initiatieven").glob("*.md"):
        words |= set(re.findall(r"\w+", path.read_text(encoding="utf-8").lower()))
    return words


def test_compound_tail_that_is_no_word_of_the_corpus(dutch_site, browser):
    url, _ = dutch_site
    assert "preventie" not in corpus_words(DUTCH) and "zorg" not in corpus_words(DUTCH)
    # Split against the word list: val|preventie, respijt|zorg.
    open_search(browser, url, "preventie")
    assert slugs(browser) == ["valtraining-arnhem"]
    open_search(browser, url, "zorg")
    assert slugs(browser) == ["logeerboerderij-zeeland"]
    # The compound is highlighted in the snippet.
    marks = [m.text.lower() for m in browser.find_elements(By.CSS_SELECTOR, "#zoekresultaten mark")]
    assert "respijtzorg" in marks


def test_synonym_each_way_ranked_below_the_word_itself(dutch_site, browser):
    url, _ = dutch_site
    open_search(browser, url, "logeren")
    assert slugs(browser) == ["weekendverblijf-twente", "logeerboerderij-zeeland"]
    open_search(browser, url, "respijtzorg")
    assert slugs(browser) == ["logeerboerderij-zeeland", "weekendverblijf-twente"]


def test_abbreviation_and_the_law_it_stands_for(dutch_site, browser):
    url, _ = dutch_site
    open_search(browser, url, "Wmo")
    assert slugs(browser) == ["keukentafel-drenthe", "buurtloket-utrecht"]
    open_search(browser, url, "wet maatschappelijke ondersteuning")
    assert slugs(browser) == ["buurtloket-utrecht", "keukentafel-drenthe"]


def test_site_synonyms_extend_the_built_in_ones(dutch_site, browser):
    url, _ = dutch_site
    # content/synoniemen.yml of the fixture: [beweegmaatje, wandelmaatje].
    open_search(browser, url, "beweegmaatje")
    assert slugs(browser) == ["wandelclub-groningen"]


def resources(browser):
    return browser.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")


@pytest.mark.parametrize("typo", ["fementie", "edmentie", "ementie", "ddementie"])
def test_typo_in_the_first_two_letters(dutch_site, browser, typo):
    url, _ = dutch_site
    # Replaced, swapped, left out, added: each moves the word to another shard.
    open_search(browser, url, typo)
    assert slugs(browser) == ["ontmoetingscentrum-zwolle"]
    assert len([r for r in resources(browser) if "/zoeken/t/" in r]) == 1


def test_typo_list_is_not_loaded_for_a_word_that_is_found(dutch_site, browser):
    url, _ = dutch_site
    open_search(browser, url, "dementie")
    assert slugs(browser) == ["ontmoetingscentrum-zwolle"]
    assert not [r for r in resources(browser) if "/zoeken/t/" in r]


def test_typo_in_the_first_letter_on_the_sample_site(sample_site, browser):
    url, _ = sample_site
    open_search(browser, url, "dementie")
    right = slugs(browser)
    open_search(browser, url, "fementie")
    assert slugs(browser) == right and len(right) == 6


def test_evidence_facet_in_the_url(dutch_site, browser):
    url, _ = dutch_site
    open_search(browser, url, bewijs="effectief")
    assert sorted(slugs(browser)) == ["ontmoetingscentrum-zwolle", "valtraining-arnhem"]
    box = checkbox(browser, "bewijs", "effectief")
    assert box.is_selected() and facet_count(box) == 2
    legend = browser.find_element(By.CSS_SELECTOR, "#facetten .facet-bewijs legend")
    assert legend.text == "Bewijskracht"
    # Ticking a second level adds it to the URL; write-ups without a level have none.
    checkbox(browser, "bewijs", "geen").click()
    wait_ready(browser, key_for(bewijs=["geen", "effectief"]))
    assert count(browser) == 3
    assert "bewijs=geen" in browser.current_url and "bewijs=effectief" in browser.current_url


# ---------- the build side: the word list and the synonyms are inputs ----------

def kb_build(site, out, env_extra=None, *extra):
    import os
    import subprocess
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([str(ROOT / ".build" / "debug" / "kb"), "build", str(site), "--output", str(out), *extra],
                          capture_output=True, text=True, timeout=120, env=env)


def shard_keys(out, shard):
    import json
    path = out / "zoeken" / "s" / f"{shard}.json"
    return set(json.loads(path.read_text())) if path.exists() else set()


def test_without_a_word_list_tails_come_from_the_corpus_only(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(DUTCH, site)
    result = kb_build(site, site / "public", {"KB_WORDLIST": str(tmp_path / "missing")}, "--verbose")
    assert result.returncode == 0, result.stderr
    assert "geen woordenlijst" in result.stderr and "ontbreekt" in result.stderr
    assert "~preventie" not in shard_keys(site / "public", "pr")


def test_a_changed_word_list_or_synonym_file_changes_the_next_build(tmp_path):
    import json
    site = tmp_path / "site"
    shutil.copytree(DUTCH, site)
    words = tmp_path / "dutch"
    words.write_text(WORDLIST.read_text(encoding="utf-8"), encoding="utf-8")
    env = {"KB_WORDLIST": str(words)}
    out = site / "public"
    assert kb_build(site, out, env).returncode == 0
    assert "~preventie" in shard_keys(out, "pr")
    # Without "preventie" in the list, "valpreventie" has no tail any more.
    words.write_text("".join(line + "\n" for line in words.read_text(encoding="utf-8").splitlines() if line != "preventie"),
                     encoding="utf-8")
    result = kb_build(site, out, env)
    assert result.returncode == 0 and "niets veranderd" not in result.stdout
    assert "~preventie" not in shard_keys(out, "pr")
    # A synonym group added by the site is in the next build's entry.
    (site / "content" / "synoniemen.yml").write_text("- [beweegmaatje, wandelmaatje]\n- [ontmoetingscentrum, inloophuis]\n")
    assert kb_build(site, out, env).returncode == 0
    synonyms = json.loads((out / "zoeken" / "index.json").read_text())["synonyms"]
    assert ["ontmoetingscentrum", "inloophuis"] in synonyms


def test_malformed_synonym_file_is_an_error_with_its_position(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(DUTCH, site)
    (site / "content" / "synoniemen.yml").write_text("- [beweegmaatje, wandelmaatje]\n- wlz\n- [alleen]\n")
    result = kb_build(site, site / "public")
    assert result.returncode == 1
    assert "content/synoniemen.yml:2:3: error:" in result.stderr
    assert "content/synoniemen.yml:3:3: error:" in result.stderr


def test_content_pages_are_found_and_have_no_facets(sample_site, browser):
    """The accessibility statement is a content page: found by its words, shown with a snippet
    and without region or status, and gone as soon as a facet is ticked."""
    url, _ = sample_site
    open_search(browser, url, "toegankelijkheidsverklaring")
    assert slugs(browser)[0] == "toegankelijkheid"
    first = browser.find_element(By.CSS_SELECTOR, "#zoekresultaten > li")
    # Its snippet shows the word where the page has it; no status, region or type.
    assert "toegankelijkheidsverklaring" in first.text.lower()
    assert not first.find_elements(By.CSS_SELECTOR, ".kaart-status, .kaart-kenmerken div")
    open_search(browser, url, "toegankelijkheidsverklaring", status="lopend")
    assert "toegankelijkheid" not in slugs(browser)
