"""Sphinx directives that generate workshop schedules and facilitator guides from metadata.

Schedules are never typed by hand. These directives read ``modules/<slug>/module.yml``,
``modules/<slug>/facilitation.yml`` and ``facilitator/workshops.yml`` (through
:mod:`equitykit.content.facilitation`, which checks that ids exist and minutes add up) and render
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
only the facilitator table of contents includes.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging

from equitykit.content.facilitation import (
    AgendaRow,
    FacilitationError,
    load_facilitation,
)
from equitykit.content.schedule import format_clock, parse_clock, schedule
from equitykit.content.workshops import load_workshops, module_label
from equitykit.sphinxext.directive_base import CourseDirective, table

logger = logging.getLogger(__name__)

#: Pages under this folder may show facilitator-only material (notes, answer keys).
FACILITATOR_FOLDER = "facilitator/"
#: Parts of the facilitation metadata the ``facilitation`` directive can render.
PARTS = ("purpose", "materials", "protocol", "notes", "answer-keys", "knowledge-check-key")
#: Parts that only facilitator pages may show (a learner page that uses one fails the build).
FACILITATOR_ONLY = ("notes", "answer-keys", "knowledge-check-key")


def _row_title(row: AgendaRow) -> str:
    from_module = getattr(row, "from_module", getattr(row, "kind", "") == "activity")
    return row.title if not from_module else f"{row.title} (`{row.key}`)"


class AgendaDirective(CourseDirective):
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
        return [table(caption, ["Start", "Minutes", "Activity", "How it runs"], body)]


def _length(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


class WorkshopDirective(CourseDirective):
    """``{workshop} <format>``: a designed workshop format from ``facilitator/workshops.yml``.

    A day is one table; a series one table per session. Without ``:detail:`` the rows of
    a module are one line; with it, each module's line spans its activities.
    """

    required_arguments = 1
    has_content = False
    option_spec = {"detail": directives.flag, "caption": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        """Render the workshop's sessions, or warn when the metadata is invalid."""
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
        labels = {}
        for session in workshop.sessions:
            for slug in session.modules:
                self.depend_on_module(slug)
                labels[slug] = module_label(load_facilitation(slug, self.modules_dir))
        out: list[nodes.Node] = []
        for session in workshop.sessions:
            caption = self.options.get("caption") if len(workshop.sessions) == 1 else None
            caption = caption or (
                f"{session.title}: {session.start} to {session.end}, "
                f"{session.minutes} minutes ({_length(session.minutes)})"
            )
            body = self._rows(session, labels, "detail" in self.options)
            out.append(table(caption, ["Start", "Minutes", "Session"], body))
        return out

    def _rows(self, session, labels: dict[str, str], detail: bool) -> list[list]:
        """Group a module's consecutive rows under one line with its label."""
        body: list[list] = []
        groups: list[tuple[str, list]] = []  # (slug or "", [(start, row), ...])
        for begin, row in session.schedule():
            slug = row.module if row.kind in ("activity", "item") else ""
            if slug and groups and groups[-1][0] == slug:
                groups[-1][1].append((begin, row))
            else:
                groups.append((slug, [(begin, row)]))
        seen: set[str] = set()
        for slug, rows in groups:
            if not slug:
                begin, row = rows[0]
                body.append([begin, str(row.minutes), self.inline(row.title)])
                continue
            minutes = sum(row.minutes for _, row in rows)
            begin = rows[0][0]
            end = format_clock(parse_clock(begin) + minutes)
            title = labels[slug] + (" (continued)" if slug in seen else "")
            seen.add(slug)
            span = f"{begin} to {end}" if detail else begin
            body.append([span, str(minutes), self.inline(f"**{title}**")])
            if detail:
                for row_start, row in rows:
                    text = _row_title(row) if row.kind == "activity" else row.title
                    body.append([row_start, str(row.minutes), self.inline(text)])
        return body


class FacilitationDirective(CourseDirective):
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
        steps = table(
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
                definition += self._module_key(guide, key)
            item += term
            item += definition
            listing += item
        out.append(listing)
        return out

    def _module_key(self, guide, key) -> nodes.Node:
        activity = guide.module.activity(key.ref)
        if activity.widget == "sorting":
            rows = [
                [self.inline(i.text), i.answer, self.inline(i.explanation)] for i in activity.items
            ]
            return table("Expert sort (from module.yml)", ["Challenge", "Answer", "Why"], rows)
        rubric = {r.level: r.label for r in activity.rubric}
        rows = [
            [
                self.inline(f"{e.id}: {e.title}"),
                f"{e.expert_rating} ({rubric.get(e.expert_rating, '')})",
                self.inline(e.rationale),
            ]
            for e in activity.excerpts
        ]
        return table("Expert ratings (from module.yml)", ["Excerpt", "Rating", "Rationale"], rows)

    def _knowledge_check_key(self, guide) -> list[nodes.Node]:
        rows = [
            [item["id"], self.inline(item["question"]), self.inline(item["answer"])]
            for item in guide.knowledge_check_key()
        ]
        return [
            table(
                "Knowledge check: the correct answers (from module.yml)",
                ["Question", "Asks", "Correct answer"],
                rows,
            )
        ]


def setup(app: Sphinx) -> dict[str, object]:
    """Register the schedule and facilitator-guide directives.

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
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
