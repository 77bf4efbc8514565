"""Slides for one row of a session, and the speaker notes that go with them.

Each function takes a row of a :class:`~equitykit.content.workshop_design.Session` and returns
``(slide, notes)`` pairs. A **slide** holds only what a room may see: titles, instructions,
prompts, the questions of a check. **Notes** hold what only the facilitator sees: answer keys,
the correct options, facilitator notes, the purpose. The two are kept apart from here to the
page, where they sit in separate blocks and the slide view never reads the notes.

Every text is plain: MyST roles and emphasis are removed here, and the browser writes text
with ``textContent`` only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from equitykit.content.facilitation import Facilitation
from equitykit.content.keys import item_key
from equitykit.content.workshop_design import SessionRow

__all__ = ["DeckContext", "Slide", "plain", "row_slides"]

_ROLE = re.compile(r"\{[a-z:]+\}`([^`]*)`")
_MARK = re.compile(r"(\*\*|__|\*|`)")

Slide = tuple[dict[str, Any], dict[str, Any]]


def plain(text: str) -> str:
    """Return ``text`` without MyST roles, emphasis or code marks, on one line."""
    text = _ROLE.sub(lambda m: m.group(1), str(text))
    return " ".join(_MARK.sub("", text).split())


@dataclass
class DeckContext:
    """What the slide builders need: the modules' guides, labels and the room's activities."""

    guides: dict[str, Facilitation]
    labels: dict[str, str]
    room: dict[str, dict[str, Any]] = field(default_factory=dict)
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)


def _key_notes(guide: Facilitation, ref: str) -> list[dict[str, Any]]:
    return [
        {
            "title": plain(k.title),
            "summary": plain(k.summary),
            "points": [plain(p) for p in k.points],
        }
        for k in guide.answer_keys
        if k.ref == ref
    ]


def _say(row: SessionRow) -> list[str]:
    return [plain(row.note)] if row.note else []


def _check_room(ctx: DeckContext, key: str, activity: Any) -> None:
    ctx.room[key] = {
        "kind": "check",
        "title": plain(activity.title),
        "questions": {
            q.id: {
                "text": plain(q.question),
                "options": [{"id": o.id, "text": plain(o.text)} for o in q.options],
            }
            for q in activity.questions
        },
    }
    ctx.answers[key] = {
        q.id: {
            "correct": next(o.id for o in q.options if o.correct),
            "why": plain(next(o.feedback for o in q.options if o.correct)),
        }
        for q in activity.questions
    }


def _sort_room(ctx: DeckContext, key: str, activity: Any) -> None:
    ctx.room[key] = {
        "kind": "sort",
        "title": plain(activity.title),
        "categories": list(activity.categories),
        "items": {i.id: plain(i.text) for i in activity.items},
    }
    ctx.answers[key] = {
        i.id: {"correct": i.answer, "why": plain(i.explanation)} for i in activity.items
    }


def _where(guide: Facilitation, activity: Any, label: str) -> str:
    page = "Reading" if activity.kind == "reading" else "Practice"
    return f"On your device: {label.split(':')[0]}, {page} page"


def _activity_slides(row: SessionRow, ctx: DeckContext, timer: dict[str, Any]) -> list[Slide]:
    guide = ctx.guides[row.module]
    activity = guide.module.activity(row.key)
    key = item_key(guide.slug, activity.id)
    slide: dict[str, Any] = {
        "kind": "activity",
        "title": plain(activity.title),
        "how": plain(row.note),
        "where": _where(guide, activity, ctx.labels[guide.slug]),
        "points": [plain(q) for q in activity.interpretation_questions],
        "timer": timer,
    }
    notes: dict[str, Any] = {"say": _say(row), "keys": _key_notes(guide, activity.id)}
    extra: list[Slide] = []
    if activity.widget == "knowledge_check":
        _check_room(ctx, key, activity)
        slide["lead"] = f"{len(activity.questions)} questions, each with feedback on every option."
        notes["answers"] = key
        results = {"kind": "results-check", "title": "The room's answers", "activity": key}
        extra.append(({**results, "room_only": True, "timer": timer}, {"answers": key}))
    elif activity.widget == "sorting":
        _sort_room(ctx, key, activity)
        slide["lead"] = "Sort each case: " + ", ".join(activity.categories) + "."
        notes["answers"] = key
        results = {"kind": "results-sort", "title": "How the room sorted", "activity": key}
        extra.append(({**results, "room_only": True, "timer": timer}, {"answers": key}))
    elif activity.widget == "reflection":
        slide["points"] = [plain(p.prompt) for p in activity.prompts]
        slide["lead"] = "Alone and in silence. Your reflections stay private unless you share one."
        prompts = {f"{key}/{p.id}": plain(p.prompt) for p in activity.prompts}
        for prompt_key, text in prompts.items():
            ctx.room[prompt_key] = {"kind": "reflection", "title": text}
        shared = {"kind": "shared", "title": "Shared with the room", "prompts": list(prompts)}
        extra.append(
            (
                {**shared, "room_only": True, "timer": timer},
                {"say": ["Show a text only when it helps the group; texts are anonymous."]},
            )
        )
    return [(slide, notes), *extra]


def _protocol_slides(row: SessionRow, ctx: DeckContext, timer: dict[str, Any]) -> list[Slide]:
    guide = ctx.guides[row.module]
    protocol = guide.protocol
    steps = [{"name": plain(s.name), "minutes": s.minutes} for s in protocol.steps]
    out: list[Slide] = [
        (
            {
                "kind": "protocol",
                "title": f"Discussion protocol: {plain(protocol.name)}",
                "lead": plain(protocol.purpose),
                "how": plain(row.note),
                "steps": steps,
                "timer": timer,
            },
            {"say": _say(row)},
        )
    ]
    for number, step in enumerate(protocol.steps, 1):
        step_timer = {
            "id": f"{timer['id']}-step{number}",
            "minutes": step.minutes,
            "label": plain(step.name),
        }
        out.append(
            (
                {
                    "kind": "step",
                    "title": plain(step.name),
                    "lead": f"Step {number} of {len(protocol.steps)} of {plain(protocol.name)}",
                    "points": [plain(step.what)],
                    "timer": step_timer,
                },
                {"say": [f"{step.minutes} minutes."]},
            )
        )
    prompt_keys = [k for p in protocol.prompts for k in _key_notes(guide, p["id"])]
    out.append(
        (
            {
                "kind": "prompts",
                "title": "Discussion questions",
                "points": [plain(p["text"]) for p in protocol.prompts],
                "timer": timer,
            },
            {"keys": prompt_keys},
        )
    )
    return out


def _module_opening(row: SessionRow, ctx: DeckContext, timer: dict[str, Any]) -> list[Slide]:
    guide = ctx.guides[row.module]
    objectives = [plain(o.text) for o in guide.module.objectives]
    return [
        (
            {
                "kind": "objectives",
                "title": "By the end of this session you will be able to",
                "points": objectives,
                "timer": timer,
            },
            {"say": _say(row), "tips": [plain(n) for n in guide.notes]},
        )
    ]


def _transition_slide(row: SessionRow, ctx: DeckContext, timer: dict[str, Any]) -> list[Slide]:
    guide = ctx.guides[row.module]
    return [
        (
            {
                "kind": "transition",
                "title": f"Next: {ctx.labels[guide.slug]}",
                "lead": "One idea to carry forward from the last module. Then, in this one:",
                "points": [plain(o.text) for o in guide.module.objectives],
                "timer": timer,
            },
            {
                "say": [f"Purpose of this module: {plain(guide.purpose)}"],
                "tips": [plain(n) for n in guide.notes],
            },
        )
    ]


def row_slides(row: SessionRow, ctx: DeckContext, timer: dict[str, Any]) -> list[Slide]:
    """Return the slides and notes for one row of a session.

    Parameters
    ----------
    row
        The row.
    ctx
        The deck's modules; the room's activities are added to it as they are met.
    timer
        The row's countdown: ``{"id", "minutes", "label"}``.
    """
    if row.kind == "activity":
        return _activity_slides(row, ctx, timer)
    if row.kind == "item" and row.key == "protocol":
        return _protocol_slides(row, ctx, timer)
    if row.kind == "transition":
        return _transition_slide(row, ctx, timer)
    if row.kind in ("break", "lunch"):
        slide = {"kind": "break", "title": row.title, "lead": "Back in", "timer": timer}
        return [(slide, {"say": ["Check the room's answers during the break, if a room is open."]})]
    if row.kind == "closing":
        slide = {"kind": "closing", "title": plain(row.title), "how": plain(row.note)}
        return [({**slide, "timer": timer}, {"say": ["Protect the closing: start it on time."]})]
    slide = {"kind": "item", "title": plain(row.title), "how": plain(row.note), "timer": timer}
    return [(slide, {"say": _say(row)})]


def opening_slides(row: SessionRow, ctx: DeckContext, timer: dict[str, Any]) -> list[Slide]:
    """Return a module's opening slides: the objectives (the deck adds norms and agenda)."""
    if row.module:
        return _module_opening(row, ctx, timer)
    return []
