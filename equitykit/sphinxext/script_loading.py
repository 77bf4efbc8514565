"""Scripts that need not block the first paint are loaded with ``defer``.

On a phone on a slow network every script in ``<head>`` without ``defer`` holds back the
page's first paint. Sphinx's ``doctools.js`` and ``sphinx_highlight.js`` only act once the
document is ready, so they are deferred here; ``documentation_options.js`` stays as it is,
because inline scripts in the page read it at once. The theme's search scripts (its search
index, on every page) are deferred by the kit's ``layout.html`` override. Deferred scripts run
in document order after parsing, so nothing that depends on another runs before it.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

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
    if "script_files" in context:
        context["script_files"] = defer_scripts(context["script_files"])


def setup(app: Sphinx) -> None:
    """Connect the handler (priority 900: after other extensions have added their scripts)."""
    app.connect("html-page-context", _on_page, priority=900)
