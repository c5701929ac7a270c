"""The compare page, /vergelijk/?ids=…: choosing initiatives on cards and table rows, the columns
side by side, the state in the URL (restored from it, and by Back), keyboard use, no JavaScript."""
import json
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import console_errors

EDE, DONGEN, HOGELAND = "arrangeur-ede", "leefcoach-dongen", "dorpsregisseur-het-hogeland"


def wait_ready(browser, ids):
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.ID, "vergelijk").get_attribute("data-state") == "ready"
        and d.find_element(By.ID, "vergelijk").get_attribute("data-ids") == ids)


def column_titles(browser):
    return [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#vergelijk-tabel thead th a")]


def row_cells(browser, key):
    return [td.text for td in browser.find_elements(By.CSS_SELECTOR, f"#vergelijk-tabel tr[data-key='{key}'] td")]


def click(browser, element):
    """As a reader would: scrolled to the middle of the window first (the compare bar sits at the bottom)."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def clear_choice(browser, url):
    browser.get(f"{url}/")
    browser.execute_script("sessionStorage.clear()")


def test_compare_page_shows_the_chosen_initiatives_from_the_url(sample_site, browser):
    url, _ = sample_site
    console_errors(browser)
    browser.get(f"{url}/vergelijk/?ids={EDE},{DONGEN},{HOGELAND}")
    wait_ready(browser, f"{EDE},{DONGEN},{HOGELAND}")
    titles = column_titles(browser)
    assert len(titles) == 3
    assert titles[0] == "Arrangeur voor kwetsbare ouderen in Ede"
    # Facts, partners by kind, business case, results, evidence and lessons, one column each.
    assert row_cells(browser, "region")[0] == "Arnhem (ZK04)"
    assert row_cells(browser, "investment")[0] == "€ 210.000"
    assert row_cells(browser, "admissions")[0] == "62,5%"
    assert row_cells(browser, "partners.gemeente")[0] == "Gemeente Ede"
    assert row_cells(browser, "evidence")[0] == "Goed onderbouwd"
    lessons = row_cells(browser, "lessons")
    assert len(lessons) == 3 and "Mensen maken het verschil." in lessons[0]
    assert all(lessons), "every sample write-up has a section Geleerde lessen"
    # A row nobody has a value for is hidden; the page has no duplicate ids from the lessons.
    hidden = browser.execute_script(
        "return [...document.querySelectorAll('#vergelijk-tabel tr[data-key]')].filter(r => r.hidden).map(r => r.dataset.key)")
    assert "partners.minister-rechtsbescherming" in hidden
    ids = browser.execute_script("return [...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))
    assert not browser.find_element(By.ID, "vergelijk-wrapper").get_attribute("hidden")
    assert browser.find_element(By.ID, "vergelijk-kiezen").get_attribute("hidden") is not None
    assert "3 initiatieven naast elkaar" in browser.find_element(By.ID, "vergelijk-status").text
    assert console_errors(browser) == []


def test_removing_a_column_updates_the_url_and_back_restores_it(sample_site, browser):
    url, _ = sample_site
    browser.get(f"{url}/vergelijk/?ids={EDE},{DONGEN},{HOGELAND}")
    wait_ready(browser, f"{EDE},{DONGEN},{HOGELAND}")
    remove = browser.find_element(By.CSS_SELECTOR, f"#vergelijk-tabel button[data-slug='{DONGEN}']")
    assert remove.get_attribute("aria-label") == "Verwijder Leefcoach in Dongen uit de vergelijking" or "Verwijder" in remove.text
    # By keyboard: focus the button and press Enter.
    browser.execute_script("arguments[0].focus()", remove)
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait_ready(browser, f"{EDE},{HOGELAND}")
    assert re.search(r"\?ids=arrangeur-ede,dorpsregisseur-het-hogeland$", browser.current_url), browser.current_url
    # Focus went to the column that took the removed one's place, not to the top of the page.
    assert browser.switch_to.active_element.get_attribute("data-slug") == HOGELAND
    browser.back()
    wait_ready(browser, f"{EDE},{DONGEN},{HOGELAND}")
    assert len(column_titles(browser)) == 3


def test_choosing_on_cards_and_table_rows_links_to_the_compare_page(sample_site, browser):
    url, _ = sample_site
    clear_choice(browser, url)
    browser.get(f"{url}/type/centraal-persoon/")
    bar = browser.find_element(By.ID, "vergelijkbalk")
    WebDriverWait(browser, 5).until(lambda d: bar.get_attribute("data-ready") is not None)
    status = browser.find_element(By.ID, "vergelijkbalk-status")
    assert status.get_attribute("role") == "status"
    # A card's checkbox, with a label that names the initiative, ticked with the keyboard.
    box = browser.find_element(By.CSS_SELECTOR, "li.kaart .kaart-vergelijk input[type=checkbox]")
    label = browser.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']")
    assert label.get_attribute("textContent").startswith("Vergelijk ")
    browser.execute_script("arguments[0].focus()", box)
    browser.switch_to.active_element.send_keys(Keys.SPACE)
    assert box.is_selected()
    assert "1 initiatief gekozen" in status.text
    link = browser.find_element(By.ID, "vergelijkbalk-link")
    assert not link.is_displayed(), "one initiative is not a comparison yet"
    # A row of the business-case table (another initiative): the same choice, kept in step.
    rows = browser.find_elements(By.CSS_SELECTOR, "table#vergelijking tbody tr[data-slug]")
    first = box.get_attribute("value")
    row = next(r for r in rows if r.get_attribute("data-slug") != first)
    click(browser, row.find_element(By.CSS_SELECTOR, ".rij-vergelijk label"))
    same = browser.find_element(By.CSS_SELECTOR, f"table#vergelijking tr[data-slug='{first}'] input")
    assert same.is_selected(), "the card's choice shows in the table too"
    assert "2 initiatieven gekozen" in status.text
    assert link.is_displayed() and link.text == "Vergelijk (2)"
    chosen = [first, row.get_attribute("data-slug")]
    assert link.get_attribute("href").endswith("/vergelijk/?ids=" + ",".join(chosen))
    # The choice follows to another page in this tab.
    browser.get(f"{url}/initiatieven/")
    WebDriverWait(browser, 5).until(lambda d: d.find_element(By.ID, "vergelijkbalk").get_attribute("data-ready") is not None)
    ticked = [b.get_attribute("value") for b in browser.find_elements(By.CSS_SELECTOR, ".rij-vergelijk input:checked")]
    assert sorted(ticked) == sorted(chosen)
    click(browser, browser.find_element(By.ID, "vergelijkbalk-link"))
    wait_ready(browser, ",".join(chosen))
    assert len(column_titles(browser)) == 2


def test_at_most_four_can_be_chosen(sample_site, browser):
    url, _ = sample_site
    clear_choice(browser, url)
    browser.get(f"{url}/initiatieven/")
    WebDriverWait(browser, 5).until(lambda d: d.find_element(By.ID, "vergelijkbalk").get_attribute("data-ready") is not None)
    labels = browser.find_elements(By.CSS_SELECTOR, ".rij-vergelijk label")
    for label in labels[:5]:
        click(browser, label)
    assert len(browser.find_elements(By.CSS_SELECTOR, ".rij-vergelijk input:checked")) == 4
    assert "maximaal vier" in browser.find_element(By.ID, "vergelijkbalk-status").text
    stored = browser.execute_script("return sessionStorage.getItem('kb-vergelijk')")
    assert len(stored.split(",")) == 4
    click(browser, browser.find_element(By.ID, "vergelijkbalk-wissen"))
    assert browser.find_elements(By.CSS_SELECTOR, ".rij-vergelijk input:checked") == []


def test_unknown_and_too_few_ids_say_what_to_do(sample_site, browser):
    url, _ = sample_site
    browser.get(f"{url}/vergelijk/?ids={EDE},bestaat-niet")
    wait_ready(browser, EDE)
    assert "‘bestaat-niet’ kon niet worden geladen" in browser.find_element(By.ID, "vergelijk-status").text
    chooser = browser.find_element(By.ID, "vergelijk-kiezen")
    assert chooser.is_displayed()
    assert chooser.find_elements(By.CSS_SELECTOR, "a[href$='/type/centraal-persoon/']")
    browser.get(f"{url}/vergelijk/")
    wait_ready(browser, "")
    assert not browser.find_element(By.ID, "vergelijk-wrapper").is_displayed()


def test_initiative_page_data_island_is_inert_json(sample_site, browser):
    """The block compare.js reads is JSON that a browser does not run (the CSP allows it)."""
    url, out = sample_site
    html = (out / "initiatieven" / EDE / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="kb-vergelijk">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["slug"] == EDE and data["v"] == 1
    assert "<" not in block.group(1), "< is escaped, so no text can close the script element"


def test_without_javascript_the_page_says_so_and_the_controls_stay_hidden(sample_site):
    _, out = sample_site
    page = (out / "vergelijk" / "index.html").read_text(encoding="utf-8")
    noscript = re.search(r"<noscript>(.*?)</noscript>", page, re.S).group(1)
    assert "JavaScript" in noscript
    assert 'id="vergelijk-wrapper" tabindex="0" role="region" aria-labelledby="vergelijk-bijschrift" hidden' in page
    assert re.search(r'<a href="/type/centraal-persoon/">', page)
    card_page = (out / "type" / "centraal-persoon" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="vergelijkbalk[^"]*" id="vergelijkbalk" hidden', card_page)
    assert "type=\"checkbox\"" not in card_page, "the checkboxes come with the script"


def test_pages_with_a_choice_have_no_axe_violations(sample_site, browser):
    """The bar in sight with two chosen, and the checkboxes on cards and rows, wide and at 320 px."""
    from test_accessibility import check

    url, _ = sample_site
    clear_choice(browser, url)
    browser.execute_script(f"sessionStorage.setItem('kb-vergelijk', '{EDE},{DONGEN}')")
    for width in (1280, 320):
        browser.set_window_size(width, 800)
        try:
            for path in ("type/centraal-persoon/", f"initiatieven/{EDE}/", "initiatieven/", ""):
                browser.get(f"{url}/{path}")
                WebDriverWait(browser, 5).until(
                    lambda d: d.find_element(By.ID, "vergelijkbalk").get_attribute("data-ready") is not None)
                assert browser.find_element(By.ID, "vergelijkbalk-link").is_displayed()
                check(browser, f"/{path} with two chosen at {width} px")
        finally:
            browser.set_window_size(1280, 900)
