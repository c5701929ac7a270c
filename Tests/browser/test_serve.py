"""kb serve in a real browser: live reload on a good edit, an accessible error overlay on a bad one.
Over plain sockets: oversized, slow and idle requests neither hang kb serve nor keep others out."""
import os
import select
import shutil
import socket
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


@pytest.fixture
def serve_browser(browser, served_site):
    """The shared browser, taken off kb serve's page before the server stops: the page's live-reload
    script would keep reconnecting to it and fill the console log the next test reads."""
    yield browser
    browser.get("about:blank")


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


def test_serve_reloads_and_shows_errors_in_an_overlay(served_site, serve_browser):
    url, page = served_site
    browser = serve_browser
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


# Denial of service. Every request goes to 127.0.0.1 only; every loop is bounded in count and time.

def port_of(url):
    return int(url.rsplit(":", 1)[1])


def read_status(sock):
    """The status code of the answer on `sock`; 0 when the connection closed without one."""
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    parts = data.split(b" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0


def get_status(port, path="/", timeout=2):
    """GET on a new connection; raises socket.timeout when it is not answered within `timeout`."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        return read_status(sock)


@pytest.mark.parametrize("kind, status", [("url", 414), ("header", 431)])
def test_serve_answers_a_1_mb_url_or_header_at_once_and_keeps_serving(served_site, kind, status):
    port = port_of(served_site[0])
    huge = b"a" * (1 << 20)
    if kind == "url":
        request = b"GET /" + huge + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    else:
        request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Groot: " + huge + b"\r\n\r\n"
    assert get_status(port) == 200

    # Sent in one go: refused within 100 ms (it took minutes before the limits).
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        started = time.monotonic()
        sock.sendall(request)
        assert read_status(sock) == status
        elapsed = time.monotonic() - started
    assert elapsed < 0.1, f"{elapsed * 1000:.0f} ms"

    # While one is half sent, fully sent and answered, / is answered every time.
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(request[: len(request) // 2])
        assert get_status(port) == 200
        sock.sendall(request[len(request) // 2:])
        assert get_status(port) == 200
        assert read_status(sock) == status
    assert get_status(port) == 200


def test_serve_closes_slow_and_idle_clients_and_keeps_serving_and_streaming(served_site):
    url, page = served_site
    port = port_of(url)
    # Live reload's event stream is idle by nature; it must outlast the slow clients.
    events = socket.create_connection(("127.0.0.1", port), timeout=5)
    events.sendall(b"GET /__kb/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    assert read_status(events) == 200

    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(10)]
    dribbling = [socket.create_connection(("127.0.0.1", port)) for _ in range(10)]
    opened = time.monotonic()
    # One byte a second for 9 s, then quiet (a byte sent as the server closes would reset the
    # connection and could wipe out its answer).
    partial = b"GET /aaaa"
    answers = {}  # connection -> (seconds until the server closed it, what it said)
    for second in range(14):
        for sock in dribbling:
            if sock not in answers and second < len(partial):
                sock.send(partial[second:second + 1])
        assert get_status(port) == 200, f"after {second} s"
        waiting = [sock for sock in idle + dribbling if sock not in answers]
        if not waiting:
            break
        ready, _, _ = select.select(waiting, [], [], max(0, opened + second + 1 - time.monotonic()))
        for sock in ready:
            answers[sock] = (time.monotonic() - opened, sock.recv(4096))
    assert len(answers) == 20, "every slow or idle client is closed"
    assert max(seconds for seconds, _ in answers.values()) < 12
    assert all(answers[sock][1] == b"" for sock in idle), "an idle client is closed without a word"
    assert all(answers[sock][1].startswith(b"HTTP/1.1 408 ") for sock in dribbling)
    for sock in idle + dribbling:
        sock.close()

    # The event stream is still open and still carries reloads.
    page.write_text(WRITE_UP.format(title="Arrangeur in Ede, na de trage verbindingen", region="Arnhem"),
                    encoding="utf-8")
    received = b""
    deadline = time.monotonic() + 5
    while b"event: reload" not in received and time.monotonic() < deadline:
        chunk = events.recv(4096)
        assert chunk, "the event stream was closed"
        received += chunk
    assert b"event: reload" in received
    events.close()


def test_serve_gives_the_slots_of_waiting_clients_to_new_ones(served_site):
    port = port_of(served_site[0])
    # More connections than kb serve keeps (128), none of them sending anything.
    waiting = [socket.create_connection(("127.0.0.1", port)) for _ in range(150)]
    try:
        assert get_status(port) == 200
        # The ones that waited longest were closed to make room: 150 + 1 - 128.
        closed = set()
        deadline = time.monotonic() + 2
        while len(closed) < 23 and time.monotonic() < deadline:
            ready, _, _ = select.select([s for s in waiting if s not in closed], [], [], deadline - time.monotonic())
            closed.update(sock for sock in ready if sock.recv(1) == b"")
        assert len(closed) == 23
        assert waiting[0] in closed
    finally:
        for sock in waiting:
            sock.close()


def test_serve_warns_when_other_computers_can_connect(served_site):
    site = served_site[1].parents[2]
    warning = ("waarschuwing: --host 0.0.0.0 is bereikbaar vanaf andere computers; "
               "kb serve is een voorbeeldserver, geen webserver voor publicatie")
    for host in ("0.0.0.0", "127.0.0.1"):
        process = subprocess.Popen([str(KB), "serve", str(site), "--host", host, "--port", "0"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert process.stdout.readline().startswith(f"kb serve: http://{host}:")
        finally:
            process.terminate()
            _, errors = process.communicate(timeout=10)
        if host == "0.0.0.0":
            assert warning in errors
        else:
            assert "bereikbaar vanaf andere computers" not in errors
