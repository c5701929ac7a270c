"""kb serve in a real browser: live reload on a good edit, an accessible error overlay on a bad one."""
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import conftest
from conftest import console_errors, free_port

# KB_BINARY lets a build in another scratch folder run these tests.
KB = Path(os.environ.get("KB_BINARY", str(conftest.KB)))

WRITE_UP = """---
title: {title}
summary: Eén vaste arrangeur regelt zorg en ondersteuning.
type: centraal-persoon
region: {region}
status: geevalueerd
period: {{start: 2018-01, end: 2020-12}}
partners:
  - {{name: Opella, kind: zorgaanbieder}}
  - {{name: Gemeente Ede, kind: gemeente}}
---
## Aanleiding

Tekst.
"""


@pytest.fixture
def served_site():
    site = Path(tempfile.mkdtemp(prefix="kb-serve-"))
    (site / "content" / "initiatieven").mkdir(parents=True)
    page = site / "content" / "initiatieven" / "ede.md"
    page.write_text(WRITE_UP.format(title="Arrangeur in Ede", region="Arnhem"), encoding="utf-8")
    port = free_port()
    process = subprocess.Popen([str(KB), "serve", str(site), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout.readline().startswith(f"kb serve: http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}", page
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(site, ignore_errors=True)


def wait_until(condition, seconds=3):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return True
        except Exception:  # the page is reloading
            pass
        time.sleep(0.05)
    return False


def test_serve_reloads_and_shows_errors_in_an_overlay(served_site, browser):
    url, page = served_site
    browser.get(f"{url}/initiatieven/ede/")
    assert "Arrangeur in Ede" in browser.title

    # A good edit reloads the open tab.
    browser.execute_script("window.kbMarker = 1")
    page.write_text(WRITE_UP.format(title="Arrangeur in Ede, nieuw", region="Arnhem"), encoding="utf-8")
    assert wait_until(lambda: browser.execute_script("return window.kbMarker") is None)
    assert wait_until(lambda: "Arrangeur in Ede, nieuw" in browser.title)

    # A bad edit: an alert dialog with the place and the message, focus on its button.
    page.write_text(WRITE_UP.format(title="Kapot", region="Midden Brabant <b>x</b>"), encoding="utf-8")
    assert wait_until(lambda: browser.find_elements(By.ID, "kb-dev-overlay"))
    overlay = browser.find_element(By.ID, "kb-dev-overlay")
    assert overlay.get_attribute("role") == "alertdialog"
    assert overlay.find_element(By.TAG_NAME, "h2").text == "De site kan niet worden gebouwd"
    assert "content/initiatieven/ede.md:5:9" in overlay.text
    assert 'onbekende regio "Midden Brabant <b>x</b>"' in overlay.text
    assert not overlay.find_elements(By.TAG_NAME, "b"), "messages are text, not markup"
    assert browser.switch_to.active_element.text == "Sluiten"
    assert "Arrangeur in Ede, nieuw" in browser.title, "the last good page stays"

    # Other pages carry it too; Escape dismisses it for as long as the errors stay the same.
    browser.get(f"{url}/")
    assert wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, "#kb-dev-overlay[data-wired]"))
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not browser.find_elements(By.ID, "kb-dev-overlay")
    browser.get(f"{url}/initiatieven/")
    time.sleep(0.3)
    assert not browser.find_elements(By.ID, "kb-dev-overlay")

    # Fixed: the tab reloads without the overlay.
    browser.get(f"{url}/initiatieven/ede/")
    browser.execute_script("window.kbMarker = 2")
    page.write_text(WRITE_UP.format(title="Arrangeur in Ede, hersteld", region="Arnhem"), encoding="utf-8")
    assert wait_until(lambda: "hersteld" in browser.title)
    assert not browser.find_elements(By.ID, "kb-dev-overlay")
    assert console_errors(browser) == []
