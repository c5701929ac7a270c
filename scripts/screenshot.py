#!/usr/bin/env python3
"""Full-page screenshots of a built site in headless Chromium, to look at what readers see.

    python3 scripts/screenshot.py public out/ / initiatieven/arrangeur-ede/ regio/arnhem/ [--width 1280]
    python3 scripts/screenshot.py public out/ "vergelijk/?ids=arrangeur-ede,leefcoach-dongen" --wait "#vergelijk[data-state=ready]"
"""
import argparse
import functools
import http.server
import shutil
import threading
from pathlib import Path

from selenium import webdriver

parser = argparse.ArgumentParser()
parser.add_argument("site")
parser.add_argument("out")
parser.add_argument("paths", nargs="+")
parser.add_argument("--width", type=int, default=1280)
parser.add_argument("--element", help="CSS selector: capture only this element")
parser.add_argument("--wait", help="CSS selector to wait for before capturing (pages that scripts fill in)")
parser.add_argument("--session", action="append", default=[], metavar="KEY=VALUE",
                    help="sessionStorage entry set before the pages load, e.g. kb-vergelijk=a,b")
args = parser.parse_args()

handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=args.site)
handler.log_message = lambda *a: None
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}/"

options = webdriver.ChromeOptions()
for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars", f"--window-size={args.width},900"):
    options.add_argument(arg)
options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
driver = webdriver.Chrome(options=options)
Path(args.out).mkdir(parents=True, exist_ok=True)
if args.session:
    driver.get(base)
    for entry in args.session:
        key, _, value = entry.partition("=")
        driver.execute_script("sessionStorage.setItem(arguments[0], arguments[1])", key, value)
for path in args.paths:
    driver.get(base + path.lstrip("/"))
    if args.wait:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, args.wait))
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(args.width, min(height, 6000))
    name = (path.strip("/").replace("/", "_").replace("?", "_") or "home") + f"-{args.width}.png"
    if args.element:
        from selenium.webdriver.common.by import By
        driver.find_element(By.CSS_SELECTOR, args.element).screenshot(str(Path(args.out) / name))
    else:
        driver.save_screenshot(str(Path(args.out) / name))
    print(Path(args.out) / name)
driver.quit()
server.shutdown()
