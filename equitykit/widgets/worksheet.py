"""Worksheets: sections of labelled text answers and choices, saved as the learner types.

Each section opens and closes, so a long worksheet such as the department-by-department
equity lens review stays readable. The lens review is a worksheet whose sections are built
here from the departments and lens questions in ``module.yml``.
Saved as ``{answers: {<section id>: {<field id>: answer}}}``.
"""

from __future__ import annotations

from typing import Any

import traitlets

from equitykit.content.modules import Module
from equitykit.journal import Journal
from equitykit.widgets.base import StoredWidget, store_args

__all__ = ["LENS_READINESS", "Worksheet", "lens_sections", "worksheet"]

#: How ready a department is to act, for the lens review.
LENS_READINESS: tuple[str, ...] = ("not yet", "starting", "routine")
LENS_TITLE = "Equity lens review"
LENS_INTRO = (
    "Open the departments you choose (at least two). Answer each question with what you "
    "know about Alder Creek or what you would need to find out."
)


class Worksheet(StoredWidget):
    """Sections of fields (``text`` or ``choice``), with an optional title and introduction."""

    _stem = "worksheet"
    title = traitlets.Unicode("").tag(sync=True)
    intro = traitlets.Unicode("").tag(sync=True)
    sections = traitlets.List().tag(sync=True)


def lens_sections(departments: list[Any]) -> list[dict[str, Any]]:
    """Build the lens review's sections: each lens question, a readiness choice, a change.

    Parameters
    ----------
    departments
        The activity's departments (``id``, ``name``, ``questions``).

    Returns
    -------
    list of dict
        Worksheet sections.
    """
    sections = []
    for department in departments:
        fields: list[dict[str, Any]] = [
            {"id": f"q{n}", "label": question, "kind": "text", "options": []}
            for n, question in enumerate(department.questions, start=1)
        ]
        fields += [
            {
                "id": "readiness",
                "label": f"How ready is {department.name} to act on these questions?",
                "kind": "choice",
                "options": list(LENS_READINESS),
            },
            {
                "id": "change",
                "label": (
                    "One change that would make the equity question part of the department's "
                    "routine: what, who owns it and when it is reviewed"
                ),
                "kind": "text",
                "options": [],
            },
        ]
        sections.append(
            {
                "id": department.id,
                "title": department.name,
                "intro": "",
                "open": False,
                "fields": fields,
            }
        )
    return sections


def worksheet(module: Module, activity: Any, journal: Journal | None = None) -> Worksheet:
    """Build the worksheet (or lens review) of one activity.

    Parameters
    ----------
    module
        The loaded module.
    activity
        Its ``worksheet`` or ``lens_review`` activity.
    journal
        Where the answers are kept in JupyterLab.

    Returns
    -------
    Worksheet
    """
    if activity.widget == "lens_review":
        title, intro, sections = LENS_TITLE, LENS_INTRO, lens_sections(activity.departments)
    elif activity.rows:
        title, intro = activity.worksheet_title, activity.intro
        fields = [f.model_dump(mode="json") for f in activity.row_fields]
        sections = [
            {"id": r.id, "title": r.label, "intro": "", "open": False, "fields": fields}
            for r in activity.rows
        ]
    else:
        title, intro = activity.worksheet_title, activity.intro
        sections = [s.model_dump(mode="json") for s in activity.sections]
    return Worksheet(
        title=title, intro=intro, sections=sections, journal=journal, **store_args(module, activity)
    )
