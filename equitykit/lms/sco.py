"""One module as one SCO: the data its launch page ships and the page itself.

The launch page (``lms/<slug>.html`` in a SCORM package) shows the module's pages of the
built site in a frame, under a bar with the module's pages, the connection status and a
"Save and finish" button. Its script (``lms/sco.js``, bundled from ``js/sco.js``) reads
the data below: the module's outline (the same one the progress page gets), the standard,
the passing score and where the site and the module's first page are.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from equitykit.content.modules import Module
from equitykit.content.outline import module_outline
from equitykit.lms.settings import COURSE_TITLE, PASSING_SCORE

__all__ = ["launch_page", "module_pages", "sco_data"]

_PAGE_NAMES = {"reading": "Reading", "practice": "Practice", "handout": "Handout"}


def module_pages(site: Path, slug: str) -> list[tuple[str, str]]:
    """Return a module's pages in the built site: ``(label, path from the site root)``.

    Parameters
    ----------
    site
        The built site (``_build/html``).
    slug
        The module's slug.

    Returns
    -------
    list of tuple
        The landing page first, then the module's other pages, then its handout.
    """
    pages = []
    if (site / "modules" / f"{slug}.html").is_file():
        pages.append(("Overview", f"modules/{slug}.html"))
    folder = site / "modules" / slug
    order = {"reading": 0, "practice": 2}
    for page in sorted(folder.glob("*.html"), key=lambda p: (order.get(p.stem, 1), p.stem)):
        name = _PAGE_NAMES.get(page.stem, page.stem.replace("-", " ").capitalize())
        pages.append((name, f"modules/{slug}/{page.name}"))
    if (site / "exercises" / slug / "handout.html").is_file():
        pages.append(("Handout", f"exercises/{slug}/handout.html"))
    return pages


def sco_data(module: Module, standard: str, start_page: str) -> dict[str, Any]:
    """Return what the launch page's script needs for one module.

    Parameters
    ----------
    module
        The module.
    standard
        ``"2004"`` or ``"1.2"``.
    start_page
        The module's first page, from the site root.

    Returns
    -------
    dict
        ``module`` (its outline: activities with keys and parts), ``standard``, ``passing``,
        ``site_root`` (from the launch page) and ``start_page``.
    """
    if standard not in ("2004", "1.2"):
        raise ValueError(f"unknown SCORM standard {standard!r}: use '2004' or '1.2'")
    return {
        "module": module_outline(module),
        "standard": standard,
        "passing": PASSING_SCORE,
        "site_root": "../",
        "start_page": start_page,
    }


def _script_json(data: dict[str, Any]) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def launch_page(
    module: Module,
    standard: str,
    pages: Sequence[tuple[str, str]],
    course_pages: Sequence[tuple[str, str]] = (),
) -> str:
    """Return the HTML of one module's launch page.

    Parameters
    ----------
    module
        The module.
    standard
        ``"2004"`` or ``"1.2"``.
    pages
        The module's pages (:func:`module_pages`); the first is where the module starts.
    course_pages
        Pages of the whole course linked from every module (progress, certificate).

    Returns
    -------
    str
        A complete HTML page.
    """
    if not pages:
        raise ValueError(f"module {module.slug!r} has no pages in the built site")
    data = sco_data(module, standard, pages[0][1])
    links = "\n".join(
        f'      <li><a href="../{html.escape(path)}" target="ek-sco-frame">'
        f"{html.escape(name)}</a></li>"
        for name, path in [*pages, *course_pages]
    )
    title = html.escape(module.label)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} ({html.escape(COURSE_TITLE)})</title>
  <link rel="stylesheet" href="sco.css">
</head>
<body>
  <header class="ek-sco-bar">
    <p class="ek-sco-title">{title}</p>
    <nav aria-label="Pages of this module">
      <ul>
{links}
      </ul>
    </nav>
    <p id="ek-sco-status" role="status">Connecting to your LMS...</p>
    <p id="ek-sco-note" class="ek-sco-note" aria-live="polite"></p>
    <button id="ek-sco-finish" type="button">Save and finish</button>
  </header>
  <main>
    <iframe id="ek-sco-frame" name="ek-sco-frame" title="{title}: course pages"></iframe>
  </main>
  <script type="application/json" id="ek-sco-data">{_script_json(data)}</script>
  <script src="sco.js"></script>
</body>
</html>
"""


#: The launch page's styles (plain, high contrast, the frame filling the rest of the window).
SCO_CSS = """\
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif;
  color: #1a1a1a; background: #fff; }
.ek-sco-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 1rem;
  padding: 0.4rem 0.8rem; border-bottom: 2px solid #1f4e79; background: #f3f6f9; }
.ek-sco-bar p { margin: 0; }
.ek-sco-title { font-weight: 700; }
.ek-sco-bar ul { display: flex; flex-wrap: wrap; gap: 0.75rem; list-style: none; margin: 0;
  padding: 0; }
.ek-sco-bar a { color: #1f4e79; }
.ek-sco-note:empty { display: none; }
.ek-sco-note { flex-basis: 100%; color: #7a3b00; }
#ek-sco-status { flex: 1 1 16rem; }
#ek-sco-finish { font: inherit; padding: 0.2rem 0.7rem; border: 2px solid #1f4e79;
  border-radius: 4px; background: #1f4e79; color: #fff; cursor: pointer; }
#ek-sco-finish:disabled { background: #5f6b76; border-color: #5f6b76; cursor: default; }
a:focus-visible, button:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
main { flex: 1; display: flex; }
iframe { flex: 1; width: 100%; border: 0; }
"""
