"""The capstone: a one-page equity leadership plan built from the learner's earlier work.

The six sections of the plan come from ``modules/capstone/module.yml`` (key
``plan_sections``): each has an ``id``, a ``title``, a ``prompt``, an ``example`` and
``draws_on``, the earlier reflections and activities it builds on::

    draws_on:
      module: build-a-coalition
      ids: [coalition-map, r1]

An id that names a reflection of that module is looked up as that reflection; any other
id is an activity, looked up as the module's saved items (``<module>/<kind>/<item id>``)
with that item id (a worksheet ``coaching-choice``, a plan note saved with that id).
When there is none, an item whose kind or item id starts the activity id, word by word,
counts (``coalition-map`` finds ``coalition/coalition``, ``partner-map`` finds
``coalition/partners``, ``lens-review`` finds ``worksheet/lens_review``, ``lattice-map``
finds ``worksheet/lattice``). Earlier work that cannot be found is marked as missing,
never invented.

Everything works on a *store* (see :mod:`equitykit.progress`): the journal's entries in
the browser's key shape. The plan widget's browser code resolves earlier work and writes
the Markdown with the same rules (``js/plan.js``, tested against this module in Node).
The plan itself is saved as plan items of the journal: one per section, with the item id
:data:`~equitykit.progress.CAPSTONE_ITEM_ID` and the section title as label.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from equitykit.course import CourseContentError, Module, load_module
from equitykit.progress import CAPSTONE_ITEM_ID, journal_store

__all__ = [
    "PLAN_MODULE",
    "SHARING_NOTE",
    "EarlierWork",
    "LeadershipPlan",
    "PlanSection",
    "build_plan",
    "draft_from_earlier",
    "earlier_work",
    "entry_text",
    "load_plan_sections",
    "plan_markdown",
    "save_plan",
    "section_sources",
]

#: The module that holds the plan sections.
PLAN_MODULE = "capstone"

#: Printed at the end of every exported or printed plan.
SHARING_NOTE = (
    "Before you share this plan, read it as a stranger would: remove students' names and "
    "any number for a group of fewer than 10 students."
)

#: Kinds of saved items that are never an activity's earlier work.
NOT_ACTIVITIES = ("check", "reflection", "sort")


@dataclass(frozen=True)
class PlanSection:
    """One section of the plan, as written in ``module.yml``.

    Attributes
    ----------
    id, title, prompt, example
        The section's text.
    draws_on_module
        The module whose earlier work the section builds on.
    draws_on
        Reflection and activity ids of that module.
    """

    id: str
    title: str
    prompt: str
    example: str
    draws_on_module: str
    draws_on: tuple[str, ...]


@dataclass(frozen=True)
class EarlierWork:
    """One piece of the learner's earlier work, found or missing.

    Attributes
    ----------
    label
        What it is, e.g. ``"Build a coalition, reflection r1: Who in your ..."``.
    text
        What the learner saved, or ``None`` when nothing was found.
    """

    label: str
    text: str | None
    short: str = ""

    @property
    def missing(self) -> bool:
        """Nothing was found for it."""
        return self.text is None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (the same as the browser computes)."""
        return {"label": self.label, "short": self.short, "text": self.text}


def load_plan_sections(
    module: Module | str = PLAN_MODULE, modules_dir: Path | None = None
) -> list[PlanSection]:
    """Read the plan sections of the capstone's ``module.yml``.

    Parameters
    ----------
    module
        The capstone module, loaded or by slug.
    modules_dir
        Where module folders live; defaults to the repository's ``modules/``.

    Returns
    -------
    list of PlanSection

    Raises
    ------
    CourseContentError
        When the module has no ``plan_sections`` or a section lacks a key.
    """
    content = module if isinstance(module, Module) else load_module(module, modules_dir)
    raw = content.extra.get("plan_sections")
    if not raw:
        raise CourseContentError(f"module {content.slug!r} has no plan_sections")
    sections = []
    for item in raw:
        missing = [k for k in ("id", "title", "prompt") if not item.get(k)]
        if missing:
            raise CourseContentError(
                f"plan section {item.get('id', '?')!r} lacks {', '.join(missing)}"
            )
        draws = item.get("draws_on") or {}
        sections.append(
            PlanSection(
                id=str(item["id"]),
                title=str(item["title"]),
                prompt=str(item["prompt"]),
                example=str(item.get("example", "")),
                draws_on_module=str(draws.get("module", "")),
                draws_on=tuple(str(i) for i in draws.get("ids", [])),
            )
        )
    return sections


