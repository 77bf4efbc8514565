"""One stylesheet per page instead of ten: the theme's and the kit's CSS joined after the build.

A page of this book links about ten stylesheets (the theme's, Pygments', MyST-NB's, the
toggle and copy buttons', sphinx-design's and the kit's own). Each one blocks the first paint,
and on a phone's slow network each costs a round trip. After the build, this joins them, in the
order the pages link them, into ``_static/equitykit/site.css`` (relative ``url()``s rewritten so
fonts and images still resolve) and makes every page link that one file. The original files
stay in ``_static`` for anything else that names them. A stylesheet with a ``media`` attribute
(the print styles) is left as it is.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

BUNDLE = Path("_static") / "equitykit" / "site.css"
_LINK = re.compile(r"<link\b[^>]*>")
_HREF = re.compile(r'\bhref="([^"]+)"')
_URL = re.compile(r"""url\((['"]?)([^'")]+)\1\)""")
_IMPORT = re.compile(r"""@import\s+(?:url\()?['"]?([^'")\s;]+)['"]?\)?\s*;""")


def stylesheet_links(head: str) -> list[tuple[str, str]]:
    """Return ``(tag, href)`` for each bundleable stylesheet link in a page's ``<head>``."""
    found = []
    for tag in _LINK.findall(head):
        if 'rel="stylesheet"' not in tag or "media=" in tag:
            continue
        href = _HREF.search(tag)
        if href and not href.group(1).startswith(("http:", "https:", "//")):
            found.append((tag, href.group(1)))
    return found


def rebase_urls(css: str, source_dir: Path, bundle_dir: Path) -> str:
    """Rewrite relative ``url()``s of a stylesheet in ``source_dir`` for one in ``bundle_dir``."""

    def rebase(match: re.Match[str]) -> str:
        quote, url = match.groups()
        if url.startswith(("data:", "http:", "https:", "//", "/", "#")):
            return match.group(0)
        moved = os.path.relpath(source_dir / url.split("#")[0].split("?")[0], bundle_dir)
        suffix = url[len(url.split("#")[0].split("?")[0]) :]
        return f"url({quote}{Path(moved).as_posix()}{suffix}{quote})"

    return _URL.sub(rebase, css)


def inline_imports(css: str, source_dir: Path, bundle_dir: Path) -> str:
    """Rebase a stylesheet's URLs for the bundle, with its local ``@import``s inlined.

    An ``@import`` is only valid at the top of a stylesheet, so in a joined file it would be
    ignored; the imported file's text takes its place instead.
    """
    pieces: list[str] = []
    last = 0
    for match in _IMPORT.finditer(css):
        pieces.append(rebase_urls(css[last : match.start()], source_dir, bundle_dir))
        target = match.group(1)
        if target.startswith(("http:", "https:", "//", "data:")):
            pieces.append(match.group(0))
        else:
            path = (source_dir / target).resolve()
            text = path.read_text(encoding="utf-8")
            pieces.append(inline_imports(text, path.parent, bundle_dir))
        last = match.end()
    pieces.append(rebase_urls(css[last:], source_dir, bundle_dir))
    return "".join(pieces)


def built_pages(outdir: Path) -> list[Path]:
    """Every page the build wrote (the theme's template fragments under ``_static`` excluded)."""
    return [
        p for p in sorted(outdir.rglob("*.html")) if "_static" not in p.relative_to(outdir).parts
    ]


def _members(page: Path, outdir: Path) -> list[Path]:
    head = page.read_text(encoding="utf-8").split("</head>")[0]
    return [(page.parent / href.split("?")[0]).resolve() for _, href in stylesheet_links(head)]


def write_bundle(outdir: Path, members: list[Path]) -> Path:
    """Join ``members`` in order into the bundle; return its path."""
    bundle = outdir / BUNDLE
    parts = [f"/* {m.relative_to(outdir).as_posix()} */\n" for m in members]
    text = "\n".join(
        part + inline_imports(m.read_text(encoding="utf-8"), m.parent, bundle.parent)
        for part, m in zip(parts, members, strict=True)
    )
    bundle.parent.mkdir(parents=True, exist_ok=True)
    bundle.write_text(text, encoding="utf-8")
    return bundle


def relink_page(page: Path, outdir: Path, members: set[Path], bundle: Path) -> bool:
    """Replace a page's links to bundled stylesheets with one link to the bundle."""
    html = page.read_text(encoding="utf-8")
    head, sep, rest = html.partition("</head>")
    links = [
        (tag, href)
        for tag, href in stylesheet_links(head)
        if (page.parent / href.split("?")[0]).resolve() in members
    ]
    if not links or not sep:
        return False
    href = Path(os.path.relpath(bundle, page.parent)).as_posix()
    version = hashlib.sha256(bundle.read_bytes()).hexdigest()[:10]  # changes with the content
    first, *others = (tag for tag, _ in links)
    head = head.replace(first, f'<link rel="stylesheet" href="{href}?v={version}" />', 1)
    for tag in others:
        head = head.replace(tag, "", 1)
    page.write_text(head + sep + rest, encoding="utf-8")
    return True


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir).resolve()
    pages = built_pages(outdir)
    members: list[Path] = []
    for page in pages:  # the first page still linking the theme's own stylesheets
        members = [m for m in _members(page, outdir) if m.is_file() and m != outdir / BUNDLE]
        if len(members) > 1:
            break
    if len(members) < 2:  # nothing to join, or already joined by an earlier build
        return
    bundle = write_bundle(outdir, members)
    changed = sum(relink_page(p, outdir, set(members), bundle) for p in pages)
    logger.info(
        "equitykit: %d stylesheets joined into %s for %d pages", len(members), BUNDLE, changed
    )


def setup(app: Sphinx) -> None:
    """Join the stylesheets after every other post-build step (priority 900)."""
    app.connect("build-finished", _on_build_finished, priority=900)
