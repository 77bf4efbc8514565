"""The policy review: rate policy excerpts against a district's commitments with a rubric.

For each excerpt the learner ticks the commitments it speaks to, chooses a rubric level,
writes a one-sentence reason and then compares with the expert's rating and rationale; a
summary lists where the two differ by two levels or more (the rule is in
``js/policy_review.js``). Saved as ``{ratings: {...}, compared: [...]}``.
"""

from __future__ import annotations

from typing import Any

import traitlets

from equitykit.content.modules import Module
from equitykit.journal import Journal
from equitykit.widgets.base import StoredWidget, store_args

__all__ = ["PolicyReview", "policy_review"]


class PolicyReview(StoredWidget):
    """Commitments, the rubric and the excerpts (with the expert's ratings)."""

    _stem = "policy_review"
    commitments = traitlets.List().tag(sync=True)
    rubric = traitlets.List().tag(sync=True)
    excerpts = traitlets.List().tag(sync=True)


def policy_review(module: Module, activity: Any, journal: Journal | None = None) -> PolicyReview:
    """Build the policy review of one activity.

    Parameters
    ----------
    module
        The loaded module.
    activity
        Its ``policy_review`` activity.
    journal
        Where the ratings are kept in JupyterLab.

    Returns
    -------
    PolicyReview
    """
    return PolicyReview(
        commitments=[c.model_dump(mode="json") for c in activity.commitments],
        rubric=[r.model_dump(mode="json") for r in activity.rubric],
        excerpts=[e.model_dump(mode="json") for e in activity.excerpts],
        journal=journal,
        **store_args(module, activity),
    )