def section_sources(section: PlanSection, modules_dir: Path | None = None) -> list[dict[str, Any]]:
    """Describe where to look for the earlier work a section draws on.

    Parameters
    ----------
    section
        A plan section.
    modules_dir
        Where module folders live.

    Returns
    -------
    list of dict
        One per id in ``draws_on``: ``module``, ``id``, ``kind`` (``"reflection"`` or
        ``"activity"``), ``label`` and ``short`` (a shorter label for drafts). The browser
        receives these as they are.
    """
    if not section.draws_on_module:
        return []
    try:
        module = load_module(section.draws_on_module, modules_dir)
    except CourseContentError:
        module = None
    title = module.title if module else section.draws_on_module
    reflections = {r["id"]: r["prompt"] for r in module.reflections} if module else {}
    activities = {a["id"]: a["title"] for a in module.activities} if module else {}
    sources = []
    for item_id in section.draws_on:
        if item_id in reflections:
            sources.append(
                {
                    "module": section.draws_on_module,
                    "id": item_id,
                    "kind": "reflection",
                    "label": f"{title}, reflection {item_id}: {reflections[item_id]}",
                    "short": f"{title}, reflection {item_id}",
                }
            )
        else:
            what = re.sub(r"^\w+:\s*", "", activities.get(item_id, item_id))  # "Exercise: "
            sources.append(
                {
                    "module": section.draws_on_module,
                    "id": item_id,
                    "kind": "activity",
                    "label": f"{title}, activity: {what}",
                    "short": f"{title}, {item_id.replace('-', ' ')}",
                }
            )
    return sources


def _rating_line(excerpt: str, rating: Any) -> str | None:
    """One policy-review rating as a line: a level, or ``{level, commitments, reason}``."""
    level, reason = (
        (rating.get("level"), rating.get("reason"))
        if isinstance(rating, Mapping)
        else (rating, None)
    )
    if isinstance(level, bool) or not isinstance(level, int | str):
        return None
    note = f" ({reason.strip()})" if isinstance(reason, str) and reason.strip() else ""
    return f"- {_spoken(excerpt)}: {level}{note}"


def entry_text(kind: str, value: Any) -> str | None:
    """Return the readable text of one saved item, or ``None`` when it has none.

    Parameters
    ----------
    kind
        The middle part of the store key: ``reflection``, ``plan``, ``coalition``,
        ``capacity``, ``worksheet``, ``policy_review``, ...
    value
        The saved value.

    Returns
    -------
    str or None
    """
    if not isinstance(value, Mapping):
        return None
    if kind == "coalition":
        people = [p for p in value.get("people") or [] if isinstance(p, Mapping)]
        if not people:
            return None
        lines = ["People on your map:"]
        for p in people:
            role = f" ({p['role']})" if p.get("role") else ""
            lines.append(
                f"- {p.get('name', '')}{role}: readiness {p.get('readiness')}, "
                f"influence {p.get('influence')}"
            )
        return "\n".join(lines)
    if kind == "capacity":
        initiatives = value.get("initiatives") or []
        assigned = value.get("assigned") or {}
        if not initiatives:
            return None
        lines = ["Who carries each initiative:"]
        for initiative in initiatives:
            people = assigned.get(initiative) or []
            lines.append(f"- {initiative}: {', '.join(people) if people else 'no one yet'}")
        return "\n".join(lines)
    if kind == "worksheet":
        answers = value.get("answers")
        lines = []
        for section, fields in answers.items() if isinstance(answers, Mapping) else []:
            for field, answer in fields.items() if isinstance(fields, Mapping) else []:
                if isinstance(answer, str) and answer.strip():
                    lines.append(f"- {_spoken(section)} ({_spoken(field)}): {answer.strip()}")
        return "\n".join(["Your worksheet answers:", *lines]) if lines else None
    if kind == "policy_review":
        ratings = value.get("ratings")
        lines = [
            line
            for excerpt, rating in (ratings.items() if isinstance(ratings, Mapping) else [])
            if (line := _rating_line(excerpt, rating))
        ]
        return "\n".join(["Your ratings of the policy excerpts:", *lines]) if lines else None
    text = value.get("text")
    if isinstance(text, str) and text.strip():
        return text.strip()
    return None


