"""Real-browser tests: build a site with the kb binary, serve it on loopback, drive headless Chromium."""
import functools
import http.server
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
KB = ROOT / ".build" / "debug" / "kb"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    port = free_port()
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{port}"


def build_site(site_dir, out_dir, *extra):
    assert KB.exists(), "build kb first (swift build)"
    result = subprocess.run([str(KB), "build", str(site_dir), "--output", str(out_dir), *extra],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="session")
def sample_site():
    """The project's sample content, built into a temporary folder and served over HTTP."""
    out = Path(tempfile.mkdtemp(prefix="kb-browser-")) / "public"
    # KB_BROWSER_SITE: test another site folder (e.g. the sample content with template overrides).
    build_site(Path(os.environ.get("KB_BROWSER_SITE", ROOT)), out)
    server, url = serve(out)
    yield url, out
    server.shutdown()
    shutil.rmtree(out.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def constructs_site():
    """Tests/Fixtures/constructs, whose write-ups use every Markdown construct an author can write."""
    out = Path(tempfile.mkdtemp(prefix="kb-constructs-")) / "public"
    build_site(ROOT / "Tests" / "Fixtures" / "constructs", out)
    server, url = serve(out)
    yield url, out
    server.shutdown()
    shutil.rmtree(out.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        options.binary_location = chromium
    driver_path = shutil.which("chromedriver")
    driver = webdriver.Chrome(options=options, service=Service(driver_path) if driver_path else None)
    yield driver
    driver.quit()


def console_errors(driver):
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
