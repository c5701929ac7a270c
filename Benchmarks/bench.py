#!/usr/bin/env python3
"""Benchmark harness for kb: build speed against Hugo and a cmark-gfm floor, then search cost.

    python3 Benchmarks/bench.py [--sizes 1000,10000] [--runs 3] [--out Benchmarks/results.md]
                                [--seed 1] [--search-only | --no-search]

Per N it generates (or reuses, cached by N, seed and generator version in .bench/) a corpus with
Benchmarks/generate_corpus.py and measures, each as the median of --runs runs with min/max:

  kb clean build       `--no-cache`, with the output folder and SITE/.kb-cache moved aside before
                       every run (deleted at the end: see discard()): a true clean build
  kb no-op rebuild     build again, nothing changed
  kb edit one file     one sentence appended to one write-up, then build
  Hugo (related)       the equivalent Hugo site, five related pages per write-up, Hugo's default
                       related threshold (80)
  Hugo (related, threshold 10)  the setting this benchmark used before 2026-12, for comparison
  Hugo (no related)    the same with related content switched off
  cmark-gfm floor      cmark-gfm (GFM extensions) over the concatenated bodies of all N files
  ... (tmpfs output)   kb clean build and Hugo (no related) again with the output folder in
                       /dev/shm: this VM's disk has no ext4 journal, and creating tens of thousands
                       of files right after deleting as many is slow there (the kernel skips
                       recently deleted inodes one by one); these rows show the tools without it

For each: wall time, CPU time (user+sys of the child, from os.wait4) and peak RSS (ru_maxrss of
the child). Then `kb build --verbose` once for the per-stage timings.

The search part (also alone with --search-only) serves the built site with a small gzip server
that logs every request, and drives headless Chromium: bytes for a first query on kb and on
Pagefind, keystroke-to-results times, and the search index build time.

The kb binary is built with `swift build -c release --scratch-path .build-bench`, never in .build.
Results are printed as Markdown tables and written to --out.
"""
import argparse
import datetime
import gzip
import hashlib
import http.server
import mimetypes
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / ".bench"
SCRATCH = ROOT / ".build-bench"
KB = SCRATCH / "release" / "kb"
GENERATOR = ROOT / "Benchmarks" / "generate_corpus.py"
CMARK_ARGS = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter", "-e", "tasklist", "--footnotes"]


def cmark_args():
    """CMARK_ARGS as this cmark-gfm spells them: Debian's 0.29.0.gfm.6 has no --footnotes option
    but a `footnotes` extension (-e footnotes); newer builds have the option."""
    try:
        text = subprocess.run(["cmark-gfm", "--help"], capture_output=True, text=True).stdout
        extensions = subprocess.run(["cmark-gfm", "--list-extensions"], capture_output=True, text=True).stdout
    except OSError:
        return CMARK_ARGS
    if "--footnotes" not in text and re.search(r"^\s*footnotes\s*$", extensions, re.M):
        return [a for a in CMARK_ARGS if a != "--footnotes"] + ["-e", "footnotes"]
    return CMARK_ARGS
QUERIES = ["dementie", "mantelzorg", "logeerhuis", "arrangeur", "ondersteuning", "Rotterdam", "zorgkantoor",
           "eenzaamheid", "respijtzorg", "wonen"]
RUN_TIMEOUT = 3600  # seconds; one build that takes longer is reported as failed
RUN_BUDGET = 600  # seconds; a measurement whose first run takes longer is not repeated (reported as 1 run)
SEARCH_START = "<!-- search:start -->"
SEARCH_END = "<!-- search:end -->"


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def load():
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


# ------------------------------------------------------------------------------------------
# Preparation


def swift():
    found = os.environ.get("SWIFT") or shutil.which("swift")
    return found or "/opt/swift/usr/bin/swift"


def build_kb(attempts=5, pause=60):
    """Builds the release binary in .build-bench. Sources may be mid-edit while the harness
    starts, so a failed build is retried; after that an existing binary is used, and the report
    says so. Returns a note for the report ("" when the build succeeded)."""
    for attempt in range(1, attempts + 1):
        log(f"swift build -c release --scratch-path .build-bench (attempt {attempt}/{attempts})")
        result = subprocess.run([swift(), "build", "-c", "release", "--scratch-path", str(SCRATCH)], cwd=ROOT,
                                capture_output=True, text=True)
        if result.returncode == 0 and KB.exists():
            return ""
        errors = [line for line in (result.stdout + result.stderr).splitlines() if ": error:" in line]
        log("kb release build failed:\n" + "\n".join(errors[:10] or (result.stdout + result.stderr).splitlines()[-20:]))
        if attempt < attempts:
            time.sleep(pause)
    if KB.exists():
        built = datetime.datetime.fromtimestamp(KB.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        log(f"using the existing {KB.relative_to(ROOT)} from {built}")
        return f"the release build failed ({errors[0] if errors else 'see log'}); measured the binary built {built}"
    raise SystemExit("kb release build failed and there is no earlier binary")


TRASH = BENCH / "trash"


def discard(folder):
    """Removes `folder` before a measured clean build by moving it aside; the moved folders are
    deleted when the harness ends. Deleting tens of thousands of files right before a build makes
    this VM's journal-less ext4 skip every recently freed inode while allocating new ones, which
    costs the tool that runs next seconds of kernel time: a harness artefact (a CI checkout has
    nothing to delete), and it grew with every run."""
    if not folder.exists():
        return
    TRASH.mkdir(parents=True, exist_ok=True)
    target = TRASH / f"{folder.name}-{time.monotonic_ns()}"
    try:
        folder.rename(target)
    except OSError:  # another filesystem (tmpfs): nothing to gain there, delete it
        shutil.rmtree(folder)


def empty_trash():
    shutil.rmtree(TRASH, ignore_errors=True)


def generator_version():
    return hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:12]