def _spoken(identifier: str) -> str:
    """``"route-change"`` -> ``"route change"``."""
    return re.sub(r"[-_]+", " ", str(identifier)).strip()


def _words(identifier: str) -> list[str]:
    """Words of an id, lower case, a plural ``s`` dropped: ``"partners"`` -> ``["partner"]``."""
    words = [w for w in re.split(r"[-_]+", identifier.lower()) if w]
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words]


def _starts_with(words: list[str], start: list[str]) -> bool:
    return bool(start) and words[: len(start)] == start


def _activity_keys(store: Mapping[str, Any], module: str, item_id: str) -> list[str]:
    """Store keys holding an activity's saved work (see the module docstring)."""
    candidates = [
        key
        for key in store
        if len(parts := key.split("/")) == 3
        and parts[0] == module
        and parts[1] not in NOT_ACTIVITIES
    ]
    exact = sorted(key for key in candidates if key.split("/")[2] == item_id)
    if exact:
        return exact
    wanted = _words(item_id)
    return sorted(
        key
        for key in candidates
        if (key.split("/")[1] != "plan" and _starts_with(wanted, _words(key.split("/")[1])))
        or _starts_with(wanted, _words(key.split("/")[2]))
    )


def earlier_work(
    sources: Sequence[Mapping[str, Any]], store: Mapping[str, Any]
) -> list[EarlierWork]:
    """Find the learner's earlier work for a section's sources.

    Parameters
    ----------
    sources
        From :func:`section_sources`.
    store
        Saved answers in the browser's key shape.

    Returns
    -------
    list of EarlierWork
        One per source, in order; ``text`` is ``None`` when nothing was found.
    """
    found = []
    for source in sources:
        module, item_id = source["module"], source["id"]
        if source["kind"] == "reflection":
            keys = [f"{module}/reflection/{item_id}"]
        else:
            keys = _activity_keys(store, module, item_id)
        texts = [
            text
            for key in keys
            if (text := entry_text(key.split("/")[1], store.get(key))) is not None
        ]
        text = "\n\n".join(texts) if texts else None
        found.append(EarlierWork(source["label"], text, source.get("short", source["label"])))
    return found


def draft_from_earlier(pieces: Sequence[EarlierWork | Mapping[str, Any]]) -> str:
    """Return a first draft of a section made of the earlier work that was found.

    Parameters
    ----------
    pieces
        From :func:`earlier_work`.

    Returns
    -------
    str
        For each piece found, ``"From <short label>:"``, a new line and its text;
        pieces are separated by blank lines. Empty when nothing was found.
    """
    parts = []
    for piece in pieces:
        data = piece.to_dict() if isinstance(piece, EarlierWork) else piece
        if data["text"] is not None:
            parts.append(f"From {data.get('short') or data['label']}:\n{data['text']}")
    return "\n\n".join(parts)


