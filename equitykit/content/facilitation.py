"""Facilitation metadata kept with each module, and the workshop schedules built from it.

Each module folder may hold a ``facilitation.yml`` beside its ``module.yml``: the session's
purpose, materials, a discussion protocol (named steps with minutes), facilitator notes, answer
keys for the exercises and the discussion prompts, and two agendas, of 60 and 90 minutes. An
agenda is a list of activities: ids from ``module.yml`` (their minutes default to the module's
minutes) and workshop-only items such as ``opening``, ``protocol`` or ``closing``.

``facilitator/workshops.yml`` combines modules into longer formats (a half day, a full day),
each module in one of its agenda lengths, with breaks.

Schedules are never typed by hand: the Sphinx directives in
:mod:`equitykit.sphinxext.agenda` compute start times from this metadata, and the loaders here
refuse metadata whose minutes do not add up, whose activity ids do not exist in ``module.yml``
or whose answer keys are missing, with a message that names the file and the problem.

Examples
--------
>>> from equitykit.content.facilitation import load_facilitation, schedule
>>> guide = load_facilitation("adaptive-work")  # doctest: +SKIP
>>> [(start, row.title) for start, row in schedule(guide.agenda(60))]  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from equitykit.content.errors import FacilitationError
from equitykit.content.modules import (
    MODULES_DIR,
    CourseContentError,
    Module,
    load_module,
)

#: The file name of a module's facilitation metadata.
FACILITATION_FILE = "facilitation.yml"
#: Every module's facilitation metadata has one agenda of each of these lengths, in minutes.
AGENDA_LENGTHS = (60, 90)
#: Activity kinds that need an answer key in ``facilitation.yml`` (checks keep theirs in
#: ``module.yml``; reflections are private and have no key). A task's rubric and model answer
#: are in ``module.yml`` too; its key here is the facilitator's note on scoring it.
KEYED_KINDS = ("exercise", "discussion", "task")
#: Widgets whose activity in ``module.yml`` holds an expert answer (the course's sort, the
#: expert's ratings) that an answer key can show with ``expert_key: true``.
EXPERT_WIDGETS = ("sorting", "policy_review")
#: Workshop-only agenda items and their default titles (``protocol`` takes the protocol's name).
WORKSHOP_ITEMS: dict[str, str] = {
    "opening": "Opening: purpose of the session, norms and a short check-in",
    "recap": "Recap of the reading in pairs: one idea that stuck, one question",
    "protocol": "",
    "break": "Break",
    "closing": "Closing: one commitment each, and what comes next",
}
_REQUIRED = ("slug", "purpose", "materials", "protocol", "notes", "answer_keys", "agendas")


@dataclass(frozen=True)
class AgendaRow:
    """One line of an agenda.

    Attributes
    ----------
    key
        The ``module.yml`` activity id, or the workshop-only item's name.
    title
        What the line says in the schedule.
    minutes
        How long it runs.
    from_module
        ``True`` when ``key`` is an activity of ``module.yml``.
    note
        How the activity runs in a workshop (pairs, whole group, handout), or ``""``.
    """

    key: str
    title: str
    minutes: int
    from_module: bool
    note: str = ""


@dataclass(frozen=True)
class ProtocolStep:
    """A named step of a discussion protocol."""

    name: str
    minutes: int
    what: str


@dataclass(frozen=True)
class Protocol:
    """A discussion protocol: a name, why it is used, timed steps and the prompts it asks."""

    name: str
    purpose: str
    steps: tuple[ProtocolStep, ...]
    prompts: tuple[dict[str, str], ...]

    @property
    def minutes(self) -> int:
        """Total minutes of the protocol: the sum of its steps."""
        return sum(step.minutes for step in self.steps)


@dataclass(frozen=True)
class AnswerKey:
    """What a strong answer to an exercise or a discussion prompt includes.

    Attributes
    ----------
    ref
        The activity id (``module.yml``) or protocol prompt id it answers.
    title
        The activity's title or the prompt's text.
    summary
        One or two sentences a facilitator can say aloud.
    points
        What to listen for, one item each.
    module_key
        The ``module.yml`` key holding an expert answer to show with it, or ``""``.
    """

    ref: str
    title: str
    summary: str
    points: tuple[str, ...]
    module_key: str = ""


@dataclass(frozen=True)
class Facilitation:
    """A module's facilitation metadata, checked against its ``module.yml``."""

    slug: str
    module: Module
    purpose: str
    materials: tuple[str, ...]
    protocol: Protocol
    notes: tuple[str, ...]
    answer_keys: tuple[AnswerKey, ...]
    agendas: dict[int, tuple[AgendaRow, ...]] = field(default_factory=dict)

    def agenda(self, length: int | str) -> tuple[AgendaRow, ...]:
        """Return the agenda of this length (60 or 90 minutes).

        Parameters
        ----------
        length
            The agenda's length in minutes, as a number or a string.

        Returns
        -------
        tuple of AgendaRow
            The agenda's lines in order.

        Raises
        ------
        FacilitationError
            When the module has no agenda of that length.
        """
        try:
            return self.agendas[int(length)]
        except (KeyError, TypeError, ValueError):
            known = ", ".join(str(k) for k in sorted(self.agendas))
            raise FacilitationError(
                f"module {self.slug!r} has no {length}-minute agenda; it has: {known}"
            ) from None

    def knowledge_check_key(self) -> list[dict[str, str]]:
        """Return the knowledge check's key from ``module.yml``: question and correct answer."""
        rows = []
        for activity in self.module.activities_with("knowledge_check"):
            for question in activity.questions:
                correct = next(o for o in question.options if o.correct)
                rows.append(
                    {
                        "id": question.id,
                        "question": question.question,
                        "answer": correct.text,
                        "why": correct.feedback,
                    }
                )
        return rows