def corpus(n, seed):
    """The cached corpus for (n, seed): kb site, Hugo site and the concatenated bodies."""
    folder = BENCH / f"corpus-{n}-seed{seed}"
    stamp = folder / "generator.version"
    version = generator_version()
    if not (stamp.exists() and stamp.read_text() == version):
        log(f"generating corpus N={n} seed={seed}")
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, str(GENERATOR), str(n), str(folder / "kb"), "--seed", str(seed),
                        "--hugo", str(folder / "hugo")], check=True)
        log(f"generated in {time.perf_counter() - started:.1f} s")
        with open(folder / "bodies.md", "wb") as out:
            for path in sorted((folder / "kb" / "content" / "initiatieven").glob("*.md")):
                out.write(strip_front_matter(path.read_bytes()))
                out.write(b"\n\n")
        stamp.write_text(version)
    files = sorted((folder / "kb" / "content" / "initiatieven").glob("*.md"))
    size = sum(p.stat().st_size for p in files)
    return {"dir": folder, "kb": folder / "kb", "hugo": folder / "hugo", "bodies": folder / "bodies.md",
            "files": files, "bytes": size}


def strip_front_matter(data):
    if data.startswith(b"---\n"):
        end = data.find(b"\n---\n", 4)
        if end >= 0:
            return data[end + 5:]
    return data


# ------------------------------------------------------------------------------------------
# Measuring one child process


class RunFailed(Exception):
    pass