def plan_markdown(
    sections: Sequence[PlanSection | Mapping[str, Any]],
    texts: Mapping[str, str],
    written_on: str,
    author: str = "",
) -> str:
    """Return the one-page plan as Markdown.

    Parameters
    ----------
    sections
        The plan sections (objects or mappings with ``id`` and ``title``).
    texts
        Section id -> the learner's text.
    written_on
        The date to print, e.g. ``"2026-03-14"``.
    author
        A name to print under the title; optional.

    Returns
    -------
    str
        The plan; the browser builds exactly the same text.
    """
    lines = ["# My equity leadership plan", ""]
    byline = (
        f"Written by {author.strip()} on {written_on}."
        if author.strip()
        else (f"Written on {written_on}.")
    )
    lines += [byline, ""]
    for number, section in enumerate(sections, start=1):
        sid = section.id if isinstance(section, PlanSection) else section["id"]
        title = section.title if isinstance(section, PlanSection) else section["title"]
        text = (texts.get(sid) or "").strip()
        lines += [f"## {number}. {title}", "", text if text else "_Not written yet._", ""]
    lines += ["---", "", SHARING_NOTE, ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class LeadershipPlan:
    """A learner's plan: the sections, their earlier work and the learner's text.

    Attributes
    ----------
    sections
        The plan sections.
    earlier
        Section id -> the earlier work found (or missing) for it.
    texts
        Section id -> the plan text: what the learner saved, else a draft made of their
        earlier work.
    saved
        Section ids whose text the learner has saved (not just drafted).
    """

    sections: tuple[PlanSection, ...]
    earlier: Mapping[str, tuple[EarlierWork, ...]]
    texts: Mapping[str, str]
    saved: frozenset[str] = frozenset()

    def to_markdown(self, written_on: str | None = None, author: str = "") -> str:
        """Return the plan as Markdown (see :func:`plan_markdown`)."""
        day = written_on or datetime.now(UTC).strftime("%Y-%m-%d")
        return plan_markdown(self.sections, self.texts, day, author)

    def export_markdown(
        self, path: str | Path, written_on: str | None = None, author: str = ""
    ) -> Path:
        """Write the plan as a Markdown file and return its path."""
        target = Path(path).expanduser()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.to_markdown(written_on, author), encoding="utf-8")
        return target


def build_plan(
    journal: Any = None,
    *,
    store: Mapping[str, Any] | None = None,
    sections: Sequence[PlanSection] | None = None,
    module: str = PLAN_MODULE,
    modules_dir: Path | None = None,
) -> LeadershipPlan:
    """Build the learner's plan from their journal (or a store of saved answers).

    Parameters
    ----------
    journal
        The learner's :class:`~equitykit.journal.Journal`; ignored when ``store`` is given.
    store
        Saved answers in the browser's key shape, instead of a journal.
    sections
        The plan sections; defaults to :func:`load_plan_sections`.
    module
        The module holding the plan sections.
    modules_dir
        Where module folders live.

    Returns
    -------
    LeadershipPlan
    """
    sections = tuple(sections or load_plan_sections(module, modules_dir))
    if store is None:
        store = journal_store(journal, plan_module=module) if journal is not None else {}
    earlier: dict[str, tuple[EarlierWork, ...]] = {}
    texts: dict[str, str] = {}
    saved = set()
    for section in sections:
        pieces = tuple(earlier_work(section_sources(section, modules_dir), store))
        earlier[section.id] = pieces
        own = store.get(f"{module}/plan/{section.id}")
        if isinstance(own, Mapping) and isinstance(own.get("text"), str):
            texts[section.id] = own["text"]
            saved.add(section.id)
        else:
            texts[section.id] = draft_from_earlier(pieces)
    return LeadershipPlan(sections, earlier, texts, frozenset(saved))


def save_plan(journal: Any, sections: Sequence[PlanSection], texts: Mapping[str, str]) -> list[Any]:
    """Save each section's text as a plan item of the journal.

    Parameters
    ----------
    journal
        The learner's journal.
    sections
        The plan sections.
    texts
        Section id -> text; sections not in it are left as they are.

    Returns
    -------
    list
        The journal entries written.
    """
    return [
        journal.save_plan_item(s.id, CAPSTONE_ITEM_ID, texts[s.id], label=s.title)
        for s in sections
        if s.id in texts
    ]
