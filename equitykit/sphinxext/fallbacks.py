"""Put each widget's static fallback on the page, for a browser that runs no JavaScript.

After each widget's view script, the page gets the widget's fallback from
:func:`equitykit.widgets.fallback.static_html` (its content as plain HTML and a sentence on
what the interactive version adds). The widget loader removes a fallback as soon as it has
drawn the widget, so readers with JavaScript never see both.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sphinx.application import Sphinx

from equitykit.widgets.fallback import static_html

_VIEW = re.compile(
    r'(<script type="application/vnd\.jupyter\.widget-view\+json">(\{.*?\})</script>)', re.S
)
_NAMED = "equitykit-widget:"


def _widget_states(app: Sphinx, pagename: str) -> dict[str, Any]:
    """Return the page's widget states; write them compactly (no spaces) into the page."""
    from myst_nb.core.render import sanitize_script_content
    from myst_nb.sphinx_ import NbMetadataCollector

    for _, kwargs in NbMetadataCollector.get_js_files(app.env, pagename).values():
        if kwargs.get("type") == "application/vnd.jupyter.widget-state+json":
            data = json.loads(kwargs["body"])
            # the same JSON without the spaces after , and : (a third of a data-heavy page)
            kwargs["body"] = sanitize_script_content(json.dumps(data, separators=(",", ":")))
            return data.get("state", {})
    return {}


def add_fallbacks(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """At ``html-page-context``: a fallback after every course widget's view script."""
    body = context.get("body")
    if not body or "widget-view+json" not in body:
        return
    states = _widget_states(app, pagename)

    def with_fallback(match: re.Match[str]) -> str:
        model = states.get(json.loads(match.group(2)).get("model_id"), {})
        state = model.get("state", {})
        esm = str(state.get("_esm", ""))
        if not esm.startswith(_NAMED):
            return match.group(1)
        return match.group(1) + static_html(esm[len(_NAMED) :], state)

    context["body"] = _VIEW.sub(with_fallback, body)


def setup(app: Sphinx) -> None:
    """Connect the handler (before myst-nb writes the widget state into the page)."""
    app.connect("html-page-context", add_fallbacks, priority=400)
