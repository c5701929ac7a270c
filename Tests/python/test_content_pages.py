"""Content pages (content/paginas/<slug>.md): published at /<slug>/, in the menu by their `menu`
order, in the sitemap; checked by kb check (unknown keys, a slug kb's own pages use, a link to a
write-up that does not exist); a rebuild after editing one equals a clean build."""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from trees import read_tree as tree

ROOT = Path(__file__).resolve().parents[2]
KB = Path(os.environ.get("KB_BINARY", str(ROOT / ".build" / "debug" / "kb")))


def run(*args):
    return subprocess.run([str(KB), *map(str, args)], capture_output=True, text=True)


def page(slug, title, menu=None, body="Tekst.\n", extra=""):
    order = f"menu: {menu}\n" if menu is not None else ""
    return slug, f"---\ntitle: {title}\nsummary: Over {title.lower()}.\n{order}{extra}---\n\n{body}"


@pytest.fixture
def site(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(ROOT / "content" / "initiatieven", site / "content" / "initiatieven")
    (site / "content" / "paginas").mkdir()
    return site


def write(site, *pages):
    for slug, text in pages:
        (site / "content" / "paginas" / f"{slug}.md").write_text(text, encoding="utf-8")


def menu(html):
    nav = re.search(r"<nav[^>]*>(.*?)</nav>", html, re.S).group(1)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)


def test_pages_are_published_in_the_menu_by_order_and_in_the_sitemap(site, tmp_path):
    write(site, page("colofon", "Colofon"), page("toegankelijkheid", "Toegankelijkheid", 2),
          page("over", "Over de kennisbank", 1, body="Zie [Ede](arrangeur-ede.md) en [de types](../type/).\n"))
    out = tmp_path / "out"
    result = run("build", site, "--no-cache", "--output", out)
    assert result.returncode == 0, result.stderr
    over = (out / "over" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Over de kennisbank</h1>" in over
    assert 'href="/initiatieven/arrangeur-ede/"' in over and 'href="../type/"' in over
    # After the built-in sections, in menu order; a page without `menu` is not in the menu.
    links = menu((out / "index.html").read_text(encoding="utf-8"))
    assert [text for _, text in links[-2:]] == ["Over de kennisbank", "Toegankelijkheid"]
    assert "Colofon" not in [text for _, text in links]
    # The footer lists every content page, menu or not, by title.
    footer = re.search(r"<footer[^>]*>(.*?)</footer>", over, re.S).group(1)
    assert re.findall(r'<a href="/(colofon|over|toegankelijkheid)/">', footer) == ["colofon", "over", "toegankelijkheid"]
    assert 'aria-current="page"' in re.search(r'<a href="/over/"[^>]*>', over).group(0)
    assert (out / "colofon" / "index.html").is_file()
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    for slug in ["over", "colofon", "toegankelijkheid"]:
        assert f"/{slug}/</loc>" in sitemap


@pytest.mark.parametrize("slug, extra, body, expected", [
    ("regio", "", "Tekst.\n", r"content/paginas/regio\.md:1:1: error: de pagina zou op /regio/ komen"),
    # As in a write-up, an unknown key is a warning (--strict makes it fail).
    ("over", "auteur: Jan\n", "Tekst.\n", r"content/paginas/over\.md:4:1: warning: onbekende eigenschap \"auteur\""),
    ("over", "", "Zie [weg](bestaat-niet.md).\n", r"content/paginas/over\.md:6:5: error: link naar \"bestaat-niet\.md\""),
    ("over", "menu: eerst\n", "Tekst.\n", r"content/paginas/over\.md:4:7: error: .*menu"),
])
def test_kb_check_reports_bad_pages_at_their_line(site, slug, extra, body, expected):
    write(site, page(slug, "Pagina", body=body, extra=extra))
    result = run("check", site, "--strict")
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(expected, result.stdout + result.stderr), result.stdout + result.stderr


def test_a_rebuild_after_editing_a_page_equals_a_clean_build(site, tmp_path):
    write(site, page("over", "Over de kennisbank", 1))
    out, clean = tmp_path / "out", tmp_path / "clean"
    assert run("build", site, "--output", out).returncode == 0
    write(site, page("over", "Over deze kennisbank", 1), page("nieuw", "Nieuwe pagina", 0))
    assert run("build", site, "--output", out).returncode == 0
    assert run("build", site, "--no-cache", "--output", clean).returncode == 0
    assert tree(out) == tree(clean)
    assert "Nieuwe pagina" in (out / "initiatieven" / "arrangeur-ede" / "index.html").read_text(encoding="utf-8")


def test_every_folder_kb_itself_writes_is_refused_as_a_page_slug(site, tmp_path):
    """Whatever page kinds kb has, a content page can never take the place of one of them."""
    out = tmp_path / "out"
    assert run("build", site, "--no-cache", "--output", out).returncode == 0
    own = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert {"regio", "zoeken", "api", "dekking", "monitor"} <= set(own)
    for name in own:
        write(site, page(name, "Pagina"))
    result = run("check", site)
    for name in own:
        assert f"content/paginas/{name}.md:1:1: error: de pagina zou op /{name}/ komen" in result.stdout + result.stderr, name
