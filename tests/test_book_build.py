"""The book builds strictly and the site is self-contained."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from equitykit.sphinxext.site_checks import check_site, read_allow_list

pytestmark = pytest.mark.slow


def _toc_files(toc: dict) -> list[str]:
    files = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                files.append(entry["file"])
            for key in ("sections", "chapters", "parts"):
                if key in entry:
                    walk(entry[key])

    walk(toc.get("parts", []) + toc.get("chapters", []))
    return files


def test_book_builds_with_no_warnings(built_site):
    report = "\n".join(built_site.warnings[:40])
    assert built_site.returncode == 0, (
        f"the strict build failed:\n{report}\n{built_site.output[-3000:]}"
    )
    assert not built_site.warnings, f"the build printed warnings:\n{report}"


def test_every_page_in_the_toc_is_published(built_site, repo: Path):
    toc = yaml.safe_load((repo / "_toc.yml").read_text(encoding="utf-8"))
    missing = [f for f in _toc_files(toc) if not (built_site.site / f"{f}.html").is_file()]
    assert not missing, f"pages in _toc.yml with no HTML page: {missing}"


def test_site_loads_nothing_from_third_party_hosts(built_site, repo: Path):
    allowed = read_allow_list(repo / "tests" / "allowed-link-hosts.txt")
    problems = check_site(built_site.site, allowed)
    listing = "\n".join(str(p) for p in problems[:30])
    assert not problems, f"{len(problems)} third-party reference(s) in the built site:\n{listing}"


def test_widget_pages_embed_state_and_local_renderer(built_site):
    page = built_site.site / "modules" / "adaptive-work" / "practice.html"
    html = page.read_text(encoding="utf-8")
    # the widget loader comes from the site itself
    assert re.search(r'src="[./]*_static/equitykit/anywidget-embed\.js[?"]', html)
    assert (built_site.site / "_static" / "equitykit" / "anywidget-embed.js").is_file()
    # the executed notebook's widget state is embedded, so widgets render with no kernel
    match = re.search(
        r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', html, re.S
    )
    assert match, "no embedded widget state: the widgets would not render on the static site"
    state = json.loads(match.group(1))["state"]
    names = {model["state"].get("_anywidget_id") for model in state.values()}
    for widget in ("GapExplorer", "KnowledgeCheck", "Reflection", "SortingExercise"):
        assert any(name and name.endswith(widget) for name in names), f"{widget} not embedded"
    # every widget shown on the page is one the loader can render
    views = re.findall(r'widget-view\+json">(\{.*?\})</script>', html)
    assert views
    for view in views:
        assert state[json.loads(view)["model_id"]]["model_module"] == "anywidget"


def test_text_pages_load_no_widget_bundle(built_site):
    html = (built_site.site / "book" / "index.html").read_text(encoding="utf-8")
    assert "anywidget-embed.js" not in html, "the widget loader is loaded on a page with no widgets"


def test_no_script_file_blocks_the_first_paint(built_site):
    """Every script a page loads in <head> is deferred; Sphinx's 400-byte options file, which
    the page's inline scripts read at once, is written into the page (a phone paints sooner)."""
    for page in ("book/index.html", "modules/adaptive-work/reading.html"):
        head = (built_site.site / page).read_text(encoding="utf-8").split("</head>")[0]
        blocking = [
            src
            for attrs, src in re.findall(r"<script([^>]*?)src=\"([^\"]+)\"", head)
            if "defer" not in attrs and "async" not in attrs
        ]
        names = [src.split("/")[-1].split("?")[0] for src in blocking]
        assert names == [], f"{page}: blocking scripts {names}"
        assert "const DOCUMENTATION_OPTIONS" in head


def test_every_page_links_one_joined_stylesheet_whose_fonts_resolve(built_site):
    """The theme's and the kit's stylesheets arrive as one file (one round trip on a phone),
    with no @import left in it and every url() it names present in the site."""
    bundle = built_site.site / "_static" / "equitykit" / "site.css"
    css = bundle.read_text(encoding="utf-8")
    assert "@import" not in css
    for url in re.findall(r"url\(([^)\"']+)\)", css):
        if not url.startswith("data:"):
            assert (bundle.parent / url.split("?")[0].split("#")[0]).is_file(), url
    assert ".ek-table" in css and ".bd-header" in css  # the kit's and the theme's rules
    for page in ("book/index.html", "modules/adaptive-work/practice.html", "search.html"):
        head = (built_site.site / page).read_text(encoding="utf-8").split("</head>")[0]
        links = [t for t in re.findall(r"<link\b[^>]*>", head) if 'rel="stylesheet"' in t]
        sheets = [re.search(r'href="([^"]+)"', t).group(1) for t in links]
        screen = [s for s in sheets if "print.css" not in s]
        assert len(screen) == 1 and "equitykit/site.css" in screen[0], f"{page}: {sheets}"
