"""Sphinx directives that generate workshop schedules and facilitator guides from metadata.

Schedules are never typed by hand. These directives read ``modules/<slug>/module.yml``,
``modules/<slug>/facilitation.yml`` and ``facilitator/workshops.yml`` (through
:mod:`equitykit.facilitation`, which checks that ids exist and minutes add up) and render
tables with start times:

.. code-block:: markdown

    ```{agenda} adaptive-work 90
    :start: 09:00
    ```

    ```{workshop} half-day
    :detail:
    ```

    ```{facilitation} adaptive-work answer-keys
    ```

``facilitation`` renders one part of a module's facilitation metadata (``purpose``,
``materials``, ``protocol``, ``notes``, ``answer-keys`` or ``knowledge-check-key``). The last
three are facilitator-only: they are allowed only on pages in the ``facilitator/`` folder, which
only the facilitator table of contents includes. ``worksheet`` renders a blank worksheet for a
handout from a module's exercise data (``{worksheet} adaptive-work sort_items``), with no answers,
and ``write-in`` renders a table with blank lines to write on
(``{write-in} Question | Your notes``).

Any problem (bad metadata, an unknown module, facilitator material on a learner page) is a Sphinx
warning at the directive's line, so the strict build (``-W``) fails.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from equitykit.course import CourseContentError, load_module
from equitykit.facilitation import (
    FACILITATION_FILE,
    AgendaRow,
    FacilitationError,
    format_clock,
    load_facilitation,
    load_workshops,
    module_label,
    parse_clock,
    schedule,
)

logger = logging.getLogger(__name__)

#: Pages under this folder may show facilitator-only material (notes, answer keys).
FACILITATOR_FOLDER = "facilitator/"
#: Parts of the facilitation metadata the ``facilitation`` directive can render.
PARTS = ("purpose", "materials", "protocol", "notes", "answer-keys", "knowledge-check-key")
#: Parts that only facilitator pages may show (a learner page that uses one fails the build).
FACILITATOR_ONLY = ("notes", "answer-keys", "knowledge-check-key")


def _writing_space(lines: int) -> nodes.line_block:
    """Return empty lines (a line block of blank lines): room to write on a printed handout."""
    block = nodes.line_block(classes=["ek-write-space"])
    for _ in range(max(lines, 1)):
        block += nodes.line("", "")
    return block


def _table(
    caption: str,
    headers: list[str],
    rows: list[list[nodes.Node | str | None]],
    *,
    widths: list[int] | None = None,
    lines: int = 2,
) -> nodes.table:
    """Build a table with a header row (``<th>``) and, if ``caption``, a ``<caption>``.

    A cell that is ``None`` is left blank with ``lines`` empty lines of room to write; ``widths``
    (relative numbers, one per column) fixes the column widths.
    """
    table = nodes.table(classes=["ek-schedule"])
    if caption:
        table += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(headers))
    table += group
    if widths:
        table["classes"].append("colwidths-given")
    for width in widths or [1] * len(headers):
        group += nodes.colspec(colwidth=width)
    thead = nodes.thead()
    group += thead
    head_row = nodes.row()
    for header in headers:
        head_row += nodes.entry("", nodes.paragraph(header, header))
    thead += head_row
    tbody = nodes.tbody()
    group += tbody
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            if cell is None:
                entry += _writing_space(lines)
            elif isinstance(cell, str):
                if cell:
                    entry += nodes.paragraph(cell, cell)
            else:
                entry += cell
            row += entry
        tbody += row
    return table


class _FacilitationDirective(SphinxDirective):
    """Shared helpers: where the book's metadata lives, and reporting problems."""

    @property
    def modules_dir(self) -> Path:
        return Path(self.env.srcdir) / "modules"

    @property
    def workshops_path(self) -> Path:
        return Path(self.env.srcdir) / "facilitator" / "workshops.yml"

    def depend_on_module(self, slug: str) -> None:
        """Rebuild this page when the module's metadata or landing page changes."""
        for path in (
            self.modules_dir / slug / FACILITATION_FILE,
            self.modules_dir / slug / "module.yml",
            self.modules_dir / f"{slug}.md",
        ):
            self.env.note_dependency(str(path))

    def fail(self, message: str) -> list[nodes.Node]:
        """Report a problem as a Sphinx warning at this directive (an error under ``-W``)."""
        logger.warning(
            f"{self.name}: {message}",
            location=self.get_location(),
            type="equitykit",
            subtype="facilitation",
        )
        return []

    def inline(self, text: str) -> nodes.paragraph:
        """Parse ``text`` as inline MyST (emphasis, code, citations) into a paragraph."""
        parsed, messages = self.parse_inline(" ".join(str(text).split()), lineno=self.lineno)
        para = nodes.paragraph()
        para += parsed
        para += messages
        return para

    def bullets(self, items, *, enumerated: bool = False) -> nodes.Element:
        """Return a bullet (or numbered) list of inline-parsed items."""
        listing = nodes.enumerated_list(enumtype="arabic") if enumerated else nodes.bullet_list()
        for item in items:
            listing += nodes.list_item("", self.inline(item))
        return listing


