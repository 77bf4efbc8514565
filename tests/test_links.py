"""Every internal link and #anchor in the built site resolves (plain HTML, no browser)."""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

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
