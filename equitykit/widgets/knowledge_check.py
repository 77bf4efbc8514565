"""The knowledge check: multiple-choice questions whose feedback explains every option.

The questions come from the activity in ``module.yml``; the browser shows them, gives the
feedback and saves the learner's answers (``{answers: {<question id>: {option, at}}}``).
"""

from __future__ import annotations

from typing import Any

import traitlets

from equitykit.content.modules import Module
from equitykit.journal import Journal
from equitykit.widgets.base import StoredWidget, store_args

__all__ = ["KnowledgeCheck", "knowledge_check"]


class KnowledgeCheck(StoredWidget):
    """Multiple-choice questions; ``questions`` as in ``module.yml`` (options with ids)."""

    _stem = "knowledge_check"
    questions = traitlets.List().tag(sync=True)


def knowledge_check(
    module: Module, activity: Any, journal: Journal | None = None
) -> KnowledgeCheck:
    """Build the knowledge check of one activity.

    Parameters
    ----------
    module
        The loaded module.
    activity
        Its ``knowledge_check`` activity.
    journal
        Where answers are kept in JupyterLab; defaults to the learner's journal.

    Returns
    -------
    KnowledgeCheck
    """
    questions = [q.model_dump(mode="json") for q in activity.questions]
    return KnowledgeCheck(questions=questions, journal=journal, **store_args(module, activity))