def _row_title(row: AgendaRow) -> str:
    return row.title if not row.from_module else f"{row.title} (`{row.key}`)"


class AgendaDirective(_FacilitationDirective):
    """``{agenda} <module slug> <60|90>``: a module's agenda with start times."""

    required_arguments = 2
    optional_arguments = 0
    has_content = False
    option_spec = {"start": directives.unchanged, "caption": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        """Render the agenda table, or warn when the metadata is invalid."""
        slug, length = self.arguments
        self.depend_on_module(slug)
        start = self.options.get("start")
        try:
            if start:
                parse_clock(start)
            guide = load_facilitation(slug, self.modules_dir)
            rows = guide.agenda(length)
        except FacilitationError as error:
            return self.fail(str(error))
        label = module_label(guide, self.modules_dir)
        caption = self.options.get("caption") or f"{int(length)}-minute agenda for {label}"
        body = []
        for begin, row in schedule(rows, start):
            how = self.inline(row.note) if row.note else ""
            body.append([begin, str(row.minutes), self.inline(_row_title(row)), how])
        return [_table(caption, ["Start", "Minutes", "Activity", "How it runs"], body)]


class WorkshopDirective(_FacilitationDirective):
    """``{workshop} <format>``: a workshop format from ``facilitator/workshops.yml``."""

    required_arguments = 1
    has_content = False
    option_spec = {"detail": directives.flag, "caption": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        """Render the workshop's schedule, or warn when the metadata is invalid."""
        format_id = self.arguments[0]
        self.env.note_dependency(str(self.workshops_path))
        try:
            workshops = load_workshops(self.workshops_path, self.modules_dir)
        except FacilitationError as error:
            return self.fail(str(error))
        if format_id not in workshops:
            return self.fail(
                f"no workshop format {format_id!r} in {self.workshops_path}; "
                f"known formats: {', '.join(workshops)}"
            )
        workshop = workshops[format_id]
        detail = "detail" in self.options
        body = []
        clock = parse_clock(workshop.start)
        for block in workshop.blocks:
            if block.slug:
                self.depend_on_module(block.slug)
            begin = format_clock(clock)
            if block.kind == "module":
                title = f"{block.title} ({block.agenda}-minute agenda)"
                # in detail, the module's own row spans its activities: show where it ends
                span = f"{begin} to {format_clock(clock + block.minutes)}" if detail else begin
                body.append([span, str(block.minutes), self.inline(f"**{title}**")])
                if detail:
                    for row_start, row in schedule(block.rows, begin):
                        body.append([row_start, str(row.minutes), self.inline(_row_title(row))])
            else:
                body.append([begin, str(block.minutes), self.inline(block.title)])
            clock += block.minutes
        end = format_clock(clock)
        hours, minutes = divmod(workshop.minutes, 60)
        length = f"{hours} h {minutes:02d} min" if minutes else f"{hours} h"
        caption = self.options.get("caption") or (
            f"{workshop.title}: {workshop.start} to {end}, {workshop.minutes} minutes ({length})"
        )
        return [_table(caption, ["Start", "Minutes", "Session"], body)]


class FacilitationDirective(_FacilitationDirective):
    """``{facilitation} <module slug> <part>``: one part of a module's facilitator guide."""

    required_arguments = 2
    has_content = False

    def run(self) -> list[nodes.Node]:
        """Render the part, or warn (outside facilitator pages, or on invalid metadata)."""
        slug, part = self.arguments
        if part not in PARTS:
            return self.fail(f"unknown part {part!r}; use one of: {', '.join(PARTS)}")
        if part in FACILITATOR_ONLY and not self.env.docname.startswith(FACILITATOR_FOLDER):
            return self.fail(
                f"facilitator material ({slug} {part}) may only appear on pages in "
                f"{FACILITATOR_FOLDER}, which the learner site does not include"
            )
        self.depend_on_module(slug)
        try:
            guide = load_facilitation(slug, self.modules_dir)
        except FacilitationError as error:
            return self.fail(str(error))
        render = getattr(self, "_" + part.replace("-", "_"))
        return render(guide)

    def _purpose(self, guide) -> list[nodes.Node]:
        return [self.inline(guide.purpose)]

    def _materials(self, guide) -> list[nodes.Node]:
        return [self.bullets(guide.materials)]

    def _notes(self, guide) -> list[nodes.Node]:
        return [self.bullets(guide.notes)]

    def _protocol(self, guide) -> list[nodes.Node]:
        protocol = guide.protocol
        intro = self.inline(f"**{protocol.name}** ({protocol.minutes} minutes). {protocol.purpose}")
        rows = [
            [str(number), step.name, str(step.minutes), self.inline(step.what)]
            for number, step in enumerate(protocol.steps, 1)
        ]
        steps = _table(
            f"Steps of the protocol: {protocol.name}",
            ["Step", "Name", "Minutes", "What happens"],
            rows,
        )
        prompts_intro = self.inline("Prompts the group discusses:")
        prompts = self.bullets(
            [f"({p['id']}) {p['text']}" for p in protocol.prompts], enumerated=True
        )
        return [intro, steps, prompts_intro, prompts]

    def _answer_keys(self, guide) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        listing = nodes.definition_list(classes=["ek-answer-keys"])
        for key in guide.answer_keys:
            item = nodes.definition_list_item()
            term = nodes.term()
            term += self.inline(f"{key.title} (`{key.ref}`)").children
            definition = nodes.definition()
            definition += self.inline(key.summary)
            definition += self.bullets(key.points)
            if key.module_key:
                definition += self._module_key(guide, key.module_key)
            item += term
            item += definition
            listing += item
        out.append(listing)
        return out

    def _module_key(self, guide, source: str) -> nodes.Node:
        data = guide.module.extra[source]
        if source == "sort_items":
            rows = [
                [self.inline(i["text"]), i["answer"], self.inline(i["explanation"])] for i in data
            ]
            return _table("Expert sort (from module.yml)", ["Challenge", "Answer", "Why"], rows)
        rubric = {r["level"]: r["label"] for r in data.get("rubric", [])}
        rows = [
            [
                self.inline(f"{e['id']}: {e['title']}"),
                f"{e['expert_rating']} ({rubric.get(e['expert_rating'], '')})",
                self.inline(e["rationale"]),
            ]
            for e in data.get("excerpts", [])
        ]
        return _table("Expert ratings (from module.yml)", ["Excerpt", "Rating", "Rationale"], rows)

    def _knowledge_check_key(self, guide) -> list[nodes.Node]:
        rows = [
            [item["id"], self.inline(item["question"]), self.inline(item["answer"])]
            for item in guide.knowledge_check_key()
        ]
        return [
            _table(
                "Knowledge check: the correct answers (from module.yml)",
                ["Question", "Asks", "Correct answer"],
                rows,
            )
        ]


#: ``module.yml`` keys a worksheet can be made from: (caption, first column, blank columns).
WORKSHEETS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "sort_items": (
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


class WorksheetDirective(_FacilitationDirective):
    """``{worksheet} <module slug> <source>``: a blank worksheet built from ``module.yml``.

    The rows come from the module's own exercise data (``sort_items``, ``policy_review`` or
    ``lens_review``), so a handout never drifts from the exercise, and the answer columns are
    left empty for writing. No answers or expert ratings are shown.
    """

    required_arguments = 2
    has_content = False

    def run(self) -> list[nodes.Node]:
        """Render the worksheet table, or warn when the module has no such exercise data."""
        slug, source = self.arguments
        self.depend_on_module(slug)
        if source not in WORKSHEETS:
            return self.fail(f"unknown worksheet {source!r}; use one of: {', '.join(WORKSHEETS)}")
        try:
            module = load_module(slug, self.modules_dir)
        except CourseContentError as error:
            return self.fail(str(error))
        if source not in module.extra:
            return self.fail(f"modules/{slug}/module.yml has no {source!r}")
        caption, first, blanks = WORKSHEETS[source]
        data = module.extra[source]
        rows: list[list[nodes.Node | str]] = []
        if source == "sort_items":
            labels = [item["text"] for item in data]
        elif source == "policy_review":
            labels = [f"{e['id']}, {e['title']}: {e['text']}" for e in data.get("excerpts", [])]
        else:
            labels = [
                f"{d['name']}: " + " ".join(d.get("questions", []))
                for d in data.get("departments", [])
            ]
        for number, label in enumerate(labels, 1):
            rows.append([self.inline(f"{number}. {label}"), *([None] * len(blanks))])
        out: list[nodes.Node] = []
        if source == "policy_review":
            # the commitments and the rubric the excerpts are rated against (no ratings)
            commitments = [[c["id"], self.inline(c["text"])] for c in data.get("commitments", [])]
            out.append(_table("The district's commitments", ["Id", "Commitment"], commitments))
            rubric = [
                [str(r["level"]), r["label"], self.inline(r["description"])]
                for r in data.get("rubric", [])
            ]
            out.append(_table("The rubric", ["Level", "Label", "What it means"], rubric))
        widths = [45] + [55 // len(blanks)] * len(blanks)
        out.append(_table(caption, [first, *blanks], rows, widths=widths, lines=3))
        return out


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
        return [_table(self.options.get("caption", ""), headers, rows, widths=widths, lines=lines)]


def setup(app: Sphinx) -> dict[str, object]:
    """Register the schedule, facilitator-guide and handout directives.

    Parameters
    ----------
    app
        The Sphinx application.

    Returns
    -------
    dict
        Extension metadata.
    """
    app.add_directive("agenda", AgendaDirective)
    app.add_directive("workshop", WorkshopDirective)
    app.add_directive("facilitation", FacilitationDirective)
    app.add_directive("worksheet", WorksheetDirective)
    app.add_directive("write-in", WriteInDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
