"""What a reader sees: pages load without errors, navigation and search work without surprises."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import console_errors

PAGES = ["", "initiatieven/", "initiatieven/arrangeur-ede/", "regio/", "regio/arnhem/", "type/",
         "type/centraal-persoon/", "organisatie/", "organisatie/vu-amsterdam/", "zoeken/", "404.html", "dekking/",
         "monitor/", "vergelijk/?ids=arrangeur-ede,leefcoach-dongen"]


def test_pages_load_without_console_errors(sample_site, browser):
    url, _ = sample_site
    # The browser is shared by the session: drop what earlier tests' pages logged (the
    # constructs fixture's external image fails to load without a network).
    console_errors(browser)
    for path in PAGES:
        browser.get(f"{url}/{path}")
        assert browser.find_element(By.TAG_NAME, "h1").text.strip(), path
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
        assert console_errors(browser) == [], path


def test_initiative_page_shows_business_case_in_dutch(sample_site, browser):
    url, _ = sample_site
    browser.get(f"{url}/initiatieven/arrangeur-ede/")
    text = browser.find_element(By.TAG_NAME, "main").text
    assert "62,5%" in text
    assert "8 maanden" in text
    related = browser.find_elements(By.CSS_SELECTOR, "main a[href*='/initiatieven/']")
    assert len(related) >= 3


def test_navigation_by_keyboard_reaches_main_content(sample_site, browser):
    url, _ = sample_site
    browser.get(f"{url}/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("href").endswith("#inhoud"), "first tab stop is the skip link"
    active.send_keys(Keys.ENTER)
    assert browser.current_url.endswith("#inhoud")


def test_search_finds_dementia_initiatives(sample_site, browser):
    url, _ = sample_site
    browser.get(f"{url}/zoeken/")
    box = browser.find_element(By.ID, "zoekterm")
    box.send_keys("dementie")
    WebDriverWait(browser, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#zoekresultaten a"))
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#zoekresultaten a")]
    assert any("sociale-benadering-dementie" in h for h in links)
    status = browser.find_element(By.ID, "zoekstatus").text
    assert "dementie" in status
    WebDriverWait(browser, 5).until(lambda d: "q=dementie" in d.current_url)
    assert console_errors(browser) == []


def test_search_state_in_url_is_restored(sample_site, browser):
    url, _ = sample_site
    browser.get(f"{url}/zoeken/?q=logeerhuis")
    WebDriverWait(browser, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#zoekresultaten a"))
    assert browser.find_element(By.ID, "zoekterm").get_attribute("value") == "logeerhuis"
    first = browser.find_element(By.CSS_SELECTOR, "#zoekresultaten a").get_attribute("href")
    assert "logeerhuis" in first


def test_initiatives_table_sorts_by_start(sample_site, browser):
    url, _ = sample_site
    browser.get(f"{url}/initiatieven/")
    headers = browser.find_elements(By.CSS_SELECTOR, "table[data-sortable] th button")
    assert headers, "sortable headers become buttons"
    start = [b for b in headers if "Start" in b.text]
    assert start
    start[0].click()
    cells = browser.find_elements(By.CSS_SELECTOR, "table[data-sortable] tbody tr td[data-sort-value]")
    values = [c.get_attribute("data-sort-value") for c in cells]
    assert values == sorted(values)


def test_page_fits_320_pixels(sample_site, browser):
    url, _ = sample_site
    browser.set_window_size(320, 800)
    try:
        for path in ["", "initiatieven/arrangeur-ede/", "regio/arnhem/"]:
            browser.get(f"{url}/{path}")
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
    finally:
        browser.set_window_size(1280, 900)
