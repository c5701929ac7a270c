"""The open-data catalog (api/catalog.jsonld) is DCAT that a portal can harvest: it expands as
JSON-LD without errors, names the publisher and license kb.yml sets, and every distribution it
lists is a file of the built site."""
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from pyld import jsonld

ROOT = Path(__file__).resolve().parents[2]
KB = Path(os.environ.get("KB_BINARY", str(ROOT / ".build" / "debug" / "kb")))
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"


def build(site, out, *args):
    result = subprocess.run([str(KB), "build", str(site), "--no-cache", "--output", str(out), *args],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample site published at an absolute address, as a portal would harvest it."""
    out = tmp_path_factory.mktemp("open-data") / "public"
    return build(ROOT, out, "--base-url", "https://kennisbank.example.nl/kb/")


def expanded(out):
    document = json.loads((out / "api" / "catalog.jsonld").read_text(encoding="utf-8"))
    # No document loader: the context is inline, so nothing needs fetching.
    return jsonld.expand(document, {"documentLoader": lambda url, options=None: pytest.fail(f"fetched {url}")})


def nodes(graph, kind):
    return [n for n in graph if kind in n.get("@type", [])]


def test_catalog_expands_and_lists_the_datasets_with_their_files(sample):
    graph = expanded(sample)
    catalogs = nodes(graph, DCAT + "Catalog")
    assert len(catalogs) == 1
    catalog = catalogs[0]
    assert catalog["@id"] == "https://kennisbank.example.nl/kb/api/catalog.jsonld"
    assert catalog[DCT + "title"][0]["@value"] == "Kennisbank goede praktijken langdurige zorg"
    datasets = catalog[DCAT + "dataset"]
    assert len(datasets) == 1
    dataset = datasets[0]
    for key in ["title", "description", "publisher", "license", "modified", "language", "accessRights"]:
        assert DCT + key in dataset, key
    distributions = dataset[DCAT + "distribution"]
    media = sorted(d[DCAT + "mediaType"][0]["@id"].rsplit("/", 2)[-2] + "/" + d[DCAT + "mediaType"][0]["@id"].rsplit("/", 1)[-1]
                   for d in distributions)
    assert media == ["application/json", "text/csv", "text/csv"]
    for d in distributions:
        url = d[DCAT + "downloadURL"][0]["@id"]
        assert url.startswith("https://kennisbank.example.nl/kb/api/")
        path = sample / urlparse(url).path.removeprefix("/kb/")
        assert path.is_file() and path.stat().st_size > 0, url


def test_catalog_modified_is_the_newest_update_of_a_write_up(sample):
    dataset = nodes(expanded(sample), DCAT + "Catalog")[0][DCAT + "dataset"][0]
    updates = [i.get("updated") for i in json.loads((sample / "api" / "initiatieven.json").read_text(encoding="utf-8"))["initiatives"]]
    assert dataset[DCT + "modified"][0]["@value"] == max(u for u in updates if u)


def test_publisher_and_license_come_from_kb_yml(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(ROOT / "content", site / "content")
    (site / "kb.yml").write_text("title: Kennisbank\npublisher: Zorginstituut Voorbeeld\nlicense: cc0-1.0\n", encoding="utf-8")
    catalog = nodes(expanded(build(site, tmp_path / "out")), DCAT + "Catalog")[0]
    assert catalog[DCT + "publisher"][0][FOAF + "name"][0]["@value"] == "Zorginstituut Voorbeeld"
    assert catalog[DCT + "license"][0]["@id"] == "http://creativecommons.org/publicdomain/zero/1.0/"


def test_an_unknown_license_is_an_error_at_its_line(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(ROOT / "content", site / "content")
    (site / "kb.yml").write_text("title: Kennisbank\nlicense: alle rechten voorbehouden\n", encoding="utf-8")
    result = subprocess.run([str(KB), "check", str(site)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "kb.yml:2:10: error: onbekende licentie \"alle rechten voorbehouden\"" in result.stderr + result.stdout


@pytest.mark.parametrize("page", ["index.html", "initiatieven/arrangeur-ede/index.html", "regio/arnhem/index.html",
                                  "type/index.html", "zoeken/index.html"])
def test_every_page_has_a_canonical_link_and_open_graph_tags_for_a_shared_link(sample, page):
    import html
    import re
    text = (sample / page).read_text(encoding="utf-8")
    meta = {m.group(1): html.unescape(m.group(2)) for m in re.finditer(r'<meta property="og:(\w+)" content="([^"]*)">', text)}
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', text).group(1)
    title = html.unescape(re.search(r"<title>(.*?)</title>", text, re.S).group(1))
    assert canonical.startswith("https://kennisbank.example.nl/kb/")
    assert meta["url"] == canonical and meta["type"] == "website" and meta["locale"] == "nl_NL"
    assert meta["site_name"] == "Kennisbank goede praktijken langdurige zorg"
    assert meta["title"] and title.startswith(meta["title"]), (meta["title"], title)
    assert len(meta["description"]) > 20
