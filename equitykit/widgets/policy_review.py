"""The policy review: rate policy excerpts against a district's commitments with a rubric.

For each excerpt the learner ticks the commitments it speaks to, chooses a rubric level,
writes a one-sentence reason and then compares with the expert's rating and rationale.
A summary lists where the learner and the expert differ by two levels or more. On the
static site the learner's work stays in the browser (localStorage); in JupyterLab it is
also synced to Python, where :meth:`PolicyReview.differences` gives the same summary.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import traitlets

from equitykit.course import Module, load_module
from equitykit.widgets.base import CourseWidget, browser_module

#: Learner and expert differ notably when their levels are this far apart.
NOTABLE_GAP = 2


def policy_differences(
    excerpts: Sequence[Mapping[str, Any]],
    ratings: Mapping[str, Mapping[str, Any]],
    *,
    compared: Iterable[str] | None = None,
    min_gap: int = NOTABLE_GAP,
) -> list[dict[str, Any]]:
    """List the excerpts where the learner's rating is ``min_gap`` or more from the expert's.

    The browser's summary uses the same rule (``ekPolicyDifferences`` in
    ``policy_review.js``; the tests check that both agree).

    Parameters
    ----------
    excerpts
        Excerpts with ``id``, ``title`` and ``expert_rating``.
    ratings
        The learner's ratings: excerpt id -> ``{"level", "commitments", "reason"}``.
    compared
        Only these excerpt ids (those whose expert view was opened); ``None``: all rated.
    min_gap
        The smallest difference in levels that is listed.

    Returns
    -------
    list of dict
        In excerpt order: ``id``, ``title``, ``yours``, ``expert`` and ``gap`` (the
        learner's level minus the expert's: positive when the learner rated higher).
    """
    allowed = None if compared is None else set(compared)
    out = []
    for excerpt in excerpts:
        rating = ratings.get(excerpt["id"]) or {}
        level = rating.get("level")
        if level is None or (allowed is not None and excerpt["id"] not in allowed):
            continue
        gap = int(level) - int(excerpt["expert_rating"])
        if abs(gap) >= min_gap:
            out.append(
                {
                    "id": excerpt["id"],
                    "title": excerpt["title"],
                    "yours": int(level),
                    "expert": int(excerpt["expert_rating"]),
                    "gap": gap,
                }
            )
    return out


class PolicyReview(CourseWidget):
    """Policy excerpts rated against commitments, with the expert's view to compare.

    Attributes
    ----------
    module, review_id
        Where the learner's work is saved (``equitykit/v1/<module>/policy_review/<id>``).
    commitments
        Each ``{"id", "text"}``.
    rubric
        Each ``{"level", "label", "description"}``.
    excerpts
        Each ``{"id", "title", "text", "expert_rating", "rationale", "aligned_with"}``.
    ratings
        The learner's work: excerpt id -> ``{"level", "commitments", "reason"}``.
    compared
        Excerpt ids whose expert view the learner has opened.
    """

    _esm = browser_module("policy_review")
    module = traitlets.Unicode().tag(sync=True)
    review_id = traitlets.Unicode("policy").tag(sync=True)
    commitments = traitlets.List().tag(sync=True)
    rubric = traitlets.List().tag(sync=True)
    excerpts = traitlets.List().tag(sync=True)
    ratings = traitlets.Dict().tag(sync=True)
    compared = traitlets.List(traitlets.Unicode()).tag(sync=True)

    def _excerpt(self, excerpt_id: str) -> dict[str, Any]:
        for excerpt in self.excerpts:
            if excerpt["id"] == excerpt_id:
                return excerpt
        known = ", ".join(e["id"] for e in self.excerpts)
        raise KeyError(f"no excerpt {excerpt_id!r}; the excerpts are {known}")

    def rate(
        self,
        excerpt_id: str,
        level: int,
        commitments: Sequence[str] = (),
        reason: str = "",
    ) -> None:
        """Rate one excerpt, as the learner does with the checkboxes, menu and text box.

        Parameters
        ----------
        excerpt_id
            The excerpt, e.g. ``"E1"``.
        level
            A rubric level, e.g. 1 to 4.
        commitments
            The ids of the commitments the excerpt speaks to.
        reason
            The learner's one-sentence reason.
        """
        self._excerpt(excerpt_id)
        levels = [int(r["level"]) for r in self.rubric]
        if int(level) not in levels:
            raise ValueError(f"level must be one of {levels}; got {level!r}")
        known = [c["id"] for c in self.commitments]
        unknown = [c for c in commitments if c not in known]
        if unknown:
            raise ValueError(f"unknown commitment(s) {unknown}; the commitments are {known}")
        chosen = [c for c in known if c in set(commitments)]
        entry = {"level": int(level), "commitments": chosen, "reason": reason.strip()}
        self.ratings = {**self.ratings, excerpt_id: entry}

    def compare(self, excerpt_id: str) -> dict[str, Any]:
        """Open the expert's view of one rated excerpt, as the Compare button does.

        Returns
        -------
        dict
            ``expert_rating``, ``expert_label``, ``rationale``, ``aligned_with``,
            ``yours`` and ``gap`` (yours minus the expert's).
        """
        excerpt = self._excerpt(excerpt_id)
        rating = self.ratings.get(excerpt_id)
        if not rating or rating.get("level") is None:
            raise ValueError(f"rate {excerpt_id} first, then compare with the expert")
        if excerpt_id not in self.compared:
            self.compared = [*self.compared, excerpt_id]
        labels = {int(r["level"]): r["label"] for r in self.rubric}
        expert = int(excerpt["expert_rating"])
        return {
            "expert_rating": expert,
            "expert_label": labels.get(expert, ""),
            "rationale": excerpt["rationale"],
            "aligned_with": list(excerpt.get("aligned_with", [])),
            "yours": int(rating["level"]),
            "gap": int(rating["level"]) - expert,
        }

    def differences(self, min_gap: int = NOTABLE_GAP) -> list[dict[str, Any]]:
        """Return every rated excerpt where learner and expert differ by ``min_gap`` or more.

        See :func:`policy_differences`; the browser lists only excerpts already compared.
        """
        return policy_differences(self.excerpts, self.ratings, min_gap=min_gap)


def policy_review(
    module: Module | str, key: str = "policy_review", *, review_id: str = "policy"
) -> PolicyReview:
    """Build the policy review of a module from its ``module.yml``.

    Parameters
    ----------
    module
        A loaded :class:`~equitykit.course.Module` or a module slug.
    key
        The key in ``module.yml`` holding ``commitments``, ``rubric`` and ``excerpts``.
    review_id
        Distinguishes several reviews in one module.

    Returns
    -------
    PolicyReview
        The widget; ``rate`` excerpts, ``compare`` them and read ``differences()``.
    """
    content = module if isinstance(module, Module) else load_module(module)
    review = content.extra.get(key)
    if not review:
        raise KeyError(f"module {content.slug!r} has no {key!r} content")
    for part in ("commitments", "rubric", "excerpts"):
        if not review.get(part):
            raise KeyError(f"{key!r} in module {content.slug!r} has no {part!r}")
    return PolicyReview(
        module=content.slug,
        review_id=review_id,
        commitments=[dict(c) for c in review["commitments"]],
        rubric=[dict(r) for r in review["rubric"]],
        excerpts=[dict(e) for e in review["excerpts"]],
    )
