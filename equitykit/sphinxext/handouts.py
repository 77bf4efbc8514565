"""Directives for printable handouts: blank worksheets from ``module.yml`` and write-in tables.

``worksheet`` renders a blank worksheet from an activity's own content
(``{worksheet} adaptive-work sort-challenges``), with no answers; ``write-in`` renders a
table with blank lines to write on (``{write-in} Question | Your notes``). Besides the sort,
the policy review and the lens review, a blank worksheet can be made from a worksheet
activity (its rows or sections), a checklist (its statements, with the fields asked of each
gap) and a performance task (its scenario, prompt and rubric, with room to score; the model
answer stays in the notebook).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from equitykit.content.modules import CourseContentError, load_module
from equitykit.sphinxext.directive_base import CourseDirective, logger, table

#: The widgets whose activity a blank handout worksheet can be made from: (caption, first
#: column, blank columns).
WORKSHEETS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "sorting": (
        "Sort the challenges",
        "Challenge",
        ("Technical, adaptive or both?", "Your reason"),
    ),
    "policy_review": (
        "Rate each excerpt against the commitments",
        "Excerpt",
        ("Commitment(s)", "Your rating (1-4)", "Words in the text that justify it"),
    ),
    "lens_review": (
        "Equity lens questions by department",
        "Department and its questions",
        ("What you would want to find out", "Who could answer"),
    ),
}


class WorksheetDirective(CourseDirective):
    """``{worksheet} <module slug> <activity id>``: a blank worksheet built from ``module.yml``.

    The rows come from the activity's own content (a sorting exercise, the policy review, the
    lens review, a worksheet, a checklist or a task's rubric), so a handout never drifts from
    the exercise, and the answer columns are left empty for writing. No answers, expert
    ratings or model answers are shown.
    """

    required_arguments = 2
    has_content = False

    def run(self) -> list[nodes.Node]:
        """Render the worksheet table, or warn when the activity cannot make one."""
        slug, activity_id = self.arguments
        self.depend_on_module(slug)
        try:
            activity = load_module(slug, self.modules_dir).activity(activity_id)
        except CourseContentError as error:
            return self.fail(str(error))
        if activity.widget in OWN_WORKSHEETS:
            return OWN_WORKSHEETS[activity.widget](self, activity)
        if activity.widget not in WORKSHEETS:
            kinds = ", ".join([*WORKSHEETS, *OWN_WORKSHEETS])
            return self.fail(
                f"activity {activity_id!r} of {slug!r} is not one of the kinds a handout "
                f"worksheet is made from ({kinds})"
            )
        caption, first, blanks = WORKSHEETS[activity.widget]
        if activity.widget == "sorting":
            labels = [item.text for item in activity.items]
        elif activity.widget == "policy_review":
            labels = [f"{e.id}, {e.title}: {e.text}" for e in activity.excerpts]
        else:
            labels = [f"{d.name}: " + " ".join(d.questions) for d in activity.departments]
        rows: list[list[nodes.Node | str]] = [
            [self.inline(f"{number}. {label}"), *([None] * len(blanks))]
            for number, label in enumerate(labels, 1)
        ]
        out: list[nodes.Node] = []
        if activity.widget == "policy_review":
            # the commitments and the rubric the excerpts are rated against (no ratings)
            commitments = [[c.id, self.inline(c.text)] for c in activity.commitments]
            out.append(table("The district's commitments", ["Id", "Commitment"], commitments))
            rubric = [[str(r.level), r.label, self.inline(r.description)] for r in activity.rubric]
            out.append(table("The rubric", ["Level", "Label", "What it means"], rubric))
        widths = [45] + [55 // len(blanks)] * len(blanks)
        out.append(table(caption, [first, *blanks], rows, widths=widths, lines=3))
        return out


#: A table worksheet with more fields than this gets one small table per row on paper.
WIDE_TABLE_FIELDS = 4


def _field_label(field: Any) -> str:
    """Return a field's label, with its choices when it is a choice field."""
    if field.kind == "choice":
        return f"{field.label} (one of: {'; '.join(field.options)})"
    return field.label


