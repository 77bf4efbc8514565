"""The base of every course widget.

Course widgets are anywidgets: their browser side is a small JavaScript module that
renders the controls and does the interaction from data computed in Python. That is
what lets the same widget work in JupyterLab (with a kernel) and on the published
static site (without one).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import anywidget

JS_DIR = Path(__file__).parent / "js"


@cache
def browser_module(name: str) -> str:
    """Return the JavaScript module of one widget, with the shared helpers prepended.

    Parameters
    ----------
    name
        The file name (without ``.js``) under ``equitykit/widgets/js``.

    Returns
    -------
    str
        The module source passed to anywidget as ``_esm``.
    """
    common = (JS_DIR / "common.js").read_text(encoding="utf-8")
    own = (JS_DIR / f"{name}.js").read_text(encoding="utf-8")
    return f"{common}\n{own}"


class CourseWidget(anywidget.AnyWidget):
    """Base class: shared styles for all course widgets."""

    _css = (JS_DIR / "widgets.css").read_text(encoding="utf-8")
