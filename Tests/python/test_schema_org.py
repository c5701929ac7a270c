"""schema.org JSON-LD on initiative pages: each page's <script type="application/ld+json"> is the
write-up as a Project with its region and municipalities, partners (member), the partners that pay
in the business case (funder), its period and keywords, and parses as JSON-LD.

The context is the usual "https://schema.org" (what search engines read). Expansion with pyld uses a
document loader that answers that one address with a minimal inline context ({"@vocab":
"https://schema.org/"}) and fails on anything else: no network, and every term becomes a schema.org
IRI."""
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from pyld import jsonld

ROOT = Path(__file__).resolve().parents[2]
KB = Path(os.environ.get("KB_BINARY", str(ROOT / ".build" / "debug" / "kb")))
SLUG = "arrangeur-ede"
SCHEMA = "https://schema.org/"


def build(out, *args):
    result = subprocess.run([str(KB), "build", str(ROOT), "--no-cache", "--output", str(out), *args],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def absolute(tmp_path_factory):
    return build(tmp_path_factory.mktemp("ld-abs") / "public", "--base-url", "https://kennisbank.example.nl/kb/")


@pytest.fixture(scope="module")
def relative(tmp_path_factory):
    return build(tmp_path_factory.mktemp("ld-rel") / "public")


def front_matter(slug):
    text = (ROOT / "content" / "initiatieven" / f"{slug}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def json_ld(page):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, f"{page}: {len(blocks)} JSON-LD blocks"
    assert "<" not in blocks[0] and "&" not in blocks[0].replace("\\u0026", ""), "escaped for a <script> element"
    return json.loads(blocks[0])


def loader(url, options=None):
    if url.rstrip("/") == SCHEMA.rstrip("/"):
        return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA}}}
    pytest.fail(f"fetched {url}")


def test_project_matches_the_write_up(absolute):
    data = json_ld(absolute / "initiatieven" / SLUG / "index.html")
    fm = front_matter(SLUG)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Project"
    assert data["name"] == fm["title"]
    assert data["description"] == fm["summary"]
    assert data["identifier"] == SLUG
    assert data["url"] == f"https://kennisbank.example.nl/kb/initiatieven/{SLUG}/"
    # The region (Arnhem, ZK04) as a place, with the municipalities in it.
    location = data["location"]
    assert location["@type"] == "AdministrativeArea" and location["identifier"] == "ZK04" and location["name"] == "Arnhem"
    assert [p["name"] for p in location["containsPlace"]] == fm["municipalities"]
    assert location["url"] == "https://kennisbank.example.nl/kb/regio/arnhem/"
    # Every partner is a member; those of the kinds that contribute money are funders.
    assert [m["name"] for m in data["member"]] == [p["name"] for p in fm["partners"]]
    assert all(m["@type"] == "Organization" and m["url"].startswith("https://kennisbank.example.nl/kb/organisatie/")
               for m in data["member"])
    paying = {kind for kind, amount in fm["business_case"]["contributions"].items() if amount > 0}
    assert [f["name"] for f in data["funder"]] == [p["name"] for p in fm["partners"] if p["kind"] in paying]
    # The period: a Project is an Organization, whose dates are founding and dissolution.
    assert data["foundingDate"] == str(fm["period"]["start"])
    assert data["dissolutionDate"] == str(fm["period"]["end"])
    for tag in fm["tags"]:
        assert tag in data["keywords"]


def test_every_initiative_page_has_valid_json_ld(absolute):
    pages = sorted((absolute / "initiatieven").glob("*/index.html"))
    assert len(pages) >= 10
    for page in pages:
        data = json_ld(page)
        expanded = jsonld.expand(data, {"documentLoader": loader})
        assert len(expanded) == 1, page
        node = expanded[0]
        assert node["@type"] == [SCHEMA + "Project"], page
        assert node[SCHEMA + "name"][0]["@value"], page
        # Every property expanded to a schema.org term: nothing was dropped as unknown.
        assert set(data) - {"@context", "@type", "@id"} == {k[len(SCHEMA):] for k in node if k.startswith(SCHEMA)}, page
        slug = page.parent.name
        fm = front_matter(slug)
        assert data["name"] == fm["title"], page
        if "end" not in fm["period"]:
            assert "dissolutionDate" not in data, page


def test_urls_are_root_relative_without_a_host(relative):
    data = json_ld(relative / "initiatieven" / SLUG / "index.html")
    assert data["url"] == f"/initiatieven/{SLUG}/"
    assert data["member"][0]["url"].startswith("/organisatie/")
