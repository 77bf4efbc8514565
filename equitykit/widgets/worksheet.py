"""A worksheet: sections of labelled text answers and labelled choices, saved as you type.

Each section opens and closes (``<details>``), so a long worksheet such as the
department-by-department equity lens review stays readable: the learner opens the
sections they choose. Answers stay in the browser on the static site (localStorage) and
are synced to Python in JupyterLab, where :meth:`Worksheet.to_markdown` turns them into
notes the learner can keep.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import traitlets

from equitykit.course import Module, load_module
from equitykit.widgets.base import CourseWidget, browser_module

#: How ready a department is to act, for the lens review.
READINESS: tuple[str, ...] = ("not yet", "starting", "routine")


def _check_sections(sections: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for section in sections:
        if section["id"] in seen:
            raise ValueError(f"section id {section['id']!r} appears twice")
        seen.add(section["id"])
        field_ids: set[str] = set()
        fields = []
        for field in section.get("fields", []):
            if field["id"] in field_ids:
                raise ValueError(f"field {field['id']!r} appears twice in {section['id']!r}")
            field_ids.add(field["id"])
            kind = field.get("kind", "text")
            if kind not in ("text", "choice"):
                raise ValueError(f"field kind must be 'text' or 'choice'; got {kind!r}")
            if kind == "choice" and not field.get("options"):
                raise ValueError(f"choice field {field['id']!r} needs options")
            fields.append({**field, "kind": kind})
        out.append({**section, "fields": fields})
    return out


def worksheet_markdown(
    title: str,
    sections: Sequence[Mapping[str, Any]],
    answers: Mapping[str, Mapping[str, str]],
) -> str:
    """Write a worksheet's answered sections as Markdown.

    The browser's "Show my answers as text" uses the same layout (``ekWorksheetMarkdown``
    in ``worksheet.js``; the tests check that both agree).

    Parameters
    ----------
    title
        The worksheet's title (a level-1 heading when given).
    sections
        The sections with their fields.
    answers
        Section id -> field id -> the learner's answer.

    Returns
    -------
    str
        One level-2 heading per section with at least one answer, then each field's label
        in bold and the answer (or "(no answer yet)").
    """
    lines: list[str] = [f"# {title}", ""] if title else []
    written = 0
    for section in sections:
        given = {k: str(v).strip() for k, v in (answers.get(section["id"]) or {}).items()}
        if not any(given.values()):
            continue
        written += 1
        lines += [f"## {section['title']}", ""]
        for field in section["fields"]:
            value = given.get(field["id"], "")
            lines += [f"**{field['label']}**", "", value or "(no answer yet)", ""]
    if not written:
        lines += ["(No answers yet.)", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


class Worksheet(CourseWidget):
    """Sections of labelled answers; each section collapsible.

    Attributes
    ----------
    module, worksheet_id
        Where the answers are saved (``equitykit/v1/<module>/worksheet/<id>``).
    title, intro
        Shown above the sections.
    sections
        Each ``{"id", "title", "intro" (optional), "open" (optional), "fields"}``; a field
        is ``{"id", "label", "kind": "text" | "choice", "options" (choice only)}``. A
        section starts open when it says so, when it is the only one or when it has
        answers; otherwise it starts closed.
    answers
        Section id -> field id -> answer.
    """

    _esm = browser_module("worksheet")
    module = traitlets.Unicode().tag(sync=True)
    worksheet_id = traitlets.Unicode("worksheet").tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)
    intro = traitlets.Unicode("").tag(sync=True)
    sections = traitlets.List().tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)

    def _field(self, section_id: str, field_id: str) -> dict[str, Any]:
        for section in self.sections:
            if section["id"] == section_id:
                for field in section["fields"]:
                    if field["id"] == field_id:
                        return field
                known = ", ".join(f["id"] for f in section["fields"])
                raise KeyError(f"section {section_id!r} has no field {field_id!r}; it has {known}")
        known = ", ".join(s["id"] for s in self.sections)
        raise KeyError(f"no section {section_id!r}; the sections are {known}")

    def answer(self, section_id: str, field_id: str, value: str) -> None:
        """Answer one field, as the learner does by typing or choosing.

        Parameters
        ----------
        section_id, field_id
            Which field, e.g. ``"transportation"``, ``"readiness"``.
        value
            The text, or for a choice one of its options (``""`` clears it).
        """
        field = self._field(section_id, field_id)
        text = str(value)
        if field["kind"] == "choice" and text and text not in field["options"]:
            raise ValueError(f"{text!r} is not one of {field['options']}")
        section = {**(self.answers.get(section_id) or {}), field_id: text}
        self.answers = {**self.answers, section_id: section}

    @property
    def answered_sections(self) -> list[str]:
        """The ids of the sections with at least one answer, in worksheet order."""
        return [
            s["id"]
            for s in self.sections
            if any(str(v).strip() for v in (self.answers.get(s["id"]) or {}).values())
        ]

    def to_markdown(self) -> str:
        """Return the answered sections as Markdown (see :func:`worksheet_markdown`)."""
        return worksheet_markdown(self.title, self.sections, self.answers)


def worksheet(
    module: Module | str,
    worksheet_id: str,
    sections: Sequence[Mapping[str, Any]],
    *,
    title: str = "",
    intro: str = "",
) -> Worksheet:
    """Build a worksheet.

    Parameters
    ----------
    module
        A loaded module or a module slug (where the answers are saved).
    worksheet_id
        Distinguishes several worksheets in one module.
    sections
        Each with ``id``, ``title``, an optional ``intro`` and ``fields``.
    title, intro
        Shown above the sections.

    Returns
    -------
    Worksheet
        The widget; ``answer`` fields and read ``to_markdown()``.
    """
    slug = module.slug if isinstance(module, Module) else module
    return Worksheet(
        module=slug,
        worksheet_id=worksheet_id,
        title=title,
        intro=intro,
        sections=_check_sections(sections),
    )


def lens_review(module: Module | str, key: str = "lens_review") -> Worksheet:
    """Build the department-by-department equity lens review from ``module.yml``.

    Every department is a section with one text answer per lens question, a readiness
    choice (:data:`READINESS`) and the one change that would make the question routine.

    Parameters
    ----------
    module
        A loaded module or a module slug, e.g. ``"focus-on-systems"``.
    key
        The key in ``module.yml`` holding ``departments``.

    Returns
    -------
    Worksheet
        The widget.
    """
    content = module if isinstance(module, Module) else load_module(module)
    review = content.extra.get(key) or {}
    departments = review.get("departments")
    if not departments:
        raise KeyError(f"module {content.slug!r} has no {key!r} departments")
    sections = []
    for department in departments:
        fields: list[dict[str, Any]] = [
            {"id": f"q{n}", "label": question, "kind": "text"}
            for n, question in enumerate(department["questions"], start=1)
        ]
        fields += [
            {
                "id": "readiness",
                "label": f"How ready is {department['name']} to act on these questions?",
                "kind": "choice",
                "options": list(READINESS),
            },
            {
                "id": "change",
                "label": (
                    "One change that would make the equity question part of the department's "
                    "routine: what, who owns it and when it is reviewed"
                ),
                "kind": "text",
            },
        ]
        sections.append({"id": department["id"], "title": department["name"], "fields": fields})
    return worksheet(
        content,
        key,
        sections,
        title="Equity lens review",
        intro=(
            "Open the departments you choose (at least two). Answer each question with what you "
            "know about Alder Creek or what you would need to find out."
        ),
    )