def run_once(cmd, cwd=None, env=None, timeout=RUN_TIMEOUT, capture=None):
    """Runs cmd, returns (wall s, cpu s, peak RSS bytes); stdout+stderr go to `capture` (a path)."""
    capture = capture or (BENCH / "last-run.log")
    with open(capture, "wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        timer = threading.Timer(timeout, lambda: os.kill(proc.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = Path(capture).read_bytes()[-3000:].decode("utf-8", "replace")
        raise RunFailed(f"{' '.join(map(str, cmd))} exited with {proc.returncode}"
                        f"{' (timeout)' if proc.returncode == -9 else ''}:\n{tail}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, usage.ru_utime


def measure(name, cmd, runs, prepare=None, cwd=None, env=None):
    walls, cpus, users, rsss, loads = [], [], [], [], []
    for k in range(runs):
        if prepare:
            prepare(k)
        loads.append(load())
        try:
            wall, cpu, rss, user = run_once(cmd, cwd=cwd, env=env)
        except RunFailed as error:
            log(f"{name}: FAILED\n{error}")
            return {"name": name, "error": str(error).splitlines()[0]}
        walls.append(wall)
        cpus.append(cpu)
        users.append(user)
        rsss.append(rss)
        log(f"{name} run {k + 1}/{runs}: {wall:.2f} s wall, {cpu:.2f} s CPU, {rss / 2**20:.0f} MB")
        if k == 0 and wall > RUN_BUDGET:
            log(f"{name}: first run took more than {RUN_BUDGET} s; not repeated")
            break
    return {"name": name, "wall": statistics.median(walls), "min": min(walls), "max": max(walls),
            "cpu": statistics.median(cpus), "user": statistics.median(users), "rss": max(rsss), "load": statistics.mean(loads), "runs": len(walls)}


# ------------------------------------------------------------------------------------------
# Build benchmarks


def kb_cmd(site, out, *extra):
    return [str(KB), "build", str(site), "--output", str(out), *extra]


def parse_stages(text):
    stages = []
    for line in text.splitlines():
        m = re.match(r"^\s+([\w./ -]+?)\s+([\d.]+)\s*ms\s*$", line)
        if m:
            stages.append((m.group(1).strip(), float(m.group(2))))
    return stages


def verbose_build(site, out):
    capture = BENCH / "verbose.log"
    for folder in (out, Path(site) / ".kb-cache"):  # a clean build: no output, no incremental state
        discard(folder)
    wall, _, _, _ = run_once(kb_cmd(site, out, "--verbose"), capture=capture)
    return wall, parse_stages(capture.read_text("utf-8", "replace"))


def hugo_sanity(out, n):
    pages = list((out / "initiatieven").glob("*/index.html"))
    if len(pages) != n:
        raise RunFailed(f"Hugo wrote {len(pages)} write-up pages, expected {n}")


def bench_builds(n, c, runs):
    work = BENCH / f"out-{n}"
    work.mkdir(parents=True, exist_ok=True)
    kb_out = work / "kb" / "public"
    kb_out.parent.mkdir(parents=True, exist_ok=True)
    rows = []

    def clean(_):
        for folder in (kb_out, c["kb"] / ".kb-cache"):  # output and kb's incremental-build state
            discard(folder)

    rows.append(measure("kb clean build", kb_cmd(c["kb"], kb_out, "--no-cache"), runs, prepare=clean))
    if not kb_out.exists():
        run_once(kb_cmd(c["kb"], kb_out))
    rows.append(measure("kb no-op rebuild", kb_cmd(c["kb"], kb_out), runs))

    edited = c["files"][len(c["files"]) // 2]
    original = edited.read_bytes()

    def edit(k):
        edited.write_bytes(original + f"\nNa de evaluatie besloten de partners de aanpak voort te zetten (wijziging {k + 1}).\n"
                           .encode("utf-8"))

    try:
        rows.append(measure("kb edit one file", kb_cmd(c["kb"], kb_out), runs, prepare=edit))
    finally:
        edited.write_bytes(original)
        os.utime(edited, None)

    hugo_out = work / "hugo-public"

    def hugo_clean(_):
        for folder in (hugo_out, c["hugo"] / "resources"):
            discard(folder)

    hugo_env = dict(os.environ, HUGO_CACHEDIR=str(BENCH / "hugo-cache"))
    hugo = ["hugo", "--source", str(c["hugo"]), "--destination", str(hugo_out), "--quiet"]
    row = measure("Hugo (related)", hugo + ["--config", "config.toml"], runs, prepare=hugo_clean, env=hugo_env)
    if "error" not in row:
        try:
            hugo_sanity(hugo_out, n)
        except RunFailed as error:
            row = {"name": row["name"], "error": str(error)}
    rows.append(row)
    rows.append(measure("Hugo (related, threshold 10)", hugo + ["--config", "config.toml,related10.toml"], runs,
                        prepare=hugo_clean, env=hugo_env))
    rows.append(measure("Hugo (no related)", hugo + ["--config", "config.toml,norelated.toml"], runs,
                        prepare=hugo_clean, env=hugo_env))
    rows.append(measure("cmark-gfm floor", ["cmark-gfm", *cmark_args(), str(c["bodies"])], runs))

    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        shm_work = shm / f"kb-bench-{os.getpid()}"
        kb_shm, hugo_shm = shm_work / "kb-public", shm_work / "hugo-public"

        def clean_shm(_):
            for folder in (kb_shm, hugo_shm, c["kb"] / ".kb-cache", c["hugo"] / "resources"):
                if folder.exists():
                    shutil.rmtree(folder)

        try:
            rows.append(measure("kb clean build (tmpfs output)", kb_cmd(c["kb"], kb_shm, "--no-cache"), runs, prepare=clean_shm))
            rows.append(measure("Hugo (no related, tmpfs output)",
                                ["hugo", "--source", str(c["hugo"]), "--destination", str(hugo_shm), "--quiet",
                                 "--config", "config.toml,norelated.toml"], runs, prepare=clean_shm, env=hugo_env))
        finally:
            shutil.rmtree(shm_work, ignore_errors=True)

    log("kb build --verbose")
    try:
        _, stages = verbose_build(c["kb"], kb_out)
    except RunFailed as error:
        log(f"kb build --verbose failed: {error}")
        stages = []
    return {"rows": rows, "stages": stages}


# ------------------------------------------------------------------------------------------
# Formatting


def fmt_s(x):
    if x is None:
        return "n/a"
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 100 else f"{x:.1f}"


def fmt_ratio(a, b):
    if a is None or b is None or b == 0:
        return "n/a"
    return f"{a / b:.2f}×"


def fmt_bytes(b):
    if b is None:
        return "n/a"
    if b >= 10 * 2**20:
        return f"{b / 2**20:.1f} MB"
    if b >= 2**10:
        return f"{b / 2**10:.1f} kB"
    return f"{b} B"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def wall(results, n, name):
    for row in results.get(n, {}).get("rows", []):
        if row["name"] == name and "error" not in row:
            return row["wall"]
    return None


def build_report(results, sizes, corpora):
    rows = []
    for n in sizes:
        for row in results[n]["rows"]:
            if "error" in row:
                rows.append([str(n), row["name"], "FAILED", "", "", "", "", "", row["error"][:80]])
                continue
            rows.append([str(n), row["name"], fmt_s(row["wall"]), fmt_s(row["min"]), fmt_s(row["max"]),
                         fmt_s(row["user"]), fmt_s(row["cpu"]), f"{row['rss'] / 2**20:.0f}", row["runs"],
                         f"{row['load']:.1f}"])
    out = [table(["N", "run", "wall median (s)", "min (s)", "max (s)", "CPU user (s)", "CPU user+sys (s)", "peak RSS (MB)",
                  "runs", "load avg"], rows)]
    ratio_rows = []
    for n in sizes:
        kb = wall(results, n, "kb clean build")
        ratio_rows.append([str(n),
                           fmt_ratio(wall(results, n, "Hugo (related)"), kb),
                           fmt_ratio(wall(results, n, "Hugo (related, threshold 10)"), kb),
                           fmt_ratio(wall(results, n, "Hugo (no related)"), kb),
                           fmt_ratio(kb, wall(results, n, "cmark-gfm floor")),
                           fmt_ratio(wall(results, n, "kb no-op rebuild"), kb),
                           fmt_ratio(wall(results, n, "kb edit one file"), kb)])
    out.append(table(["N", "Hugo/kb (related)", "Hugo/kb (related, threshold 10)", "Hugo/kb (no related)", "kb/floor",
                      "no-op/clean", "edit/clean"],
                     ratio_rows))
    shm_rows = []
    for n in sizes:
        kb = wall(results, n, "kb clean build (tmpfs output)")
        if kb is not None:
            shm_rows.append([str(n), fmt_ratio(wall(results, n, "Hugo (no related, tmpfs output)"), kb),
                             fmt_ratio(kb, wall(results, n, "cmark-gfm floor"))])
    if shm_rows:
        out.append("With the output folder on tmpfs (no filesystem cost of this VM's disk):")
        out.append(table(["N", "Hugo/kb (no related)", "kb/floor"], shm_rows))
    if len(sizes) >= 2:
        small, large = min(sizes), max(sizes)
        scale = []
        for name in ("kb clean build", "kb no-op rebuild", "kb edit one file", "Hugo (related)", "Hugo (no related)",
                     "cmark-gfm floor"):
            scale.append([name, fmt_ratio(wall(results, large, name), wall(results, small, name))])
        out.append(f"Scaling {large}/{small} (linear would be {large / small:.0f}×):\n\n"
                   + table(["run", f"wall({large})/wall({small})"], scale))
    return "\n\n".join(out)


def stage_report(results, sizes):
    names = []
    for n in sizes:
        for stage, _ in results[n]["stages"]:
            if stage not in names:
                names.append(stage)
    if not names:
        return "`kb build --verbose` printed no stage timings."
    rows = []
    for stage in names:
        row = [stage]
        for n in sizes:
            ms = dict(results[n]["stages"]).get(stage)
            row.append("n/a" if ms is None else f"{ms:,.1f}".replace(",", " "))
        rows.append(row)
    rows.append(["**sum**"] + [f"{sum(ms for _, ms in results[n]['stages']):,.1f}".replace(",", " ") for n in sizes])
    return table(["stage (ms)"] + [f"N={n}" for n in sizes], rows)


# ------------------------------------------------------------------------------------------
# Search: gzip server


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip -6 compressed, with no caching, and logs (path, raw, gzipped) per request."""

    def log_message(self, *args):
        pass

    def send_file(self, head):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        fs = self.translate_path(path)
        if os.path.isdir(fs):
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                self.server.log_request_bytes(self.path, 0, 0, 301)
                return
            fs = os.path.join(fs, "index.html")
        status = 200
        if not os.path.isfile(fs):
            status = 404
            fs = os.path.join(self.directory, "404.html")
        data = Path(fs).read_bytes() if os.path.isfile(fs) else b"not found"
        body = gzip.compress(data, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(fs) if status == 200 else "text/html; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)
        self.server.log_request_bytes(self.path, len(data), len(body), status)

    def do_GET(self):
        self.send_file(False)

    def do_HEAD(self):
        self.send_file(True)


class LoggingServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, directory):
        self.requests = []
        self.lock = threading.Lock()
        handler = lambda *a, **k: GzipHandler(*a, directory=str(directory), **k)  # noqa: E731
        super().__init__(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def log_request_bytes(self, path, raw, gz, status):
        with self.lock:
            self.requests.append({"path": path, "raw": raw, "gz": gz, "status": status, "t": time.monotonic()})

    def take(self):
        with self.lock:
            taken, self.requests = self.requests, []
        return taken


mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("application/json", ".json")
for ext in (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter"):
    mimetypes.add_type("application/octet-stream", ext)


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(arg)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        options.binary_location = chromium
    driver_path = shutil.which("chromedriver")
    driver = webdriver.Chrome(options=options, service=Service(driver_path) if driver_path else None)
    driver.set_script_timeout(120)
    driver.set_page_load_timeout(120)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    except Exception:  # noqa: BLE001 - the no-store header is enough on its own
        pass
    return driver


def wait_for(driver, script, timeout, interval=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(interval)
    return None


def wait_quiet(server, quiet=0.5, limit=5.0):
    """Waits until no request has arrived for `quiet` seconds (at most `limit`)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        with server.lock:
            last = server.requests[-1]["t"] if server.requests else 0
        if time.monotonic() - last >= quiet:
            return
        time.sleep(0.05)


STATIC_SUFFIXES = (".css", ".svg", ".ico", ".png", ".jpg", ".woff", ".woff2")


def summarise(requests, document_path):
    total = sum(r["gz"] for r in requests)
    search = sum(r["gz"] for r in requests
                 if urllib.parse.urlsplit(r["path"]).path != document_path
                 and not urllib.parse.urlsplit(r["path"]).path.endswith(STATIC_SUFFIXES))
    return {"total": total, "search": search, "requests": len(requests), "raw": sum(r["raw"] for r in requests)}


KB_READY = """
const out = document.getElementById('zoekresultaten');
if (!out) return null;
if (out.hasAttribute('data-count')) return 'data-count:' + out.getAttribute('data-count');
if (out.querySelector('a')) return 'links';
return null;
"""


def kb_first_query(driver, server, query):
    server.take()
    driver.get(f"{server.url}/zoeken/?q={urllib.parse.quote(query)}")
    # data-count is set when a render is complete; result links alone count only when the page
    # never sets data-count (an older search.js), i.e. 5 s after they appeared.
    state, deadline, links_since = None, time.monotonic() + 30, None
    while time.monotonic() < deadline:
        seen = driver.execute_script(KB_READY)
        if seen and seen.startswith("data-count"):
            state = seen
            break
        if seen == "links":
            links_since = links_since or time.monotonic()
            if time.monotonic() - links_since > 5:
                state = seen
                break
        time.sleep(0.02)
    if not state:
        status = driver.execute_script("const s=document.getElementById('zoekstatus'); return s ? s.textContent : ''")
        return {"error": f"no results rendered in 30 s (status: {status.strip()[:80]!r})"}
    wait_quiet(server)
    result = summarise(server.take(), "/zoeken/")
    result["state"] = state
    m = re.search(r":(\d+)$", state)
    result["count"] = int(m.group(1)) if m else None
    return result


PAGEFIND_PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Pagefind benchmark</title></head>
<body><p id="status">bezig</p>
<script type="module">
const q = new URLSearchParams(location.search).get('q') || '';
const started = performance.now();
try {
  const pf = await import('/pagefind/pagefind.js');
  await pf.init();
  const r = await pf.search(q);
  await Promise.all(r.results.slice(0, 10).map(x => x.data()));
  window.pf = pf;
  document.body.dataset.ms = String(performance.now() - started);
  document.body.dataset.count = String(r.results.length);
} catch (e) {
  document.body.dataset.error = String(e);
}
</script></body></html>
"""

PAGEFIND_READY = """
const b = document.body;
if (!b) return null;
if (b.dataset.error) return 'error:' + b.dataset.error;
if (b.dataset.count !== undefined) return 'count:' + b.dataset.count;
return null;
"""

PAGEFIND_TIME = """
const [q, done] = [arguments[0], arguments[arguments.length - 1]];
const t = performance.now();
window.pf.search(q).then(r => Promise.all(r.results.slice(0, 10).map(x => x.data())))
  .then(() => done(performance.now() - t), e => done(-1));
"""


def pagefind_first_query(driver, server, query):
    server.take()
    driver.get(f"{server.url}/pagefind-bench.html?q={urllib.parse.quote(query)}")
    state = wait_for(driver, PAGEFIND_READY, 60)
    if not state or state.startswith("error"):
        return {"error": state or "Pagefind gave no answer in 60 s"}
    wait_quiet(server)
    result = summarise(server.take(), "/pagefind-bench.html")
    result["state"] = state
    m = re.search(r":(\d+)$", state)
    result["count"] = int(m.group(1)) if m else None
    return result


OBSERVER = """
if (!window.__bench) {
  const b = window.__bench = {lastInput: 0, events: [], sawQueryAttr: false};
  document.addEventListener('input', () => { b.lastInput = performance.now(); }, true);
  const out = document.getElementById('zoekresultaten');
  new MutationObserver(records => {
    const t = performance.now();
    let attr = false;
    for (const r of records) if (r.type === 'attributes' && r.target === out && r.attributeName === 'data-query') attr = true;
    if (attr) b.sawQueryAttr = true;
    b.events.push({t, attr, q: out.getAttribute('data-query')});
  }).observe(out, {attributes: true, childList: true, subtree: true});
}
return true;
"""


def norm(text):
    """A query as search.js reports it (data-query, kbSearchTimings), reduced to its words:
    "dementie", "q=dementie" and "dementie&regio=ZK22" all give "dementie"."""
    text = str(text or "").strip()
    if "=" in text:
        params = urllib.parse.parse_qs(text.lstrip("?&"))
        if "q" in params:
            text = params["q"][0]
        elif "&" in text:
            text = text.split("&", 1)[0]
        elif not re.match(r"^\w+=", text):
            pass
        else:
            text = ""
    return re.sub(r"\s+", " ", text.strip().lower())


def keystroke_timings(driver, server, delay=0.08):
    """Types each query character by character into #zoekterm; returns (times in ms, method, notes)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get(f"{server.url}/zoeken/")
    wait_for(driver, "return document.readyState === 'complete'", 30)
    if not driver.execute_script("return !!document.getElementById('zoekterm') && !!document.getElementById('zoekresultaten')"):
        return [], "n/a", "no #zoekterm / #zoekresultaten on /zoeken/"
    driver.execute_script(OBSERVER)
    field = driver.find_element(By.ID, "zoekterm")
    observed, notes = [], []
    for query in QUERIES:
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(Keys.BACKSPACE)
        time.sleep(0.4)
        for ch in query:
            field.send_keys(ch)
            time.sleep(delay)
        started = time.monotonic()
        ms = None
        while time.monotonic() - started < 30:
            b = driver.execute_script("return window.__bench")
            after = [e for e in b["events"] if e["t"] > b["lastInput"]]
            if b["sawQueryAttr"]:
                hit = [e for e in after if e["attr"] and norm(e["q"]) == norm(query)]
                if hit:
                    ms = hit[0]["t"] - b["lastInput"]
                    break
                attrs = [e for e in after if e["attr"]]
                if attrs and driver.execute_script("return performance.now()") - attrs[-1]["t"] > 3000:
                    ms = attrs[-1]["t"] - b["lastInput"]  # data-query differs from what was typed
                    notes.append(f"{query}: data-query was {attrs[-1]['q']!r}")
                    break
            elif after and time.monotonic() - started > 0.2:
                # No data-query attribute: take the last change once the results stop changing.
                quiet_for = driver.execute_script("return performance.now()") - after[-1]["t"]
                if quiet_for > 700:
                    ms = after[-1]["t"] - b["lastInput"]
                    break
            time.sleep(0.02)
        if ms is None:
            notes.append(f"{query}: no results in 30 s")
        else:
            observed.append(ms)
    timings = driver.execute_script("return Array.isArray(window.kbSearchTimings) ? window.kbSearchTimings : null")
    if timings:
        wanted = {norm(q) for q in QUERIES}
        last = {}
        for entry in timings:
            if isinstance(entry, dict) and isinstance(entry.get("ms"), (int, float)) and norm(entry.get("query")) in wanted:
                last[norm(entry["query"])] = float(entry["ms"])
        values = list(last.values()) or [float(e["ms"]) for e in timings if isinstance(e, dict) and
                                         isinstance(e.get("ms"), (int, float))]
        every = [float(e["ms"]) for e in timings if isinstance(e, dict) and isinstance(e.get("ms"), (int, float))]
        if values:
            note = f"all {len(every)} searches while typing: median {statistics.median(every):.0f} ms, p95 {percentile(every, 95):.0f} ms"
            return values, "window.kbSearchTimings", "; ".join(notes + [note])
    method = "input → data-query" if driver.execute_script("return window.__bench.sawQueryAttr") else "input → last DOM change"
    return observed, method, "; ".join(notes)


def percentile(values, p):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(-(-p * len(ordered) // 100)) - 1))
    return ordered[k]


def search_flag():
    """A `kb build` flag that leaves the search index out, if kb has one."""
    try:
        text = subprocess.run([str(KB), "build", "--help"], capture_output=True, text=True, timeout=30).stdout
    except Exception:  # noqa: BLE001
        return None
    m = re.search(r"(--(?:no|skip|without)-(?:search|zoek)[\w-]*)", text)
    return m.group(1) if m else None


def bench_search(n, c, runs):
    work = BENCH / f"out-{n}" / "search"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    site_out = work / "public"
    res = {"n": n}

    # (a) index build time
    wall, stages = verbose_build(c["kb"], site_out)
    flag = search_flag()
    search_stage = [(s, ms) for s, ms in stages if re.search(r"search|zoek|index", s, re.I)]
    if flag:
        def clean(_):
            for folder in (work / "tmp-public", c["kb"] / ".kb-cache"):
                if folder.exists():
                    shutil.rmtree(folder)
        with_index = measure(f"kb build (N={n})", kb_cmd(c["kb"], work / "tmp-public"), runs, prepare=clean)
        without = measure(f"kb build {flag} (N={n})", kb_cmd(c["kb"], work / "tmp-public", flag), runs, prepare=clean)
        if "error" in with_index or "error" in without:
            res["index_time"] = "n/a (build failed)"
        else:
            res["index_time"] = f"{(with_index['wall'] - without['wall']) * 1000:.0f} ms (with − {flag})"
        shutil.rmtree(work / "tmp-public", ignore_errors=True)
    elif search_stage:
        total = sum(ms for _, ms in stages) or 1
        res["index_time"] = "; ".join(f"{ms:.0f} ms (stage '{s}', {ms / total:.0%} of build)" for s, ms in search_stage)
    else:
        res["index_time"] = "n/a (no flag, no search stage)"
    zoeken = site_out / "zoeken"
    files = [p for p in zoeken.rglob("*") if p.is_file() and p.name != "index.html"] if zoeken.exists() else []
    res["search_files"] = len(files)
    res["search_bytes"] = sum(p.stat().st_size for p in files)

    # Pagefind over a copy of the built site (write-up pages only, as kb's index holds only those).
    pf_site = work / "pagefind-site"
    shutil.copytree(site_out, pf_site)
    (pf_site / "pagefind-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    try:
        pf_wall, _, pf_rss, _ = run_once([sys.executable, "-m", "pagefind", "--site", str(pf_site),
                                       "--glob", "initiatieven/*/index.html"], capture=BENCH / "pagefind.log")
        res["pagefind_index"] = f"{pf_wall:.2f} s"
        pf_files = list((pf_site / "pagefind").rglob("*"))
        res["pagefind_bytes"] = sum(p.stat().st_size for p in pf_files if p.is_file())
    except RunFailed as error:
        res["pagefind_index"] = f"failed: {str(error).splitlines()[0]}"
        res["pagefind_bytes"] = None

    driver = browser()
    kb_server = LoggingServer(site_out)
    pf_server = LoggingServer(pf_site)
    try:
        # (b) bytes for a first query, each query in a fresh page load without cache.
        kb_results, pf_results, pf_times = [], [], []
        for query in QUERIES:
            r = kb_first_query(driver, kb_server, query)
            if "error" in r:
                res["kb_error"] = f"{query}: {r['error']}"
                log(f"kb first query {query!r}: {r['error']}")
                break
            kb_results.append(r)
            log(f"kb first query {query!r}: {r['total']} B gz in {r['requests']} requests ({r['state']})")
        if res.get("pagefind_bytes") is not None:
            for query in QUERIES:
                r = pagefind_first_query(driver, pf_server, query)
                if "error" in r:
                    res["pf_error"] = f"{query}: {r['error']}"
                    log(f"Pagefind first query {query!r}: {r['error']}")
                    break
                pf_results.append(r)
                log(f"Pagefind first query {query!r}: {r['total']} B gz in {r['requests']} requests ({r['state']})")
                t = driver.execute_async_script(PAGEFIND_TIME, query)  # warm: index chunks are loaded now
                if isinstance(t, (int, float)) and t >= 0:
                    pf_times.append(t)
        res["kb_first"] = kb_results
        res["pf_first"] = pf_results
        res["pf_query_ms"] = statistics.median(pf_times) if pf_times else None

        # (c) keystroke to results
        times, method, notes = keystroke_timings(driver, kb_server)
        res["keystroke"] = times
        res["keystroke_method"] = method
        res["keystroke_notes"] = notes
        log(f"keystroke timings ({method}): {[round(t) for t in times]} {notes}")
    finally:
        driver.quit()
        kb_server.shutdown()
        pf_server.shutdown()
    shutil.rmtree(pf_site, ignore_errors=True)
    return res


def med(values, key):
    vals = [v[key] for v in values]
    return statistics.median(vals) if vals else None


def counts(results):
    values = [x["count"] for x in results if x.get("count") is not None]
    return f"{statistics.median(values):.0f}" if values else "n/a"


def search_report(search, sizes):
    rows, details = [], []
    for n in sizes:
        r = search[n]
        kb_total, kb_search = med(r["kb_first"], "total"), med(r["kb_first"], "search")
        pf_total, pf_search = med(r["pf_first"], "total"), med(r["pf_first"], "search")
        kb_req = med(r["kb_first"], "requests")
        pf_req = med(r["pf_first"], "requests")
        ks = r["keystroke"]
        rows.append([
            str(n),
            fmt_bytes(kb_total) + (f" ({kb_req:.0f} req)" if kb_req is not None else ""),
            fmt_bytes(kb_search),
            fmt_bytes(pf_search) + (f" ({pf_req:.0f} req)" if pf_req is not None else ""),
            fmt_ratio(kb_search, pf_search),
            f"{statistics.median(ks):.0f}" if ks else "n/a",
            f"{percentile(ks, 95):.0f}" if ks else "n/a",
            r["index_time"],
        ])
        kb_range = (f"{fmt_bytes(min(x['search'] for x in r['kb_first']))} – {fmt_bytes(max(x['search'] for x in r['kb_first']))}"
                    if r["kb_first"] else "n/a")
        pf_range = (f"{fmt_bytes(min(x['search'] for x in r['pf_first']))} – {fmt_bytes(max(x['search'] for x in r['pf_first']))}"
                    if r["pf_first"] else "n/a")
        details.append([
            str(n),
            f"{r['search_files']} files, {fmt_bytes(r['search_bytes'])}",
            kb_range, fmt_bytes(pf_total), pf_range,
            f"{r['pagefind_index']}, {fmt_bytes(r.get('pagefind_bytes'))}",
            f"{r['pf_query_ms']:.0f}" if r.get("pf_query_ms") is not None else "n/a",
            f"{len(ks)}/{len(QUERIES)}, {r['keystroke_method']}",
            " / ".join(counts(x) for x in (r["kb_first"], r["pf_first"])),
            "; ".join(x for x in (r.get("kb_error"), r.get("pf_error"), r.get("keystroke_notes")) if x) or "",
        ])
    main = table(["N", "kb first query, all requests (gz)", "kb search JS+data (gz)", "Pagefind search JS+data (gz)",
                  "kb/Pagefind", "keystroke→results median (ms)", "p95 (ms)", "index build time"], rows)
    extra = table(["N", "kb search files on disk", "kb search bytes range over queries", "Pagefind all requests (gz)",
                   "Pagefind range over queries", "Pagefind index time, size", "Pagefind query ms (warm, median)",
                   "keystroke samples, method", "results kb / Pagefind (median)", "notes"], details)
    return main, extra


# ------------------------------------------------------------------------------------------


def versions():
    def first_line(cmd):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except Exception:  # noqa: BLE001
            return "n/a"

    commit = first_line(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "Sources", "Package.swift"],
                           capture_output=True, text=True).stdout.strip()
    cpu = "n/a"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except Exception:  # noqa: BLE001
        pass
    return {
        "kb": f"{commit}{' + uncommitted changes in Sources/' if dirty else ''}",
        "hugo": first_line(["hugo", "version"]),
        "cmark-gfm": first_line(["cmark-gfm", "--version"]),
        "pagefind": first_line([sys.executable, "-m", "pagefind", "--version"]),
        "chromium": first_line([shutil.which("chromium") or "chromium", "--version"]),
        "machine": f"{os.cpu_count()} cores, {cpu}, {platform.platform()}",
    }


def replace_section(text, section):
    block = f"{SEARCH_START}\n{section}\n{SEARCH_END}"
    if SEARCH_START in text and SEARCH_END in text:
        head, rest = text.split(SEARCH_START, 1)
        return head + block + rest.split(SEARCH_END, 1)[1]
    return text.rstrip("\n") + "\n\n" + block + "\n"


def main(argv=None):
    global RUN_BUDGET
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement, at least 3 (default 3)")
    parser.add_argument("--out", default=str(ROOT / "Benchmarks" / "results.md"), help="Markdown report")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget", type=float, default=RUN_BUDGET,
                        help=f"seconds; a measurement whose first run is slower is not repeated (default {RUN_BUDGET})")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--search-only", action="store_true", help="only the search part")
    group.add_argument("--no-search", action="store_true", help="skip the search part")
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    runs = max(3, args.runs)
    RUN_BUDGET = args.budget
    out_path = Path(args.out)
    if not out_path.is_absolute():
        out_path = Path.cwd() / out_path

    started = time.perf_counter()
    BENCH.mkdir(exist_ok=True)
    build_note = build_kb()
    info = versions()
    if build_note:
        info["kb"] += f" — WARNING: {build_note}"
    corpora = {n: corpus(n, args.seed) for n in sizes}
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    header = [f"# kb benchmarks ({stamp})", "",
              f"Made by `python3 Benchmarks/bench.py --sizes {','.join(map(str, sizes))} --runs {runs} --seed {args.seed}`.",
              "", *(f"- {k}: {v}" for k, v in info.items()),
              *(f"- corpus N={n}: {len(c['files'])} files, {c['bytes'] / 1e6:.1f} MB (seed {args.seed})"
                for n, c in corpora.items()),
              f"- load average at start: {load():.1f} (2 cores: anything above ~0.5 means other work competed)", ""]

    report = None
    if not args.search_only:
        results = {}
        for n in sizes:
            log(f"build benchmarks N={n}")
            results[n] = bench_builds(n, corpora[n], runs)
        builds = build_report(results, sizes, corpora)
        stages = stage_report(results, sizes)
        print("\n" + builds + "\n", flush=True)
        report = "\n".join(header) + "\n## Build\n\n" + \
            (f"Wall time is the median of {runs} runs; CPU is user+sys of the child (median), RSS the largest "
             "ru_maxrss. Hugo builds the same Markdown files with equivalent templates "
             "(Benchmarks/generate_corpus.py --hugo); the floor is cmark-gfm alone over all bodies, one process.\n\n") + \
            builds + "\n\n### kb build --verbose, per stage\n\n" + stages + "\n"

    if not args.no_search:
        search = {}
        for n in sizes:
            log(f"search benchmarks N={n}")
            try:
                search[n] = bench_search(n, corpora[n], runs)
            except Exception as error:  # noqa: BLE001 - the search is being rewritten; report, never crash
                log(f"search benchmark N={n} failed: {error!r}")
                search[n] = {"n": n, "kb_first": [], "pf_first": [], "keystroke": [], "keystroke_method": "n/a",
                             "keystroke_notes": f"failed: {error!r}"[:200], "index_time": "n/a", "search_files": 0,
                             "search_bytes": 0, "pagefind_index": "n/a", "pagefind_bytes": None, "pf_query_ms": None}
        main_table, extra = search_report(search, sizes)
        print("\n" + main_table + "\n\n" + extra + "\n", flush=True)
        section = ("## Search\n\n"
                   f"Each of the {len(QUERIES)} queries ({', '.join(QUERIES)}) is opened as a first query in a fresh page "
                   "load with the browser cache off; bytes are gzip -6 sizes of every response, medians over the "
                   "queries. \"Search JS+data\" leaves out the HTML page itself, CSS and images. Pagefind indexes a copy "
                   "of the built site (write-up pages only) and is queried through its JS API "
                   "(search + data() of the first 10 results). Keystroke→results: each query typed into #zoekterm "
                   "with 80 ms between keys; p95 is nearest-rank over the samples.\n\n"
                   + main_table + "\n\n" + extra + "\n")
        if report is None:
            report = out_path.read_text(encoding="utf-8") if out_path.exists() else "\n".join(header)
            report = replace_section(report, section)
        else:
            report = replace_section(report, section)

    total = time.perf_counter() - started
    if args.search_only:  # keep the full run's line, replace an earlier search-only one
        report = re.sub(r"\n*Harness run took [^\n]*\(search only\)\.\n?", "\n", report)
    report = report.rstrip("\n") + f"\n\nHarness run took {total / 60:.1f} min ({'search only' if args.search_only else 'full'}).\n"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(report, encoding="utf-8")
    log(f"done in {total / 60:.1f} min; report in {out_path}")


if __name__ == "__main__":
    try:
        main()
    finally:
        empty_trash()
