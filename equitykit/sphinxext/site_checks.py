"""Checks on the built website: it must load nothing from a third-party host.

A district site that pulls scripts, fonts or styles from a public CDN leaks every
visitor's address to that host and breaks when the network is closed. These checks
read the built HTML and CSS and report every reference to another host, except plain
hyperlinks in prose (a citation's link to a government page, say) whose host is on an
allow-list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

#: Tag attributes whose URL the browser fetches by itself.
LOADING_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "form": ("action",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}

#: XML namespace names are identifiers, not addresses the browser fetches.
NAMESPACE_PREFIXES: tuple[str, ...] = (
    "http://www.w3.org/",
    "https://www.w3.org/",
)

_URL = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?[^\s"'<>()\\]*""")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})


@dataclass(frozen=True)
class ExternalReference:
    """One reference from the built site to another host."""

    file: str
    url: str
    context: str

    def __str__(self) -> str:
        return f"{self.file}: {self.context} -> {self.url}"


def host_of(url: str) -> str:
    """Return the host of an absolute or protocol-relative URL, or ``""`` for a local path."""
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    return parts.hostname or "" if parts.scheme in ("http", "https") else ""


def is_external(url: str) -> bool:
    """Tell whether a URL points at a host other than this site (or the loopback)."""
    url = url.strip()
    host = host_of(url)
    return bool(host) and host not in LOCAL_HOSTS


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loaded: list[tuple[str, str]] = []
        self.anchors: list[str] = []
        self.style_blocks: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and "href" in values:
            self.anchors.append(values["href"].strip())
        for name in LOADING_ATTRIBUTES.get(tag, ()):
            if name in values:
                for candidate in values[name].split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.loaded.append((f"<{tag} {name}>", url))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.loaded.append(("<meta refresh>", values.get("content", "").split("url=")[-1]))
        if "style" in values:
            self.style_blocks.append(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style_blocks.append(data)


def css_references(css: str) -> list[str]:
    """Return every URL a stylesheet asks the browser to fetch (``url()`` and ``@import``)."""
    return [first or second for first, second in _CSS_URL.findall(css)]


def check_html(
    html: str, file: str = "<page>", allowed_link_hosts: frozenset[str] = frozenset()
) -> list[ExternalReference]:
    """Find every third-party reference in one HTML page.

    Parameters
    ----------
    html
        The page's source.
    file
        The page's name, used in the report.
    allowed_link_hosts
        Hosts that plain ``<a href>`` links in prose may point to.

    Returns
    -------
    list of ExternalReference
        Everything the page loads from another host, and every other mention of a URL
        whose host is not on the allow-list.
    """
    parser = _PageParser()
    parser.feed(html)
    problems = [
        ExternalReference(file, url, context) for context, url in parser.loaded if is_external(url)
    ]
    for block in parser.style_blocks:
        problems += [
            ExternalReference(file, url, "inline CSS")
            for url in css_references(block)
            if is_external(url)
        ]
    reported = {problem.url for problem in problems}
    # Any other mention (a hyperlink, a citation's tooltip, text) is fine only when its
    # host is on the allow-list; a script naming a CDN, say, is not.
    for match in _URL.finditer(html):
        url = match.group(0).rstrip(".,;")
        if not is_external(url) or url.startswith(NAMESPACE_PREFIXES) or url in reported:
            continue
        if host_of(url) in allowed_link_hosts:
            continue
        start = max(0, match.start() - 60)
        context = html[start : match.start()].replace("\n", " ").strip()[-60:]
        problems.append(ExternalReference(file, url, f"mentioned after '{context}'"))
        reported.add(url)
    return problems


def check_site(
    site_dir: Path, allowed_link_hosts: frozenset[str] = frozenset()
) -> list[ExternalReference]:
    """Check every HTML page and stylesheet of a built site.

    Parameters
    ----------
    site_dir
        The built site, e.g. ``_build/html``.
    allowed_link_hosts
        Hosts that plain hyperlinks in prose may point to.

    Returns
    -------
    list of ExternalReference
        All problems found; empty when the site is self-contained.
    """
    problems: list[ExternalReference] = []
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        problems += check_html(text, str(page.relative_to(site_dir)), allowed_link_hosts)
    for sheet in sorted(site_dir.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        problems += [
            ExternalReference(str(sheet.relative_to(site_dir)), url, "stylesheet")
            for url in css_references(text)
            if is_external(url)
        ]
    return problems


def read_allow_list(path: Path) -> frozenset[str]:
    """Read an allow-list file: one host per line; ``#`` starts a comment."""
    hosts = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        host = line.split("#", 1)[0].strip().lower()
        if host:
            hosts.add(host)
    return frozenset(hosts)
