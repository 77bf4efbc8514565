"""The checklist: tick what is already true; for each gap, name who owns it and by when.

Saved as ``{checked: {<item id>: true}, gaps: {<item id>: {<field id>: value}}}``.
"""

from __future__ import annotations

from typing import Any

import traitlets

from equitykit.content.modules import Module
from equitykit.journal import Journal
from equitykit.widgets.base import StoredWidget, store_args

__all__ = ["Checklist", "checklist"]


class Checklist(StoredWidget):
    """Statements to tick (``items``) and the ``fields`` asked of each gap."""

    _stem = "checklist"
    intro = traitlets.Unicode("").tag(sync=True)
    items = traitlets.List().tag(sync=True)
    fields = traitlets.List().tag(sync=True)


def checklist(module: Module, activity: Any, journal: Journal | None = None) -> Checklist:
    """Build the checklist of one activity.

    Parameters
    ----------
    module
        The loaded module.
    activity
        Its ``checklist`` activity.
    journal
        Where the ticks and notes are kept in JupyterLab.

    Returns
    -------
    Checklist
    """
    return Checklist(
        intro=activity.intro,
        items=[i.model_dump(mode="json") for i in activity.items],
        fields=[f.model_dump(mode="json") for f in activity.fields],
        journal=journal,
        **store_args(module, activity),
    )
