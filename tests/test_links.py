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


def test_notebook_pages_offer_the_launch_options_set_in_config(built_site, repo):
    config = yaml.safe_load((repo / "_config.yml").read_text(encoding="utf-8"))
    launch = config.get("launch_buttons", {})
    repository = config.get("repository", {}).get("url", "")
    expected = []
    if launch.get("jupyterhub_url"):
        expected.append(launch["jupyterhub_url"].rstrip("/") + "/hub/user-redirect/git-pull?")
    if launch.get("binderhub_url"):
        owner_repo = urlsplit(repository).path.strip("/")
        expected.append(f"{launch['binderhub_url'].rstrip('/')}/v2/gh/{owner_repo}/")
    assert expected, "_config.yml sets no launch option"
    for page in _notebook_pages(built_site.site, repo):
        links = [url for tag, url in _parse(page).links if tag == "<a href>"]
        for prefix in expected:
            assert any(url.startswith(prefix) for url in links), (
                f"{page.name}: no launch link starting {prefix} (is `sphinx: recursive_update:"
                " true` set, so `sphinx.config.html_theme_options` does not replace them?)"
            )
