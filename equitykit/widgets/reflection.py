"""Reflections: private text boxes for an activity's prompts, saved for the learner only.

Saved as ``{texts: {<prompt id>: text}}``: in the browser on the published site, in the
learner's journal file in JupyterLab. Reflections are never scored.
"""

from __future__ import annotations

from typing import Any

import traitlets

from equitykit.content.modules import Module
from equitykit.journal import Journal
from equitykit.widgets.base import StoredWidget, store_args

__all__ = ["Reflection", "reflection"]


class Reflection(StoredWidget):
    """One box per prompt; ``prompts`` are ``{id, prompt}``."""

    _stem = "reflection"
    prompts = traitlets.List().tag(sync=True)


def reflection(module: Module, activity: Any, journal: Journal | None = None) -> Reflection:
    """Build the reflection boxes of one activity.

    Parameters
    ----------
    module
        The loaded module.
    activity
        Its ``reflection`` activity.
    journal
        Where the text is kept in JupyterLab; defaults to the learner's journal.

    Returns
    -------
    Reflection
    """
    prompts = [{"id": p.id, "prompt": p.prompt} for p in activity.prompts]
    return Reflection(prompts=prompts, journal=journal, **store_args(module, activity))
