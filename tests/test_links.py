"""Every internal link and #anchor in the built site resolves (plain HTML, no browser)."""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

pytestmark = pytest.mark.slow

#: (tag, attribute) pairs whose URL is followed: links and the files a page loads.
LINK_ATTRIBUTES = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES:
                self.links.append((f"<{tag} {name}>", value.strip()))


@cache
def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Every internal link of the site whose file or anchor does not exist.

    Parameters
    ----------
    site
        The built site, e.g. ``_build/html``.

    Returns
    -------
    list of str
        One line per broken link: page, tag, link and what is missing.
    """
    problems = []
    pages = [p for p in sorted(site.rglob("*.html")) if "_static" not in p.relative_to(site).parts]
    for page in pages:
        for tag, url in _parse(page).links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:")):
                continue
            if not parts.path and not parts.fragment:
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(site)}: {tag} {url}"
            if not target.is_file():
                problems.append(f"{where}: no file {target}")
                continue
            if not target.is_relative_to(site.resolve()):
                problems.append(f"{where}: points outside the site")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in _parse(target).ids:
                problems.append(f"{where}: no element with id {fragment!r}")
    return problems


def test_every_internal_link_and_anchor_resolves(built_site):
    site = built_site.site
    assert (site / "index.html").is_file(), "the build produced no site"
    problems = broken_links(site)
    listing = "\n".join(problems[:40])
    assert not problems, f"{len(problems)} broken internal link(s):\n{listing}"


def test_the_link_checker_finds_a_broken_link(tmp_path):
    (tmp_path / "a.html").write_text(
        '<a href="b.html#there">ok</a><a href="b.html#gone">x</a><a href="c.html">x</a>'
        '<a href="#top">x</a><a href="https://example.org/">x</a><p id="top"></p>',
        encoding="utf-8",
    )
    (tmp_path / "b.html").write_text('<h1 id="there">B</h1>', encoding="utf-8")
    problems = broken_links(tmp_path)
    assert len(problems) == 2, problems
    assert "'gone'" in problems[0] and "no file" in problems[1]


def _notebook_pages(site: Path, repo: Path) -> list[Path]:
    return [
        page
        for page in sorted(site.rglob("*.html"))
        if "_static" not in page.relative_to(site).parts
        and (repo / page.relative_to(site).with_suffix(".ipynb")).is_file()
    ]


def test_notebook_pages_offer_their_notebook_for_download(built_site, repo):
    pages = _notebook_pages(built_site.site, repo)
    assert pages, "the build has no notebook pages"
    for page in pages:
        name = page.relative_to(built_site.site).with_suffix(".ipynb").as_posix()
        links = [url for tag, url in _parse(page).links if tag == "<a href>"]
        downloads = [url for url in links if url.endswith(f"_sources/{name}")]
        assert downloads, f"{page.name}: no download link for {name} (theme download button)"
        assert (page.parent / downloads[0]).resolve().is_file(), f"{downloads[0]} is missing"


def test_as_shipped_notebook_pages_have_no_launch_link_to_a_placeholder(built_site, repo):
    for page in _notebook_pages(built_site.site, repo):
        links = [url for tag, url in _parse(page).links if tag == "<a href>"]
        dead = [u for u in links if "your-district" in u or "git-pull?" in u or "/v2/gh/" in u]
        assert not dead, f"{page.name} offers launch links nobody has set up: {dead}"


@pytest.mark.slow
def test_a_publisher_s_addresses_give_launch_links(tmp_path, repo):
    """A small book built with real addresses shows the repository button and both launches."""
    import shutil

    import nbformat

    from tests.conftest import build_book

    root = tmp_path / "book"
    (root / "book").mkdir(parents=True)
    config = yaml.safe_load((repo / "_config.yml").read_text(encoding="utf-8"))
    config["repository"]["url"] = "https://github.com/alder-creek/equity-course"
    config["html"]["use_repository_button"] = True
    config["launch_buttons"]["jupyterhub_url"] = "https://hub.alder-creek.org"
    config["launch_buttons"]["binderhub_url"] = "https://mybinder.org"
    config["execute"]["execute_notebooks"] = "off"
    (root / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    shutil.copy(repo / "references.bib", root / "references.bib")
    (root / "node_modules").symlink_to(repo / "node_modules")
    (root / "book" / "index.md").write_text("# Home\n", encoding="utf-8")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# A notebook"), nbformat.v4.new_code_cell("1")]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.metadata["language_info"] = {"name": "python"}
    nbformat.write(notebook, root / "book" / "nb.ipynb")
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/index\nchapters:\n  - file: book/nb\n", encoding="utf-8"
    )
    built = build_book(root, timeout=600)
    assert built.returncode == 0, built.output[-2000:]
    links = [
        url for tag, url in _parse(root / "_build/html/book/nb.html").links if tag == "<a href>"
    ]
    assert any(
        u.startswith("https://hub.alder-creek.org/hub/user-redirect/git-pull?") for u in links
    )
    assert any(u.startswith("https://mybinder.org/v2/gh/alder-creek/equity-course/") for u in links)
    assert "https://github.com/alder-creek/equity-course" in links
