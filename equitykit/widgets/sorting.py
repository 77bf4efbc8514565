"""The sorting exercise: sort short cases into categories and read the course's reasoning.

Saved as ``{choices: {<item id>: category}}``.
"""

from __future__ import annotations

from typing import Any

import traitlets

from equitykit.content.modules import Module
from equitykit.journal import Journal
from equitykit.widgets.base import StoredWidget, store_args

__all__ = ["SortingExercise", "sorting_exercise"]


class SortingExercise(StoredWidget):
    """Cases (``items``: ``id, text, answer, explanation``) and the ``categories`` offered."""

    _stem = "sorting"
    items = traitlets.List().tag(sync=True)
    categories = traitlets.List().tag(sync=True)


def sorting_exercise(
    module: Module, activity: Any, journal: Journal | None = None
) -> SortingExercise:
    """Build the sorting exercise of one activity.

    Parameters
    ----------
    module
        The loaded module.
    activity
        Its ``sorting`` activity.
    journal
        Where the choices are kept in JupyterLab.

    Returns
    -------
    SortingExercise
    """
    return SortingExercise(
        items=[i.model_dump(mode="json") for i in activity.items],
        categories=list(activity.categories),
        journal=journal,
        **store_args(module, activity),
    )
