"""The performance task: a decision on a scenario, scored by the learner against a rubric.

The learner writes a response, then scores it on each criterion (0 to 3); the model answer and
its scores open only after they have written something. The score rule is in
``js/lib/completion.js`` (the progress page and the LMS package use it too).
Saved as ``{text, scores: {<criterion id>: 0..3}, revealed}``.
"""

from __future__ import annotations

from typing import Any

import traitlets

from equitykit.content.modules import Module
from equitykit.journal import Journal
from equitykit.widgets.base import StoredWidget, store_args

__all__ = ["PerformanceTask", "performance_task"]


class PerformanceTask(StoredWidget):
    """A scenario, a prompt, the rubric and the model answer (``task``)."""

    _stem = "task"
    task = traitlets.Dict().tag(sync=True)


def performance_task(
    module: Module, activity: Any, journal: Journal | None = None
) -> PerformanceTask:
    """Build the performance task of one activity.

    Parameters
    ----------
    module
        The loaded module.
    activity
        Its ``task`` activity.
    journal
        Where the response and scores are kept in JupyterLab.

    Returns
    -------
    PerformanceTask
    """
    task = activity.model_dump(
        mode="json",
        include={"scenario", "prompt", "rubric", "pass_mark", "pass_note", "model_answer"},
    )
    task["model_scores"] = dict(activity.model_scores)
    task["model_note"] = activity.pass_note
    return PerformanceTask(task=task, journal=journal, **store_args(module, activity))