def worksheet_rows(directive: CourseDirective, activity: Any) -> list[nodes.Node]:
    """Render a worksheet activity on paper: its rows (or sections), fields left blank."""
    caption = activity.worksheet_title or activity.title
    out: list[nodes.Node] = [directive.inline(activity.intro)] if activity.intro else []
    if activity.rows and len(activity.row_fields) <= WIDE_TABLE_FIELDS:
        headers = ["Item", *[f.label for f in activity.row_fields]]
        rows = [
            [directive.inline(r.label), *([None] * len(activity.row_fields))] for r in activity.rows
        ]
        widths = [16] + [84 // len(activity.row_fields)] * len(activity.row_fields)
        out.append(table(caption, headers, rows, widths=widths, lines=3))
        choices = [f for f in activity.row_fields if f.kind == "choice"]
        if choices:
            out.append(directive.bullets([_field_label(f) for f in choices]))
        return out
    if activity.rows:
        # too many fields for one table across a page: one small table per row
        for number, item in enumerate(activity.rows, 1):
            fields = [[directive.inline(_field_label(f)), None] for f in activity.row_fields]
            title = f"{caption}, {number} of {len(activity.rows)}: {item.label}"
            out.append(table(title, ["Question", "Your answer"], fields, widths=[40, 60]))
        return out
    rows = [
        [directive.inline(f"{section.title}: {_field_label(field)}"), None]
        for section in activity.sections
        for field in section.fields
    ]
    out.append(table(caption, ["Question", "Your answer"], rows, widths=[40, 60], lines=3))
    return out


def checklist_rows(directive: CourseDirective, activity: Any) -> list[nodes.Node]:
    """Render a checklist on paper: each statement, a box to tick, the fields of a gap."""
    headers = ["Statement", "Already true? Tick", *[f.label for f in activity.fields]]
    rows = [
        [directive.inline(item.text), None, *([None] * len(activity.fields))]
        for item in activity.items
    ]
    widths = [52, 12] + [36 // max(len(activity.fields), 1)] * len(activity.fields)
    out: list[nodes.Node] = [directive.inline(activity.intro)] if activity.intro else []
    out.append(table(activity.title, headers, rows, widths=widths, lines=1))
    return out


def task_rows(directive: CourseDirective, activity: Any) -> list[nodes.Node]:
    """Render a task on paper: scenario, prompt, rubric, room to score (no model answer)."""
    out: list[nodes.Node] = [directive.inline(activity.scenario), directive.inline(activity.prompt)]
    out.append(table("Your response", ["Your response"], [[None]], lines=14))
    levels = [3, 2, 1, 0]
    rubric = [
        [directive.inline(f"**{c.criterion}**"), *[directive.inline(c.levels[n]) for n in levels]]
        for c in activity.rubric
    ]
    headers = ["Criterion", *[f"{n} points" for n in levels]]
    out.append(table("The rubric", headers, rubric, widths=[16, 21, 21, 21, 21]))
    scoring = [[c.criterion, None, None] for c in activity.rubric]
    out.append(
        table("Your scores", ["Criterion", "Score (0-3)", "Why"], scoring, widths=[30, 15, 55])
    )
    standard = activity.pass_note or f"{activity.pass_mark} points or more meets the standard."
    out.append(directive.inline(f"Total: out of {3 * len(activity.rubric)}. {standard}"))
    return out


#: The widgets whose blank handout worksheet is built from the activity's own structure.
OWN_WORKSHEETS: dict[str, Callable[[CourseDirective, Any], list[nodes.Node]]] = {
    "worksheet": worksheet_rows,
    "checklist": checklist_rows,
    "task": task_rows,
}


def _positive(value: str) -> int:
    number = directives.nonnegative_int(value)
    if number < 1:
        raise ValueError("must be at least 1")
    return number


class WriteInDirective(SphinxDirective):
    """``{write-in} Header | Header``: a table with blank lines to write on, for handouts.

    Each content line is a row; its cells are separated by `` | `` and fill the first columns,
    and the remaining columns are left blank with ``:lines:`` empty lines of room to write.
    ``:rows:`` adds fully blank rows. Example::

        ```{write-in} Question | Your notes
        :lines: 3
        What pattern do you see?
        What might explain it?
        ```
    """

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {
        "lines": _positive,
        "rows": directives.nonnegative_int,
        "widths": directives.positive_int_list,
        "caption": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        """Render the table, or warn when a row has more cells than there are headers."""
        headers = [h.strip() for h in self.arguments[0].split(" | ")]
        rows: list[list[nodes.Node | str | None]] = []
        for line in self.content:
            if not line.strip():
                continue
            cells = [c.strip() for c in line.split(" | ")]
            if len(cells) > len(headers):
                logger.warning(
                    f"write-in: the row {line.strip()!r} has {len(cells)} cells but there are "
                    f"only {len(headers)} columns",
                    location=self.get_location(),
                    type="equitykit",
                    subtype="facilitation",
                )
                return []
            parsed: list[nodes.Node | str | None] = []
            for cell in cells:
                inline, messages = self.parse_inline(cell, lineno=self.lineno)
                para = nodes.paragraph()
                para += inline
                para += messages
                parsed.append(para)
            rows.append(parsed + [None] * (len(headers) - len(cells)))
        rows += [[None] * len(headers) for _ in range(self.options.get("rows", 0))]
        widths = self.options.get("widths")
        if widths and len(widths) != len(headers):
            widths = None
        if not widths and len(headers) > 1 and rows and rows[0][0] is not None:
            filled = max(sum(c is not None for c in row) for row in rows)
            widths = [40 // filled] * filled + [60 // (len(headers) - filled or 1)] * (
                len(headers) - filled
            )
        lines = self.options.get("lines", 2)
        return [table(self.options.get("caption", ""), headers, rows, widths=widths, lines=lines)]


def setup(app: Sphinx) -> None:
    """Register the handout directives."""
    app.add_directive("worksheet", WorksheetDirective)
    app.add_directive("write-in", WriteInDirective)
