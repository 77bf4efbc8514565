"""Scripts that need not block the first paint are loaded with ``defer``.

On a phone on a slow network every script in ``<head>`` without ``defer`` holds back the
page's first paint. Sphinx's ``doctools.js`` and ``sphinx_highlight.js`` only act once the
document is ready, so they are deferred here; ``documentation_options.js`` stays as it is,
because inline scripts in the page read it at once. The theme's search scripts (its search
index, on every page) are deferred by the kit's ``layout.html`` override. Deferred scripts run
in document order after parsing, so nothing that depends on another runs before it.

The options file itself (about 400 bytes) is written into each page after the build, so no
script file blocks the first paint at all.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from equitykit.sphinxext.css_bundle import built_pages

#: Sphinx's own scripts that wait for the document anyway.
DEFERRABLE = ("doctools.js", "sphinx_highlight.js")


def defer_scripts(scripts: list[Any]) -> list[Any]:
    """Return ``scripts`` with every deferrable one marked ``defer``.

    Parameters
    ----------
    scripts : list
        The page context's ``script_files`` (Sphinx ``_JavaScript`` objects or strings).

    Returns
    -------
    list
        The same scripts in the same order; the deferrable ones copied with ``defer``.
    """
    out = []
    for script in scripts:
        name = str(getattr(script, "filename", script)).split("?")[0]
        attributes = dict(getattr(script, "attributes", {}) or {})
        if name.endswith(DEFERRABLE) and "defer" not in attributes and "async" not in attributes:
            attributes["defer"] = "defer"
            script = type(script)(script.filename, priority=script.priority, **attributes)
        out.append(script)
    return out


def _on_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    # the search page runs Sphinx's search tools at once, and they need doctools.js first
    if "script_files" in context and pagename != "search":
        context["script_files"] = defer_scripts(context["script_files"])


_OPTIONS_TAG = re.compile(
    r'<script src="[^"]*_static/documentation_options\.js(?:\?[^"]*)?"></script>'
)


def inline_options(html: str, options: str) -> str:
    """Return a page with its ``documentation_options.js`` tag replaced by the file's text."""
    return _OPTIONS_TAG.sub(lambda _: f"<script>{options.strip()}</script>", html, count=1)


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    source = outdir / "_static" / "documentation_options.js"
    if not source.is_file():
        return
    options = source.read_text(encoding="utf-8")
    for page in built_pages(outdir):
        html = page.read_text(encoding="utf-8")
        inlined = inline_options(html, options)
        if inlined != html:
            page.write_text(inlined, encoding="utf-8")


def setup(app: Sphinx) -> None:
    """Connect the handlers (priority 900: after other extensions have added their scripts)."""
    app.connect("html-page-context", _on_page, priority=900)
    app.connect("build-finished", _on_build_finished, priority=900)
