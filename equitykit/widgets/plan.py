"""The capstone plan: one box per plan section, prefilled with the learner's earlier work.

The sections come from the plan activity in the capstone's ``module.yml``; each names the
earlier work it draws on by key (``<module>/<activity id>``, or a single reflection prompt
``<module>/<activity id>/<prompt id>``). Python resolves each key to what the browser needs
(the label, and the activity's outline so the journal's text function can write it); the
browser reads the saved work and drafts each section. Saved as ``{sections: {<id>: text}}``.
"""

from __future__ import annotations

import re
from typing import Any

import traitlets

from equitykit.content.keys import item_key, legacy_keys
from equitykit.content.modules import Module, course_modules
from equitykit.content.outline import activity_outline
from equitykit.journal import Journal
from equitykit.widgets.base import StoredWidget

__all__ = ["SHARING_NOTE", "LeadershipPlan", "leadership_plan", "plan_sources"]

#: Printed at the end of every exported or printed plan.
SHARING_NOTE = (
    "Before you share this plan, read it as a stranger would: remove students' names and "
    "any number for a group small enough that a student could be recognised."
)


class LeadershipPlan(StoredWidget):
    """The plan's sections, each with its prompt, example and sources of earlier work."""

    _stem = "plan"
    sections = traitlets.List().tag(sync=True)
    sharing_note = traitlets.Unicode(SHARING_NOTE).tag(sync=True)


def _what(title: str) -> str:
    """``"Exercise: A coalition map of ..."`` -> ``"A coalition map of ..."``."""
    return re.sub(r"^\w+:\s*", "", title)


def plan_sources(section: Any, modules: dict[str, Module]) -> list[dict[str, Any]]:
    """Describe where each piece of a section's earlier work is saved, for the browser.

    Parameters
    ----------
    section
        A plan section of ``module.yml``.
    modules
        The course's modules by slug.

    Returns
    -------
    list of dict
        One per ``draws_on`` entry: ``key``, ``part`` (a prompt id or ``None``), ``label``,
        ``short`` and ``activity`` (its outline).
    """
    sources = []
    for source in section.draws_on:
        slug, activity_id, *rest = source.split("/")
        module = modules[slug]
        activity = module.activity(activity_id)
        part = rest[0] if rest else None
        if part is not None:
            prompt = next(p.prompt for p in activity.prompts if p.id == part)
            label, short = (
                f"{module.label}, your reflection: {prompt}",
                f"{module.title}, your reflection",
            )
        else:
            label = f"{module.label}, {_what(activity.title)}"
            short = f"{module.title}, {_what(activity.title).split(':')[0]}"
        sources.append(
            {
                "key": item_key(slug, activity_id),
                "part": part,
                "label": label,
                "short": short,
                "activity": activity_outline(module, activity),
            }
        )
    return sources


def leadership_plan(
    module: Module, activity: Any, journal: Journal | None = None
) -> LeadershipPlan:
    """Build the plan widget of the capstone's plan activity.

    Parameters
    ----------
    module
        The capstone module.
    activity
        Its ``plan`` activity.
    journal
        Where the plan and the earlier work are read from in JupyterLab.

    Returns
    -------
    LeadershipPlan
    """
    course = {m.slug: m for m in course_modules()}
    course[module.slug] = module
    sections = []
    for section in activity.sections:
        sections.append(
            {
                "id": section.id,
                "title": section.title,
                "prompt": section.prompt,
                "example": section.example,
                "sources": plan_sources(section, course),
            }
        )
    key = item_key(module.slug, activity.id)
    reads = [key, *sorted({s["key"] for sec in sections for s in sec["sources"]})]
    return LeadershipPlan(
        sections=sections,
        key=key,
        reads=reads,
        legacy=legacy_keys(course.values()),
        journal=journal,
    )