def _rows(items: list[dict[str, Any]], module: Module, protocol: Protocol) -> tuple[AgendaRow, ...]:
    activities = {a.id: a for a in module.activities}
    rows = []
    for item in items:
        note = str(item.get("note", "")).strip()
        if "activity" in item:
            activity = activities[item["activity"]]
            rows.append(
                AgendaRow(
                    key=activity.id,
                    title=str(item.get("title") or activity.title),
                    minutes=int(item.get("minutes", activity.minutes)),
                    from_module=True,
                    note=note,
                )
            )
        else:
            name = item["item"]
            title = item.get("title") or WORKSHOP_ITEMS.get(name) or ""
            if name == "protocol" and not item.get("title"):
                title = f"Discussion protocol: {protocol.name}"
            minutes = protocol.minutes if name == "protocol" else int(item["minutes"])
            rows.append(AgendaRow(name, str(title), int(minutes), False, note))
    return tuple(rows)


def parse_facilitation(
    data: Any, module: Module, *, source: str = FACILITATION_FILE
) -> Facilitation:
    """Check parsed facilitation metadata against its module and return it.

    Parameters
    ----------
    data
        The parsed ``facilitation.yml``.
    module
        The module's content.
    source
        How to name the file in error messages.

    Returns
    -------
    Facilitation
        The checked metadata.

    Raises
    ------
    FacilitationError
        Listing every problem found, each on its own line.
    """
    from equitykit.content.facilitation_checks import facilitation_errors

    errors = facilitation_errors(data, module)
    if errors:
        raise FacilitationError(f"{source}:\n  " + "\n  ".join(errors))
    raw = data["protocol"]
    protocol = Protocol(
        name=raw["name"],
        purpose=raw["purpose"],
        steps=tuple(ProtocolStep(s["name"], int(s["minutes"]), s["what"]) for s in raw["steps"]),
        prompts=tuple({"id": p["id"], "text": p["text"]} for p in raw["prompts"]),
    )
    titles = {a.id: a.title for a in module.activities}
    widgets = {a.id: a.widget for a in module.activities}
    titles.update({p["id"]: p["text"] for p in protocol.prompts})
    keys = tuple(
        AnswerKey(
            ref=(ref := key.get("activity") or key["prompt"]),
            title=titles[ref],
            summary=key["summary"],
            points=tuple(key["points"]),
            module_key=(widgets.get(ref) or "") if key.get("expert_key") else "",
        )
        for key in data["answer_keys"]
    )
    agendas = {
        int(length): _rows(items, module, protocol) for length, items in data["agendas"].items()
    }
    return Facilitation(
        slug=module.slug,
        module=module,
        purpose=data["purpose"],
        materials=tuple(data["materials"]),
        protocol=protocol,
        notes=tuple(data["notes"]),
        answer_keys=keys,
        agendas=dict(sorted(agendas.items())),
    )


def facilitation_path(slug: str, modules_dir: Path | None = None) -> Path:
    """Return the path of a module's ``facilitation.yml`` (which may not exist)."""
    return (modules_dir or MODULES_DIR) / slug / FACILITATION_FILE


def load_facilitation(slug: str, modules_dir: Path | None = None) -> Facilitation:
    """Load and check a module's ``facilitation.yml`` against its ``module.yml``.

    Parameters
    ----------
    slug
        The module's folder name under ``modules/``.
    modules_dir
        Where to look; defaults to the repository's ``modules/`` folder.

    Returns
    -------
    Facilitation
        The checked metadata.

    Raises
    ------
    FacilitationError
        When the file is missing, the module has no ``module.yml`` or the metadata is invalid.
    """
    path = facilitation_path(slug, modules_dir)
    if not path.is_file():
        raise FacilitationError(f"no facilitation metadata at {path}")
    try:
        module = load_module(slug, modules_dir)
    except CourseContentError as error:
        raise FacilitationError(f"{path}: its module content cannot be loaded: {error}") from None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise FacilitationError(f"{path}: not valid YAML: {error}") from None
    return parse_facilitation(data, module, source=str(path))


def facilitated_slugs(modules_dir: Path | None = None) -> list[str]:
    """Return the slugs of modules that have a ``facilitation.yml``, in name order."""
    base = modules_dir or MODULES_DIR
    return sorted(p.parent.name for p in base.glob(f"*/{FACILITATION_FILE}"))


# --- schedules -------------------------------------------------------------------------------
